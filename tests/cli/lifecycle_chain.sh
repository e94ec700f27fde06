#!/bin/sh
# A chain completed after the fact, and a second certificate for a key the
# store holds: a leaf imported without its intermediate is completed by
# importing the full chain again or the intermediate alone; list, show and
# a backup keep the state; a certificate issued again for the same key is
# installed beside the first, each entry keeping its own key.
. "${top_srcdir}/tests/cli/lib.sh"
. "${top_srcdir}/tests/cli/ca.sh"

ca_init
printf 'Correct Horse 42\n' >pw
chmod 600 pw

# new_leaf NAME: a store $work/NAME with one request, signed by the CA as
# NAME.pem; $id is its thumbprint.
new_leaf() {
  store="$work/$1"
  run 0 "$CERTWIZ" --store "$store" request --key p256 --out "$1.req" \
    --subject "C=US, O=Contoso Corp, CN=$1.contoso.com"
  sign_request "$1.req" "$1.pem"
  id=$(thumbprint_of "$1.pem")
  short=$(printf '%.8s' "$id")
}

# --- The leaf alone: installed, and shown as a chain that is incomplete.
new_leaf full
run 0 "$CERTWIZ" --store "$store" import full.pem
expect_in "$work/err" "[chain-missing-intermediate]" "leaf alone: the intermediate is missing"
run 0 "$CERTWIZ" --store "$store" list
grep -q "^chain incomplete  *$short " "$work/out" &&
  ok "list shows the leaf alone as chain incomplete" ||
  fail "list does not say chain incomplete: $(cat "$work/out")"
run 0 "$CERTWIZ" --store "$store" list --format json
expect_in "$work/out" '"state": "chain-incomplete"' "list --format json says chain-incomplete"
run 0 "$CERTWIZ" --store "$store" show "$id"
expect_in "$work/err" "[chain-incomplete]" "show says the chain is incomplete"
expect_in "$work/err" "import that file, or the intermediate alone" "and how to complete it"

# --- Importing the full chain then completes it: no advice to delete.
make_chain full.pem full.crt
run 0 "$CERTWIZ" --store "$store" import full.crt
expect_in "$work/err" "[chain-completed]" "the full chain completes the installed certificate"
expect_not_in "$work/err" "delete" "no advice to delete anything"
expect_in "$work/out" "Completed the chain of the installed certificate $short" \
  "the completion is said"
run 0 "$CERTWIZ" --store "$store" show "$id" --format pem
cat full.pem "$ca_inter" >expected.pem
cmp -s "$work/out" expected.pem && ok "show --format pem gives the leaf, then the intermediate" ||
  fail "show --format pem does not give the completed chain"
"$OPENSSL" pkey -in "$store/certs/$id/key.pem" -pubout >key.pub
pubkey_of_cert full.pem >leaf.pub
cmp -s key.pub leaf.pub && ok "the key was kept" || fail "the key is gone"
run 0 "$CERTWIZ" --store "$store" list
grep -q "^valid  *$short " "$work/out" && ok "list shows it valid now" ||
  fail "list after completion: $(cat "$work/out")"

# --- The same file again: refused, nothing changed, no advice to delete.
store_state "$store" >before
run 1 "$CERTWIZ" --store "$store" import full.crt
expect_in "$work/err" "[already-installed]" "the same chain again is refused"
expect_not_in "$work/err" "delete" "without advice to delete"
expect_store_same "$store" before "and the store is left alone"

# --- The intermediate alone: chain material, never a leaf without its key.
new_leaf inter
run 0 "$CERTWIZ" --store "$store" import inter.pem
run 0 "$CERTWIZ" --store "$store" request --key p256 --out other.req \
  --subject "C=US, O=Contoso Corp, CN=other.contoso.com"
run 0 "$CERTWIZ" --store "$store" import "$ca_inter"
expect_not_in "$work/err" "[key-not-here]" "a CA certificate is not a leaf whose key is missing"
expect_in "$work/err" "[chain-completed]" "the intermediate completes the installed certificate"
expect_in "$work/err" "inter.contoso.com" "and says which"
expect_in "$work/out" "Completed the chain of the installed certificate $short" \
  "the completed certificate is named"
run 0 "$CERTWIZ" --store "$store" show "$id" --format pem
cat inter.pem "$ca_inter" >expected.pem
cmp -s "$work/out" expected.pem && ok "the intermediate is now its chain" ||
  fail "the chain was not completed by the intermediate alone"
run 0 "$CERTWIZ" --store "$store" list
grep -q "^valid  *$short " "$work/out" && ok "list shows it valid once completed" ||
  fail "list after the intermediate: $(cat "$work/out")"

# --- CA certificates that complete nothing: refused, nothing changed.
store_state "$store" >before
run 1 "$CERTWIZ" --store "$store" import "$ca_inter"
expect_in "$work/err" "[ca-completes-nothing]" "an intermediate that completes nothing is refused"
expect_not_in "$work/err" "[key-not-here]" "not as a missing key"
expect_store_same "$store" before "and changes nothing"
run 1 "$CERTWIZ" --store "$work/none" import "$ca_root"
expect_in "$work/err" "[ca-completes-nothing]" "a root into an empty store says the same"
[ ! -e "$work/none" ] && ok "and makes no store" || fail "a store was made"

# --- A backup of the completed certificate keeps the chain.
run 0 "$CERTWIZ" --store "$store" export "$id" --out inter.pfx --password-file pw
run 0 "$CERTWIZ" --store "$work/restored" import inter.pfx --password-file pw
run 0 "$CERTWIZ" --store "$work/restored" show "$id" --format pem
cmp -s "$work/out" expected.pem && ok "the restored backup keeps the completed chain" ||
  fail "the restored backup lost the chain"
run 0 "$CERTWIZ" --store "$work/restored" list
grep -q "^valid  *$short " "$work/out" && ok "the restored certificate is valid" ||
  fail "restored list: $(cat "$work/out")"

# --- The CA issues the same request again: installed beside the first.
new_leaf again
run 0 "$CERTWIZ" --store "$store" import again.pem
first=$id
sleep 1
sign_request again.req again2.pem
second=$(thumbprint_of again2.pem)
make_chain again2.pem again2.crt
run 0 "$CERTWIZ" --store "$store" import again2.crt
expect_not_in "$work/err" "[key-not-here]" "a second certificate for a kept key is not refused"
expect_in "$work/err" "[key-shared]" "the note says they share a key"
expect_in "$work/out" "private key of the installed certificate $(printf '%.8s' "$first")" \
  "the certificate whose key it has is named"
run 0 "$CERTWIZ" --store "$store" list
grep -q " $(printf '%.8s' "$first") .* yes$" "$work/out" &&
  grep -q " $(printf '%.8s' "$second") .* yes$" "$work/out" &&
  ok "both are listed, each with its key" ||
  fail "list of the two: $(cat "$work/out")"
"$OPENSSL" pkey -in "$store/certs/$second/key.pem" -pubout >key2.pub
pubkey_of_cert again.pem >again.pub
cmp -s key2.pub again.pub && ok "the second entry has the key" ||
  fail "the second entry's key does not fit"
run 0 "$CERTWIZ" --store "$store" delete "$first" --yes
[ -f "$store/certs/$second/key.pem" ] &&
  ok "deleting the first leaves the second's key" ||
  fail "deleting the first removed the second's key"
run 0 "$CERTWIZ" --store "$store" export "$second" --out again.pfx --password-file pw
ok "the second certificate still exports with its key"

finish
