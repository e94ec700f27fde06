#!/bin/sh
# make bench: certwiz beside the tools an admin would otherwise use, on
# this machine, in one run.  Each pair runs alternately RUNS times; the
# table gives medians, the ratio certwiz/peer and the largest resident
# set.  The screens are timed inside certwiz (CERTWIZ_TRACE) while tmux
# drives them.  Not part of make check: times are measured, not tested.
#
# Environment: CERTWIZ, TIMEIT, STOREFILL, GNUTLS_ONLY, CERTTOOL, OPENSSL (set by
# make bench); BENCH_SCALES (the numbers of certificates the listings
# and the browser are timed at: 1000 10000 100000), BENCH_CERTS (the
# scale of the comparisons with openssl and of the screens' 10,000 rows:
# 10000, or the largest scale below it), BENCH_RUNS (7), BENCH_DATA
# (where the fixtures are kept between runs), BENCH_TARGETS (yes: exit 1
# when a target is missed; no: only report, for a smoke run on a small
# fixture), BENCH_PARTS (tools scales screens: which parts run).
set -eu

here=$(cd "$(dirname "$0")" && pwd)
: "${CERTWIZ:?}" "${TIMEIT:?}" "${STOREFILL:?}" "${GNUTLS_ONLY:?}"
: "${CERTTOOL:=certtool}"
: "${OPENSSL:=openssl}"
scales=${BENCH_SCALES:-${BENCH_CERTS:-1000 10000 100000}}
largest=$(echo $scales | tr ' ' '\n' | sort -n | tail -1)
smallest=$(echo $scales | tr ' ' '\n' | sort -n | head -1)
count=${BENCH_CERTS:-$(echo $scales | tr ' ' '\n' | sort -n |
                       awk '$1 <= 10000 { c = $1 } END { print c }')}
count=${count:-$smallest}
parts=${BENCH_PARTS:-tools scales screens}
runs=${BENCH_RUNS:-7}
data=${BENCH_DATA:-$PWD/tests/bench/data}
targets=${BENCH_TARGETS:-yes}
LC_ALL=C.UTF-8 LANG=C.UTF-8 LANGUAGE= TZ=UTC
export LC_ALL LANG LANGUAGE TZ
unset TMUX TMUX_PANE CERTWIZ_STORE CERTWIZ_TRACE

for tool in "$CERTTOOL" "$OPENSSL" tmux; do
  command -v "$tool" >/dev/null 2>&1 ||
    { echo "bench: $tool is needed (./quickstart installs it)" >&2; exit 1; }
done

sh "$here/fixtures.sh" "$data" "$CERTWIZ" "$CERTTOOL" "$STOREFILL" \
  $(echo "$scales $count" | tr ' ' '\n' | sort -nu)
part() { case " $parts " in *" $1 "*) return 0 ;; esac; return 1; }
work=$(mktemp -d "${TMPDIR:-/tmp}/certwiz-bench.XXXXXX")
socket="certwiz-bench-$$"
tm() { tmux -u -L "$socket" -f /dev/null "$@"; }
mem=$(mktemp -d /dev/shm/certwiz-bench.XXXXXX 2>/dev/null) || mem=
cleanup() {
  tm kill-server >/dev/null 2>&1 || :
  rm -rf "$work"
  [ -z "$mem" ] || rm -rf "$mem"
}
trap cleanup EXIT INT TERM

missed=0
. "$here/stats.sh"

subject="C=DE, O=certwiz Bench, CN=mail.bench.example"
cat >"$work/request.tmpl" <<EOF
country = DE
organization = "certwiz Bench"
cn = "mail.bench.example"
dns_name = "mail.bench.example"
dns_name = "autodiscover.bench.example"
tls_www_server
tls_www_client
EOF

# certwiz_request KEY RUN: a request in a store of its own.
certwiz_request() {
  sample "$work/a" "$CERTWIZ" --store "$work/store-$1-$2" request \
    --subject "$subject" --san autodiscover.bench.example --key "$1" \
    --out "$work/$1-$2.req"
}

title_p256="request, P-256 (vs certtool x2)"
certwiz_p256() { certwiz_request p256 "$1"; }
peer_p256() {
  sample "$work/b" "$CERTTOOL" --generate-privkey --key-type ecdsa \
    --curve secp256r1 --outfile "$work/p256-$1.key" :: \
    "$CERTTOOL" --generate-request --load-privkey "$work/p256-$1.key" \
    --template "$work/request.tmpl" --outfile "$work/p256-$1.csr"
}

