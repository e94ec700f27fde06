#!/bin/sh
# Renewal driven by the CA's renewal information (RFC 9773) from Debian
# 13's pebble 2.6: the window is shown, a moment in it is kept, and the
# renewal order names the certificate it replaces (the certID certwiz
# sends is checked against one computed here with openssl).
. "$top_srcdir/tests/cli/lib.sh"
. "$top_srcdir/tests/acme/lib.sh"

command -v curl >/dev/null 2>&1 || skip "curl is not installed"
command -v pebble >/dev/null 2>&1 || skip "pebble is not installed"
bin=$(pebble26)
[ -n "$bin" ] || skip "Debian 13's pebble 2.6 cannot be had here: $(tail -1 "$work/fetch.log" 2>/dev/null)"
make_dns_hook

# A five-year certificate: the CA's window is years away.
start_pebble "$bin"
run 0 "$CERTWIZ" account add --server "$acme_dir" --ca-bundle "$ca_bundle" --agree-tos
run 0 "$CERTWIZ" account show
expect_in "$work/out" "offered (ARI)"
run 0 "$CERTWIZ" enroll --san ari.example.com --challenge dns-01 --dns-hook "$work/dns-hook"
run 0 "$CERTWIZ" renew
year=$(date -u +%Y)
window=$(sed -n "s/.*the CA's window: \([0-9]*\)-.*/\1/p" "$work/out")
[ -n "$window" ] && [ "$window" -gt "$year" ] && ok "not due: the CA's window is in $window" ||
  fail "no window from the CA: $(cat "$work/out")"
id=$(ls "$CERTWIZ_STORE/certs")
at=$(sed -n 's/^acme-renew-at: //p' "$CERTWIZ_STORE/certs/$id/record")
[ -n "$at" ] && ok "the moment picked is kept: $at" || fail "no moment kept"
run 0 "$CERTWIZ" renew
expect_in "$work/out" "renewal at $at" "the same moment next run"
run 0 "$CERTWIZ" show "$id"
expect_in "$work/out" "Next renewal:   $at, picked in the CA's window (" \
  "show gives the moment picked in the CA's window"
stop_daemons

# Short-lived: the window is here; the renewal replaces the old one.
export CERTWIZ_STORE="$work/store2"
start_pebble "$bin" 30
run 0 "$CERTWIZ" account add --server "$acme_dir" --ca-bundle "$ca_bundle" --agree-tos
run 0 "$CERTWIZ" enroll --san short.example.com --challenge dns-01 --dns-hook "$work/dns-hook"
old=$(sed -n 's/^Thumbprint: *//p' "$work/out")
run 0 "$CERTWIZ" renew --interval 48
expect_in "$work/out" "renewed, now"
expect_not_in "$work/out" "refused to link"
cert="$CERTWIZ_STORE/certs/$old/cert.pem"
certid=$("$OPENSSL" x509 -in "$cert" -noout -serial -ext authorityKeyIdentifier | python3 -c '
import base64, re, sys
text = sys.stdin.read()
serial = bytes.fromhex(re.search(r"serial=([0-9A-Fa-f]+)", text).group(1).rjust(2, "0"))
if serial[0] & 0x80: serial = b"\0" + serial
aki = bytes.fromhex(re.search(r"([0-9A-F]{2}(:[0-9A-F]{2})+)", text).group(1).replace(":", ""))
b = lambda d: base64.urlsafe_b64encode(d).decode().rstrip("=")
print(b(aki) + "." + b(serial))')
new=$(sed -n 's/.*renewed, now \([0-9a-f]*\)$/\1/p' "$work/out")
expect_in "$(ls -d "$CERTWIZ_STORE/certs/$new"*)/record" "acme-replaces: $certid" \
  "the order replaced $certid"
expect_in "$CERTWIZ_STORE/certs/$old/record" "acme-replaced-by:"

exit $((failures > 0))
