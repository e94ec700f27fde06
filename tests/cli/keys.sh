#!/bin/sh
# Key choices: every --key type, --key-size, and the refusal of weak keys.
. "${top_srcdir}/tests/cli/lib.sh"

subject="C=US, O=Contoso Corp, CN=mail1.contoso.com"

for spec in "rsa2048:Public-Key: (2048 bit)" "p384:NIST CURVE: P-384" \
            "p256:NIST CURVE: P-256"; do
  key=${spec%%:*}
  run 0 "$CERTWIZ" request --key "$key" --out "$key.req" --subject "$subject"
  "$OPENSSL" req -in "$key.req" -noout -text >text
  expect_in text "${spec#*:}" "--key $key"
done

# Exchange users type -KeySize; certwiz takes it as RSA bits.
run 0 "$CERTWIZ" request --key-size 4096 --out big.req --subject "$subject"
"$OPENSSL" req -in big.req -noout -text >text
expect_in text "Public-Key: (4096 bit)" "--key-size 4096"

# The seed's own example asks for 1024 bits: it must not work.
before=$(ls "$CERTWIZ_STORE/pending" | wc -l)
run 1 "$CERTWIZ" request --key-size 1024 --out weak.req --subject "$subject"
expect_in "$work/err" "[key-too-small]" "1024-bit RSA refused"
expect_in "$work/err" "2048" "the refusal says what to use"
[ ! -e weak.req ] && ok "no request written" || fail "weak.req was written"
after=$(ls "$CERTWIZ_STORE/pending" | wc -l)
expect_eq "$after" "$before" "no key kept for a refused request"

run 1 "$CERTWIZ" request --key rsa1024 --out weak.req --subject "$subject"
expect_in "$work/err" "[key-unknown-type]" "unknown key type refused"
run 1 "$CERTWIZ" request --key p256 --key-size 2048 --subject "$subject"
expect_in "$work/err" "[key-conflict]" "--key with --key-size refused"
run 1 "$CERTWIZ" request --key-size lots --subject "$subject"
expect_in "$work/err" "[key-size-not-number]" "non-numeric size refused"

finish
