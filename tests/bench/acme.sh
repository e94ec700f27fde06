#!/bin/sh
# make bench, ACME: the same issuance (a new account, an order for 2
# names, challenges pebble takes as valid, the certificate in hand) by
# certwiz, lego, certbot and uacme from Debian, against one pebble on
# this machine.  The tools run alternately RUNS times; medians, the ratio
# certwiz/fastest peer (target: at most 1.0) and each one's largest
# resident set.
# Environment: CERTWIZ, TIMEIT, top_srcdir, OPENSSL; BENCH_RUNS (default
# 7), BENCH_TARGETS=no to report without judging.
set -eu
: "${CERTWIZ:?}" "${TIMEIT:?}" "${top_srcdir:?}" "${OPENSSL:=openssl}"
runs=${BENCH_RUNS:-7}
[ "$runs" -ge 1 ] || runs=1

work=$(mktemp -d "${TMPDIR:-/tmp}/certwiz-bench-acme.XXXXXX")
pids=""
failures=0
fail() { echo "bench: $*" >&2; failures=$((failures + 1)); }
stop_all() {
  for pid in $pids; do kill "$pid" 2>/dev/null || true; done
  for pid in $pids; do wait "$pid" 2>/dev/null || true; done
}
# The pebble set-up of the tests, its trap replaced by this one.
. "$top_srcdir/tests/acme/lib.sh"
skip() { echo "acme bench skipped: $*"; exit 0; }
trap 'stop_all; rm -rf "$work"' EXIT
trap 'exit 1' INT TERM HUP

export PEBBLE_VA_ALWAYS_VALID=1
start_pebble
export CERTWIZ_ACME_TIMEOUT=30
mkdir -p "$work/webroot"
names="a.bench.example b.bench.example"

median() {
  sort -n | awk '{ v[NR] = $1 }
    END { if (NR == 0) print "nan";
          else if (NR % 2) print v[(NR + 1) / 2];
          else print (v[NR / 2] + v[NR / 2 + 1]) / 2 }'
}

tool_certwiz() {
  d="$work/certwiz-$1"
  "$TIMEIT" --err "$work/err" \
    env CERTWIZ_STORE="$d" "$CERTWIZ" account add --server "$acme_dir" \
      --ca-bundle "$ca_bundle" --agree-tos --email bench@example.com :: \
    env CERTWIZ_STORE="$d" "$CERTWIZ" enroll --san a.bench.example \
      --san b.bench.example --key p256 --webroot "$work/webroot"
}

tool_lego() {
  d="$work/lego-$1"
  "$TIMEIT" --err "$work/err" env LEGO_CA_CERTIFICATES="$ca_bundle" \
    lego --server "$acme_dir" --email bench@example.com --accept-tos \
      --key-type ec256 --domains a.bench.example --domains b.bench.example \
      --http --http.webroot "$work/webroot" --path "$d" run
}

tool_certbot() {
  d="$work/certbot-$1"
  "$TIMEIT" --err "$work/err" env REQUESTS_CA_BUNDLE="$ca_bundle" \
    certbot certonly --non-interactive --agree-tos -m bench@example.com \
      --server "$acme_dir" --webroot -w "$work/webroot" \
      -d a.bench.example -d b.bench.example --key-type ecdsa \
      --config-dir "$d/config" --work-dir "$d/work" --logs-dir "$d/logs"
}

# uacme trusts only the system's anchors: it runs in a mount namespace of
# its own where the system bundle is pebble's test CA.
tool_uacme() {
  d="$work/uacme-$1"
  mkdir -p "$d"
  "$TIMEIT" --err "$work/err" unshare -m sh -c '
    mount --bind "$1" /etc/ssl/certs/ca-certificates.crt &&
    uacme -y -t EC -a "$2" -c "$3" new bench@example.com &&
    uacme -y -t EC -a "$2" -c "$3" -h /bin/true issue a.bench.example b.bench.example' \
    sh "$ca_bundle" "$acme_dir" "$d"
}

tools="certwiz"
for t in lego certbot uacme; do
  case $t in
    uacme) command -v unshare >/dev/null 2>&1 &&
             unshare -m true 2>/dev/null && command -v uacme >/dev/null 2>&1 &&
             tools="$tools uacme" ||
             echo "uacme left out: not installed, or no mount namespace here" ;;
    *) command -v "$t" >/dev/null 2>&1 && tools="$tools $t" ||
         echo "$t left out: not installed" ;;
  esac
done

for t in $tools; do : >"$work/$t.samples"; done
i=1
while [ "$i" -le "$runs" ]; do
  for t in $tools; do
    if "tool_$t" "$i" >>"$work/$t.samples" 2>>"$work/$t.log"; then :; else
      fail "$t failed: $(tail -3 "$work/err" 2>/dev/null)"
      sed -i '$d' "$work/$t.samples" 2>/dev/null || true
    fi
  done
  i=$((i + 1))
done

printf '\n    ACME issuance, 2 names, always-valid challenges, a new account each\n'
printf '    time, against one pebble: medians of %d runs\n\n' "$runs"
printf '    %-10s %12s %12s\n' tool time "max RSS"
fastest=""
for t in $tools; do
  ms=$(awk '{ print $1 / 1000 }' "$work/$t.samples" | median)
  kb=$(awk '{ print $2 }' "$work/$t.samples" | median)
  printf '    %-10s %9.1f ms %9.1f MB\n' "$t" "$ms" "$(echo "$kb" | awk '{ print $1 / 1024 }')"
  eval "ms_$t=$ms"
  if [ "$t" != certwiz ] && [ "$ms" != nan ]; then
    if [ -z "$fastest" ] || awk -v a="$ms" -v b="$(eval echo "\$ms_$fastest")" \
         'BEGIN { exit !(a < b) }'; then fastest=$t; fi
  fi
done
if [ -n "$fastest" ]; then
  ratio=$(awk -v a="$ms_certwiz" -v b="$(eval echo "\$ms_$fastest")" \
    'BEGIN { printf "%.2f", a / b }')
  verdict=$(awk -v r="$ratio" 'BEGIN { print (r <= 1.0 ? "ok (<= 1.0)" : "MISSED (> 1.0)") }')
  printf '\n    certwiz / fastest peer (%s): %s  %s\n' "$fastest" "$ratio" "$verdict"
  case $verdict in MISSED*) [ "${BENCH_TARGETS:-yes}" = no ] || failures=$((failures + 1)) ;; esac
fi
[ "$failures" -eq 0 ]