# The same with both tools writing to memory (/dev/shm): what certwiz
# computes, without the seven flushes to disk that make its key last
# (certtool flushes nothing it writes).
title_p256mem="request, P-256, in memory (vs x2)"
certwiz_p256mem() {
  sample "$work/a" "$CERTWIZ" --store "$mem/store-$1" request \
    --subject "$subject" --san autodiscover.bench.example --key p256 \
    --out "$mem/p256-$1.req"
}
peer_p256mem() {
  sample "$work/b" "$CERTTOOL" --generate-privkey --key-type ecdsa \
    --curve secp256r1 --outfile "$mem/p256-$1.key" :: \
    "$CERTTOOL" --generate-request --load-privkey "$mem/p256-$1.key" \
    --template "$work/request.tmpl" --outfile "$mem/p256-$1.csr"
}

title_rsa="request, RSA-3072 (vs keygen only)"
certwiz_rsa() { certwiz_request rsa3072 "$1"; }
peer_rsa() {
  sample "$work/b" "$CERTTOOL" --generate-privkey --key-type rsa \
    --bits 3072 --outfile "$work/rsa-$1.key"
}

title_version="start-up (--version)"
certwiz_version() { sample "$work/a" "$CERTWIZ" --version; }
peer_version() { sample "$work/b" "$CERTTOOL" --version; }
# The floor under both: a program that links GnuTLS and does nothing.
title_floor="start-up, GnuTLS linked, no more"
certwiz_floor() { sample "$work/a" "$GNUTLS_ONLY"; }
peer_floor() { sample "$work/b" "$CERTTOOL" --version; }

title_bundle="list $count-cert bundle (vs openssl)"
certwiz_bundle() {
  sample "$work/a" "$CERTWIZ" list --file "$data/$count/bundle.pem"
}
peer_bundle() {
  sample "$work/b" "$OPENSSL" storeutl -noout -certs "$data/$count/bundle.pem"
}

# ------------------------------------------------------------ screens

# screen TRACE ARGS...: starts certwiz in tmux (80x24, TERM=screen) with
# its trace, then waits until it has drawn a frame and read everything
# (the browser reads the store and the files while its list shows).
screen() {
  trace=$1
  shift
  rm -f "$trace"
  tm kill-server >/dev/null 2>&1 || :
  tm new-session -d -x 80 -y 24 -s bench \
    "env TERM=screen CERTWIZ_TRACE='$trace' '$TIMEIT' --stamp '$trace' \
     '$CERTWIZ' $*"
  reads=no
  case " $* " in *" browse "*) reads=yes ;; esac
  waited=0
  until grep -q ' frame$' "$trace" 2>/dev/null &&
        { [ "$reads" = no ] || grep -q ' loaded' "$trace"; }
  do
    sleep 0.05
    waited=$((waited + 1))
    [ "$waited" -lt 1200 ] || { echo "bench: no frame from certwiz $*" >&2; exit 1; }
  done
  sleep 0.3
}

# type_filter TRACE: types a filter a key at a time, then leaves.
type_filter() {
  for key in h o s t 1 2; do
    tm send-keys -t bench "$key"
    sleep 0.15
  done
  quit "$1"
}

quit() {
  tm send-keys -t bench F10
  for _ in 1 2 3 4 5 6 7 8 9 10; do
    grep -q ' exit ' "$1" 2>/dev/null && break
    sleep 0.1
    # A question before leaving: yes.
    tm send-keys -t bench y 2>/dev/null || :
  done
  tm kill-server >/dev/null 2>&1 || :
}

# Milliseconds from the exec to the first frame drawn once everything
# was read ("loaded"), to the first frame at all, and the worst frame
# after a typed filter key; the largest resident set in KB.
first_full_frame() {
  awk '$2 == "exec" { t0 = $1 } $2 == "loaded" { l = 1 }
       l && $2 == "frame" { printf "%.2f\n", ($1 - t0) / 1000; exit }' "$1"
}
first_frame() {
  awk '$2 == "exec" { t0 = $1 }
       $2 == "frame" { printf "%.2f\n", ($1 - t0) / 1000; exit }' "$1"
}
loaded_at() {
  awk '$2 == "exec" { t0 = $1 }
       $2 == "loaded" { printf "%.2f\n", ($1 - t0) / 1000; exit }' "$1"
}
# Keys 49-122: the digits and letters typed, not the screens' own.
worst_key() {
  awk '$2 == "key" && $3 >= 48 && $3 <= 122 { k = $1; next }
       $2 == "frame" && k { d = ($1 - k) / 1000; if (d > w) w = d; k = 0 }
       END { printf "%.2f\n", w }' "$1"
}
maxrss() { awk '$2 == "exit" { sub("maxrss_kb=", "", $3); print $3 }' "$1"; }

