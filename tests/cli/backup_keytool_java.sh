#!/bin/sh
# Java keytool's own EC keystores (PKCS#12, its default): the key inside
# has no public point, which GnuTLS 3.7 cannot read.  certwiz restores
# each curve's, and the key it exports is the certificate's.
. "${top_srcdir}/tests/cli/lib.sh"

: "${CERTTOOL:=certtool}"
command -v keytool >/dev/null 2>&1 ||
  { echo "SKIP: keytool is missing (./quickstart installs default-jre-headless)"; exit 77; }

printf 'Java Horse 8\n' >pw
chmod 600 pw
for curve in secp256r1 secp384r1 secp521r1; do
  keytool -genkeypair -alias web -keyalg EC -groupname "$curve" \
    -dname CN=java.contoso.com -validity 30 -storetype PKCS12 \
    -keystore "$curve.p12" -storepass 'Java Horse 8' >/dev/null 2>&1 ||
    { fail "keytool cannot make a $curve keystore"; continue; }
  # GnuTLS itself cannot read the key keytool stored, or this proves
  # nothing.
  "$OPENSSL" pkcs12 -in "$curve.p12" -passin file:pw -nocerts -nodes \
    2>/dev/null >"$curve-key.pem"
  if "$CERTTOOL" --key-info --infile "$curve-key.pem" >/dev/null 2>&1; then
    fail "$curve: GnuTLS reads keytool's key itself"
  else ok "$curve: GnuTLS alone cannot read keytool's key"; fi
  rm -f "$curve-key.pem"
  "$OPENSSL" pkcs12 -in "$curve.p12" -passin file:pw -nokeys 2>/dev/null |
    "$OPENSSL" x509 >"$curve.crt"
  id=$("$OPENSSL" x509 -in "$curve.crt" -noout -fingerprint -sha1 |
    sed 's/.*=//; s/://g' | tr 'A-F' 'a-f')
  store="$work/store-$curve"
  run 0 "$CERTWIZ" --store "$store" import "$curve.p12" --password-file pw
  expect_in "$work/out" "Restored the backup" "$curve: keytool's keystore is restored"
  run 0 "$CERTWIZ" --store "$store" export "$id" --out "back-$curve.pfx" \
    --password-file pw
  "$OPENSSL" pkcs12 -in "back-$curve.pfx" -nocerts -nodes -passin file:pw \
    2>/dev/null | "$OPENSSL" pkey -pubout >"got-$curve.pub" ||
    fail "$curve: openssl cannot read the exported key"
  "$OPENSSL" x509 -in "$curve.crt" -noout -pubkey >"want-$curve.pub"
  if cmp -s "want-$curve.pub" "got-$curve.pub" && [ -s "got-$curve.pub" ]
  then ok "$curve: the exported key's public key is the certificate's"
  else fail "$curve: the exported key is not the certificate's"; fi
done
finish
