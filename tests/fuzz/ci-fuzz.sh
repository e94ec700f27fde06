#!/bin/sh
# CI step: builds the fuzzers with clang (--enable-fuzzing) from the
# release tarball in a folder of their own, fuzzes each harness for a
# bounded time from copies of its corpora (the shared corpora are never
# written), and prints what was done.  A crash, a sanitizer report, a
# leak, a timeout or running out of memory fails the step; the input that
# caused it is kept in OUT/crashes.
#
# Usage: tests/fuzz/ci-fuzz.sh [OUT]       (default: _ci/fuzz)
#   FUZZ_SECONDS  how long each harness is fuzzed (default 60)
#   FUZZ_JOBS     how many harnesses are fuzzed at once (default 2)
#   CORPORA       GnuTLS's fuzz corpora (default ../shared/corpora/
#                 gnutls-fuzz beside the source tree)
#   CC            the compiler, a clang (default clang)
set -eu
cd "$(dirname "$0")/../.."
top=$PWD
out=${1:-_ci/fuzz}
case $out in /*) ;; *) out=$top/$out ;; esac
seconds=${FUZZ_SECONDS:-60}
jobs=${FUZZ_JOBS:-2}
CORPORA=${CORPORA:-$top/../shared/corpora/gnutls-fuzz}
CC=${CC:-clang}
harnesses="subject san detect pkcs12 import safetext"

say() { printf 'ci-fuzz: %s\n' "$*"; }

. "$top/tests/fuzz/corpora.sh"

if ! command -v "$CC" >/dev/null 2>&1; then
  say "$CC is missing: install the Debian packages clang and libclang-rt-dev"
  exit 1
fi

rm -rf "$out"
build=$out/build
mkdir -p "$build" "$out/corpus" "$out/crashes" "$out/logs" "$out/tmp"
started=$(date +%s)

# --- Build, from the tarball as a user would.
if ! make -s dist >"$out/logs/dist.log" 2>&1; then
  tail -n 30 "$out/logs/dist.log"
  say "make dist failed; see $out/logs/dist.log"
  exit 1
fi
tar -xzf certwiz-*.tar.gz -C "$build" --strip-components=1
targets=
for h in $harnesses; do targets="$targets tests/fuzz/fuzz_$h"; done
if ! (cd "$build" &&
      ./configure --enable-fuzzing CC="$CC" \
        CFLAGS='-g -O1 -fno-omit-frame-pointer' &&
      make -j"$(nproc 2>/dev/null || echo 2)" $targets) \
     >"$out/logs/build.log" 2>&1; then
  tail -n 30 "$out/logs/build.log"
  say "the fuzzers did not build; see $out/logs/build.log"
  exit 1
fi
built=$(date +%s)

# --- Corpora: copies, each folder below the harness's own, which is
# where libFuzzer adds the inputs it finds (it reads folders whole).
if [ ! -d "$CORPORA" ]; then
  say "note: no fuzz corpora at $CORPORA: starting from the regression corpora"
fi
for h in $harnesses; do
  mkdir -p "$out/corpus/$h"
  cp -R "$top/tests/fuzz/regressions/$h" "$out/corpus/$h/regressions"
  # Inputs slow on purpose (seconds each, such as PKCS#12 files at the
  # round limit) are only replayed: as seeds, their mutants would take
  # most of the time.
  rm -rf "$out/corpus/$h/regressions/slow"
  for d in $(corpora_of "$h"); do
    [ ! -d "$CORPORA/$d" ] || cp -R "$CORPORA/$d" "$out/corpus/$h/$d"
  done
done

# fuzz NAME: fuzzes NAME; its log and exit status go to $out/logs.
fuzz() {
  start=$(date +%s)
  set +e
  TMPDIR=$out/tmp "$build/tests/fuzz/fuzz_$1" \
    -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 \
    -print_final_stats=1 -artifact_prefix="$out/crashes/$1-" \
    "$out/corpus/$1" >"$out/logs/$1.log" 2>&1
  echo $? >"$out/logs/$1.status"
  set -e
  echo $(($(date +%s) - start)) >"$out/logs/$1.seconds"
}

say "fuzzing each harness for $seconds s, $jobs at a time"
set -- $harnesses
while [ $# -gt 0 ]; do
  i=0
  while [ $i -lt "$jobs" ] && [ $# -gt 0 ]; do
    fuzz "$1" &
    shift
    i=$((i + 1))
  done
  wait
done
rm -rf "$out/tmp"

# --- Summary: one line a harness, from libFuzzer's own figures.
failed=0
total=0
count=0
printf '\n%-9s %12s %8s %12s  %s\n' \
  harness "corpus files" seconds executions result
for h in $harnesses; do
  log=$out/logs/$h.log
  files=$(sed -n 's/.*INFO: seed corpus: files: \([0-9]*\).*/\1/p' "$log" |
          head -n 1)
  runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -n 1)
  [ -n "$runs" ] ||
    runs=$(sed -n 's/^Done \([0-9]*\) runs in.*/\1/p' "$log" | tail -n 1)
  secs=$(sed -n 's/^Done [0-9]* runs in \([0-9]*\) second.*/\1/p' "$log")
  status=$(cat "$out/logs/$h.status")
  found=$(cd "$out/crashes" && ls "$h-"* 2>/dev/null | head -n 1) || true
  result=ok
  if [ "$status" -ne 0 ] || [ -n "$found" ]; then
    result="FAILED (exit $status${found:+, $found})"
    failed=$((failed + 1))
  fi
  total=$((total + ${runs:-0}))
  count=$((count + 1))
  printf '%-9s %12s %8s %12s  %s\n' "$h" "${files:-?}" \
    "${secs:-$(cat "$out/logs/$h.seconds")}" "${runs:-?}" "$result"
done

for h in $harnesses; do
  [ "$(cat "$out/logs/$h.status")" -ne 0 ] || continue
  printf '\n--- %s: the end of %s\n' "$h" "$out/logs/$h.log"
  grep -E 'ERROR|SUMMARY|fuzz:|runtime error|Test unit written' \
    "$out/logs/$h.log" | head -n 15
  say "reproduce: $build/tests/fuzz/fuzz_$h $out/crashes/$h-<file>, or"
  say "  tests/fuzz/replay_$h FILE in any build; then keep the file in"
  say "  tests/fuzz/regressions/$h/ with the fix"
done

printf '\nci-fuzz: %d executions in %d s (build %d s); %d of %d %s\n' \
  "$total" $(($(date +%s) - started)) $((built - started)) "$failed" \
  "$count" "harnesses failed"
[ "$failed" -eq 0 ]
