#!/bin/sh
# One size limit for every input: a file one byte past it is refused by
# import, show, match, verify (the file and its --ca) and list --file
# alike, with the same words, the store left alone; a CA bundle far
# larger than a CA's answer is still read by import as by list.
. "${top_srcdir}/tests/cli/lib.sh"
. "${top_srcdir}/tests/cli/ca.sh"

ca_init
limit=$((256 * 1024 * 1024))
truncate -s $((limit + 1)) big.pem
cp "$ca_inter" inter.pem

# The refusal of each command, without its "certwiz: error: " prefix.
refusal() {
  grep '\[file-too-large\]$' "$work/err" | head -1
}

run 0 "$CERTWIZ" request --key p256 --out r.req --subject "CN=limit.contoso.com"
store_state "$CERTWIZ_STORE" >before
run 1 "$CERTWIZ" import big.pem
expected=$(refusal)
[ -n "$expected" ] && ok "import refuses a file past the limit" ||
  fail "import: no [file-too-large] in $(cat "$work/err")"
expect_in "$work/err" "larger than 256 MiB" "the limit is told"
expect_store_same "$CERTWIZ_STORE" before "import of a file past the limit changes nothing"

for cmd in "show big.pem" "match big.pem contoso.com" "verify big.pem" \
           "verify inter.pem --ca big.pem" "list --file big.pem"; do
  set +e
  # shellcheck disable=SC2086
  "$CERTWIZ" $cmd >"$work/out" 2>"$work/err"
  rc=$?
  set -e
  [ "$rc" -ne 0 ] && ok "$cmd: refused" || fail "$cmd: accepted a file past the limit"
  expect_eq "$(refusal)" "$expected" "$cmd: the same refusal as import"
done

# A bundle larger than the old 1 MiB limit of import: many copies of the
# intermediate before the leaf; import reads it as list does.
run 0 "$CERTWIZ" request --key p256 --out b.req --subject "CN=bundle.contoso.com"
sign_request b.req b.pem
: >bundle.pem
i=0
while [ $i -lt 2000 ]; do cat "$ca_inter" >>bundle.pem; i=$((i + 1)); done
cat b.pem >>bundle.pem
[ "$(wc -c <bundle.pem)" -gt 1048576 ] && ok "the bundle is over 1 MiB" ||
  fail "the bundle is too small for the check"
run 0 "$CERTWIZ" import bundle.pem
expect_in "$work/out" "with the private key kept for its request" \
  "import reads a bundle over 1 MiB"
finish
