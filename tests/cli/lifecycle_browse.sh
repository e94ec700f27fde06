#!/bin/sh
# Issue #3, living with the certificates: selfsign, clone, match (the
# seed's woodgrovebank.com examples), list (--domain, JSON, --file),
# delete, and the IDs every command takes.
. "${top_srcdir}/tests/cli/lib.sh"
. "${top_srcdir}/tests/cli/ca.sh"

ca_init
store=$CERTWIZ_STORE
short() { printf '%.8s' "$1"; }

# --- selfsign: installed with its key, the names, a server certificate,
# valid for exactly --days.
run 0 "$CERTWIZ" selfsign --key p256 --days 42 \
  --subject "C=US, O=Woodgrove Bank, CN=mail1.woodgrovebank.com" --san "*.contoso.com"
wood=$(ls "$store/certs")
wood_pem="$store/certs/$wood/cert.pem"
[ -f "$store/certs/$wood/key.pem" ] && ok "selfsign installs the key" ||
  fail "selfsign: no key.pem"
expect_eq "$(thumbprint_of "$wood_pem")" "$wood" "the entry is named by the thumbprint"
"$OPENSSL" x509 -in "$wood_pem" -noout -text >text
expect_in text "DNS:mail1.woodgrovebank.com, DNS:*.contoso.com" "selfsign: the names"
expect_in text "CA:FALSE" "selfsign: not a CA"
expect_in text "TLS Web Server Authentication, TLS Web Client Authentication" \
  "selfsign: serverAuth and clientAuth"
"$OPENSSL" verify -CAfile "$wood_pem" "$wood_pem" >/dev/null 2>&1 &&
  ok "selfsign: it verifies against itself" || fail "selfsign: bad self-signature"
from=$("$OPENSSL" x509 -in "$wood_pem" -noout -startdate | sed 's/.*=//')
to=$("$OPENSSL" x509 -in "$wood_pem" -noout -enddate | sed 's/.*=//')
expect_eq "$(( ($(date -u -d "$to" +%s) - $(date -u -d "$from" +%s)) / 86400 ))" 42 \
  "selfsign: valid for --days 42"
run 0 "$CERTWIZ" list
grep -q "^valid  *$(short "$wood") .* yes$" "$work/out" &&
  ok "list: the self-signed certificate, key here" || fail "list: $(cat "$work/out")"

# --- match, the seed's examples, by ID and by file.
run 0 "$CERTWIZ" match "$wood" woodgrovebank.com
expect_in "$work/out" "one label below" "mail1.woodgrovebank.com covers woodgrovebank.com"
run 0 "$CERTWIZ" match "$wood_pem" woodgrovebank.com
ok "match takes a file too"
run 0 "$CERTWIZ" match "$wood" contoso.com
expect_in "$work/out" "*.contoso.com" "domain mode: *.contoso.com covers contoso.com"
run 1 "$CERTWIZ" match "$wood" contoso.com --mode hostname
ok "hostname mode: *.contoso.com does not cover contoso.com"
run 0 "$CERTWIZ" match "$wood" owa.contoso.com --mode hostname
ok "hostname mode: *.contoso.com covers owa.contoso.com"
run 1 "$CERTWIZ" match "$wood" fabrikam.com
ok "an unrelated domain is not covered"
run 0 "$CERTWIZ" selfsign --key p256 --days 30 --subject "CN=mail1.us.woodgrovebank.com"
deep=$(ls "$store/certs" | grep -v "^$wood$")
run 1 "$CERTWIZ" match "$deep" woodgrovebank.com
expect_in "$work/out" "2 labels below" "two labels deeper does not cover"
run 0 "$CERTWIZ" match "$deep" us.woodgrovebank.com

