#!/bin/sh
# An enrolled certificate on the screens: the browser's details name the
# CA, the next renewal and, after a failed renewal, the last error, as
# certwiz show does (both read the core's one table of fields).
. "${top_srcdir}/tests/tui/lib.sh"
. "${top_srcdir}/tests/acme/lib.sh"
trap 'tui_stop; stop_daemons; rm -rf "$work"' EXIT

start_pebble
run 0 "$CERTWIZ" account add --server "$acme_dir" --ca-bundle "$ca_bundle" \
  --agree-tos
make_dns_hook
cat >"$work/switch-hook" <<HOOK
#!/bin/sh
[ -e "$work/hook-fails" ] && { echo "the DNS provider is down" >&2; exit 5; }
exec "$work/dns-hook" "\$@"
HOOK
chmod 755 "$work/switch-hook"
run 0 "$CERTWIZ" enroll --san browse.example.com --key p256 \
  --challenge dns-01 --dns-hook "$work/switch-hook"
id=$(sed -n 's/^Thumbprint: *//p' "$work/out")
[ -n "$id" ] || { fail "enroll gave no thumbprint"; finish; }
run 0 "$CERTWIZ" show "$id"
next=$(sed -n 's/^Next renewal: *\([^,]*\),.*/\1/p' "$work/out")
[ -n "$next" ] || fail "show gives no next renewal"

tui_new "$CERTWIZ" browse
wait_for "1 of 1 certificate"
send Enter
wait_words "CA $acme_dir (account"
ok "the details name the CA and its account"
if ! poll_for "Next renewal" 1; then send PageDown; fi
wait_words "Next renewal $next, from its lifetime"
ok "the details give the next renewal, as show does"
expect_no_screen "Last error" "no error before a failure"
tui_stop

# A renewal that fails leaves its error in the details: the CA is gone
# (a failure no authorization kept by the CA can turn into a success).
stop_daemons
run 3 "$CERTWIZ" renew --force
tui_new "$CERTWIZ" browse
wait_for "1 of 1 certificate"
send Enter
if ! poll_for "Last error" 1; then send PageDown; fi
wait_words "Last error"
expect_words "[acme-" "the last error's code"
ok "the details give the last error"
send PageDown
wait_words "1 failed attempt, next try"
ok "with the attempts and the next try"
tui_stop

finish
