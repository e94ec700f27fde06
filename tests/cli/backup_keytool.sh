#!/bin/sh
# A PKCS#12 file whose EC key is stored without its public part (Java
# keytool's default, built here with openssl's -no_public; the real
# keytool's in backup_keytool_java.sh): GnuTLS 3.7 cannot read that key,
# so certwiz computes the public point itself.  The key is restored on
# every NIST curve, exported again, and its public key is the
# certificate's.  A file whose key stays unreadable (such a key under the
# older PKCS#12 encryption) is explained, never called damaged.
. "${top_srcdir}/tests/cli/lib.sh"
. "${top_srcdir}/tests/cli/p12_round_trip.sh"
. "${top_srcdir}/tests/cli/ca.sh"

printf 'Java Horse 8\n' >pw
chmod 600 pw

# keytool_like CURVE: c-CURVE.pem, its key without its public point, and
# kt-CURVE.pfx holding both as openssl 3 encrypts by default (PBES2).
keytool_like() {
  "$OPENSSL" req -x509 -newkey ec -pkeyopt "ec_paramgen_curve:$1" -nodes \
    -keyout "k-$1.pem" -out "c-$1.pem" -subj "/CN=java.contoso.com" \
    -days 30 2>/dev/null || fail "openssl cannot make a $1 certificate"
  "$OPENSSL" ec -in "k-$1.pem" -no_public -out "nopub-$1.pem" 2>/dev/null
  "$OPENSSL" asn1parse -in "nopub-$1.pem" >"nopub-$1.asn1"
  if grep -q "cont \[ 1 \]" "nopub-$1.asn1"; then
    fail "the $1 key still has its public part"
  else ok "the $1 key is stored without its public part"; fi
  "$OPENSSL" pkcs12 -export -inkey "nopub-$1.pem" -in "c-$1.pem" \
    -passout file:pw -out "kt-$1.pfx"
}

for curve in P-256 P-384 P-521; do
  keytool_like "$curve"
  restores_the_key "$curve" "kt-$curve.pfx" "c-$curve.pem"
done

# Under the older PKCS#12 encryption (3DES) certwiz cannot open the key
# again: with the right password it says exactly that.
"$OPENSSL" pkcs12 -export -inkey nopub-P-256.pem -in c-P-256.pem \
  -keypbe PBE-SHA1-3DES -certpbe PBE-SHA1-3DES -macalg sha1 \
  -passout file:pw -out old.pfx
store_state "$work/store" >before
run 1 "$CERTWIZ" --store "$work/store" import old.pfx --password-file pw
expect_in "$work/err" "[p12-key-unreadable]" "the key's form is named as the problem"
expect_in "$work/err" "without its public part" "the error says what GnuTLS cannot read"
expect_not_in "$work/err" "copy it again" "the transfer is not blamed"
expect_not_in "$work/err" "[p12-malformed]" "the file is not called damaged"
expect_store_same "$work/store" before "nothing is installed"

# The re-export the error gives, step by step.
"$OPENSSL" pkcs12 -in old.pfx -nodes -passin file:pw -out clear.pem 2>/dev/null
"$OPENSSL" ec -in clear.pem -out key.pem 2>/dev/null
"$OPENSSL" pkcs12 -export -in clear.pem -inkey key.pem -passout file:pw \
  -out new.pfx
run 0 "$CERTWIZ" --store "$work/store" import new.pfx --password-file pw
expect_in "$work/out" "Restored the backup" "the re-exported file is restored"
finish
