#!/bin/sh
# make bench, the handshake: certwiz test beside gnutls-cli and openssl
# s_client, each making a real TLS handshake with the same throwaway
# nginx and checking the chain and the name against the same root.
# Each pair runs alternately; medians, the ratio certwiz/peer and the
# largest resident set.  Not part of make check.
#
# Environment: CERTWIZ, TIMEIT, TCPPORT, CERTTOOL, OPENSSL, top_srcdir
# (set by make bench); GNUTLS_CLI; BENCH_RUNS (7: 3 times as many
# handshakes are made, they are short); BENCH_TARGETS (no: only report).
set -eu

here=$(cd "$(dirname "$0")" && pwd)
: "${CERTWIZ:?}" "${TIMEIT:?}" "${TCPPORT:?}" "${top_srcdir:?}"
: "${CERTTOOL:=certtool}" "${OPENSSL:=openssl}" "${GNUTLS_CLI:=gnutls-cli}"
runs=$((3 * ${BENCH_RUNS:-7}))
targets=${BENCH_TARGETS:-yes}
LC_ALL=C.UTF-8 LANG=C.UTF-8 LANGUAGE= TZ=UTC
export LC_ALL LANG LANGUAGE TZ
unset CERTWIZ_TRACE

for tool in "$CERTTOOL" "$OPENSSL" "$GNUTLS_CLI"; do
  command -v "$tool" >/dev/null 2>&1 ||
    { echo "bench: $tool is needed (./quickstart installs it)" >&2; exit 1; }
done
# The throwaway nginx and its CA, stopped by its pid however this ends.
. "$top_srcdir/tests/services/lib.sh"
svc_require nginx
missed=0
. "$here/stats.sh"

pki_init
pki_leaf "$pki/www" www.bench.example
svc_ports 1
port=$ports
start_nginx bench "$port" "www.bench.example:$pki/www.chain.pem:$pki/www.key"
name=www.bench.example root="$pki/root.pem"

certwiz_handshake() {
  sample "$work/a" "$CERTWIZ" test "127.0.0.1:$port" --name "$name" \
    --ca "$root"
}

title_gnutls="test (vs gnutls-cli)"
certwiz_gnutls() { certwiz_handshake; }
peer_gnutls() {
  sample "$work/b" "$GNUTLS_CLI" --x509cafile "$root" --port "$port" \
    --sni-hostname "$name" --verify-hostname "$name" 127.0.0.1
}

title_openssl="test (vs openssl s_client)"
certwiz_openssl() { certwiz_handshake; }
peer_openssl() {
  sample "$work/b" "$OPENSSL" s_client -connect "127.0.0.1:$port" \
    -servername "$name" -CAfile "$root" -verify_hostname "$name" \
    -verify_return_error
}

echo "gnutls-cli: $("$GNUTLS_CLI" --version | head -1)"
echo "nginx: $(nginx -v 2>&1 | sed 's/.*: //'), on 127.0.0.1, ECDSA P-256"
echo "medians of $runs handshakes"
echo
printf "%-34s %10s %10s %6s %9s %9s  %s\n" "" certwiz peer ratio \
  "certwiz" "peer" ""
printf "%-34s %10s %10s %6s %9s %9s  %s\n" "" time time "" "max RSS" \
  "max RSS" target
pair gnutls "$runs" 1.0
pair openssl "$runs" 1.0

echo
if [ "$missed" -gt 0 ]; then
  echo "bench: $missed handshake target(s) missed"
  [ "$targets" = no ] || exit 1
else
  echo "bench: every handshake target met"
fi
