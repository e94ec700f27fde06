#!/bin/sh
# A PKCS#12 file whose EC key is stored without its public part (Java
# keytool's default, built here with openssl's -no_public): GnuTLS 3.7
# cannot read that key.  With the right password certwiz says exactly
# that, never that the file is damaged, and the re-export it gives works.
. "${top_srcdir}/tests/cli/lib.sh"
. "${top_srcdir}/tests/cli/ca.sh"

"$OPENSSL" req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes \
  -keyout k.pem -out c.pem -subj "/CN=java.contoso.com" -days 30 2>/dev/null ||
  fail "openssl cannot make the certificate"
"$OPENSSL" ec -in k.pem -no_public -out nopub.pem 2>/dev/null
"$OPENSSL" asn1parse -in nopub.pem >nopub.asn1
grep -q "cont \[ 1 \]" nopub.asn1 && fail "the key still has its public part" ||
  ok "the key is stored without its public part"
printf 'Java Horse 8\n' >pw
chmod 600 pw
"$OPENSSL" pkcs12 -export -inkey nopub.pem -in c.pem -passout file:pw \
  -out keytool.pfx

store_state "$work/store" >before
run 1 "$CERTWIZ" --store "$work/store" import keytool.pfx --password-file pw
expect_in "$work/err" "[p12-key-unreadable]" "the key's form is named as the problem"
expect_in "$work/err" "without its public part" "the error says what GnuTLS cannot read"
expect_not_in "$work/err" "copy it again" "the transfer is not blamed"
expect_not_in "$work/err" "[p12-malformed]" "the file is not called damaged"
expect_store_same "$work/store" before "nothing is installed"

# The re-export the error gives, step by step.
"$OPENSSL" pkcs12 -in keytool.pfx -nodes -passin file:pw -out clear.pem 2>/dev/null
"$OPENSSL" ec -in clear.pem -out key.pem 2>/dev/null
"$OPENSSL" pkcs12 -export -in clear.pem -inkey key.pem -passout file:pw \
  -out new.pfx
run 0 "$CERTWIZ" --store "$work/store" import new.pfx --password-file pw
expect_in "$work/out" "Restored the backup" "the re-exported file is restored"
finish
