#!/bin/sh
# Keys on a real PKCS#11 token: a SoftHSM2 token made here, reached
# through p11-kit.  A request and a self-signed certificate signed on the
# token, checked with openssl and p11tool; the CA's answer bound to the
# token key; list, show and export; every refusal leaving the store as it
# was.
. "${top_srcdir}/tests/cli/lib.sh"
. "${top_srcdir}/tests/cli/ca.sh"

. "${top_srcdir}/tests/cli/softhsm.sh"
softhsm_token certwiz-test
printf '1234\n' >pin
printf '9999\n' >wrong
chmod 600 pin wrong
subject="C=US, O=Contoso Corp, CN=mail1.contoso.com"

# p11tool's view of a key: its public key, as PEM.
token_pubkey() {
  GNUTLS_PIN=1234 p11tool --login --export-pubkey "$1" 2>/dev/null
}

# ------------------------------------------------ a new key on the token
run 0 "$CERTWIZ" request --key-uri "$token" --key p256 --pin-file pin \
  --subject "$subject" --out token.req
expect_in "$work/out" "on the token certwiz-test" "the key is said to be on the token"
id=$(sed -n 's/^ID: *//p' "$work/out")
entry="$CERTWIZ_STORE/pending/$id"
[ ! -e "$entry/key.pem" ] && ok "no key file: the key never left the token" ||
  fail "a key file was written for a token key"
uri=$(sed -n 's/^key-uri: //p' "$entry/record")
expect_in "$entry/record" "key-token: certwiz-test" "the record names the token"
case "$uri" in
  pkcs11:*type=private*) ok "the record holds the key's URI" ;;
  *) fail "no key URI in the record: $uri" ;;
esac
expect_not_in "$entry/record" "1234" "the record holds no PIN"
run 0 "$OPENSSL" req -in token.req -noout -verify
expect_in "$work/err" "verify OK" "openssl verifies the request signed on the token"
"$OPENSSL" req -in token.req -noout -text >text
expect_in text "ecdsa-with-SHA256" "a P-256 token key signs with SHA-256"
pubkey_of_req token.req >req.pub
token_pubkey "$uri" >token.pub
"$OPENSSL" pkey -pubin -in token.pub -out token.norm.pub 2>/dev/null
cmp -s req.pub token.norm.pub &&
  ok "the request's public key is the token key's, as p11tool exports it" ||
  fail "the request's public key is not the token's"

# -------------------------------------------------- the CA's answer
ca_init
sign_request token.req token.crt
run 0 "$CERTWIZ" import token.crt
expect_in "$work/out" "with the private key kept for its request ${id%${id#????????}}" \
  "the CA's answer is bound to the token key"
thumb=$(thumbprint_of token.crt)
[ -d "$CERTWIZ_STORE/certs/$thumb" ] && [ ! -e "$CERTWIZ_STORE/certs/$thumb/key.pem" ] &&
  ok "installed, still without a key file" || fail "not installed as expected"

run 0 "$CERTWIZ" list
# The CA sent the leaf alone: its chain is incomplete.
grep "^chain incomplete *${thumb%${thumb#????????}}" "$work/out" | grep -q " token$" &&
  ok "list says the key is on a token" || { fail "list does not say token"; cat "$work/out" >&2; }

# A second certificate for the same token key goes beside the first, and
# the key stays on the token for both.
sleep 1
sign_request token.req token2.crt
thumb2=$(thumbprint_of token2.crt)
run 0 "$CERTWIZ" import token2.crt
expect_in "$work/err" "[key-shared]" "a second certificate for the token key is installed"
expect_not_in "$work/err" "[key-not-here]" "not refused as a key from elsewhere"
[ -d "$CERTWIZ_STORE/certs/$thumb2" ] && [ ! -e "$CERTWIZ_STORE/certs/$thumb2/key.pem" ] &&
  ok "installed beside the first, with no key file" || fail "the second is not installed as expected"
expect_in "$CERTWIZ_STORE/certs/$thumb2/record" "key-uri: $uri" "its record names the same token key"
run 0 "$CERTWIZ" list
grep " ${thumb2%${thumb2#????????}} " "$work/out" | grep -q " token$" &&
  ok "list shows the second with its key on the token" ||
  { fail "list does not show the second on the token"; cat "$work/out" >&2; }
run 0 "$CERTWIZ" delete "$thumb2" --yes
[ -d "$CERTWIZ_STORE/certs/$thumb" ] && ok "deleting the second leaves the first" ||
  fail "the first is gone"
run 0 "$CERTWIZ" list --format json
expect_in "$work/out" '"key_token": "certwiz-test"' "list JSON names the token"
run 0 "$CERTWIZ" show "$thumb"
expect_in "$work/out" 'on the token "certwiz-test"' "show says the key is on the token"
run 0 "$CERTWIZ" show "$thumb" --format json
expect_in "$work/out" '"key_token": "certwiz-test"' "show JSON names the token"

