# Shared set-up of the ACME tests: a real pebble (Debian's 2.4, or 2.6
# for renewal information) with pebble-challtestsrv as its DNS server,
# on 127.0.0.1 high ports, with an HTTPS certificate made here.  Every
# daemon is stopped by its pid when the test ends, on every path.
# Sourced after tests/cli/lib.sh.

: "${top_srcdir:?run through make check}"
pids=""

stop_daemons() {
  for pid in $pids; do
    kill "$pid" 2>/dev/null || true
  done
  for pid in $pids; do
    # Bounded: a daemon that ignores TERM is killed.
    i=0
    while kill -0 "$pid" 2>/dev/null && [ $i -lt 50 ]; do
      sleep 0.1; i=$((i + 1))
    done
    kill -9 "$pid" 2>/dev/null || true
  done
  pids=""
}
trap 'stop_daemons; rm -rf "$work"' EXIT
trap 'exit 1' INT TERM HUP

skip() {
  printf 'SKIP: %s\n' "$*"
  exit 77
}

# A port nobody listens on, chosen by the kernel.
free_port() {
  python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'
}

# wait_port PORT: polls until something listens on 127.0.0.1:PORT (10 s).
wait_port() {
  i=0
  while [ $i -lt 200 ]; do
    python3 -c "import socket,sys; s=socket.socket(); s.settimeout(0.2); sys.exit(s.connect_ex(('127.0.0.1',$1)))" \
      2>/dev/null && return 0
    sleep 0.05; i=$((i + 1))
  done
  return 1
}

# The binary of pebble 2.6 from Debian 13 (it serves renewalInfo), made
# ready by build-aux/fetch-pebble.sh; empty when it cannot be had.
pebble26() {
  for dir in "${PEBBLE26_DIR:-}" "${abs_top_builddir:-.}/tests/acme/pebble-2.6" \
             "$top_srcdir/tests/acme/pebble-2.6"; do
    [ -n "$dir" ] && [ -x "$dir/usr/bin/pebble" ] && {
      echo "$dir/usr/bin/pebble"; return 0; }
  done
  dest="${abs_top_builddir:-$top_srcdir}/tests/acme/pebble-2.6"
  if sh "$top_srcdir/build-aux/fetch-pebble.sh" "$dest" >"$work/fetch.log" 2>&1 \
     && [ -x "$dest/usr/bin/pebble" ]; then
    echo "$dest/usr/bin/pebble"
  fi
}

# make_tls_cert: pebble's own HTTPS certificate, issued by a test CA that
# the clients are told to trust ($work/pebble/ca.pem).
make_tls_cert() {
  d="$work/pebble"
  mkdir -p "$d"
  "$OPENSSL" req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes \
    -keyout "$d/ca.key" -out "$d/ca.pem" -days 2 -subj "/CN=certwiz test HTTPS CA" \
    2>/dev/null
  "$OPENSSL" req -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes \
    -keyout "$d/key.pem" -out "$d/req.pem" -subj "/CN=localhost" 2>/dev/null
  printf 'subjectAltName=DNS:localhost,IP:127.0.0.1\n' >"$d/ext.cnf"
  "$OPENSSL" x509 -req -in "$d/req.pem" -CA "$d/ca.pem" -CAkey "$d/ca.key" \
    -CAcreateserial -days 2 -extfile "$d/ext.cnf" -out "$d/cert.pem" 2>/dev/null
}

