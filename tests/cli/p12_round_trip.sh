# Sourced by the PKCS#12 tests, after lib.sh; the password in ./pw.
# restores_the_key LABEL P12 CERT: P12 (holding CERT and its key) is
# restored into a store of its own, exported again, and the key exported
# is CERT's.
restores_the_key() {
  label=$1 p12=$2 cert=$3
  store="$work/store-$label"
  id=$("$OPENSSL" x509 -in "$cert" -noout -fingerprint -sha1 |
    sed 's/.*=//; s/://g' | tr 'A-F' 'a-f')
  run 0 "$CERTWIZ" --store "$store" import "$p12" --password-file pw
  expect_in "$work/out" "Restored the backup" "$label: the backup is restored"
  run 0 "$CERTWIZ" --store "$store" export "$id" --out "back-$label.pfx" \
    --password-file pw
  "$OPENSSL" pkcs12 -in "back-$label.pfx" -nocerts -nodes -passin file:pw \
    2>/dev/null | "$OPENSSL" pkey -pubout >"got-$label.pub" ||
    fail "$label: openssl cannot read the exported key"
  "$OPENSSL" x509 -in "$cert" -noout -pubkey >"want-$label.pub"
  if cmp -s "want-$label.pub" "got-$label.pub" && [ -s "got-$label.pub" ]
  then ok "$label: the exported key's public key is the certificate's"
  else fail "$label: the exported key is not the certificate's"; fi
}
