#!/bin/sh
# certwiz verify, offline, on store entries and files: complete,
# incomplete, expired, wrong name, wrong purpose, untrusted, pending.
. "${top_srcdir}/tests/services/lib.sh"
pki_init
ca="--ca $pki/root.pem"

# A store entry with its chain: every check passes.
pki_store_entry "$work/www" www.test.example test.example
www_id=$store_id
# shellcheck disable=SC2086
run 0 "$CERTWIZ" verify "$www_id" $ca --name www.test.example
expect_in "$work/out" "Every check passed." "store entry: every check passes"
expect_in "$work/out" "Certificate 2 of 2:" "store entry: its chain is shown"
# shellcheck disable=SC2086
run 0 "$CERTWIZ" verify "$(echo "$www_id" | cut -c1-8)" $ca --format json
expect_in "$work/out" '"passed": true' "an ID prefix, JSON"
expect_in "$work/out" '"trust_anchor": "certwiz Test Root"'

# shellcheck disable=SC2086
run 1 "$CERTWIZ" verify "$www_id" $ca --name mail.test.example
expect_eq "$(codes_of "$work/err")" "name-mismatch" "store entry: wrong name"
expect_in "$work/err" "it covers www.test.example, test.example"
run 1 "$CERTWIZ" verify "$www_id"
expect_eq "$(codes_of "$work/err")" "untrusted-root" \
  "store entry: the system does not trust the test root"

# The CA's answer without its intermediate: the chain is incomplete.
"$CERTWIZ" request --subject "CN=bare.test.example" --key p256 \
  --out "$work/bare.req" >/dev/null 2>&1
pki_sign_request "$work/bare.req" "$work/bare.pem" bare.test.example
"$CERTWIZ" import "$work/bare.pem" >/dev/null 2>&1
bare_id=$(pki_thumbprint "$work/bare.pem")
# shellcheck disable=SC2086
run 1 "$CERTWIZ" verify "$bare_id" $ca
expect_eq "$(codes_of "$work/err")" "chain-incomplete" \
  "store entry without its intermediate"
expect_in "$work/err" "Import the intermediate certificate" \
  "it says to import the intermediate"

# Expired, in the store and as a file.
leaf_expired=yes pki_leaf "$pki/old" old.test.example
"$CERTWIZ" import --cert-only "$pki/old.chain.pem" >/dev/null 2>&1
# shellcheck disable=SC2086
run 1 "$CERTWIZ" verify "$(pki_thumbprint "$pki/old.pem")" $ca
expect_eq "$(codes_of "$work/err")" "expired" "store entry: expired"
# shellcheck disable=SC2086
run 1 "$CERTWIZ" verify "$pki/old.chain.pem" $ca --format json
expect_in "$work/out" '"code": "expired"' "file: expired, in JSON"

# Files: a chain, the same out of order, a .p7b.
pki_leaf "$pki/api" api.test.example '*.api.test.example'
# shellcheck disable=SC2086
run 0 "$CERTWIZ" verify "$pki/api.chain.pem" $ca --name api.test.example
ok "file: a chain"
cat "$pki/inter.pem" "$pki/api.pem" >"$work/reversed.pem"
# shellcheck disable=SC2086
run 0 "$CERTWIZ" verify "$work/reversed.pem" $ca --name x.api.test.example
expect_in "$work/out" "Subject:        CN=api.test.example" \
  "file out of order: the leaf is found"
"$OPENSSL" crl2pkcs7 -nocrl -certfile "$pki/api.pem" \
  -certfile "$pki/inter.pem" -out "$work/api.p7b"
# shellcheck disable=SC2086
run 0 "$CERTWIZ" verify "$work/api.p7b" $ca --name api.test.example
ok "file: a .p7b"
# RFC 9525: a wildcard stands for one label, never for two.
# shellcheck disable=SC2086
run 1 "$CERTWIZ" verify "$pki/api.chain.pem" $ca --name a.b.api.test.example
expect_eq "$(codes_of "$work/err")" "name-mismatch" \
  "a wildcard does not cover two labels"

# Purpose: a client certificate is not a server's.
leaf_purpose=client pki_leaf "$pki/client" client.test.example
# shellcheck disable=SC2086
run 1 "$CERTWIZ" verify "$pki/client.chain.pem" $ca
expect_eq "$(codes_of "$work/err")" "wrong-purpose" "a client certificate"
expect_in "$work/err" "serverAuth"
# shellcheck disable=SC2086
run 0 "$CERTWIZ" verify "$pki/client.chain.pem" $ca --purpose client
ok "a client certificate for a client"
# shellcheck disable=SC2086
run 1 "$CERTWIZ" verify "$pki/api.chain.pem" $ca --purpose client
expect_eq "$(codes_of "$work/err")" "wrong-purpose" \
  "a server certificate is not a client's"

# Untrusted: another CA's chain, and a self-signed certificate.
leaf_issuer=other pki_leaf "$pki/stranger" www.test.example
# shellcheck disable=SC2086
run 1 "$CERTWIZ" verify "$pki/stranger.chain.pem" $ca
expect_eq "$(codes_of "$work/err")" "untrusted-root" "another CA's chain"
expect_in "$work/err" "name its certificate as a root to trust"
expect_in "$work/err" "Roots to trust: --ca FILE."
run 0 "$CERTWIZ" verify "$pki/stranger.chain.pem" --ca "$pki/other-root.pem"
ok "the other CA's chain with its root given"
"$CERTWIZ" selfsign --subject "CN=self.test.example" --key p256 \
  >"$work/self.out" 2>&1
self_id=$(sed -n 's/^Thumbprint: *//p' "$work/self.out")
run 1 "$CERTWIZ" verify "$self_id" --name self.test.example
expect_eq "$(codes_of "$work/err")" "untrusted-root" "self-signed"

# A pending request has no certificate to verify.
"$CERTWIZ" request --subject "CN=wait.test.example" --key p256 \
  --out "$work/wait.req" >/dev/null 2>&1
run 1 "$CERTWIZ" verify "$(ls "$CERTWIZ_STORE/pending")"
expect_eq "$(codes_of "$work/err")" "verify-pending" "a pending request"

run 2 "$CERTWIZ" verify "$www_id" --purpose email
run 2 "$CERTWIZ" verify
ok "usage errors"
finish
