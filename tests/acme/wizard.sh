#!/bin/sh
# A request sent to a real ACME CA (pebble) from the screens: from the
# browser's action and from the wizard's last step, with an account of
# the store and with a new one whose terms are agreed to in a dialog;
# the certificate comes back installed on the kept key.
. "${top_srcdir}/tests/tui/lib.sh"
. "${top_srcdir}/tests/acme/lib.sh"
trap 'tui_stop; stop_daemons; rm -rf "$work"' EXIT
: "${TUI_TIMEOUT:=20}"

start_pebble


# ------------------------------ an account of the store, from the browser
run 0 "$CERTWIZ" account add --server "$acme_dir" --ca-bundle "$ca_bundle" \
  --agree-tos
run 0 "$CERTWIZ" request --subject CN=wiz.example.com --key p256 \
  --out "$work/wiz.req"
rid=$(sed -n 's/^ID: *//p' "$work/out")
[ -n "$rid" ] || { fail "request gave no ID"; finish; }

tui_new "$CERTWIZ" browse
wait_for "1 of 1"
send Enter
wait_for "pending"
send s
wait_for "Send the request to a CA"
expect_screen "< 127.0.0.1-" "the store's account is offered first"
expect_screen "wiz.example.com" "the request is named"
send Tab
wait_for "certwiz on a"
send Right
wait_for "Listen on"
send Tab
type "127.0.0.1:$http_port"
send Enter
wait_for "The CA issued the certificate"
expect_words "Next renewal"
expect_words "Press u to put it to work"
ok "issued and installed, from the browser"
# Straight on to a service, as the workflow ends.
send u
wait_for "Use this certificate for"
ok "u goes on to putting it to work"
send Escape
wait_for "The CA issued the certificate"
send Enter
tui_stop
run 0 "$CERTWIZ" list
expect_in "$work/out" "wiz.example.com"
expect_not_in "$work/out" "pending" "the request became a certificate"
id=$(awk '/wiz.example.com/ { print $2; exit }' "$work/out")
run 0 "$CERTWIZ" show "$id"
expect_in "$work/out" "Key here:       yes" "on the key kept in the store"
expect_in "$work/out" "CA:             $acme_dir" "enrolled: renew will renew it"

# ------------- a new account from the wizard's last step, terms in a dialog
export CERTWIZ_STORE="$work/store2"
tui_new CERTWIZ_CA_BUNDLE="$ca_bundle" "$CERTWIZ"
wait_for "New certificate request"
send Enter
wait_for "Step 1 of 5: Subject"
send Tab
type US
send Tab Tab Tab
type "Contoso Corp"
send Tab Tab
type new.example.com
wait_for "15/64"
send Enter
wait_for "Step 2 of 5"
send Enter
wait_for "Step 3 of 5"
send Down Down
wait_for "(•) ECDSA P-256"
send Enter
wait_for "Step 4 of 5"
send Enter
wait_for "Step 5 of 5"
expect_screen "Or F5 to write it and send it to a CA now" "step 5 offers the CA"
send F5
wait_for "Send the request to a CA"
expect_screen "< a new account >" "no account yet: a new one"
send Tab
send C-u
type "$acme_dir"
send Tab
type ops@example.com
send Tab Right
wait_for "Listen on"
send Tab
type "127.0.0.1:$http_port"
send Enter
wait_for "The CA's terms of service"
expect_screen "Do you agree?"
send y
wait_for "The CA issued the certificate" 30
ok "a new account, its terms agreed, and the certificate issued"
send Enter
wait_for "New certificate request"
tui_stop
run 0 "$CERTWIZ" account list
expect_in "$work/out" "127.0.0.1-" "the new account is kept"
run 0 "$CERTWIZ" list
expect_in "$work/out" "new.example.com"
[ -n "$(ls "$work"/new.example.com*.req 2>/dev/null)" ] &&
  ok "the request file is written too" || fail "the request file was not written"

finish
