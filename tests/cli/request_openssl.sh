#!/bin/sh
# A request made by certwiz, read back by openssl: signature, subject order
# and string types, names, key, usages.
. "${top_srcdir}/tests/cli/lib.sh"

# The seed's own request, typed in the wrong order and case.
run 0 "$CERTWIZ" request --key p256 --out seed.req \
  --subject "CN=johndogfood.com, o=John Speare, c=us" \
  --san "mbx.johndogfood.com, edge.johndogfood.com" \
  --san communitycycling.org --friendly-name JohndogfoodCert

run 0 "$OPENSSL" req -in seed.req -noout -verify
expect_in "$work/err" "verify OK" "openssl verifies the request's signature"

"$OPENSSL" req -in seed.req -noout -subject -nameopt RFC2253 >subject
# RFC 2253 lists the last RDN first: CN, O, C means C, O, CN in the DER.
expect_in subject "subject=CN=johndogfood.com,O=John Speare,C=US" \
  "subject written in the order C, O, CN, country upper-cased"

"$OPENSSL" req -in seed.req -noout -text >text
expect_in text "DNS:johndogfood.com, DNS:mbx.johndogfood.com, DNS:edge.johndogfood.com, DNS:communitycycling.org" \
  "SANs: the CN first, then the names in the order given"
expect_in text "ecdsa-with-SHA256" "signed with SHA-256"
expect_in text "NIST CURVE: P-256" "P-256 key"
expect_in text "TLS Web Server Authentication, TLS Web Client Authentication" \
  "extended key usage serverAuth and clientAuth"
expect_in text "Digital Signature" "key usage digitalSignature"

"$OPENSSL" asn1parse -in seed.req >asn1
grep -A1 'countryName' asn1 | grep -q PRINTABLESTRING &&
  ok "C is a PrintableString" || fail "C is not a PrintableString"
grep -A1 'organizationName' asn1 | grep -q PRINTABLESTRING &&
  ok "an ASCII O is a PrintableString" || fail "ASCII O is not a PrintableString"

# Domain components: IA5String, relative order kept, C-free style.
run 0 "$CERTWIZ" request --key p256 --out dc.req \
  --subject "CN=mail1.contoso.com, DC=contoso, DC=com"
"$OPENSSL" req -in dc.req -noout -subject -nameopt RFC2253 >subject
expect_in subject "subject=CN=mail1.contoso.com,DC=com,DC=contoso" \
  "DC=contoso before DC=com, CN last"
"$OPENSSL" asn1parse -in dc.req >asn1
grep -A1 'domainComponent' asn1 | grep -q IA5STRING &&
  ok "DC is an IA5String" || fail "DC is not an IA5String"

# Unicode: an IDN becomes its A-label; a Unicode O stays UTF-8.
run 0 "$CERTWIZ" request --key p256 --out idn.req \
  --subject "C=ES, O=Diversión de Bicicleta, CN=mail1.diversiondebicicleta.com" \
  --san "bücher.example" --san 192.0.2.10 --san 2001:DB8::1
"$OPENSSL" req -in idn.req -noout -text >text
expect_in text "DNS:xn--bcher-kva.example" "Unicode SAN written as its A-label"
expect_in text "IP Address:192.0.2.10" "IPv4 address as an iPAddress entry"
expect_in text "IP Address:2001:DB8:0:0:0:0:0:1" "IPv6 address as an iPAddress entry"
"$OPENSSL" req -in idn.req -noout -subject -nameopt RFC2253,-esc_msb >subject
expect_in subject "O=Diversión de Bicicleta" "Unicode organization kept as UTF-8"
"$OPENSSL" asn1parse -in idn.req >asn1
grep -A1 'organizationName' asn1 | grep -q UTF8STRING &&
  ok "a Unicode O is a UTF8String" || fail "Unicode O is not a UTF8String"

# A host name's CN is written as its SAN is (public CAs refuse a Unicode
# CN), in lower case; a CN that names no host keeps what was typed.
run 0 "$CERTWIZ" request --key p256 --out idncn.req \
  --subject "O=Bücher GmbH, CN=Mail.Bücher.de"
"$OPENSSL" req -in idncn.req -noout -subject -nameopt RFC2253,-esc_msb >subject
expect_in subject "CN=mail.xn--bcher-kva.de,O=Bücher GmbH" \
  "IDN common name written as its lower-case A-label, O kept in Unicode"
expect_in "$work/err" "[cn-as-san]" "the change of the CN is said"
"$OPENSSL" req -in idncn.req -noout -text >text
expect_in text "DNS:mail.xn--bcher-kva.de" "and its SAN is the same name"
run 0 "$CERTWIZ" request --key p256 --out orgcn.req \
  --subject "CN=Müller Mail" --san mail.mueller.example
"$OPENSSL" req -in orgcn.req -noout -subject -nameopt RFC2253,-esc_msb >subject
expect_in subject "CN=Müller Mail" "a CN that is no host name is kept as typed"

# The default key: RSA 3072, with keyEncipherment for RSA key exchange.
run 0 "$CERTWIZ" request --out rsa.req --subject "CN=mail1.contoso.com"
"$OPENSSL" req -in rsa.req -noout -text >text
expect_in text "Public-Key: (3072 bit)" "RSA 3072 by default"
expect_in text "sha256WithRSAEncryption" "RSA request signed with SHA-256"
expect_in text "Key Encipherment" "RSA key usage keyEncipherment"
run 0 "$OPENSSL" req -in rsa.req -noout -verify

# The digest follows the key: SHA-384 for a P-384 key, in the request and
# in a self-signed certificate, each verified by openssl.
run 0 "$CERTWIZ" request --key p384 --out p384.req --subject "CN=mail1.contoso.com"
"$OPENSSL" req -in p384.req -noout -text >text
expect_in text "ecdsa-with-SHA384" "a P-384 request signed with SHA-384"
expect_not_in text "ecdsa-with-SHA256" "not with SHA-256"
run 0 "$OPENSSL" req -in p384.req -noout -verify
run 0 "$CERTWIZ" selfsign --key p384 --subject "CN=lab.contoso.com"
id=$(sed -n 's/^Thumbprint: *//p' "$work/out")
run 0 "$CERTWIZ" show "$id" --format pem
cp "$work/out" p384.pem
"$OPENSSL" x509 -in p384.pem -noout -text >text
expect_in text "ecdsa-with-SHA384" "a P-384 self-signed certificate signed with SHA-384"
run 0 "$OPENSSL" verify -CAfile p384.pem p384.pem
run 0 "$CERTWIZ" selfsign --key p256 --subject "CN=lab2.contoso.com"
id=$(sed -n 's/^Thumbprint: *//p' "$work/out")
run 0 "$CERTWIZ" show "$id" --format pem
"$OPENSSL" x509 -in "$work/out" -noout -text >text
expect_in text "ecdsa-with-SHA256" "a P-256 self-signed certificate signed with SHA-256"
# Its own issuer: the authority key identifier is its subject key's.
ski=$(sed -n '/Subject Key Identifier/{n;s/^ *//;p;}' text)
aki=$(sed -n '/Authority Key Identifier/{n;s/^ *//;s/^keyid://;p;}' text)
[ -n "$ski" ] && [ "$ski" = "$aki" ] &&
  ok "the authority key identifier equals the subject key identifier" ||
  fail "AKI '$aki' is not SKI '$ski'"

finish
