#!/bin/sh
# Issue #3, what import refuses: a certificate whose key is in another
# store (then --cert-only on purpose), and files that are no CA answer at
# all.  Each refusal is exit 1 with a [code], and the store is left as it
# was, byte for byte.
. "${top_srcdir}/tests/cli/lib.sh"
. "${top_srcdir}/tests/cli/ca.sh"

ca_init
subject="C=US, O=Contoso Corp, CN=mail1.contoso.com"
names="autodiscover.contoso.com, 192.0.2.10"

# --- The request was made in store A and answered; store B made another
# request with the same names (another key): the answer is not B's.
run 0 "$CERTWIZ" --store "$work/a" request --key p256 --out a.req \
  --subject "$subject" --san "$names"
sign_request a.req a.pem
make_chain a.pem a.crt
run 0 "$CERTWIZ" --store "$work/b" request --key p256 --out b.req \
  --subject "$subject" --san "$names"
b_id=$(pending_id "$work/b")
store_state "$work/b" >before
run 1 "$CERTWIZ" --store "$work/b" import a.crt
expect_in "$work/err" "[key-not-here]" "the key is not in this store"
expect_in "$work/err" "[pending-same-names]" \
  "the request with the same names but another key is pointed at"
expect_in "$work/err" "$(printf '%.8s' "$b_id")" "that request is named by its ID"
expect_in "$work/err" "[key-not-here-fix]" "what to do is said"
expect_in "$work/err" "--cert-only" "the fix mentions --cert-only"
[ ! -s "$work/out" ] && ok "nothing on stdout when refused" || fail "stdout used"
[ -z "$(ls -A "$work/b/certs" 2>/dev/null)" ] && ok "certs/ stays empty" ||
  fail "something was installed: $(ls "$work/b/certs")"
expect_store_same "$work/b" before "key-not-here leaves the store byte for byte"

# DNS names are case-insensitive: a CA that writes them in capitals still
# answers the request with the same names.
sign_request a.req caps.pem \
  "subjectAltName = DNS:MAIL1.CONTOSO.COM, DNS:Autodiscover.Contoso.Com, IP:192.0.2.10"
make_chain caps.pem caps.crt
run 1 "$CERTWIZ" --store "$work/b" import caps.crt
expect_in "$work/err" "[pending-same-names]" \
  "names in capitals: still the request with the same names"
expect_store_same "$work/b" before "and the store is unchanged"

# A request with other names is listed as pending here, not as the cause.
run 0 "$CERTWIZ" --store "$work/c" request --key p256 --out c.req \
  --subject "CN=other.contoso.com"
run 1 "$CERTWIZ" --store "$work/c" import a.crt
expect_in "$work/err" "[pending-here]" "another pending request is listed"
expect_not_in "$work/err" "[pending-same-names]" "and not taken for this one"
# An empty store: nothing pending at all.
run 1 "$CERTWIZ" --store "$work/empty" import a.crt
expect_in "$work/err" "[no-pending]" "an empty store says so"

# --cert-only: installed on purpose, without a key; the pending request of
# store B stays pending.
run 0 "$CERTWIZ" --store "$work/b" import a.crt --cert-only
expect_in "$work/out" "WITHOUT a private key" "--cert-only says there is no key"
id=$(thumbprint_of a.pem)
short=$(printf '%.8s' "$id")
run 0 "$CERTWIZ" --store "$work/b" list
grep -q "^valid  *$short .* no$" "$work/out" && ok "list: key \"no\"" ||
  fail "list does not show $short without key: $(cat "$work/out")"
grep -q "^pending  *$(printf '%.8s' "$b_id") " "$work/out" &&
  ok "B's own request is still pending" || fail "B's request is gone"
[ ! -e "$work/b/certs/$id/key.pem" ] && ok "no key.pem in the entry" ||
  fail "a key was installed with --cert-only"
run 0 "$CERTWIZ" --store "$work/b" show "$id" --format pem
cat a.pem "$ca_inter" >expected.pem
cmp -s "$work/out" expected.pem && ok "--cert-only keeps the chain too" ||
  fail "--cert-only: show --format pem is not leaf + intermediate"
