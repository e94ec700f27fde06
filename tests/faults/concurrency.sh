#!/bin/sh
# Issue #7, several certwiz at once on one store: 4 loops of requests, 2
# of imports (each its own CA answers), 3 of list and show, 1 of export
# and 1 of delete, all at the same time.  Each run ends 0 (or 1, a clean refusal), never
# with a crash or an I/O error; afterwards the store is whole, nothing is
# left in tmp/, and the entries add up.  The work is fixed (so many runs
# a loop), not the time.
. "${top_srcdir}/tests/cli/lib.sh"
. "${top_srcdir}/tests/cli/ca.sh"
. "${top_srcdir}/tests/faults/lib.sh"

ca_init
umask 022

in="$work/in"
s="$work/s"
mkdir -p "$in"
password="Concurrent Horse 4"
printf '%s\n' "$password" >"$in/pw"
chmod 600 "$in/pw"
fault_passwords=$password

requests=10     # a requester
imports=8       # an importer: its answers
lists=30        # a lister
exports=3
deletes=10

# Pending requests whose answers the importers bring in, and one
# installed certificate to export.
for imp in 1 2; do
  i=1
  while [ "$i" -le "$imports" ]; do
    run 0 "$CERTWIZ" --store "$s" request --key p256 --out "$in/a$imp-$i.req" \
      --subject "C=US, O=Contoso Corp, CN=a$imp-$i.contoso.com"
    sign_request "$in/a$imp-$i.req" "$in/a$imp-$i.pem"
    make_chain "$in/a$imp-$i.pem" "$in/a$imp-$i.crt"
    i=$((i + 1))
  done
done
run 0 "$CERTWIZ" --store "$s" request --key p256 --out "$in/c1.req" \
  --subject "C=US, O=Contoso Corp, CN=c1.contoso.com"
sign_request "$in/c1.req" "$in/c1.pem"
# With its chain: show then has nothing to warn about while it races.
make_chain "$in/c1.pem" "$in/c1.crt"
run 0 "$CERTWIZ" --store "$s" import "$in/c1.crt"
c1=$(thumbprint_of "$in/c1.pem")
# Requests for the deleter, which removes them while the lists read.
i=1
while [ "$i" -le "$deletes" ]; do
  run 0 "$CERTWIZ" --store "$s" request --key p256 --out "$in/d$i.req" \
    --subject "C=US, O=Contoso Corp, CN=d$i.contoso.com"
  for e in "$s"/pending/*; do
    if cmp -s "$e/request.pem" "$in/d$i.req"; then basename "$e"; fi
  done >>"$in/doomed"
  i=$((i + 1))
done
pending_before=$(ls "$s/pending" | wc -l)
certs_before=$(ls "$s/certs" | wc -l)
check_store "$s" "the store before"
keep_key_lines "$s"/*/*/key.pem

# worker NAME COMMAND...: runs in the background; each run's exit status
# goes to $fault_logs/NAME.status, its output to $fault_logs/NAME-I.*.
cw() {
  "$CERTWIZ" --store "$s" "$@" </dev/null
}

requester() {
  i=1
  while [ "$i" -le "$requests" ]; do
    set +e
    cw request --key p256 --out "$fault_out/r$1-$i.req" \
      --subject "C=US, O=Contoso Corp, CN=r$1-$i.contoso.com" \
      >"$fault_logs/req$1-$i.out" 2>"$fault_logs/req$1-$i.err"
    echo "request $1-$i $?" >>"$fault_logs/status"
    set -e
    i=$((i + 1))
  done
}

importer() {
  i=1
  while [ "$i" -le "$imports" ]; do
    set +e
    cw import "$in/a$1-$i.crt" \
      >"$fault_logs/imp$1-$i.out" 2>"$fault_logs/imp$1-$i.err"
    echo "import $1-$i $?" >>"$fault_logs/status"
    set -e
    i=$((i + 1))
  done
}

lister() {
  i=1
  while [ "$i" -le "$lists" ]; do
    set +e
    cw list >"$fault_logs/list$1-$i.out" 2>"$fault_logs/list$1-$i.err"
    echo "list $1-$i $?" >>"$fault_logs/status"
    cw show "$c1" >"$fault_logs/show$1-$i.out" 2>"$fault_logs/show$1-$i.err"
    echo "show $1-$i $?" >>"$fault_logs/status"
    set -e
    i=$((i + 1))
  done
}

