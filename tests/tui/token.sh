#!/bin/sh
# Keys on a real PKCS#11 token (SoftHSM2, made here) on the screens: the
# browser's details give every field certwiz show gives, from the core's
# one table, the token's key included.
. "${top_srcdir}/tests/tui/lib.sh"
. "${top_srcdir}/tests/cli/ca.sh"

. "${top_srcdir}/tests/cli/softhsm.sh"
softhsm_token certwiz-test
printf '1234\n' >pin
chmod 600 pin

# tui_start with the token reachable.
tui_token_start() {
  tui_new SOFTHSM2_CONF="$SOFTHSM2_CONF" "$@"
}

# ------------------------------------ the details, as certwiz show gives
"$CERTWIZ" request --key-uri "$token" --key p256 --pin-file pin \
  --subject "C=US, O=Contoso Corp, CN=mail1.contoso.com" --out token.req \
  >/dev/null 2>&1 || fail "a request on the token failed"
ca_init
sign_request token.req token.crt
"$CERTWIZ" import token.crt >/dev/null 2>&1 || fail "import failed"
thumb=$(thumbprint_of token.crt)
"$CERTWIZ" show "$thumb" >show.txt 2>&1 || fail "show failed"

tui_token_start "$CERTWIZ" browse
wait_for "1 of 1 certificate"
screen | grep "mail1.contoso.com" | grep -q " token *$" &&
  ok "the browser's Key column says token, as certwiz list does" ||
  { fail "the Key column does not say token"; show_screen; }
# The filter matches the organization, which no column shows.
type "corp"
wait_for "Filter: corp"
expect_screen "1 of 1 certificate" "the filter matches the organization"
expect_no_screen "Nothing matches" "the certificate stays listed"
send Escape
wait_gone "Filter: corp"
send Enter
wait_words "Key here on the token \"certwiz-test\", which it never leaves"
ok "the details say the key is on the token, as show does"
# Every label show prints is in the details.
sed -n 's/^\([A-Z][A-Za-z. 0-9-]*\): .*/\1/p' show.txt | sort -u >labels
[ -s labels ] || fail "show printed no labels"
while read -r label; do
  if screen | grep -q "^ *$label  "; then
    ok "the details show \"$label\""
  else
    send PageDown
    if poll_for "$label  " 2; then ok "the details show \"$label\""
    else fail "show gives \"$label\", the details do not"; show_screen
    fi
  fi
done <labels
tui_stop

finish