store_state "$work/b" >before
run 1 "$CERTWIZ" --store "$work/b" import a.crt --cert-only
expect_in "$work/err" "[already-installed]" "the same certificate twice is refused"
expect_store_same "$work/b" before "already-installed leaves the store alone"

# --- Files that are no CA answer.  Store B now holds a pending request and
# a certificate; none of these may change it.
printf 'This is not a certificate.\n' >text.txt
i=0
while [ $i -lt 64 ]; do
  printf '\060\202\377\001\000\211%03d' $i
  i=$((i + 1))
done >garbage.bin
: >empty.cer
size=$(wc -c <a.pem)
head -c $((size / 2)) a.pem >half.pem
"$OPENSSL" x509 -in a.pem -outform DER | head -c 200 >half.der
"$OPENSSL" genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-256 -out key.pem
mkdir folder.cer
# One byte past the limit of every input (sparse: nothing to write).
truncate -s $((256 * 1024 * 1024 + 1)) big.cer

store_state "$work/b" >before
for spec in text.txt:file-unknown garbage.bin:file-unknown empty.cer:file-empty \
            half.pem:file-malformed half.der: b.req:file-is-request \
            key.pem:file-is-key folder.cer:file-read missing.cer:file-read \
            big.cer:file-too-large; do
  f=${spec%%:*} code=${spec#*:}
  run 1 "$CERTWIZ" --store "$work/b" import "$f"
  if [ -n "$code" ]; then
    expect_in "$work/err" "[$code]" "$f: refused with [$code]"
  else
    [ -n "$(codes_of "$work/err")" ] && ok "$f: refused with [$(codes_of "$work/err")]" ||
      fail "$f: no [code] in: $(cat "$work/err")"
  fi
  grep -q '^certwiz: error: ' "$work/err" && ok "$f: an error, not a note" ||
    fail "$f: no error line"
  [ ! -s "$work/out" ] || fail "$f: stdout used"
  expect_store_same "$work/b" before "$f: the store is unchanged"
done
# The refusals say why.
run 1 "$CERTWIZ" --store "$work/b" import missing.cer
expect_in "$work/err" "No such file or directory" "a missing file: the reason is told"
run 1 "$CERTWIZ" --store "$work/b" import folder.cer
expect_in "$work/err" "Is a directory" "a folder: the reason is told"
run 1 "$CERTWIZ" --store "$work/b" import big.cer
expect_in "$work/err" "larger than 256 MiB" "a file past the limit: the limit is told"

# --- A certificate whose public key cannot be read (its RSAPublicKey is
# tagged SET instead of SEQUENCE), as in GnuTLS's fuzz corpus: the file's
# fault, so a refusal (1) with a [code], not an internal failure (3); and
# show says something about it.
"$OPENSSL" req -x509 -newkey rsa:2048 -nodes -keyout /dev/null -days 30 \
  -subj "/CN=broken.contoso.com" -outform DER -out sound.der 2>/dev/null
spki=$("$OPENSSL" asn1parse -inform DER -in sound.der | grep -m1 'BIT STRING')
offset=$(echo "$spki" | sed 's/^ *\([0-9]*\):.*/\1/')
header=$(echo "$spki" | sed 's/.*hl= *\([0-9]*\) .*/\1/')
cp sound.der broken-key.der
printf '\061' | dd of=broken-key.der bs=1 seek=$((offset + header + 1)) \
  conv=notrunc 2>/dev/null
run 1 "$CERTWIZ" --store "$work/b" import broken-key.der
[ -n "$(codes_of "$work/err")" ] && ok "a broken public key: refused with a [code]" ||
  fail "a broken public key: no [code]"
expect_not_in "$work/err" "The key could not be stored" \
  "a broken public key is not blamed on the store"
expect_store_same "$work/b" before "broken-key.der: the store is unchanged"
run 0 "$CERTWIZ" show sound.der
ok "show reads the sound certificate"
set +e
"$CERTWIZ" show broken-key.der >"$work/out" 2>"$work/err"
status=$?
set -e
if [ "$status" -eq 0 ] && [ ! -s "$work/out" ]; then
  fail "show broken-key.der: exit 0 with no output and no diagnostic"
else
  ok "show broken-key.der: shows it or says why not"
fi

finish
