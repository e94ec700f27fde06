#!/bin/sh
# The whole wizard on a real terminal, from an empty store to a written
# request, then the request read back with openssl.
. "${top_srcdir}/tests/tui/lib.sh"

# The store's path, as far as a screen line surely has room for it.
store_shown=$(printf '%.24s' "$CERTWIZ_STORE")

tui_start
wait_for "New certificate request"
expect_screen "store: $store_shown" "the menu names the store"
send Enter

# Step 1: the subject.  The first control is the naming style.
wait_for "Step 1 of 5: Subject"
expect_screen "F4: list of countries" "an empty country offers the list"
send Tab
type US
wait_for "United States"
expect_screen "US  United States" "the country's name beside its code"
send Tab Tab Tab
type "Contoso Corp"
wait_for "12/64"
send Tab Tab
type mail1.contoso.com
wait_for "17/64"
expect_words "Organization Contoso Corp 12/64"
expect_words "Common name mail1.contoso.com 17/64"
send Enter

# Step 2: the names, the CN already listed.
wait_for "Step 2 of 5: Names (SAN)"
expect_screen "    mail1.contoso.com" "the CN is pre-filled"
expect_screen "2 autodiscover.contoso.com" "autodiscover is suggested"
expect_screen "1 name; no CA limit"
send 2
wait_for "2 names; no CA limit"
expect_screen "    autodiscover.contoso.com" "suggestion 2 accepted"
send a
wait_for "Add a name"
type owa.contoso.com
send Enter
wait_for "3 names; no CA limit"
expect_screen "    owa.contoso.com" "a name added with a"
expect_no_screen "2 autodiscover.contoso.com" "an accepted suggestion is gone"
send Enter

# Step 3: the key.  RSA 3072 is preselected; P-256 is three rows down.
wait_for "Step 3 of 5: Key"
expect_screen "(•) RSA 3072 bits (recommended)" "RSA 3072 is the default"
send Down Down
wait_for "(•) ECDSA P-256"
expect_screen "( ) RSA 3072 bits" "only one key type chosen"
send Tab Tab
type "Contoso mail"
wait_words "Friendly name Contoso mail"
send Enter

# Step 4: the review, the subject in the order it is written.
wait_for "Step 4 of 5: Review"
expect_words "Subject C=US, O=Contoso Corp, CN=mail1.contoso.com" \
  "the review shows the subject in the order written"
expect_words "Names mail1.contoso.com"
screen >"$work/review"
grep -A2 "^  Names " "$work/review" | tr -s ' ' >"$work/names"
expect_in "$work/names" " autodiscover.contoso.com" "then autodiscover"
expect_in "$work/names" " owa.contoso.com" "then owa"
expect_words "Key ECDSA P-256, exportable"
expect_words "Friendly name Contoso mail"
expect_screen "Press Enter to go on."
expect_no_screen "Errors:" "nothing blocks the request"
send Enter

# Step 5: where to write it.
wait_for "Step 5 of 5: Write the request"
expect_screen "  mail1.contoso.com.req" "the default file name"
expect_screen "Full path: $work/mail1.contoso.com.req" \
  "the step shows the full path of the file to write"
expect_screen "The private key will stay in the store $store_shown" \
  "the step says where the key stays"
send Enter

wait_for "The request is written"
expect_words "File $work/mail1.contoso.com.req" \
  "the Done screen names the file by its full path"
screen >"$work/done"
id=$(sed -n 's/^  ID  *\([0-9a-f]\{40\}\) *$/\1/p' "$work/done")
sha=$(sed -n 's/^  SHA-256  *\([0-9a-f]\{64\}\) *$/\1/p' "$work/done")
[ -n "$id" ] && ok "the Done screen shows the ID $id" ||
  fail "no 40-digit ID on the Done screen"
[ -n "$sha" ] && ok "the Done screen shows the SHA-256" ||
  fail "no SHA-256 on the Done screen"
expect_screen "3. Import that certificate HERE, on this machine and into this same store:"
expect_screen "the private key stays here and nowhere else."
expect_screen "Store: $store_shown" "the Done screen names the store"
[ -f "$CERTWIZ_STORE/draft" ] && fail "a draft is left after the request" ||
  ok "no draft is left once the request is written"

# Enter goes back to the menu, and a new request starts empty.
send Enter
wait_for "What do you want to do?"
send Enter
wait_for "Step 1 of 5: Subject"
expect_screen "F4: list of countries" "a new request: the country is empty"
expect_no_screen "Contoso" "a new request: nothing of the last one"

