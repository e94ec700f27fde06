#!/bin/sh
# Bad CA answers, from a small HTTPS double (tests/acme/double.py):
# malformed JSON, a 5xx, a badNonce storm, an endless body, a huge body,
# a wrong content type, a redirect loop, and a problem document of each
# type.  Each gives a clear error with its stable code, and the store is
# as it was: same files, same contents.
. "$top_srcdir/tests/cli/lib.sh"
. "$top_srcdir/tests/acme/lib.sh"

command -v python3 >/dev/null 2>&1 || skip "python3 is not installed"
make_tls_cert
python3 "$top_srcdir/tests/acme/double.py" "$work/pebble/cert.pem" \
  "$work/pebble/key.pem" "$work/port" "$work/double.log" 2>"$work/double.err" &
pids="$pids $!"
i=0
while [ ! -s "$work/port" ] && [ $i -lt 100 ]; do sleep 0.05; i=$((i + 1)); done
port=$(cat "$work/port")
wait_port "$port" || { cat "$work/double.err" >&2; fail "the double did not start"; exit 1; }
ca="$work/pebble/ca.pem"
export CERTWIZ_ACME_TIMEOUT=3

# A store with something in it, to see that nothing changes.
run 0 "$CERTWIZ" request --subject "CN=kept.example.com" --key p256 --out "$work/k.req"
store_snapshot "$work/before"

# bad BEHAVIOUR CODE: account add against it fails with CODE.
bad() {
  run 3 "$CERTWIZ" account add --server "https://127.0.0.1:$port/$1/dir" \
    --ca-bundle "$ca" --agree-tos
  expect_in "$work/err" "[$2]" "$1: $2"
  store_snapshot "$work/after"
  cmp -s "$work/before" "$work/after" && ok "$1: store unchanged" ||
    { fail "$1: the store changed"; diff "$work/before" "$work/after" >&2; }
}

bad malformed-json acme-bad-json
bad server-error acme-server-error
bad wrong-type acme-bad-answer
bad redirect-loop acme-redirects
bad huge acme-too-big
bad not-directory acme-not-directory
bad account-ok-json acme-bad-json
started=$(date +%s)
bad endless acme-timeout
[ $(( $(date +%s) - started )) -lt 20 ] && ok "the endless body was cut off in time" ||
  fail "the endless body took too long"

before=$(grep -c 'POST /bad-nonce/account' "$work/double.log" || true)
bad bad-nonce acme-bad-nonce
tries=$(( $(grep -c 'POST /bad-nonce/account' "$work/double.log") - before ))
expect_eq "$tries" 6 "badNonce: retried 5 times, then given up"

for type in rateLimited rejectedIdentifier caa dns connection unauthorized \
            badCSR externalAccountRequired userActionRequired serverInternal \
            malformed incorrectResponse compound invalidContact \
            unsupportedIdentifier badPublicKey accountDoesNotExist \
            alreadyReplaced orderNotReady tls; do
  code=$(printf '%s' "$type" | sed 's/\([A-Z]\)/-\1/g' | tr 'A-Z' 'a-z')
  case $type in
    badCSR) code=bad-csr ;;
    tls) code=tls-challenge ;;
  esac
  bad "problem-$type" "acme-$code"
  expect_in "$work/err" "The CA said: \"the double refuses: \\x1b[31m$type\"" \
    "$type: the CA's words, made safe"
done
run 3 "$CERTWIZ" account add --server "https://127.0.0.1:$port/problem-rateLimited/dir" \
  --ca-bundle "$ca" --agree-tos
expect_in "$work/err" "Try again after" "rateLimited: when to try again"
run 3 "$CERTWIZ" account add --server "https://127.0.0.1:$port/problem-userActionRequired/dir" \
  --ca-bundle "$ca" --agree-tos
expect_in "$work/err" "Open https://127.0.0.1:$port/problem-userActionRequired/action-needed" \
  "userActionRequired: where to act"
run 3 "$CERTWIZ" account add --server "https://127.0.0.1:$port/problem-rejectedIdentifier/dir" \
  --ca-bundle "$ca" --agree-tos
expect_in "$work/err" "For bad.example:" "a subproblem names its identifier"
expect_in "$work/err" "For caa.example:" "each subproblem"

# Without the CA bundle the double is not trusted; plain HTTP elsewhere
# than this machine is refused before anything is sent.
run 3 "$CERTWIZ" account add --server "https://127.0.0.1:$port/ok/dir" --agree-tos
expect_in "$work/err" "[acme-tls]"
run 1 "$CERTWIZ" account add --server "http://ca.example/dir" --agree-tos
expect_in "$work/err" "[acme-server]"
store_snapshot "$work/after"
cmp -s "$work/before" "$work/after" && ok "store unchanged at the end" || fail "the store changed"

exit $((failures > 0))
