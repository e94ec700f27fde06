#!/bin/sh
# The browser shows a certificate whose intermediate is missing as "chain
# incomplete", and its details say how to complete it.
. "${top_srcdir}/tests/tui/lib.sh"
. "${top_srcdir}/tests/cli/ca.sh"

ca_init
"$CERTWIZ" request --key p256 --out mail.req \
  --subject "C=US, O=Contoso Corp, CN=mail1.contoso.com" >/dev/null 2>&1 ||
  fail "request failed"
sign_request mail.req mail.pem
"$CERTWIZ" import mail.pem >/dev/null 2>&1 || fail "import failed"

tui_new "$CERTWIZ" browse
wait_for "1 of 1 certificate"
expect_screen "chain incomplete" "the list says the chain is incomplete"
send Enter
wait_for "Thumbprint"
wait_words "The chain of this certificate is incomplete"
ok "the details say the intermediate is missing"
tui_stop
finish
