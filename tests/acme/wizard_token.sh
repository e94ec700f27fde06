#!/bin/sh
# A new account whose key is made on a token, from the wizard: with a
# SoftHSM2 token present, the form offers it for the account's key, asks
# its PIN without echo and makes the account as account add --key-uri
# does (against a real pebble); the certificate follows, every message
# to the CA signed on the token, and no account key file is written.
. "${top_srcdir}/tests/tui/lib.sh"
. "${top_srcdir}/tests/acme/lib.sh"
. "${top_srcdir}/tests/cli/softhsm.sh"
trap 'tui_stop; stop_daemons; rm -rf "$work"' EXIT
: "${TUI_TIMEOUT:=20}"

softhsm_token acme-wiz
start_pebble

run 0 "$CERTWIZ" request --subject CN=tok.example.com --key p256 \
  --out "$work/tok.req"
tui_new SOFTHSM2_CONF="$SOFTHSM2_CONF" CERTWIZ_CA_BUNDLE="$ca_bundle" \
  "$CERTWIZ" browse
wait_for "1 of 1"
send Enter
wait_for "pending"
send s
wait_for "Send the request to a CA"
expect_screen "< a new account >"
expect_screen "< a new key in the store >" "a token present: the choice is offered"
send Tab
send C-u
type "$acme_dir"
send Tab Tab Right
wait_for '< on the token "acme-wiz" >'
ok "the token is offered for the account's key"
send Tab Right
wait_for "Listen on"
send Tab
type "127.0.0.1:$http_port"
send Enter
wait_for "The token's PIN"
expect_screen 'on the token "acme-wiz"' "the PIN dialog names the token"
type 1234
wait_for "****"
expect_no_screen "1234" "the PIN is not echoed"
send Enter
wait_for "The CA's terms of service"
send y
wait_for "The CA issued the certificate" 30
ok "the account made on the token, the certificate issued"
send Enter
tui_stop

name=$(ls "$CERTWIZ_STORE/accounts")
acct="$CERTWIZ_STORE/accounts/$name"
[ -f "$acct/record" ] && [ ! -e "$acct/key.pem" ] &&
  ok "the account's key is on the token: no key file" ||
  fail "the account has a key file, or no record"
expect_in "$acct/record" "key-token: acme-wiz" "the record names the token"
expect_in "$acct/record" "key-uri: pkcs11:" "the record holds the key's URI"
expect_not_in "$acct/record" "1234" "no PIN in the record"
GNUTLS_PIN=1234 p11tool --login --list-all "$token" 2>/dev/null >"$work/objects"
expect_in "$work/objects" "certwiz ACME $name" "the key on the token is the account's"
run 0 "$CERTWIZ" list
expect_in "$work/out" "tok.example.com"
expect_not_in "$work/out" "pending" "the request became a certificate"

# Sent again with that account: its PIN is asked, and a wrong one is
# said plainly, the form kept.
run 0 "$CERTWIZ" request --subject CN=tok2.example.com --key p256 \
  --out "$work/tok2.req"
tui_new SOFTHSM2_CONF="$SOFTHSM2_CONF" "$CERTWIZ" browse
wait_for "tok2.example.com"
send End
send Enter
wait_for "pending"
send s
wait_for "Send the request to a CA"
expect_screen "< $name (" "the token's account is offered"
send Tab Right
wait_for "Listen on"
send Tab
type "127.0.0.1:$http_port"
send Enter
wait_for "The token's PIN"
type 9999
send Enter
wait_for "The certificate was not issued"
expect_screen "PIN" "a wrong PIN is said"
send Enter
wait_for "Send the request to a CA"
send Enter
wait_for "The token's PIN"
type 1234
send Enter
wait_for "The CA issued the certificate" 30
ok "the token's account signs the next order too"
send Enter
tui_stop
run 0 "$CERTWIZ" list
expect_in "$work/out" "tok2.example.com"
expect_not_in "$work/out" "pending" "both requests became certificates"

finish
