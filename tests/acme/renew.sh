#!/bin/sh
# Renewal without renewal information (Debian 12's pebble 2.4): at half
# the lifetime of a certificate that lives less than 10 days; a dry run
# changes nothing; a failure is counted, told to the failure hook and by
# mail, and waited out; a renewal has a new key unless asked, and the old
# certificate stays, marked replaced.
. "$top_srcdir/tests/cli/lib.sh"
. "$top_srcdir/tests/acme/lib.sh"

command -v curl >/dev/null 2>&1 || skip "curl is not installed"
start_pebble pebble 8
run 0 "$CERTWIZ" account add --server "$acme_dir" --ca-bundle "$ca_bundle" \
  --agree-tos --email ops@example.com
make_dns_hook
cat >"$work/switch-hook" <<HOOK
#!/bin/sh
[ -e "$work/hook-fails" ] && { echo "the DNS provider is down" >&2; exit 5; }
exec "$work/dns-hook" "\$@"
HOOK
chmod 755 "$work/switch-hook"
run 0 "$CERTWIZ" enroll --san renew.example.com --key p256 --challenge dns-01 \
  --dns-hook "$work/switch-hook"
old=$(sed -n 's/^Thumbprint: *//p' "$work/out")
cert="$CERTWIZ_STORE/certs/$old/cert.pem"

# Due at half of its 8 seconds.
nb=$(date -u -d "$("$OPENSSL" x509 -in "$cert" -noout -startdate | cut -d= -f2)" +%s)
na=$(date -u -d "$("$OPENSSL" x509 -in "$cert" -noout -enddate | cut -d= -f2)" +%s)
due=$(date -u -d "@$((nb + (na - nb) / 2))" +%Y-%m-%dT%H:%M:%SZ)
run 0 "$CERTWIZ" show "$old"
expect_in "$work/out" "CA:             $acme_dir (account " "show names the CA"
expect_in "$work/out" "Next renewal:   $due, from its lifetime" \
  "show gives the next renewal from the lifetime"
run 0 "$CERTWIZ" show "$old" --format json
expect_in "$work/out" "\"next_renewal\": \"$due\"" "and so does its JSON"
store_snapshot "$work/before"
run 0 "$CERTWIZ" renew --dry-run
if grep -q "due since" "$work/out"; then
  ok "already due (a slow machine)"
else
  expect_in "$work/out" "not due; renewal at $due" "due at half the lifetime"
fi
i=0
while [ $i -lt 150 ] && ! "$CERTWIZ" renew --dry-run | grep -q "due since $due"; do
  sleep 0.1; i=$((i + 1))
done
[ $i -lt 150 ] && ok "due at $due" || fail "never due"
store_snapshot "$work/after"
cmp -s "$work/before" "$work/after" && ok "dry runs changed nothing" || fail "a dry run changed the store"

# A failure: counted, told, waited out.
: >"$work/hook-fails"
cat >"$work/on-failure" <<HOOK
#!/bin/sh
env | grep '^CERTWIZ_\(CERT\|ERROR\)' | sort >"$work/failure.env"
HOOK
cat >"$work/sendmail" <<HOOK
#!/bin/sh
echo "\$*" >"$work/mail.args"
cat >"$work/mail.txt"
HOOK
chmod 755 "$work/on-failure" "$work/sendmail"
CERTWIZ_SENDMAIL="$work/sendmail" run 3 "$CERTWIZ" renew --on-failure "$work/on-failure"
expect_in "$work/out" "FAILED; next try after"
expect_in "$work/err" "acme-dns-hook"
expect_in "$work/failure.env" "CERTWIZ_CERT_ID=$old"
expect_in "$work/failure.env" "CERTWIZ_ERROR_CODE=acme-dns-hook"
expect_in "$work/failure.env" "CERTWIZ_ERROR_MESSAGE=The DNS hook"
expect_in "$work/mail.args" "-t -oi"
expect_in "$work/mail.txt" "To: ops@example.com"
expect_in "$work/mail.txt" "renew.example.com"
expect_in "$CERTWIZ_STORE/certs/$old/record" "acme-failures: 1"
expect_in "$CERTWIZ_STORE/certs/$old/record" "acme-last-error: acme-dns-hook"
run 0 "$CERTWIZ" show "$old"
expect_in "$work/out" "Last error:     The DNS hook" "show gives the last error"
expect_in "$work/out" "[acme-dns-hook]; 1 failed attempt, next try after" \
  "with its code and the next try"
run 3 "$CERTWIZ" renew
expect_in "$work/out" "failed 1 time(s) in a row; next try after" "backing off"
expect_eq "$(ls "$CERTWIZ_STORE/certs" | wc -l)" 1 "nothing renewed meanwhile"
expect_eq "$(ls "$CERTWIZ_STORE/pending" | wc -l)" 0 "no key left from the failure"

# Monitoring: the certificate is about to expire.
run 1 "$CERTWIZ" list --expiring 1
expect_in "$work/out" "${old%"${old#????????}"}"

# Fixed, forced: renewed with a new key; the old one kept, replaced.
rm -f "$work/hook-fails"
run 0 "$CERTWIZ" renew --force
new=$(sed -n 's/.*renewed, now \([0-9a-f]*\)$/\1/p' "$work/out")
[ -n "$new" ] && ok "renewed as $new" || fail "no renewal"
newdir=$(ls -d "$CERTWIZ_STORE/certs/$new"*)
[ "$(sha256sum <"$newdir/key.pem")" != "$(sha256sum <"$CERTWIZ_STORE/certs/$old/key.pem")" ] &&
  ok "a new key" || fail "the key was reused"
expect_in "$CERTWIZ_STORE/certs/$old/record" "acme-replaced-by: $(basename "$newdir")"
expect_in "$newdir/record" "acme-renews: $old"
expect_not_in "$newdir/record" "acme-replaces" "no replaces without ARI"
[ -f "$CERTWIZ_STORE/certs/$old/cert.pem" ] && ok "the old certificate is kept" || fail "old one gone"

# Monitoring: the old one is replaced, the new one counts.
run 1 "$CERTWIZ" list --expiring 1
expect_not_in "$work/out" "${old%"${old#????????}"}" "a replaced certificate is not reported"
expect_in "$work/out" "$new"
run 0 "$CERTWIZ" list --expiring 0

run 0 "$CERTWIZ" renew --force --reuse-key
newer=$(sed -n 's/.*renewed, now \([0-9a-f]*\)$/\1/p' "$work/out")
expect_eq "$(sha256sum <"$(ls -d "$CERTWIZ_STORE/certs/$newer"*)/key.pem")" \
  "$(sha256sum <"$newdir/key.pem")" "--reuse-key keeps the key"

exit $((failures > 0))
