#!/bin/sh
# dns-01 validated for real by pebble through challtestsrv's DNS: a hook
# that sets the records in its management API (run without a shell, its
# values as arguments and in the environment), a wildcard beside its base
# name, and records made "by hand" (--manual) that certwiz checks are
# served before telling the CA.
. "$top_srcdir/tests/cli/lib.sh"
. "$top_srcdir/tests/acme/lib.sh"

command -v curl >/dev/null 2>&1 || skip "curl is not installed"
# Two roots: the certificate comes with an alternate chain.  pebble
# also refuses a fifth of the nonces at random (badNonce), retried.
PEBBLE_ALTERNATE_ROOTS=1 PEBBLE_WFE_NONCEREJECT=20 start_pebble
run 0 "$CERTWIZ" account add --server "$acme_dir" --ca-bundle "$ca_bundle" --agree-tos
make_dns_hook

run 0 "$CERTWIZ" enroll --san "*.example.org,example.org" --challenge dns-01 \
  --dns-hook "$work/dns-hook" --key p384
expect_in "$work/out" "DNS:*.example.org"
expect_in "$work/out" "ECDSA P-384"
expect_eq "$(grep -c '^set _acme-challenge.example.org. ' "$work/dns-hook.log")" 2 \
  "two records for the wildcard and its base name"
expect_eq "$(grep -c '^clear ' "$work/dns-hook.log")" 2 "both cleared afterwards"
id=$(sed -n 's/^Thumbprint: *//p' "$work/out")
expect_in "$CERTWIZ_STORE/certs/$id/record" "acme-dns-hook: $work/dns-hook"
expect_in "$work/out" "1 other chain(s), kept beside it"
"$OPENSSL" x509 -in "$CERTWIZ_STORE/certs/$id/alternate-1.pem" -noout >/dev/null 2>&1 &&
  ok "the alternate chain is kept" || fail "no alternate chain"

# A hook that fails stops the order with its exit status named.
printf '#!/bin/sh\nexit 4\n' >"$work/bad-hook"
chmod 755 "$work/bad-hook"
store_snapshot "$work/before"
run 3 "$CERTWIZ" enroll --san fail.example.org --challenge dns-01 --dns-hook "$work/bad-hook"
expect_in "$work/err" "acme-dns-hook"
expect_in "$work/err" "status 4"
store_snapshot "$work/after"
cmp -s "$work/before" "$work/after" && ok "store unchanged" || fail "store changed"

# A hook is a program, never a shell command line.
run 3 "$CERTWIZ" enroll --san shell.example.org --challenge dns-01 \
  --dns-hook "$work/dns-hook;touch $work/pwned"
[ ! -e "$work/pwned" ] && ok "no shell ran the hook" || fail "a shell ran the hook"

# By hand: the record is shown; a helper creates it a moment later;
# certwiz sees it served by the server it is told to ask, then tells the
# CA.
dns="127.0.0.1:$dns_port"
( i=0
  while [ $i -lt 200 ] && ! grep -q ' TXT ' "$work/manual.out" 2>/dev/null; do
    sleep 0.1; i=$((i + 1)); done
  value=$(sed -n 's/.* TXT "\(.*\)"$/\1/p' "$work/manual.out")
  sleep 1
  curl -fsS -d "{\"host\": \"_acme-challenge.manual.example.org.\", \"value\": \"$value\"}" \
    "$mgmt/set-txt" ) &
helper=$!
"$CERTWIZ" enroll --san manual.example.org --challenge dns-01 --manual \
  --dns-server "$dns" >"$work/manual.out" 2>"$work/manual.err"
status=$?
wait $helper
expect_eq "$status" 0 "manual dns-01 enrolled"
expect_in "$work/manual.out" "_acme-challenge.manual.example.org. 300 IN TXT"
expect_in "$work/manual.out" "Installed the certificate from the CA"

exit $((failures > 0))
