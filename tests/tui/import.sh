#!/bin/sh
# Import and back up in the wizard, on a real terminal: the CA's answer
# refused on "another machine" (a store without its key) with the words
# that explain it and the store untouched; the same answer installed
# where its key is; a backup written and checked; that backup restored
# into an empty store, after a wrong password.
. "${top_srcdir}/tests/tui/lib.sh"
. "${top_srcdir}/tests/cli/ca.sh"

ca_init
run 0 "$CERTWIZ" request --key p256 --out m.req --friendly-name "Contoso mail" \
  --subject "C=US, O=Contoso Corp, CN=mail1.contoso.com" \
  --san "autodiscover.contoso.com"
request_id=$(pending_id "$CERTWIZ_STORE")
sign_request m.req m.pem
make_p7b m.pem m.p7b
id=$(thumbprint_of m.pem)
slow=$((TUI_TIMEOUT * 4))

# --- The wrong machine: a store whose request asks for the same names.
edge="$work/edge"
run 0 "$CERTWIZ" --store "$edge" request --key p256 --out edge.req \
  --subject "C=US, O=Contoso Corp, CN=mail1.contoso.com" \
  --san "autodiscover.contoso.com"
store_state "$edge" >"$work/edge.before"

tui_start CERTWIZ_STORE="$edge"
wait_for "Import the CA's answer"
send Down Down Enter
wait_for "Choose the file"
type m.p7b
send Enter
wait_for "This certificate's private key is not on this machine"
expect_screen "Nothing was installed" "says nothing was installed"
expect_screen "asks for the same" "names the request with the same names"
expect_screen "Enter Choose another file" "offers another file, no way around"
expect_store_same "$edge" "$work/edge.before" "the other store is untouched"
send F1
wait_for "The private key is not here"
send Escape
wait_for "Not installed"
send Escape
wait_for "Choose the file"
send F10
wait_exit

# --- The right machine: the answer goes onto the kept key.
tui_start
wait_for "Import the CA's answer"
send Down Down Enter
wait_for "Choose the file"
type m.
send Tab
wait_for "names fit: press Tab again"
send Tab
wait_for "m.p7b"
expect_screen "m.req" "a second Tab lists the names that fit"
type p7
send Tab
wait_for "  m.p7b"
send Enter
wait_for "The certificate is installed, with the private key kept"
expect_screen "Request      $(echo "$request_id" | cut -c1-8), made" \
  "names the request and when it was made"
expect_screen "2. Fabrikam Issuing CA 1" "shows the chain"
[ -f "$CERTWIZ_STORE/certs/$id/key.pem" ] && ok "installed with its key" ||
  fail "no key in $CERTWIZ_STORE/certs/$id"

# --- Back it up.
send Enter
wait_for "What do you want to do?"
send Down Down Down Enter
wait_for "Choose the certificate"
expect_screen "Contoso mail" "the certificate is listed by its name"
send Enter
wait_for "Password and file"
expect_screen "Contoso_mail.pfx" "the file is named after it"
send Tab
type "Correct Horse 42"
wait_for "Strength: strong"
expect_no_screen "Correct Horse" "the password is never shown"
send Tab
type "Correct Horse 42"
wait_for "the same"
send Tab C-u
type m.pfx
send Enter
wait_for "The backup is written and checked" "$slow"
expect_eq "$(mode_of m.pfx)" 600 "only its owner can read the backup"
run 0 "$OPENSSL" pkcs12 -in m.pfx -passin "pass:Correct Horse 42" -nokeys \
  -out m-back.pem
send F10
wait_exit

# --- Restore it into an empty store, the wrong password first.
tui_start CERTWIZ_STORE="$work/restored"
wait_for "Import the CA's answer"
send Down Down Enter
wait_for "Choose the file"
send F2
wait_for "Choose a file"
expect_screen "m.pfx" "the list shows the backup"
expect_no_screen "m.req" "the list leaves out a request"
send a
wait_for "m.req"
send Escape
wait_for "Choose the file"
type m.pfx
send Enter
wait_for "Backup password"
type "wrong horse"
send Enter
wait_for "Wrong password" "$slow"
expect_screen "The password is wrong" "says the password is wrong"
type "Correct Horse 42"
send Enter
wait_for "The backup is restored" "$slow"
[ -f "$work/restored/certs/$id/key.pem" ] && ok "restored with its key" ||
  fail "no key in $work/restored/certs/$id"
send F10
wait_exit

finish
