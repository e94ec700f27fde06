#!/bin/sh
# Replays every fuzzing harness over its corpora, without fuzzing: the
# matching folders of GnuTLS's fuzz corpora, and tests/fuzz/regressions/
# NAME, which keeps every input that once broke a harness.  A crash, a
# sanitizer report or a broken promise (the harness aborts) fails it.
#
# CORPORA is the folder of GnuTLS's corpora (default: ../shared/corpora/
# gnutls-fuzz next to the source tree).  Without it only the regression
# corpora run, and the test is skipped (77) once they pass.
set -u
: "${top_srcdir:?run through make check}"
CORPORA=${CORPORA:-$top_srcdir/../shared/corpora/gnutls-fuzz}
# The replay programs are built beside certwiz's build tree.
bin=${CERTWIZ:+${CERTWIZ%/src/certwiz}/}tests/fuzz
regressions=$top_srcdir/tests/fuzz/regressions

# The import harness keeps its store in TMPDIR: a folder of this test's
# own, removed even when a harness crashes.
work=$(mktemp -d "${TMPDIR:-/tmp}/certwiz-replay.XXXXXX") || exit 99
trap 'rm -rf "$work"' EXIT
TMPDIR=$work
export TMPDIR

. "$top_srcdir/tests/fuzz/corpora.sh"

have_corpora=yes
if [ ! -d "$CORPORA" ]; then
  echo "note: no fuzz corpora at $CORPORA (set CORPORA to the folder"
  echo "      holding x509_parser/, pkcs12_key_parser/, ...): only the"
  echo "      regression corpora run"
  have_corpora=no
fi

failed=0
for h in subject san detect pkcs12 import safetext; do
  set -- "$regressions/$h"
  shown=regressions/$h
  if [ $have_corpora = yes ]; then
    for d in $(corpora_of $h); do
      if [ -d "$CORPORA/$d" ]; then
        set -- "$@" "$CORPORA/$d"
        shown="$shown $d"
      else
        echo "note: no folder $CORPORA/$d"
      fi
    done
  fi
  echo "$h: $shown"
  if ! "$bin/replay_$h" "$@"; then
    echo "FAIL: $h: a file above broke the harness; reproduce with" \
      "$bin/replay_$h FILE" >&2
    failed=$((failed + 1))
  fi
done

[ $failed -eq 0 ] || exit 1
if [ $have_corpora = no ]; then
  echo "SKIP: the regression corpora pass; GnuTLS's corpora are missing"
  exit 77
fi
exit 0
