#!/bin/sh
# make bench, putting a certificate to work: from `certwiz enable` to the
# new certificate proved served by a handshake, beside `certbot install
# --nginx` with the same files, followed by the same handshake check.
# Each tool has its own throwaway nginx of the same configuration (they
# edit it differently), alternately; each run switches between two
# certificates so that every run changes something.  Medians, the ratio
# certwiz/certbot and the largest resident set.  Not part of make check.
#
# Environment: CERTWIZ, TIMEIT, TCPPORT, OPENSSL, top_srcdir (set by make
# bench); BENCH_RUNS (7); BENCH_TARGETS (no: only report).
set -eu

here=$(cd "$(dirname "$0")" && pwd)
: "${CERTWIZ:?}" "${TIMEIT:?}" "${TCPPORT:?}" "${top_srcdir:?}"
runs=${BENCH_RUNS:-7}
targets=${BENCH_TARGETS:-yes}
LC_ALL=C.UTF-8 LANG=C.UTF-8 LANGUAGE= TZ=UTC
export LC_ALL LANG LANGUAGE TZ
unset CERTWIZ_TRACE

if ! certbot plugins --nginx 2>/dev/null | grep -q nginx; then
  echo "bench: certbot and its nginx plugin are needed (./quickstart installs python3-certbot-nginx)" >&2
  exit 1
fi
. "$top_srcdir/tests/services/lib.sh"
svc_require nginx
[ "$(id -u)" = 0 ] || { echo "bench: enable and certbot need root" >&2; exit 1; }
missed=0
. "$here/stats.sh"

export CERTWIZ_LIVE="$work/live"
pki_init
pki_store_entry "$work/a" www.bench.example
id_a=$store_id
pki_store_entry "$work/b" www.bench.example
id_b=$store_id
svc_ports 2
set -- $ports
port_cw=$1 port_cb=$2
start_nginx cw "$port_cw" "www.bench.example:$work/a.chain.pem:$work/a.key"
start_nginx cb "$port_cb" "www.bench.example:$work/a.chain.pem:$work/a.key"
conf_cw="$svc/cw/nginx.conf"

# certbot's run: the install, then the same proof certwiz makes (the
# handshake polled until the new certificate is served).
cat >"$work/certbot-run" <<SCRIPT
#!/bin/sh
set -e
certbot install --nginx --non-interactive --no-redirect \\
  -d www.bench.example --cert-path "\$1.pem" --key-path "\$1.key" \\
  --fullchain-path "\$1.chain.pem" --nginx-server-root "$svc/cb" \\
  --nginx-ctl "$(command -v nginx)" --config-dir "$work/certbot/config" \\
  --work-dir "$work/certbot/work" --logs-dir "$work/certbot/logs" \\
  >/dev/null 2>&1
i=0
until "$CERTWIZ" test "127.0.0.1:$port_cb" --name www.bench.example \\
    --ca "$pki/root.pem" --expect "\$2" >/dev/null 2>&1; do
  i=\$((i + 1))
  [ \$i -lt 200 ] || exit 1
  sleep 0.05
done
SCRIPT
chmod 755 "$work/certbot-run"

which_of() { [ $(($1 % 2)) -eq 1 ] && echo b || echo a; }
id_of() { [ "$1" = a ] && echo "$id_a" || echo "$id_b"; }

title_nginx="enable nginx, served (vs certbot)"
certwiz_nginx() {
  w=$(which_of "$1")
  sample "$work/a" "$CERTWIZ" enable "$(id_of "$w")" --service nginx \
    --config "$conf_cw" --yes
}
peer_nginx() {
  w=$(which_of "$1")
  sample "$work/b" "$work/certbot-run" "$work/$w" "$(id_of "$w")"
}

echo "certbot: $(certbot --version 2>&1 | head -1), nginx plugin"
echo "nginx: $(nginx -v 2>&1 | sed 's/.*: //'), on 127.0.0.1, ECDSA P-256"
echo "medians of $runs runs, each a different certificate than the last"
echo
printf "%-34s %10s %10s %6s %9s %9s  %s\n" "" certwiz certbot ratio \
  "certwiz" "certbot" ""
printf "%-34s %10s %10s %6s %9s %9s  %s\n" "" time time "" "max RSS" \
  "max RSS" target
pair nginx "$runs" 1.0

echo
if [ "$missed" -gt 0 ]; then
  echo "bench: $missed enable target(s) missed"
  [ "$targets" = no ] || exit 1
else
  echo "bench: every enable target met"
fi