# The write step's refusals.  A folder that does not exist: refused
# before any key is made, and the status line must not say otherwise.
send BTab
type mail2.contoso.com
send Enter
wait_for "Step 2 of 5: Names (SAN)"

# A CA limit of 1, and a list whose second name differs only in case:
# the core counts one name (as "certwiz check --max-sans 1" does), so the
# step must let the user go on.  a refuses such a name; e may take it.
send a
wait_for "Add a name"
type owa.contoso.com
send Enter
wait_for "2 names; no CA limit"
send e
wait_for "Edit a name"
send C-u
type MAIL2.contoso.com
send Enter
wait_gone "Edit a name"
send l
wait_for "How many names"
type 1
send Enter
wait_for "of at most 1"
if screen | grep -q "^    MAIL2.contoso.com"; then
  send Enter
  if poll_for "Step 3 of 5: Key" 2; then
    ok "a name repeated in another case counts once against the CA limit"
  else
    fail "mail2 and MAIL2 count as 2 names against a CA limit of 1"
    show_screen
    send d Enter
  fi
else
  ok "Edit refuses a name already listed, as Add does"
  send d Enter
fi
wait_for "Step 3 of 5: Key"
send Down Down Enter
wait_for "Step 4 of 5: Review"
send Enter
wait_for "Step 5 of 5: Write the request"
expect_screen "  mail2.contoso.com.req" "the default name follows the new CN"
send C-u
type missing/x.req
send Enter
wait_for "The request was not written"
box_text "The request was not written" >"$work/box"
expect_in "$work/box" "the folder \"missing\" does not exist" \
  "a missing folder is refused, and why"
expect_no_screen "Making the key" \
  "no \"Making the key\" under the refusal (no key is being made)"
send Enter
wait_gone "The request was not written"
expect_eq "$(ls "$CERTWIZ_STORE/pending" | wc -l)" 1 "no key kept for it"
# An existing file: replaced only when the user says so.
send C-u
type mail1.contoso.com.req
send Enter
wait_for "Replace the file?"
send Enter
wait_gone "Replace the file?"
expect_screen "Step 5 of 5: Write the request" "No (the default): still on the step"
expect_eq "$(ls "$CERTWIZ_STORE/pending" | wc -l)" 1 "no key made for it"
cmp -s mail1.contoso.com.req "$CERTWIZ_STORE/pending/$id/request.pem" &&
  ok "the existing request is untouched" || fail "the existing file changed"
send F10
wait_for "Quit certwiz?"
send y
wait_exit
expect_eq "$exit_status" 0 "certwiz exits with status 0"

# The file, as a CA would read it.
[ -f mail1.contoso.com.req ] && ok "mail1.contoso.com.req written in the cwd" ||
  { fail "no mail1.contoso.com.req in $work"; finish; }
run 0 "$OPENSSL" req -in mail1.contoso.com.req -verify -noout -text
expect_in "$work/err" "verify OK" "the request's signature verifies"
expect_in "$work/out" "NIST CURVE: P-256" "an ECDSA P-256 key"
expect_in "$work/out" \
  "DNS:mail1.contoso.com, DNS:autodiscover.contoso.com, DNS:owa.contoso.com" \
  "the three names, in the order listed"
run 0 "$OPENSSL" req -in mail1.contoso.com.req -noout -subject \
  -nameopt RFC2253
expect_eq "$(cat "$work/out")" \
  "subject=CN=mail1.contoso.com,O=Contoso Corp,C=US" \
  "subject written C, O, CN (RFC 2253 shows it reversed)"
if [ -n "$sha" ]; then
  der_sha=$("$OPENSSL" req -in mail1.contoso.com.req -outform DER |
    "$OPENSSL" dgst -sha256 -r | cut -d' ' -f1)
  expect_eq "$der_sha" "$sha" "the SHA-256 shown is the request's"
fi

# The store keeps the key for the request, and its friendly name.
run 0 "$CERTWIZ" list
expect_eq "$(grep -c '^pending' "$work/out")" 1 "one pending request"
expect_in "$work/out" "Contoso mail" "with its friendly name"
[ -n "$id" ] && expect_in "$work/out" "$(echo "$id" | cut -c1-8)" \
  "listed under the ID the Done screen showed"
expect_eq "$(ls "$CERTWIZ_STORE/pending")" "$id" "the pending entry is the ID"

finish