# start_pebble [BINARY] [VALIDITY-SECONDS] [EAB-KID EAB-KEY]: pebble and
# challtestsrv; sets $acme_dir (the directory URL), $ca_bundle, $mgmt
# (challtestsrv's management API), $http_port (where pebble sends http-01
# requests) and $dns_port.
start_pebble() {
  bin=${1:-pebble}
  validity=${2:-}
  eab_kid=${3:-}
  eab_key=${4:-}
  command -v pebble >/dev/null 2>&1 || skip "pebble is not installed (Debian package pebble)"
  command -v python3 >/dev/null 2>&1 || skip "python3 is not installed"
  [ -f "$work/pebble/cert.pem" ] || make_tls_cert
  d="$work/pebble"
  dns_port=$(free_port); mgmt_port=$(free_port)
  acme_port=$(free_port); pmgmt_port=$(free_port)
  http_port=$(free_port); tls_port=$(free_port)
  pebble-challtestsrv -defaultIPv4 127.0.0.1 -defaultIPv6 "" \
    -dns01 "127.0.0.1:$dns_port" -http01 "" -https01 "" -tlsalpn01 "" \
    -management "127.0.0.1:$mgmt_port" >"$d/challtestsrv.log" 2>&1 &
  pids="$pids $!"
  eab_json=""
  [ -n "$eab_kid" ] && eab_json=",\"externalAccountBindingRequired\": true,
    \"externalAccountMACKeys\": {\"$eab_kid\": \"$eab_key\"}"
  validity_json=""
  [ -n "$validity" ] && validity_json=",\"certificateValidityPeriod\": $validity"
  cat >"$d/config.json" <<JSON
{"pebble": {"listenAddress": "127.0.0.1:$acme_port",
  "managementListenAddress": "127.0.0.1:$pmgmt_port",
  "certificate": "$d/cert.pem", "privateKey": "$d/key.pem",
  "httpPort": $http_port, "tlsPort": $tls_port,
  "ocspResponderURL": "" $eab_json $validity_json}}
JSON
  PEBBLE_VA_NOSLEEP=1 PEBBLE_WFE_NONCEREJECT=${PEBBLE_WFE_NONCEREJECT:-0} \
    PEBBLE_AUTHZREUSE=${PEBBLE_AUTHZREUSE:-0} PEBBLE_ALTERNATE_ROOTS=${PEBBLE_ALTERNATE_ROOTS:-0} \
    "$bin" -config "$d/config.json" -strict=false \
    -dnsserver "127.0.0.1:$dns_port" >"$d/pebble.log" 2>&1 &
  pids="$pids $!"
  wait_port "$mgmt_port" || { cat "$d/challtestsrv.log" >&2; fail "challtestsrv did not start"; exit 1; }
  wait_port "$acme_port" || { cat "$d/pebble.log" >&2; fail "pebble did not start"; exit 1; }
  acme_dir="https://127.0.0.1:$acme_port/dir"
  ca_bundle="$d/ca.pem"
  mgmt="http://127.0.0.1:$mgmt_port"
  echo "$mgmt" >"$work/mgmt"
  pebble_mgmt="https://127.0.0.1:$pmgmt_port"
}

# The root that issues pebble's certificates (it changes at every start).
pebble_root() {
  curl -fsS --cacert "$ca_bundle" "$pebble_mgmt/roots/0"
}

# A DNS hook for dns-01 that sets the record in challtestsrv: a real
# program run without a shell by certwiz, as HOOK set|clear DOMAIN RECORD
# VALUE.
make_dns_hook() {
  cat >"$work/dns-hook" <<HOOK
#!/bin/sh
# Arguments and environment must agree.
[ "\$1" = "\$CERTWIZ_ACME_ACTION" ] && [ "\$4" = "\$CERTWIZ_ACME_VALUE" ] || exit 9
echo "\$1 \$3 \$4" >>"$work/dns-hook.log"
mgmt=\$(cat "$work/mgmt")
case \$1 in
  set) curl -fsS -d "{\"host\": \"\$3\", \"value\": \"\$4\"}" "\$mgmt/set-txt" ;;
  clear) curl -fsS -d "{\"host\": \"\$3\"}" "\$mgmt/clear-txt" ;;
esac
HOOK
  chmod 755 "$work/dns-hook"
}

# store_snapshot FILE: every path, mode and checksum of the store.
store_snapshot() {
  (cd "$CERTWIZ_STORE" 2>/dev/null && find . -path ./tmp -prune -o -print0 |
     sort -z | xargs -0 -r stat -c '%n %a %s' &&
   find . -path ./tmp -prune -o -type f ! -name index ! -name .lock -print0 |
     sort -z | xargs -0 -r sha256sum) >"$1" 2>&1
}
