#!/bin/sh
# Issue #3, the CA's answer: a request signed by a real two-level CA comes
# back as a DER .cer, a PEM chain (in order, or shuffled with the root) or
# a .p7b (PEM or DER), and is installed on the key kept for its request,
# with its chain in order.
. "${top_srcdir}/tests/cli/lib.sh"
. "${top_srcdir}/tests/cli/ca.sh"

ca_init

# import_as KIND: a new store and request, signed by the CA and imported
# as KIND.  Leaves $store, $leaf (the CA's PEM), $id (its thumbprint)
# and the import's output in $work/out and $work/err.
import_as() {
  kind=$1
  store="$work/store-$kind"
  run 0 "$CERTWIZ" --store "$store" request --key p256 --out "$kind.req" \
    --subject "C=US, O=Contoso Corp, CN=$kind.contoso.com" \
    --san "autodiscover.contoso.com, 192.0.2.10"
  request_id=$(pending_id "$store")
  leaf="$work/$kind.pem"
  sign_request "$kind.req" "$leaf"
  id=$(thumbprint_of "$leaf")
  case $kind in
    der) to_der "$leaf" "$kind.cer"; file=$kind.cer ;;
    chain) make_chain "$leaf" "$kind.crt"; file=$kind.crt ;;
    rooted) cat "$leaf" "$ca_inter" "$ca_root" >"$kind.crt"; file=$kind.crt ;;
    shuffled) make_shuffled "$leaf" "$kind.crt"; file=$kind.crt ;;
    p7b) make_p7b "$leaf" "$kind.p7b"; file=$kind.p7b ;;
    p7b-der) make_p7b "$leaf" "$kind.p7b" DER; file=$kind.p7b ;;
  esac
  run 0 "$CERTWIZ" --store "$store" import "$file"
  cp "$work/out" "$work/import.out"
  cp "$work/err" "$work/import.err"
}

# installed_ok KIND [CHAIN]: what every bound import leaves behind.
installed_ok() {
  kind=$1
  expect_in "$work/import.out" "with the private key kept for its request" \
    "$kind: bound to the kept key"
  run 0 "$CERTWIZ" --store "$store" list
  short=$(printf '%.8s' "$id")
  # Without its intermediate, its chain is incomplete.
  state=valid
  [ "${2:-chain}" = chain ] || state="chain incomplete"
  grep -q "^$state  *$short .* yes$" "$work/out" &&
    ok "$kind: list shows it $state, key here" ||
    fail "$kind: list does not show $short $state with its key: $(cat "$work/out")"
  expect_not_in "$work/out" "pending" "$kind: no request left pending"
  [ -z "$(ls "$store/pending")" ] && [ -d "$store/certs/$id" ] &&
    ok "$kind: the entry moved from pending/ to certs/<thumbprint>" ||
    fail "$kind: store layout: $(find "$store" | sort)"
  "$OPENSSL" pkey -in "$store/certs/$id/key.pem" -pubout >key.pub
  pubkey_of_cert "$leaf" >leaf.pub
  cmp -s key.pub leaf.pub && ok "$kind: the kept key is the certificate's" ||
    fail "$kind: the installed key does not fit the certificate"
  run 0 "$CERTWIZ" --store "$store" show "$id" --format pem
  if [ "${2:-chain}" = chain ]; then
    cat "$leaf" "$ca_inter" >expected.pem
    what="the leaf, then the intermediate"
  else
    cat "$leaf" >expected.pem
    what="the leaf alone"
  fi
  cmp -s "$work/out" expected.pem && ok "$kind: show --format pem gives $what" ||
    fail "$kind: show --format pem does not give $what"
}

# --- A DER .cer, as Windows CAs send it: no chain, and certwiz says so.
import_as der
installed_ok der leaf-only
expect_in "$work/import.err" "[chain-missing-intermediate]" \
  "der: a lone certificate is missing its intermediate"
