#!/bin/sh
# The key step with a real PKCS#11 token present (SoftHSM2, made here):
# it offers "A key on a token", asks the PIN without showing it, lists
# the token's keys; the request written is signed by the token's key,
# and the store records that key, never the PIN.
. "${top_srcdir}/tests/tui/lib.sh"
. "${top_srcdir}/tests/cli/ca.sh"
. "${top_srcdir}/tests/cli/softhsm.sh"
softhsm_token certwiz-test
GNUTLS_PIN=1234 p11tool --login --generate-privkey=ecdsa --curve secp256r1 \
  --label mail-key "$token" >/dev/null 2>&1 ||
  fail "p11tool could not make a key on the token"
keyuri="$token;object=mail-key;type=private"

# The subject and names steps, to the key step.
to_key_step() {
  wait_for "New certificate request"
  send Enter
  wait_for "Step 1 of 5: Subject"
  send Tab
  type US
  wait_for "United States"
  send Tab Tab Tab
  type "Contoso Corp"
  send Tab Tab
  type "$1"
  wait_for "$(printf '%s' "$1" | wc -c)/64"
  send Enter
  wait_for "Step 2 of 5: Names (SAN)"
  send Enter
  wait_for "Step 3 of 5: Key"
}

# ---------------------------------------------- no token: nothing offered
tui_new SOFTHSM2_CONF=/nonexistent "$CERTWIZ"
to_key_step mail0.contoso.com
expect_no_screen "A key on a token" "without a token, no token is offered"
tui_stop
rm -f "$CERTWIZ_STORE/draft"

# ------------------------------------------- a key the token holds already
tui_new SOFTHSM2_CONF="$SOFTHSM2_CONF" "$CERTWIZ"
to_key_step mail1.contoso.com
expect_screen "[ ] A key on a token: certwiz-test" "the key step offers the token"
send Tab Tab Tab
send Space
wait_for "The token's PIN"
type 9999
expect_no_screen "9999" "the PIN is not echoed"
send Enter
wait_for "Wrong PIN"
expect_screen "did not take this PIN" "a wrong PIN is said plainly"
send Enter
wait_for "The token's PIN"
type 1234
expect_no_screen "1234" "the PIN is not echoed"
expect_screen "****" "the PIN shows as stars"
send Enter
wait_for "Which key on the token \"certwiz-test\""
expect_screen "Make a new key on this token: RSA 3072 bits" "a new key is offered"
expect_screen "mail-key - ECDSA P-256" "the token's key is listed"
send Enter
wait_for "[x] A key on a token: certwiz-test"
expect_screen "Key: mail-key - ECDSA P-256; its PIN is given." \
  "the key step says which token key"
expect_screen "a key on a token never leaves it" "not exportable on a token"
send Enter
wait_for "Step 4 of 5: Review"
expect_words "Key mail-key - ECDSA P-256, on the token \"certwiz-test\"" \
  "the review names the token's key"
if [ -f "$CERTWIZ_STORE/draft" ]; then
  expect_not_in "$CERTWIZ_STORE/draft" "1234" "the draft holds no PIN"
fi
send Enter
wait_for "Step 5 of 5: Write the request"
send Enter
wait_for "The request is written" 20
tui_stop

[ -f mail1.contoso.com.req ] && ok "the request file is written" ||
  fail "no request file"
run 0 "$OPENSSL" req -in mail1.contoso.com.req -noout -verify
expect_in "$work/err" "verify OK" "openssl verifies the request"
pubkey_of_req mail1.contoso.com.req >req.pub
GNUTLS_PIN=1234 p11tool --login --export-pubkey "$keyuri" 2>/dev/null |
  "$OPENSSL" pkey -pubin -out token.pub 2>/dev/null
cmp -s req.pub token.pub &&
  ok "the request's public key is the token key's (p11tool)" ||
  fail "the request's public key is not the token key's"
id=$(pending_id "$CERTWIZ_STORE")
record="$CERTWIZ_STORE/pending/$id/record"
expect_in "$record" "key-token: certwiz-test" "the store records the token"
expect_in "$record" "object=mail-key" "the store records the token's key"
expect_not_in "$record" "1234" "the record holds no PIN"
[ ! -e "$CERTWIZ_STORE/pending/$id/key.pem" ] &&
  ok "no key file: the key stays on the token" || fail "a key file was written"