deleter() {
  while read -r id; do
    set +e
    cw delete "$id" --yes >"$fault_logs/del-$id.out" 2>"$fault_logs/del-$id.err"
    echo "delete $id $?" >>"$fault_logs/status"
    set -e
  done <"$in/doomed"
}

exporter() {
  i=1
  while [ "$i" -le "$exports" ]; do
    set +e
    cw export "$c1" --out "$fault_out/c1-$i.pfx" --password-file "$in/pw" \
      >"$fault_logs/exp-$i.out" 2>"$fault_logs/exp-$i.err"
    echo "export 1-$i $?" >>"$fault_logs/status"
    set -e
    i=$((i + 1))
  done
}

: >"$fault_logs/status"
started=$(date +%s)
pids=
for w in 1 2 3 4; do requester "$w" & pids="$pids $!"; done
for w in 1 2; do importer "$w" & pids="$pids $!"; done
for w in 1 2 3; do lister "$w" & pids="$pids $!"; done
exporter & pids="$pids $!"
deleter & pids="$pids $!"
for pid in $pids; do wait "$pid" || true; done
elapsed=$(($(date +%s) - started))

runs=$(wc -l <"$fault_logs/status")
expect_eq "$runs" $((4 * requests + 2 * imports + 3 * 2 * lists + exports + deletes)) \
  "every run of every loop ended"
bad=$(awk '$3 != 0' "$fault_logs/status")
if [ -z "$bad" ]; then ok "all $runs runs exit 0"; else
  fail "runs that did not exit 0: $(echo "$bad" | tr '\n' ';')"
fi
crashes=$(awk '$3 > 1' "$fault_logs/status")
[ -z "$crashes" ] && ok "no run crashed or failed (exit 0 or 1 only)" ||
  fail "crashed or failed: $crashes"
# A deletion warns that the key goes; nothing else may warn.
cat "$fault_logs"/*.err | grep "^certwiz: \(warning\|error\)" |
  grep -v '\[delete-loses-key\]$' >"$work/warned" || true
[ ! -s "$work/warned" ] && ok "no warning or error while the store changed" ||
  fail "warnings or errors: $(sort -u "$work/warned" | head -5)"

# The store afterwards.
check_store "$s" "the store after"
[ -z "$(ls -A "$s/tmp")" ] && ok "nothing left in tmp/" ||
  fail "left in tmp/: $(ls -A "$s/tmp")"
expect_eq "$(ls "$s/pending" | wc -l)" \
  $((pending_before + 4 * requests - 2 * imports - deletes)) \
  "pending: those before, plus the requests, less the imported and deleted"
expect_eq "$(ls "$s/certs" | wc -l)" $((certs_before + 2 * imports)) \
  "installed: one more for each answer"
for imp in 1 2; do
  i=1
  while [ "$i" -le "$imports" ]; do
    [ -f "$s/certs/$(thumbprint_of "$in/a$imp-$i.pem")/key.pem" ] ||
      fail "a$imp-$i is not installed with its key"
    i=$((i + 1))
  done
done
ok "every answer is installed with its key"
# Each request file is whole and its key is kept.
n=0
for r in "$fault_out"/r*.req; do
  "$OPENSSL" req -in "$r" -noout -verify >/dev/null 2>&1 ||
    fail "$(basename "$r") is not a whole request"
  grep -q "^pending .* $(pub_req "$r")\$" "$work/now.keys" ||
    fail "the key of $(basename "$r") is not in the store"
  n=$((n + 1))
done
expect_eq "$n" $((4 * requests)) "every request file written, its key kept"
for p in "$fault_out"/c1-*.pfx; do
  "$OPENSSL" pkcs12 -in "$p" -noout -passin file:"$in/pw" 2>/dev/null ||
    fail "$(basename "$p") does not open"
done
ok "every backup opens"
expect_eq "$(ls -A "$fault_out" | grep -c '^\.')" 0 \
  "no temporary file in the output folder"
run 0 "$CERTWIZ" --store "$s" list
expect_eq "$(grep -c '^pending ' "$work/out")" \
  $((pending_before + 4 * requests - 2 * imports - deletes)) \
  "list shows every pending request"

keep_key_lines "$s"/*/*/key.pem
check_secrets "concurrent runs" "$fault_logs"
echo "($elapsed s)"
fault_summary "$runs" 0
finish
