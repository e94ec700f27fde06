#!/bin/sh
# Issue #3, the backup: export an installed certificate with its key and
# chain as PKCS#12 (modern and legacy profiles), read it with openssl and
# certtool, restore it into an empty store, and the ways a password is
# given or refused.
. "${top_srcdir}/tests/cli/lib.sh"
. "${top_srcdir}/tests/cli/ca.sh"

ca_init
umask 022
printf 'Correct Horse 42\n' >pw
printf 'wrong horse\n' >bad
: >empty-pw
chmod 600 pw bad empty-pw

# --- An installed certificate, signed by the CA, with its chain.
store="$work/main"
run 0 "$CERTWIZ" --store "$store" request --key p256 --out m.req \
  --subject "C=US, O=Contoso Corp, CN=mail1.contoso.com" \
  --san "autodiscover.contoso.com" --friendly-name "Contoso mail"
sign_request m.req m.pem
make_chain m.pem m.crt
run 0 "$CERTWIZ" --store "$store" import m.crt
id=$(thumbprint_of m.pem)
pubkey_of_cert m.pem >leaf.pub

# --- Export: a private file, never replaced without --force.
run 0 "$CERTWIZ" --store "$store" export "$id" --out m.pfx --password-file pw
expect_in "$work/out" "modern profile" "export: the profile is told"
expect_eq "$(mode_of m.pfx)" 600 "the backup is 0600 under umask 022"
echo "precious" >taken.pfx
run 1 "$CERTWIZ" --store "$store" export "$id" --out taken.pfx --password-file pw
expect_in "$work/err" "[out-exists]" "an existing file is refused"
expect_eq "$(cat taken.pfx)" "precious" "and left as it was"
run 0 "$CERTWIZ" --store "$store" export "$id" --out taken.pfx --password-file pw --force
run 0 "$OPENSSL" pkcs12 -in taken.pfx -info -noout -passin file:pw
ok "--force replaces it with a backup openssl opens"
expect_eq "$(mode_of taken.pfx)" 600 "the replaced file is 0600 too"

# --- openssl reads the modern profile: AES-256, SHA-256 MAC, the chain.
"$OPENSSL" pkcs12 -in m.pfx -info -noout -passin file:pw >info 2>&1 ||
  fail "openssl cannot open the backup: $(cat info)"
expect_in info "AES-256-CBC" "modern: AES-256-CBC"
expect_in info "hmacWithSHA256" "modern: PBKDF2 with HMAC-SHA256"
expect_in info "MAC: sha256" "modern: SHA-256 MAC"
expect_eq "$(grep -c '^Certificate bag' info)" 2 "two certificate bags: the chain is inside"
expect_in info "Shrouded Keybag" "the key is in a shrouded bag"
"$OPENSSL" pkcs12 -in m.pfx -nokeys -passin file:pw >certs.pem 2>/dev/null
expect_in certs.pem "subject=C = US, O = Fabrikam Test CA, CN = Fabrikam Issuing CA 1" \
  "the intermediate is one of them"
"$OPENSSL" pkcs12 -in m.pfx -nocerts -nodes -passin file:pw 2>/dev/null |
  "$OPENSSL" pkey -pubout >p12.pub
cmp -s p12.pub leaf.pub && ok "the backup's key is the certificate's" ||
  fail "the backup's key does not fit the certificate"

if [ -n "${CERTTOOL:-}" ]; then
  if "$CERTTOOL" --p12-info --inder --infile m.pfx --password "Correct Horse 42" \
      >certtool.out 2>&1; then
    ok "certtool opens the backup"
    expect_in certtool.out "AES-256-CBC" "certtool: AES-256-CBC"
    expect_in certtool.out "MAC: SHA256" "certtool: SHA-256 MAC"
    expect_eq "$(grep -c 'Type: Certificate' certtool.out)" 2 "certtool: two certificates"
  else
    fail "certtool cannot open the backup: $(cat certtool.out)"
  fi
else
  echo "skipped: no certtool (CERTTOOL is empty)"
fi

# --- Restore into an empty store: the same certificate, key and chain.
run 0 "$CERTWIZ" --store "$work/restored" import m.pfx --password-file pw
expect_in "$work/out" "Restored the backup" "restored"
[ -d "$work/restored/certs/$id" ] && ok "the same thumbprint" ||
  fail "restored under another ID: $(ls "$work/restored/certs")"
run 0 "$CERTWIZ" --store "$work/restored" list
grep -q "^valid  *$(printf '%.8s' "$id") .* yes$" "$work/out" &&
  ok "list: valid, key here" || fail "list after restore: $(cat "$work/out")"
"$OPENSSL" pkey -in "$work/restored/certs/$id/key.pem" -pubout >restored.pub
cmp -s restored.pub leaf.pub && ok "the restored key.pem fits the leaf" ||
  fail "the restored key does not fit the leaf"
run 0 "$CERTWIZ" --store "$work/restored" show "$id" --format pem
cat m.pem "$ca_inter" >expected.pem
cmp -s "$work/out" expected.pem && ok "the restored chain is leaf, intermediate" ||
  fail "the restored chain differs"
run 0 "$CERTWIZ" --store "$work/restored" show "$id"
expect_in "$work/out" "Contoso mail" "the friendly name came back"
store_state "$work/restored" >before
run 1 "$CERTWIZ" --store "$work/restored" import m.pfx --password-file pw
expect_in "$work/err" "[already-installed]" "restoring twice is refused"
expect_store_same "$work/restored" before "and changes nothing"

# --cert-only asks for the certificate without its key, even from a backup.
set +e
"$CERTWIZ" --store "$work/cert-only" import m.pfx --password-file pw --cert-only \
  >"$work/out" 2>"$work/err"
