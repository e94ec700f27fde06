# What the benchmarks share (sourced by bench.sh and handshake.sh):
# medians, one timed run, pairs of commands run alternately, and the
# table's rows with their verdicts.  They use $TIMEIT, $work (a private
# folder) and count missed targets in $missed.

median() {
  sort -n | awk '{ v[NR] = $1 }
    END { if (NR == 0) print "nan";
          else if (NR % 2) print v[(NR + 1) / 2];
          else print (v[NR / 2] + v[NR / 2 + 1]) / 2 }'
}

# row WHAT CERTWIZ-MS PEER-MS CERTWIZ-KB PEER-KB TARGET-RATIO
row() {
  awk -v what="$1" -v a="$2" -v b="$3" -v ka="$4" -v kb="$5" -v t="$6" '
    function ms(x) { return x == "-" ? "-" : sprintf("%.1f ms", x) }
    function mb(x) { return x == "-" ? "-" : sprintf("%.1f MB", x / 1024) }
    BEGIN {
      ratio = (b == "-" || b == 0) ? "-" : sprintf("%.2f", a / b)
      verdict = (t == "-" || ratio == "-") ? "" \
        : (ratio + 0 <= t + 0 ? "ok (<= " t ")" : "MISSED (> " t ")")
      printf "%-34s %10s %10s %6s %9s %9s  %s\n", what, ms(a), ms(b), ratio,
             mb(ka), mb(kb), verdict
      exit (verdict ~ /MISSED/)
    }' || missed=$((missed + 1))
}

# target WHAT VALUE LIMIT UNIT: an absolute target.
target() {
  awk -v what="$1" -v v="$2" -v l="$3" -v u="$4" 'BEGIN {
    ok = v + 0 < l + 0
    printf "%-34s %10.1f %-4s (target < %s %s)  %s\n", what, v, u, l, u,
           ok ? "ok" : "MISSED"
    exit !ok }' || missed=$((missed + 1))
}

# sample FILE CMD...: one timed run, "microseconds kilobytes" appended.
sample() {
  file=$1
  shift
  "$TIMEIT" --err "$work/errors" "$@" >>"$file" ||
    { echo "bench: failed: $*" >&2; cat "$work/errors" >&2; exit 1; }
}

ms_of() { awk '{ print $1 / 1000 }' "$1" | median; }
kb_of() { awk '{ print $2 }' "$1" | median; }

# pair WHAT N TARGET: runs certwiz_N and peer_N (shell functions taking
# the run number) alternately N times.
pair() {
  what=$1 n=$2 limit=$3
  : >"$work/a" && : >"$work/b"
  i=1
  while [ "$i" -le "$n" ]; do
    "certwiz_$what" "$i"
    "peer_$what" "$i"
    i=$((i + 1))
  done
  row "$(eval echo "\$title_$what")" "$(ms_of "$work/a")" "$(ms_of "$work/b")" \
    "$(kb_of "$work/a")" "$(kb_of "$work/b")" "$limit"
}