screens() {
  what=$1 store=$2
  shift 2
  : >"$work/full" && : >"$work/first" && : >"$work/keys" && : >"$work/rss"
  : >"$work/loaded"
  i=1
  while [ "$i" -le "$runs" ]; do
    screen "$work/trace" --store "$store" "$@"
    type_filter "$work/trace"
    first_full_frame "$work/trace" >>"$work/full"
    first_frame "$work/trace" >>"$work/first"
    loaded_at "$work/trace" >>"$work/loaded"
    worst_key "$work/trace" >>"$work/keys"
    maxrss "$work/trace" >>"$work/rss"
    i=$((i + 1))
  done
}

echo "certwiz $("$CERTWIZ" --version | sed 's/.* //') on $(uname -srm)," \
  "$(getconf _NPROCESSORS_ONLN) processors," \
  "$(awk -F': ' '/model name/ { print $2; exit }' /proc/cpuinfo 2>/dev/null)"
echo "certtool: $("$CERTTOOL" --version | head -1)"
echo "openssl: $("$OPENSSL" version)"
# An RSA key's prime search takes from a tenth of a second to over one:
# many runs, for medians that hold still.
rsa_runs=$((15 * runs))
echo "medians of $runs runs (RSA: $rsa_runs, start-up: $((7 * runs)))"
heading() {
  echo
  printf "%-34s %10s %10s %6s %9s %9s  %s\n" "" certwiz peer ratio \
    "certwiz" "peer" ""
  printf "%-34s %10s %10s %6s %9s %9s  %s\n" "" time time "" "max RSS" \
    "max RSS" target
}
if part tools; then
  heading
  pair p256 "$runs" 1.0
  [ -z "$mem" ] || pair p256mem "$runs" 0.8
  rm -f "$work/rsa.trace"
  CERTWIZ_TRACE="$work/rsa.trace"
  export CERTWIZ_TRACE
  pair rsa "$rsa_runs" 1.0
  unset CERTWIZ_TRACE
  # What certwiz adds to its own prime search, from its trace.
  awk '$2 == "keygen" && $3 == "start" { s = $1 }
       $2 == "keygen" && $3 == "end" { print ($1 - s) / 1000 }' \
    "$work/rsa.trace" >"$work/keygen"
  paste "$work/a" "$work/keygen" |
    awk '{ printf "%.3f\n", $1 / 1000 - $3 }' | median |
    awk '{ printf "%-34s %10.1f ms on top of its own key generation\n",
           "  certwiz RSA-3072 overhead", $1 }'
  awk '$2 == "keygen" && $3 == "start" { sub("searches=", "", $4); print $4 }' \
    "$work/rsa.trace" | sort -u | paste -sd, - |
    awk '{ printf "%-34s %10s at once (one per processor, up to two)\n",
           "  certwiz RSA-3072 prime searches", $0 }'
  pair version $((7 * runs)) 1.0
  pair floor $((7 * runs)) -
  pair bundle "$runs" 0.5
  # The listing reads the bundle a window at a time, as openssl does.
  awk -v a="$(kb_of "$work/a")" -v b="$(kb_of "$work/b")" \
    'BEGIN { print a / b }' >"$work/rss-ratio"
  target "list $count-cert bundle: max RSS" "$(cat "$work/rss-ratio")" 1.5 \
    "x openssl"

  # Memory against the input: show, match, import and verify read a
  # file's certificates one at a time and keep only those they need, so
  # their peak stays within twice the file's size.
  input_kb=$(($(wc -c <"$data/$count/bundle.pem") / 1024))
  # input_row WHAT: the largest resident set of the samples in $work/a
  # against the input's size.
  input_row() {
    peak_kb=$(awk '$2 > m { m = $2 } END { print m }' "$work/a")
    ratio=$(awk -v p="$peak_kb" -v i="$input_kb" 'BEGIN { print p / i }')
    # Below a megabyte the program's own start-up size is most of it.
    if [ "$input_kb" -ge 1024 ]; then
      target "$1" "$ratio" 2 "x input"
    else
      printf "%-34s %10.1f %-4s (judged from 1 MB of input)\n" \
        "$1" "$ratio" "x input"
    fi
  }
  : >"$work/a"
  sample "$work/a" "$CERTWIZ" show "$data/$count/bundle.pem"
  sample "$work/a" "$CERTWIZ" show --format json "$data/$count/bundle.pem"
  sample "$work/a" "$CERTWIZ" match "$data/$count/bundle.pem" \
    host1.bench.example
  input_row "show/match $count: peak RSS"
  # A store of its own, made by the import: its certificate alone, as
  # no key of the bundle is kept.
  : >"$work/a"
  rm -rf "$work/import-store"
  sample "$work/a" "$CERTWIZ" --store "$work/import-store" import \
    --cert-only "$data/$count/bundle.pem"
  input_row "import $count: peak RSS"
  : >"$work/a"
  sample "$work/a" "$CERTWIZ" verify --ca "$data/ca.pem" \
    "$data/$count/bundle.pem"
  input_row "verify $count: peak RSS"
