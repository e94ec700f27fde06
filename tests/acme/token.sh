#!/bin/sh
# Keys on a real PKCS#11 token (SoftHSM2, made here) enrolled with a real
# pebble: a pending request signed on the token, a new key made on the
# token by enroll --key-uri, and a renewal that signs on the token again.
# The key never leaves the token: no key file in the store at any step.
. "$top_srcdir/tests/cli/lib.sh"
. "$top_srcdir/tests/acme/lib.sh"

. "$top_srcdir/tests/cli/softhsm.sh"
softhsm_token acme-test
printf '1234\n' >"$work/pin"
chmod 600 "$work/pin"

start_pebble
run 0 "$CERTWIZ" account add --server "$acme_dir" --ca-bundle "$ca_bundle" --agree-tos

# A pending request signed on the token, sent as it is.
run 0 "$CERTWIZ" request --key-uri "$token" --key p256 --pin-file "$work/pin" \
  --subject "CN=token.example.com" --out "$work/token.req"
rid=$(sed -n 's/^ID: *//p' "$work/out")
run 0 "$CERTWIZ" enroll "$rid" --standalone "127.0.0.1:$http_port"
id=$(sed -n 's/^Thumbprint: *//p' "$work/out")
[ -n "$id" ] && [ -f "$CERTWIZ_STORE/certs/$id/cert.pem" ] &&
  ok "the CA's certificate installed on the token key" || fail "not installed"
[ ! -e "$CERTWIZ_STORE/certs/$id/key.pem" ] &&
  ok "no key file: the key stayed on the token" || fail "a key file appeared"
run 0 "$CERTWIZ" show "$id"
expect_in "$work/out" "acme-test" "show names the token"

# enroll --key-uri with a token alone: a new key made there.
run 0 "$CERTWIZ" enroll --san new.example.com --key-uri "$token" --key p256 \
  --pin-file "$work/pin" --standalone "127.0.0.1:$http_port"
new=$(sed -n 's/^Thumbprint: *//p' "$work/out")
uri=$(sed -n 's/^key-uri: //p' "$CERTWIZ_STORE/certs/$new/record")
case "$uri" in
  pkcs11:*token=acme-test*) ok "enroll made its key on the token" ;;
  *) fail "the new key is not on the token: '$uri'" ;;
esac
"$OPENSSL" x509 -in "$CERTWIZ_STORE/certs/$new/cert.pem" -noout -pubkey >"$work/cert.pub"
GNUTLS_PIN=1234 p11tool --login --export-pubkey "$uri" 2>/dev/null |
  "$OPENSSL" pkey -pubin -out "$work/token.pub" 2>/dev/null
cmp -s "$work/cert.pub" "$work/token.pub" &&
  ok "the certificate's key is the token's, as p11tool exports it" ||
  fail "the certificate does not carry the token key"
[ ! -e "$CERTWIZ_STORE/certs/$new/key.pem" ] &&
  ok "no key file for the new token key" || fail "a key file appeared"

# A renewal keeps the token key: signed on the token again, with the PIN
# from a file (as the timer would give it).
run 0 "$CERTWIZ" renew "$new" --force --pin-file "$work/pin" \
  --ca-bundle "$ca_bundle"
renewed=$(sed -n 's/.*renewed, now \([0-9a-f]*\).*/\1/p' "$work/out")
[ -n "$renewed" ] && ok "renewed" || fail "not renewed: $(cat "$work/out" "$work/err")"
dir=$(ls -d "$CERTWIZ_STORE/certs/$renewed"* 2>/dev/null | head -n 1)
if [ -n "$dir" ]; then
  "$OPENSSL" x509 -in "$dir/cert.pem" -noout -pubkey >"$work/renewed.pub"
  cmp -s "$work/renewed.pub" "$work/token.pub" &&
    ok "the renewal is signed by the same token key" ||
    fail "the renewal carries another key"
  [ ! -e "$dir/key.pem" ] && ok "no key file after renewal" || fail "renewal wrote a key file"
fi

# An account whose key is on the token: made there, every message to the
# CA signed there, no key file in the store; its key change is refused
# rather than made outside the token.
export CERTWIZ_STORE="$work/store-account"
run 0 "$CERTWIZ" account add --server "$acme_dir" --ca-bundle "$ca_bundle" \
  --agree-tos --name on-token --key-uri "$token" --pin-file "$work/pin"
acct="$CERTWIZ_STORE/accounts/on-token"
[ -f "$acct/record" ] && [ ! -e "$acct/key.pem" ] &&
  ok "the account key is on the token: no key file" ||
  fail "the account has a key file, or no record"
expect_in "$acct/record" "key-token: acme-test" "the record names the token"
run 0 "$CERTWIZ" account show on-token --pin-file "$work/pin"
expect_in "$work/out" 'on the token "acme-test"' "account show says where the key is"
run 0 "$CERTWIZ" enroll --san account.example.com --key p256 \
  --pin-file "$work/pin" --standalone "127.0.0.1:$http_port"
expect_in "$work/out" "Thumbprint:" "enrolled through the token's account"
acct_uri=$(sed -n 's/^key-uri: //p' "$acct/record")
GNUTLS_PIN=1234 p11tool --login --list-all "$token" 2>/dev/null >"$work/objects"
expect_in "$work/objects" "certwiz ACME on-token" "the key on the token is labelled for the account"
run 1 "$CERTWIZ" account rollover on-token --pin-file "$work/pin"
grep -q "acme-key-on-token" "$work/err" &&
  ok "a key change is refused: it would make a key outside the token" ||
  fail "rollover of a token account: $(cat "$work/err")"
finish