# -------------------------------------------- a new key made on the token
tui_new SOFTHSM2_CONF="$SOFTHSM2_CONF" "$CERTWIZ"
to_key_step mail2.contoso.com
send Down Down
wait_for "(•) ECDSA P-256"
send Tab Tab Tab Space
wait_for "The token's PIN"
type 1234
send Enter
wait_for "Which key on the token"
send Home Enter
wait_for "A new key made on the token: ECDSA P-256; its PIN is given."
ok "a new key on the token can be chosen"
send Enter
wait_for "Step 4 of 5: Review"
expect_words "Key ECDSA P-256, made on the token \"certwiz-test\""
send Enter
wait_for "Step 5 of 5"
send Enter
wait_for "The request is written" 20
tui_stop
run 0 "$OPENSSL" req -in mail2.contoso.com.req -noout -verify
expect_in "$work/err" "verify OK" "the request signed by the new token key"
GNUTLS_PIN=1234 p11tool --login --list-privkeys "$token" >keys 2>/dev/null
[ "$(grep -c 'URL:' keys)" = 2 ] && ok "the new key is on the token" ||
  { fail "the token does not hold two keys"; cat keys >&2; }

# ------------------------------- a draft keeps the token key, not its PIN
# The first request is dropped so that the token's key may sign another;
# the key stays on the token.
run 0 "$CERTWIZ" delete "$id" --yes
rm -f "$CERTWIZ_STORE/draft"
tui_new SOFTHSM2_CONF="$SOFTHSM2_CONF" "$CERTWIZ"
to_key_step mail3.contoso.com
send Tab Tab Tab Space
wait_for "The token's PIN"
type 1234
send Enter
wait_for "Which key on the token"
# The keys are listed by label: the key made above, then mail-key.
send Down Enter
wait_for "Key: mail-key - ECDSA P-256; its PIN is given."
send Enter
wait_for "Step 4 of 5: Review"
kill -HUP "$(tui_pid)"
wait_exit
draft="$CERTWIZ_STORE/draft"
expect_in "$draft" "object=mail-key;type=private" "the draft keeps the token key chosen"
expect_in "$draft" "token-label: certwiz-test" "the draft names the token"
expect_not_in "$draft" "1234" "the draft holds no PIN"

tui_new SOFTHSM2_CONF="$SOFTHSM2_CONF" "$CERTWIZ"
wait_for "Resume?"
send Enter
wait_for "Step 3 of 5: Key"
ok "resuming stops at the key step: the PIN is not kept"
expect_screen "[x] A key on a token: certwiz-test" "the token key is still chosen"
expect_screen "Key: mail-key - ECDSA P-256; its PIN is asked again" \
  "the key step says the PIN is asked again"
send Enter
wait_for "The token's PIN"
type 1234
send Enter
wait_for "Step 4 of 5: Review"
expect_words "Key mail-key - ECDSA P-256, on the token \"certwiz-test\"" \
  "the review names the token key resumed"
send Enter
wait_for "Step 5 of 5"
send Enter
wait_for "The request is written" 20
tui_stop
pubkey_of_req mail3.contoso.com.req >req3.pub
cmp -s req3.pub token.pub &&
  ok "the resumed request is signed by the token key" ||
  fail "the resumed request's key is not the token key's"

# ------------------------------- a resumed token that is not present
tui_new SOFTHSM2_CONF="$SOFTHSM2_CONF" "$CERTWIZ"
to_key_step mail4.contoso.com
send Tab Tab Tab Space
wait_for "The token's PIN"
type 1234
send Enter
wait_for "Which key on the token"
send Enter
wait_for "its PIN is given."
send Enter
wait_for "Step 4 of 5: Review"
kill -HUP "$(tui_pid)"
wait_exit
tui_new SOFTHSM2_CONF=/nonexistent "$CERTWIZ"
wait_for "Resume?"
send Enter
wait_for "Step 3 of 5: Key"
wait_words "The token chosen before is not present"
ok "a token gone since the draft is said, not dropped silently"
expect_no_screen "A key on a token" "and no token is offered"
tui_stop

finish