fi

# The listings at every scale: the time per certificate stays the same
# as the store and the bundle grow (the largest's at most 1.5 times the
# smallest's), and so does the memory per certificate.
# list_runs N KIND ARGS...: RUNS listings, the medians as "ms kb".
list_runs() {
  : >"$work/a"
  i=1
  while [ "$i" -le "$runs" ]; do
    sample "$work/a" "$CERTWIZ" "$@"
    i=$((i + 1))
  done
  echo "$(ms_of "$work/a") $(kb_of "$work/a")"
}
# scale_row WHAT N "MS KB": the row, with the microseconds per certificate.
scale_row() {
  set -- "$1" "$2" $3
  awk -v what="$1" -v n="$2" -v ms="$3" -v kb="$4" 'BEGIN {
    printf "%-34s %10.1f ms %7.2f us/cert %8.1f MB\n", what, ms,
           ms * 1000 / n, kb / 1024 }'
}
if part scales; then
  echo
  printf "%-34s %13s %15s %11s\n" "listing, at each scale" time \
    "per certificate" "max RSS"
  for n in $(echo $scales | tr ' ' '\n' | sort -n); do
    store_at=$(list_runs --store "$data/$n/store" list)
    scale_row "list a $n-cert store" "$n" "$store_at"
    echo "$n $store_at" >>"$work/store-scales"
    bundle_at=$(list_runs list --file "$data/$n/bundle.pem")
    scale_row "list a $n-cert bundle" "$n" "$bundle_at"
    echo "$n $bundle_at" >>"$work/bundle-scales"
  done
  if [ "$largest" -gt "$smallest" ]; then
    for kind in store bundle; do
      awk -v s="$smallest" -v l="$largest" '
        $1 == s { small = $2 * 1000 / $1 } $1 == l { large = $2 * 1000 / $1 }
        END { print large / small }' "$work/$kind-scales" >"$work/growth"
      target "list $kind: $largest vs $smallest per cert" \
        "$(cat "$work/growth")" 1.5 x
    done
  fi
fi

if part screens; then
  echo
  for n in $(echo "$count $largest" | tr ' ' '\n' | sort -nu); do
    # The targets at 100,000 rows are looser than at 10,000.
    frame_target=100
    [ "$n" -le 10000 ] || frame_target=150
    screens store "$data/$n/store" browse
    # The list shows at once; the rows once the store is read.
    target "browser, $n store: first frame" "$(median <"$work/first")" \
      "$frame_target" ms
    if [ "$n" -le 10000 ]; then
      target "browser, $n store: first full frame" \
        "$(median <"$work/full")" "$frame_target" ms
    else
      median <"$work/full" |
        awk -v what="browser, $n store: first full frame" '{
          printf "%-34s %10.1f ms (the store read meanwhile)\n", what, $1 }'
    fi
    target "browser, $n store: filter keystroke" "$(median <"$work/keys")" \
      16 ms
    target "browser, $n store: max RSS" \
      "$(median <"$work/rss" | awk '{ print $1 / 1024 }')" \
      $((64 * (n > 10000 ? 4 : 1))) MB

    screens bundle "$work/empty" browse "$data/$n/bundle.pem"
    target "browser, $n bundle: first frame" "$(median <"$work/first")" \
      "$frame_target" ms
    median <"$work/loaded" |
      awk -v what="browser, $n bundle: all read" '{
        printf "%-34s %10.1f ms (the rows fill in meanwhile)\n", what, $1 }'
    target "browser, $n bundle: filter keystroke" "$(median <"$work/keys")" \
      16 ms
    target "browser, $n bundle: max RSS" \
      "$(median <"$work/rss" | awk '{ print $1 / 1024 }')" \
      $((64 * (n > 10000 ? 4 : 1))) MB
  done

  : >"$work/first" && : >"$work/rss"
  i=1
  while [ "$i" -le 5 ]; do
    rm -rf "$work/empty-$i"
    screen "$work/trace" --store "$work/empty-$i"
    quit "$work/trace"
    first_frame "$work/trace" >>"$work/first"
    maxrss "$work/trace" >>"$work/rss"
    i=$((i + 1))
  done
  target "wizard, empty store: first frame" "$(median <"$work/first")" 10 ms
fi

echo
if [ "$missed" -gt 0 ]; then
  echo "bench: $missed target(s) missed"
  [ "$targets" = no ] || exit 1
else
  echo "bench: every target met"
fi
