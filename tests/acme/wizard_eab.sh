#!/bin/sh
# A new account from the wizard at a CA that requires external account
# binding (pebble with externalAccountBindingRequired): the form asks for
# the key ID and the HMAC key once the CA says so, the key typed unseen;
# a wrong key gives the CA's refusal in plain words and keeps what was
# typed; the right one makes the account, bound, and the certificate.
. "${top_srcdir}/tests/tui/lib.sh"
. "${top_srcdir}/tests/acme/lib.sh"
trap 'tui_stop; stop_daemons; rm -rf "$work"' EXIT
: "${TUI_TIMEOUT:=20}"

eab_key=zWNDZM6eQGHWpSRTPal5eIUYFTu7EajVIoguysqZ9wG44nMEtx3MUAsUDkMTQ12W
wrong_key=c29tZXRoaW5nIGVsc2U
start_pebble pebble "" kid-1 "$eab_key"

run 0 "$CERTWIZ" request --subject CN=eab.example.com --key p256 \
  --out "$work/eab.req"
tui_new CERTWIZ_CA_BUNDLE="$ca_bundle" "$CERTWIZ" browse
wait_for "1 of 1"
send Enter
wait_for "pending"
send s
wait_for "Send the request to a CA"
expect_screen "< a new account >" "no account yet: a new one"
expect_no_screen "HMAC key" "no EAB fields before the CA asks"
send Tab
send C-u
type "$acme_dir"
send Tab Tab Right
wait_for "Listen on"
send Tab
type "127.0.0.1:$http_port"
send Enter
wait_for "The CA's terms of service"
send y
wait_for "HMAC key"
expect_screen "asks for an external account" "the CA's need is said"
# The key ID has the focus: typed, then the HMAC key, unseen.
type kid-1
send Tab
type "$wrong_key"
wait_for "*******************"
expect_no_screen "$wrong_key" "the HMAC key is never shown"
send Enter Enter Enter Enter
wait_for "The CA did not open the account"
box_text "The CA did not open the account" >"$work/box"
expect_in "$work/box" "did not take the key ID" "the refusal in plain words"
expect_in "$work/box" "external account binding" "with what the CA said"
expect_not_in "$work/box" "urn:ietf" "no raw problem type"
send Enter
wait_gone "The CA did not open the account"
expect_screen "Send the request to a CA" "the form stays"
expect_words "Key ID kid-1" "the key ID typed is kept"
expect_screen "*******************" "the HMAC key typed is kept"
[ ! -d "$CERTWIZ_STORE/accounts" ] || [ -z "$(ls "$CERTWIZ_STORE/accounts")" ] &&
  ok "no account kept for the wrong key" || fail "an account was kept"
# The right key, from its file this time.
printf '%s\n' "$eab_key" >"$work/eab.key"
chmod 600 "$work/eab.key"
send BTab BTab BTab
send C-u
send Tab
type "$work/eab.key"
send Enter Enter Enter
wait_for "The CA issued the certificate" 30
ok "the bound account made, the certificate issued"
send Enter
tui_stop
run 0 "$CERTWIZ" account list
expect_in "$work/out" "127.0.0.1-" "the new account is kept"
name=$(ls "$CERTWIZ_STORE/accounts")
run 0 "$CERTWIZ" account show "$name"
expect_in "$work/out" "Bound to:        kid-1" "the account is bound to kid-1"
run 0 "$CERTWIZ" list
expect_in "$work/out" "eab.example.com"
expect_not_in "$work/out" "pending" "the request became a certificate"
grep -rq "$eab_key" "$CERTWIZ_STORE" && fail "the HMAC key is in the store" ||
  ok "the HMAC key is kept nowhere"

finish
