#!/bin/sh
# Java keytool's own EC keystores (PKCS#12, its default): the key inside
# has no public point, which GnuTLS 3.7 cannot read.  certwiz restores
# each curve's, and the key it exports is the certificate's.
. "${top_srcdir}/tests/cli/lib.sh"
. "${top_srcdir}/tests/cli/p12_round_trip.sh"

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
  restores_the_key "$curve" "$curve.p12" "$curve.crt"
done
finish