status=$?
set -e
if [ "$status" -eq 0 ] && [ -e "$work/cert-only/certs/$id/key.pem" ]; then
  fail "import --cert-only of a backup installed its private key anyway"
elif [ "$status" -ne 0 ] && [ -z "$(codes_of "$work/err")" ]; then
  fail "import --cert-only of a backup: exit $status without a [code]"
else
  ok "import --cert-only of a backup keeps no key (or says why not)"
fi

# --- A wrong password: refused, nothing changed (a store with content, and
# a store that does not exist yet).
run 1 "$CERTWIZ" --store "$work/restored" import m.pfx --password-file bad
expect_in "$work/err" "[p12-bad-password]" "a wrong password is refused"
expect_store_same "$work/restored" before "a wrong password changes nothing"
run 1 "$CERTWIZ" --store "$work/none" import m.pfx --password-file bad
[ ! -e "$work/none" ] && ok "no store is made for a wrong password" ||
  fail "a store was made: $(find "$work/none")"

# --- The password from a file descriptor.
run 0 "$CERTWIZ" --store "$work/by-fd" import m.pfx --password-fd 3 3<pw
[ -f "$work/by-fd/certs/$id/key.pem" ] && ok "--password-fd 3 restores" ||
  fail "--password-fd 3 did not restore"
run 0 "$CERTWIZ" --store "$store" export "$id" --out fd.pfx --password-fd 3 3<pw
run 0 "$OPENSSL" pkcs12 -in fd.pfx -info -noout -passin file:pw
ok "export --password-fd 3 uses that password"

# --- No terminal and no password option; an empty password.
if have_setsid; then
  run 2 no_tty "$CERTWIZ" --store "$work/tty" import m.pfx
  expect_in "$work/err" "[password-no-terminal]" "import: no terminal to ask on"
  expect_in "$work/err" "--password-file" "the error says how to give it"
  [ ! -e "$work/tty" ] && ok "nothing restored" || fail "restored without a password"
  run 2 no_tty "$CERTWIZ" --store "$store" export "$id" --out tty.pfx
  expect_in "$work/err" "[password-no-terminal]" "export: no terminal to ask on"
  [ ! -e tty.pfx ] && ok "no backup written" || fail "tty.pfx written"
else
  echo "skipped: no setsid to run without a terminal"
fi
# Reading, an empty password is tried (files made without one open with
# it): this backup has one, so it is the wrong password.
run 1 "$CERTWIZ" --store "$work/tty" import m.pfx --password-file empty-pw
expect_in "$work/err" "[p12-bad-password]" "import: an empty password is a wrong one here"
[ ! -e "$work/tty" ] && ok "nothing restored" || fail "restored with an empty password"
run 1 "$CERTWIZ" --store "$store" export "$id" --out empty.pfx --password-file empty-pw
expect_in "$work/err" "[password-empty]" "export: an empty password file is refused"
[ ! -e empty.pfx ] && ok "no backup written" || fail "empty.pfx written"

# --- The legacy profile, with an RSA key, for Windows Server 2016.
run 0 "$CERTWIZ" --store "$store" request --key rsa2048 --out rsa.req \
  --subject "C=US, O=Contoso Corp, CN=legacy.contoso.com"
sign_request rsa.req rsa.pem
make_p7b rsa.pem rsa.p7b
run 0 "$CERTWIZ" --store "$store" import rsa.p7b
rsa_id=$(thumbprint_of rsa.pem)
run 0 "$CERTWIZ" --store "$store" export "$rsa_id" --out legacy.pfx \
  --profile legacy --password-file pw
expect_in "$work/out" "legacy profile" "legacy: the profile is told"
"$OPENSSL" pkcs12 -legacy -in legacy.pfx -info -noout -passin file:pw >info 2>&1 ||
  fail "openssl -legacy cannot open the legacy backup: $(cat info)"
expect_in info "pbeWithSHA1And3-KeyTripleDES-CBC" "legacy: 3DES"
expect_in info "MAC: sha1" "legacy: SHA-1 MAC"
expect_not_in info "AES-256" "legacy: no AES"
expect_eq "$(grep -c '^Certificate bag' info)" 2 "legacy: the chain is inside"
run 0 "$CERTWIZ" --store "$work/legacy" import legacy.pfx --password-file pw
"$OPENSSL" pkey -in "$work/legacy/certs/$rsa_id/key.pem" -pubout >restored.pub
pubkey_of_cert rsa.pem >rsa.pub
cmp -s restored.pub rsa.pub && ok "legacy: the RSA key comes back" ||
  fail "legacy: the restored key does not fit"
run 2 "$CERTWIZ" --store "$store" export "$id" --out x.pfx --profile ancient \
  --password-file pw
expect_in "$work/err" "[p12-unknown-profile]" "an unknown profile is refused"

# --- A backup made elsewhere (openssl) of a request still pending here:
# restoring it answers that request.
run 0 "$CERTWIZ" --store "$work/answer" request --key p256 --out ans.req \
  --subject "CN=answer.contoso.com"
ans_id=$(pending_id "$work/answer")
sign_request ans.req ans.pem
"$OPENSSL" pkcs12 -export -inkey "$work/answer/pending/$ans_id/key.pem" \
  -in ans.pem -certfile "$ca_inter" -passout file:pw -out ans.pfx
run 0 "$CERTWIZ" --store "$work/answer" import ans.pfx --password-file pw
expect_in "$work/err" "[backup-answers-request]" "the pending request is answered"
[ -z "$(ls "$work/answer/pending")" ] && ok "and no longer pending" ||
  fail "the request is still pending"

finish