# ------------------------------------------- the key cannot be exported
before=$(store_state "$CERTWIZ_STORE")
store_state "$CERTWIZ_STORE" >"$work/state.before"
run 1 "$CERTWIZ" export "$thumb" --out token.pfx --password-file pin
expect_in "$work/err" "[export-key-on-token]" "export refuses a token key"
expect_in "$work/err" "cannot leave it" "in plain words"
expect_in "$work/err" "certwiz show ${thumb%${thumb#????????}} --format pem" \
  "and gives the command that writes the certificate alone"
[ ! -e token.pfx ] && ok "no backup written" || fail "a backup was written"
expect_store_same "$CERTWIZ_STORE" "$work/state.before" "export left the store as it was"

# --------------------------------------- a key made by the token's tool
GNUTLS_PIN=1234 p11tool --login --generate-privkey=rsa --bits 2048 \
  --label lab-key "$token" >/dev/null 2>&1
labkey="$token;object=lab-key"
run 0 "$CERTWIZ" selfsign --key-uri "$labkey" --pin-fd 3 \
  --subject "CN=lab.contoso.com" 3<pin
expect_in "$work/out" "of the token certwiz-test" "selfsign says which token signed"
lab=$(sed -n 's/^Thumbprint: *//p' "$work/out")
run 0 "$CERTWIZ" show "$lab" --format pem
cp "$work/out" lab.pem
run 0 "$OPENSSL" verify -CAfile lab.pem lab.pem
"$OPENSSL" x509 -in lab.pem -noout -text >text
expect_in text "sha256WithRSAEncryption" "signed with SHA-256 on the token"
pubkey_of_cert lab.pem >lab.pub
token_pubkey "$labkey;type=private" | "$OPENSSL" pkey -pubin -out lab.token.pub 2>/dev/null
cmp -s lab.pub lab.token.pub &&
  ok "the certificate's key is the token's" || fail "the certificate's key is not the token's"
# The same key twice: a request for it while none is pending is fine...
run 0 "$CERTWIZ" request --key-uri "$labkey" --pin-file pin \
  --subject "CN=lab.contoso.com" --out lab.req
# ...a second one while it is pending is refused.
run 1 "$CERTWIZ" request --key-uri "$labkey" --pin-file pin \
  --subject "CN=lab.contoso.com" --out lab2.req
expect_in "$work/err" "[key-already-pending]" "a second pending request for one key refused"
run 1 "$CERTWIZ" request --key-uri "$labkey" --key rsa2048 --pin-file pin \
  --subject "CN=lab.contoso.com" --out lab2.req
expect_in "$work/err" "[key-uri-conflict]" "a key type beside a named key refused"

# ------------------------------------------------------- the refusals
store_state "$CERTWIZ_STORE" >"$work/state.before"
refused() {
  code=$1 what=$2
  shift 2
  run "$expected_status" "$@"
  expect_in "$work/err" "[$code]" "$what"
  [ ! -e refused.req ] && ok "$what: no request file" ||
    { fail "$what: a request file was written"; rm -f refused.req; }
  expect_store_same "$CERTWIZ_STORE" "$work/state.before" "$what: store unchanged"
}
expected_status=1
refused token-pin-wrong "a wrong PIN" "$CERTWIZ" request --key-uri "$token" \
  --pin-file wrong --subject "$subject" --out refused.req
refused token-not-found "a missing token" "$CERTWIZ" request \
  --key-uri 'pkcs11:token=absent' --pin-file pin --subject "$subject" \
  --out refused.req
refused token-key-not-found "a URI naming nothing" "$CERTWIZ" request \
  --key-uri "$token;object=absent" --pin-file pin --subject "$subject" \
  --out refused.req
refused token-uri-pin "a PIN in the URI" "$CERTWIZ" request \
  --key-uri "$token;object=lab-key?pin-value=1234" --subject "$subject" \
  --out refused.req
refused token-uri-invalid "not a PKCS#11 URI" "$CERTWIZ" request \
  --key-uri /etc/ssl/private/key.pem --subject "$subject" --out refused.req
if have_setsid; then
  expected_status=2
  refused pin-no-terminal "no PIN and no terminal" no_tty "$CERTWIZ" request \
    --key-uri "$labkey" --subject "CN=other.contoso.com" --out refused.req
  expect_in "$work/err" "--pin-file" "the refusal says how to give the PIN"
fi
expected_status=2
run 2 "$CERTWIZ" request --key-uri "$labkey" --pin-fd x --subject "$subject"
expect_in "$work/err" "--pin-fd takes a file descriptor" "a bad --pin-fd is a usage error"

# The token removed: what was made on it is refused clearly, and the
# store keeps what it had.
softhsm2-util --delete-token --token certwiz-test >/dev/null
expected_status=1
refused token-not-found "a token removed" "$CERTWIZ" selfsign \
  --key-uri "$labkey" --pin-file pin --subject "CN=gone.contoso.com"
run 0 "$CERTWIZ" list
grep -q " token$" "$work/out" && ok "the store still lists its token keys" ||
  fail "the token keys were lost from the store"

finish