# --- list --domain and --format json.
run 0 "$CERTWIZ" list --domain woodgrovebank.com
expect_in "$work/out" "$(short "$wood")" "--domain woodgrovebank.com lists the covering one"
expect_not_in "$work/out" "$(short "$deep")" "and not the one two labels down"
run 0 "$CERTWIZ" list --domain nothing.example
expect_not_in "$work/out" "valid" "--domain with no match lists nothing"
run 0 "$CERTWIZ" list --format json
expect_in "$work/out" "\"id\": \"$wood\"" "JSON: the full ID"
expect_in "$work/out" '"key_here": true' "JSON: key_here"
expect_in "$work/out" '"DNS:*.contoso.com"' "JSON: the names"
if command -v python3 >/dev/null 2>&1; then
  python3 -m json.tool "$work/out" >/dev/null 2>json.err &&
    ok "list --format json is valid JSON" || fail "invalid JSON: $(cat json.err)"
else
  echo "skipped: no python3 to validate the JSON"
fi

# --- list --file: a chain with the root, three certificates, read
# without touching any store.
run 0 "$CERTWIZ" request --key p256 --out issued.req \
  --subject "C=US, O=Contoso Corp, CN=mail.contoso.com" --san owa.contoso.com
pending=$(pending_id "$store")
sign_request issued.req issued.pem
make_shuffled issued.pem issued.crt
store_state "$store" >before
run 0 "$CERTWIZ" list --file issued.crt
expect_eq "$(grep -c '^valid ' "$work/out")" 3 "list --file: three certificates"
expect_in "$work/out" "Fabrikam Test Root" "the root is listed"
expect_in "$work/out" "mail.contoso.com" "the leaf is listed"
expect_store_same "$store" before "list --file leaves the store alone"
run 0 env CERTWIZ_STORE="$work/nowhere" "$CERTWIZ" list --file issued.crt
[ ! -e "$work/nowhere" ] && ok "list --file creates no store" || fail "a store was made"

# --- list --file of a bundle large enough to be read on several threads:
# every certificate once, in the file's order; one damaged block refuses
# the file, as a small file is refused.
"$MAKE_BUNDLE" 1500 >big.pem
run 0 "$CERTWIZ" list --file big.pem --format json
expect_eq "$(grep -c '"id":' "$work/out")" 1501 "a large bundle: every certificate"
grep -o '"cn": "host[0-9]*' "$work/out" | sed 's/.*host//' >order
sort -n order | cmp -s - order && ok "in the file's order" ||
  fail "the rows of a large bundle are out of order"
awk '/BEGIN CERT/ { n++ } n == 1000 && /^M/ && !done { $0 = "M!!!" substr($0, 5); done = 1 } { print }' \
  big.pem >damaged.pem
run 1 "$CERTWIZ" list --file damaged.pem
expect_in "$work/err" "file-malformed" "a damaged block in a large bundle refuses it"

# --- clone: same subject and names, a new key; as a request and as a
# self-signed certificate.
run 0 "$CERTWIZ" import issued.crt
issued=$(thumbprint_of issued.pem)
run 0 "$CERTWIZ" clone "$issued" --key p256 --out clone.req
run 0 "$OPENSSL" req -in clone.req -noout -verify
"$OPENSSL" req -in clone.req -noout -subject -nameopt RFC2253 >subj
expect_in subj "subject=CN=mail.contoso.com,O=Contoso Corp,C=US" "clone: the same subject"
"$OPENSSL" req -in clone.req -noout -text >text
expect_in text "DNS:mail.contoso.com, DNS:owa.contoso.com" "clone: the same names"
pubkey_of_req clone.req >clone.pub
pubkey_of_cert issued.pem >issued.pub
cmp -s clone.pub issued.pub && fail "clone reused the certificate's key" ||
  ok "clone: a different public key"
[ -n "$(ls "$store/pending")" ] && ok "clone: its key is kept, pending" ||
  fail "clone: nothing pending"
before_certs=$(ls "$store/certs" | wc -l)
run 0 "$CERTWIZ" clone "$issued" --self-signed --key p256 --days 10
expect_eq "$(ls "$store/certs" | wc -l)" "$((before_certs + 1))" \
  "clone --self-signed installs one more certificate"
run 0 "$CERTWIZ" list
grep -q '^expiring  *[0-9a-f]\{8\} mail\.contoso\.com .* yes$' "$work/out" &&
  ok "list: 10 days left is \"expiring\"" || fail "list: $(cat "$work/out")"