expect_in "$work/import.out" \
  "with the private key kept for its request $(printf '%.8s' "$request_id")" \
  "der: the request it answers is named"

# --- A PEM chain in order: leaf, intermediate; nothing to say about order.
import_as chain
installed_ok chain
expect_in "$work/import.out" "Chain:          Fabrikam Issuing CA 1" "chain: the chain is listed"
expect_not_in "$work/import.err" "[chain-reordered]" "chain: in order, not reordered"
expect_not_in "$work/import.err" "[chain-missing-intermediate]" "chain: complete"
expect_not_in "$work/import.err" "[ca-dropped-name]" "chain: the CA kept every name (IP too)"
expect_not_in "$work/import.err" "[ca-added-name]" "chain: and added none"
expect_not_in "$work/import.err" "[ca-changed-subject]" "chain: nor changed the subject"

# --- In order with the root at the end: the root left out, nothing moved.
import_as rooted
installed_ok rooted
expect_in "$work/import.err" "[chain-root-left-out]" "rooted: chain-root-left-out note"
expect_not_in "$work/import.err" "[chain-reordered]" "rooted: in order, not reordered"

# --- Shuffled, with the root: put in order, the root left out.
import_as shuffled
installed_ok shuffled
expect_in "$work/import.err" "[chain-reordered]" "shuffled: chain-reordered note"
expect_in "$work/import.err" "[chain-root-left-out]" "shuffled: chain-root-left-out note"
grep -q '^certwiz: note: .*\[chain-reordered\]$' "$work/import.err" &&
  ok "shuffled: the reordering is a note, not a warning" ||
  fail "shuffled: chain-reordered is not a note"

# --- A .p7b, PEM and DER.
import_as p7b
installed_ok p7b
import_as p7b-der
installed_ok p7b-der

# --- The CA dropped a requested name and added one of its own.
run 0 "$CERTWIZ" --store "$work/store-dropped" request --key p256 \
  --out dropped.req --subject "CN=mail.contoso.com" \
  --san "owa.contoso.com, legacy.contoso.com"
sign_request dropped.req dropped.pem \
  "subjectAltName = DNS:mail.contoso.com, DNS:owa.contoso.com, DNS:extra.contoso.com"
make_chain dropped.pem dropped.crt
run 0 "$CERTWIZ" --store "$work/store-dropped" import dropped.crt
expect_in "$work/err" "[ca-dropped-name]" "the dropped name is a warning"
grep -q 'legacy\.contoso\.com.*\[ca-dropped-name\]$' "$work/err" &&
  ok "the warning names legacy.contoso.com" || fail "dropped name not named"
expect_in "$work/err" "[ca-added-name]" "the added name is noted"
expect_eq "$(codes_of "$work/err" | grep -c ca-dropped-name)" 1 \
  "only the dropped name is reported as dropped"

# --- DNS names are case-insensitive: a CA that writes them in capitals
# dropped nothing and added nothing.
run 0 "$CERTWIZ" --store "$work/store-caps" request --key p256 \
  --out caps.req --subject "CN=mail.contoso.com" --san "owa.contoso.com"
sign_request caps.req caps.pem \
  "subjectAltName = DNS:MAIL.CONTOSO.COM, DNS:Owa.Contoso.Com"
make_chain caps.pem caps.crt
run 0 "$CERTWIZ" --store "$work/store-caps" import caps.crt
expect_not_in "$work/err" "[ca-dropped-name]" "names in capitals: nothing dropped"
expect_not_in "$work/err" "[ca-added-name]" "names in capitals: nothing added"

# --- The same certificate twice: refused, nothing changed.
store="$work/store-chain"
store_state "$store" >before
run 1 "$CERTWIZ" --store "$store" import chain.crt
expect_in "$work/err" "[already-installed]" "a second import is refused"
expect_store_same "$store" before "already-installed leaves the store alone"

finish
