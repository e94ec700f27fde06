#!/bin/sh
# Killed mid-order (SIGKILL, from inside the DNS hook), the next run
# resumes the order recorded in the store, with the same key: never a
# second one.
. "$top_srcdir/tests/cli/lib.sh"
. "$top_srcdir/tests/acme/lib.sh"

command -v curl >/dev/null 2>&1 || skip "curl is not installed"
start_pebble
run 0 "$CERTWIZ" account add --server "$acme_dir" --ca-bundle "$ca_bundle" --agree-tos
make_dns_hook
# Kills certwiz (its parent: no shell stands between them) the first time.
cat >"$work/killer" <<HOOK
#!/bin/sh
if [ ! -e "$work/killed" ]; then : >"$work/killed"; kill -9 \$PPID; sleep 5; fi
exec "$work/dns-hook" "\$@"
HOOK
chmod 755 "$work/killer"

# A pending request made first: its key is the one certified.
run 0 "$CERTWIZ" request --subject "CN=resume.example.net" --key p256 --out "$work/r.req"
rid=$(sed -n 's/^ID: *//p' "$work/out")
keysum=$(sha256sum <"$CERTWIZ_STORE/pending/$rid/key.pem")
run 137 "$CERTWIZ" enroll "$rid" --challenge dns-01 --dns-hook "$work/killer"
order=$(sed -n 's/^acme-order: //p' "$CERTWIZ_STORE/pending/$rid/record")
[ -n "$order" ] && ok "the order is recorded in the pending entry" || fail "no order recorded"
run 0 "$CERTWIZ" enroll "$rid" --challenge dns-01 --dns-hook "$work/killer"
expect_in "$work/out" "Resumed the order $order"
id=$(sed -n 's/^Thumbprint: *//p' "$work/out")
expect_eq "$(sha256sum <"$CERTWIZ_STORE/certs/$id/key.pem")" "$keysum" "the same key"
expect_eq "$(ls "$CERTWIZ_STORE/pending" | wc -l)" 0 "nothing left pending"

# New names: the key is made only once the names are proven, so a run
# killed while proving them leaves no key behind; the rerun makes one.
rm -f "$work/killed"
run 137 "$CERTWIZ" enroll --san again.example.net --challenge dns-01 --dns-hook "$work/killer"
expect_eq "$(ls "$CERTWIZ_STORE/pending" | wc -l)" 0 "killed before any key was made"
run 0 "$CERTWIZ" enroll --san again.example.net --challenge dns-01 --dns-hook "$work/killer"
expect_eq "$(ls "$CERTWIZ_STORE/certs" | wc -l)" 2 "the rerun installed it"
expect_eq "$(ls "$CERTWIZ_STORE/pending" | wc -l)" 0 "no second key left pending"

exit $((failures > 0))
