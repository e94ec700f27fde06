#!/bin/sh
# Key choices: every --key type, --key-size, and the refusal of weak keys.
. "${top_srcdir}/tests/cli/lib.sh"

subject="C=US, O=Contoso Corp, CN=mail1.contoso.com"

for spec in "rsa2048:Public-Key: (2048 bit)" "p384:NIST CURVE: P-384" \
            "p256:NIST CURVE: P-256"; do
  key=${spec%%:*}
  run 0 "$CERTWIZ" request --key "$key" --out "$key.req" --subject "$subject"
  "$OPENSSL" req -in "$key.req" -noout -text >text
  expect_in text "${spec#*:}" "--key $key"
done

# Exchange users type -KeySize; certwiz takes it as RSA bits.
run 0 "$CERTWIZ" request --key-size 4096 --out big.req --subject "$subject"
"$OPENSSL" req -in big.req -noout -text >text
expect_in text "Public-Key: (4096 bit)" "--key-size 4096"

# The seed's own example asks for 1024 bits: it must not work.
before=$(ls "$CERTWIZ_STORE/pending" | wc -l)
run 1 "$CERTWIZ" request --key-size 1024 --out weak.req --subject "$subject"
expect_in "$work/err" "[key-too-small]" "1024-bit RSA refused"
expect_in "$work/err" "2048" "the refusal says what to use"
[ ! -e weak.req ] && ok "no request written" || fail "weak.req was written"
after=$(ls "$CERTWIZ_STORE/pending" | wc -l)
expect_eq "$after" "$before" "no key kept for a refused request"

run 1 "$CERTWIZ" request --key rsa1024 --out weak.req --subject "$subject"
expect_in "$work/err" "[key-unknown-type]" "unknown key type refused"
# The refusal and the help list the same key types, from one table.
"$CERTWIZ" request --help | sed -n 's/^  *\(rsa[0-9]*\|p[0-9]*\)  .*/\1/p' >types
expect_eq "$(tr '\n' ' ' <types)" "rsa2048 rsa3072 rsa4096 p256 p384 " \
  "request --help lists each key type"
for type in $(cat types); do
  expect_in "$work/err" "$type" "the refusal names $type"
done
run 1 "$CERTWIZ" request --key p256 --key-size 2048 --subject "$subject"
expect_in "$work/err" "[key-conflict]" "--key with --key-size refused"
run 1 "$CERTWIZ" request --key-size lots --subject "$subject"
expect_in "$work/err" "[key-size-not-number]" "non-numeric size refused"

# RSA keys are searched for on two processors at once; the first key
# found is kept and the other search is killed.
searches() {
  sed -n 's/.* keygen start searches=//p' "$1" | head -1
}
marker="certwiz_keys_test_$$"
# left: how many processes still carry this test's marker.
left() {
  grep -l "$marker" /proc/[0-9]*/environ 2>/dev/null | wc -l | tr -d ' '
}
# until_left N: waits up to five seconds for N such processes.
until_left() {
  waited=0
  while [ "$(left)" -ne "$1" ] && [ "$waited" -lt 50 ]; do
    sleep 0.1
    waited=$((waited + 1))
  done
}
processors=$(nproc 2>/dev/null || echo 1)
if [ "$processors" -ge 2 ]; then
  run 0 env CERTWIZ_TRACE="$work/race.trace" "$marker=1" "$CERTWIZ" request \
    --key rsa2048 --out race.req --subject "$subject"
  expect_eq "$(searches "$work/race.trace")" 2 "two RSA searches at once"
  expect_eq "$(left)" 0 "no search left running after the request"
  id=$(sed -n 's/^ID: *//p' "$work/out")
  "$OPENSSL" req -in race.req -noout -modulus >req.modulus
  "$OPENSSL" rsa -in "$CERTWIZ_STORE/pending/$id/key.pem" -noout -modulus \
    >key.modulus 2>/dev/null
  cmp -s req.modulus key.modulus &&
    ok "the key kept is the key of the request" ||
    fail "the kept key does not match the request"
  "$OPENSSL" rsa -in "$CERTWIZ_STORE/pending/$id/key.pem" -check -noout \
    >check.out 2>&1
  expect_in check.out "RSA key ok" "the key kept passes openssl's check"

  # Killed in the middle of a long search: its searches die with it.
  env "$marker=1" "$CERTWIZ" request --key-size 16384 --out long.req \
    --subject "$subject" >/dev/null 2>&1 &
  pid=$!
  until_left 3
  expect_eq "$(left)" 3 "certwiz and its two searches run"
  kill -KILL "$pid"
  wait "$pid" 2>/dev/null || true
  until_left 0
  expect_eq "$(left)" 0 "the searches die with certwiz"
  [ ! -e long.req ] && ok "nothing written by the killed request" ||
    fail "long.req written by a killed request"
fi
if command -v taskset >/dev/null 2>&1; then
  run 0 taskset -c 0 env CERTWIZ_TRACE="$work/one.trace" "$CERTWIZ" \
    request --key rsa2048 --out one.req --subject "$subject"
  expect_eq "$(searches "$work/one.trace")" 1 "one search on one processor"
fi
run 0 env CERTWIZ_TRACE="$work/ec.trace" "$CERTWIZ" request --key p256 \
  --out ec.req --subject "$subject"
expect_eq "$(searches "$work/ec.trace")" 1 "one search for an ECDSA key"

finish