for d in "$store"/certs/*; do
  "$OPENSSL" x509 -in "$d/cert.pem" -noout -subject -nameopt RFC2253 |
    grep -q 'subject=CN=mail.contoso.com,O=Contoso Corp,C=US$' || continue
  "$OPENSSL" x509 -in "$d/cert.pem" -noout -issuer | grep -q Fabrikam && continue
  ss_pem="$d/cert.pem"
done
if [ -n "${ss_pem:-}" ]; then
  ok "clone --self-signed: the same subject, issued by itself"
  "$OPENSSL" x509 -in "$ss_pem" -noout -text >text
  expect_in text "DNS:mail.contoso.com, DNS:owa.contoso.com" "clone --self-signed: the names"
  pubkey_of_cert "$ss_pem" >ss.pub
  cmp -s ss.pub issued.pub && fail "clone --self-signed reused the key" ||
    ok "clone --self-signed: a different public key"
else
  fail "clone --self-signed: no self-signed certificate with the subject"
fi

# --- IDs: 4 digits, upper case, too short, unknown.
run 0 "$CERTWIZ" show "$(printf '%.4s' "$issued")"
expect_in "$work/out" "Thumbprint:     $issued" "a 4-digit prefix finds it"
run 0 "$CERTWIZ" show "$(printf '%.6s' "$issued" | tr 'a-f' 'A-F')"
expect_in "$work/out" "Thumbprint:     $issued" "an upper-case prefix finds it"
run 2 "$CERTWIZ" show "$(printf '%.3s' "$issued")"
expect_in "$work/err" "[id-invalid]" "3 digits are too short"
# A path that does not exist is a missing file, for every command that
# takes ID|FILE, never "not an ID".
for cmd in show verify "match --mode domain"; do
  set -- $cmd
  c=$1; shift
  if [ "$c" = match ]; then
    run 1 "$CERTWIZ" match "$work/no-such.pem" www.example.com "$@"
  else
    run 1 "$CERTWIZ" "$c" "$work/no-such.pem"
  fi
  expect_in "$work/err" "no-such.pem\": No such file" "$c: a missing file is named as one"
  expect_not_in "$work/err" "id-invalid" "$c: a missing file is not called a bad ID"
done
ids=$(ls "$store/certs" "$store/pending")
for unknown in 0000 1111 2222 3333 4444 5555; do
  printf '%s\n' "$ids" | grep -q "^$unknown" || break
done
run 1 "$CERTWIZ" show "$unknown"
expect_in "$work/err" "[id-not-found]" "an unknown ID"
run 1 "$CERTWIZ" delete "$unknown" --yes
expect_in "$work/err" "[id-not-found]" "delete: an unknown ID"

# --- delete: refused without --yes and a terminal; a pending request
# warns that its key is lost.
if have_setsid; then
  store_state "$store" >before
  run 1 no_tty "$CERTWIZ" delete "$wood"
  expect_in "$work/err" "[delete-unconfirmed]" "no --yes and no terminal: refused"
  expect_store_same "$store" before "nothing deleted"
else
  echo "skipped: no setsid to run without a terminal"
fi
run 0 "$CERTWIZ" delete "$(short "$wood")" --yes
[ ! -e "$store/certs/$wood" ] && ok "delete --yes removes a certificate" ||
  fail "the certificate is still there"
expect_not_in "$work/err" "[delete-loses-key]" "an installed certificate: no lost-key warning"
clone_req=$(ls "$store/pending" | grep -v "^$pending$" || true)
run 0 "$CERTWIZ" delete "$clone_req" --yes
expect_in "$work/err" "[delete-loses-key]" "deleting a pending request warns"
[ ! -e "$store/pending/$clone_req" ] && ok "the pending request is gone" ||
  fail "the pending request is still there"
run 0 "$CERTWIZ" list
expect_not_in "$work/out" "$(short "$wood")" "list no longer shows the deleted one"

finish
