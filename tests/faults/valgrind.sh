#!/bin/sh
# Issue #7: the command line under valgrind's memcheck, through a request's
# whole life (check, request, import of the CA's answer, export with
# --password-file, list, show, match, restore of a backup, delete) and a
# few refusals.  Any memory error, and any definite or indirect leak,
# fails.  Skipped without valgrind, and for a sanitizer build (the two do
# not run together).
. "${top_srcdir}/tests/cli/lib.sh"
. "${top_srcdir}/tests/cli/ca.sh"

if ! command -v valgrind >/dev/null 2>&1; then
  echo "SKIP: valgrind is not installed"
  exit 77
fi
if ldd "$CERTWIZ" 2>/dev/null | grep -q -e libasan -e libubsan -e libtsan; then
  echo "SKIP: certwiz is built with a sanitizer"
  exit 77
fi

ca_init
umask 022
printf 'Valgrind Horse 8\n' >pw
printf 'wrong horse\n' >bad
chmod 600 pw bad

runs=0
# vg EXPECTED ARGS...: certwiz under memcheck, its exit status EXPECTED;
# valgrind's own report in $work/vg.<n>.
vg() {
  expected=$1
  shift
  runs=$((runs + 1))
  run "$expected" valgrind -q --leak-check=full \
    --errors-for-leak-kinds=definite,indirect \
    --show-leak-kinds=definite,indirect --error-exitcode=99 \
    --log-file="$work/vg.$runs" "$CERTWIZ" "$@"
  if [ -s "$work/vg.$runs" ]; then
    fail "valgrind reports on: certwiz $*"
    sed 's/^/  | /' "$work/vg.$runs" >&2
  else
    ok "memcheck clean: certwiz $*"
  fi
}

subject="C=US, O=Contoso Corp, CN=mail1.contoso.com"
vg 0 check --subject "$subject" --san "autodiscover.contoso.com"
vg 1 check --subject "C=UK, CN=mail1.contoso.com"
vg 0 request --key p256 --out m.req --subject "$subject" \
  --san "autodiscover.contoso.com, 192.0.2.10" --friendly-name "Contoso mail"
vg 1 request --key p256 --out m.req --subject "$subject"
sign_request m.req m.pem
make_chain m.pem m.crt
id=$(thumbprint_of m.pem)
vg 0 list
vg 0 import m.crt
vg 1 import m.crt
vg 0 list --format json
vg 0 show "$id"
vg 0 show "$id" --format pem
vg 0 show m.crt --format json
vg 0 match "$id" contoso.com
vg 1 match "$id" fabrikam.com --mode hostname
vg 0 export "$id" --out m.pfx --password-file pw
# A backup with openssl's few iterations: certwiz's own take a minute
# under valgrind.
"$OPENSSL" pkcs12 -export -passout file:pw -inkey "$CERTWIZ_STORE/certs/$id/key.pem" \
  -in m.pem -certfile "$ca_inter" -out fast.pfx
vg 1 --store "$work/restored" import fast.pfx --password-file bad
vg 0 --store "$work/restored" import fast.pfx --password-file pw
vg 0 delete "$id" --yes
vg 0 list

echo "faults: $runs points tried, 0 failures injected, results: $(
  [ "$failures" -eq 0 ] && echo "all consistent" || echo "$failures check(s) failed")"
finish
