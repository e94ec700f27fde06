#!/bin/sh
# Every file of GnuTLS's fuzz corpora (certificates, PKCS#7, PKCS#12, keys,
# requests), fed to certwiz import: it must end with 0 or 1, never crash,
# hang or trip a sanitizer; a refusal says why with a [code] and leaves the
# store exactly as it was.
#
# CORPORA is the folder of the corpora (default: ../shared/corpora/
# gnutls-fuzz next to the source tree); without it the test is skipped.
# CORPUS_JOBS is how many files are replayed at once (default 2).
CORPORA=${CORPORA:-${top_srcdir:?}/../shared/corpora/gnutls-fuzz}
case $CORPORA in /*) ;; *) CORPORA=$PWD/$CORPORA ;; esac # lib.sh moves to $work
. "${top_srcdir}/tests/cli/lib.sh"

jobs=${CORPUS_JOBS:-2}
folders="x509_parser pkcs7_parser pkcs12_key_parser private_key_parser
pkcs8_key_parser x509_crq_parser"

if [ ! -d "$CORPORA" ]; then
  echo "SKIP: no fuzz corpora at $CORPORA (set CORPORA to the folder holding"
  echo "      x509_parser/, pkcs12_key_parser/, ...)"
  exit 77
fi
: >files
for d in $folders; do
  if [ -d "$CORPORA/$d" ]; then
    find "$CORPORA/$d" -type f | LC_ALL=C sort >>files
  else
    echo "note: no folder $CORPORA/$d"
  fi
done
if [ ! -s files ]; then
  echo "SKIP: no corpus files under $CORPORA"
  exit 77
fi

# The store every file is imported into: one pending request, whose key
# fits none of the corpus certificates.
run 0 "$CERTWIZ" --store "$work/pristine" request --key p256 --out pending.req \
  --subject "CN=corpus.contoso.com"
printf 'not the password\n' >wrong-pw
printf '1234\n' >right-pw # the password of GnuTLS's PKCS#12 fuzz files
chmod 600 wrong-pw right-pw
tab=$(printf '\t')

# snapshot DIR: every path of DIR with its mode, and every file's checksum.
# Unsorted, to spare processes: it is only compared with a snapshot of the
# same folder, which lists in the same order while it is unchanged.
snapshot() {
  (cd "$1" && find . -printf '%p %m\n' -type f -exec sha256sum {} +)
}

# import_one STORE PASSWORD_FILE FILE: sets $st, $code (the first error's
# [code], or -) and $problem (empty when all is well) for one import;
# $before is the snapshot STORE must still match when it is refused, or
# empty when the store is a throwaway one that must hold no certificate.
import_one() {
  set +e
  timeout 20 "$CERTWIZ" --store "$1" import "$3" --password-file "$2" \
    </dev/null >/dev/null 2>"$err"
  st=$?
  set -e
  # The first error [code], the first sanitizer line, the first line.
  facts=$(awk '
    !first { first = $0 }
    /Sanitizer|runtime error:/ && !san { san = $0; sub(/^==[0-9]+==/, "", san) }
    /^certwiz: error: .*\[[a-z0-9-]+\]$/ && !code {
      code = substr($NF, 2, length($NF) - 2) }
    END { gsub(/\t/, " ", san); gsub(/\t/, " ", first)
          printf "%s\t%s\t%s", code ? code : "-", san, first }' "$err")
  code=${facts%%"$tab"*}
  facts=${facts#*"$tab"}
  san=${facts%%"$tab"*}
  first=${facts#*"$tab"}
  problem=
  if [ "$st" -eq 124 ]; then
    problem="hung (over 20 s)"
  elif [ -n "$san" ]; then
    problem="sanitizer: $san"
  elif [ "$st" -ne 0 ] && [ "$st" -ne 1 ]; then
    problem="exit status $st: $first"
  elif [ "$st" -eq 1 ] && [ "$code" = - ]; then
    problem="refused without an error [code]: $first"
  fi
  # Whatever went wrong, a failed import must leave the store alone.
  [ "$st" -ne 0 ] || return 0
  if [ -n "$before" ]; then
    [ "$(snapshot "$1")" = "$before" ] ||
      problem="${problem:+$problem; and }the store changed"
  elif [ -n "$(ls -A "$1/certs" 2>/dev/null)" ]; then
    problem="${problem:+$problem; and }a certificate was installed"
  fi
}

# replay N: each file of the list shardN, with a wrong password into the
# worker's own copy of the store (fresh again after any import that was not
# a clean refusal); PKCS#12 files also with the right password into a
# throwaway store.  One result line per import:
# PASSWORD FOLDER FILE STATUS CODE PROBLEM, tab-separated.
replay() {
  tmp="$work/w$1"
  err="$tmp.err"
  cp -a "$work/pristine" "$tmp.store"
  fresh=$(snapshot "$tmp.store")
  while IFS= read -r f; do
    folder=${f%/*}
    folder=${folder##*/}
    before=$fresh
    import_one "$tmp.store" wrong-pw "$f"
    printf 'wrong\t%s\t%s\t%s\t%s\t%s\n' "$folder" "${f##*/}" "$st" "$code" "$problem"
    if [ "$st" -ne 1 ] || [ -n "$problem" ]; then
      rm -rf "$tmp.store" && cp -a "$work/pristine" "$tmp.store"
      fresh=$(snapshot "$tmp.store")
    fi
    [ "$folder" = pkcs12_key_parser ] || continue
    rm -rf "$tmp.p12"
    before=
    import_one "$tmp.p12" right-pw "$f"
    printf 'right\t%s\t%s\t%s\t%s\t%s\n' "$folder" "${f##*/}" "$st" "$code" "$problem"
  done <"$work/shard$1"
}

# --- Replay, $jobs workers over interleaved shares of the list.
i=0
pids=
while [ "$i" -lt "$jobs" ]; do
  awk -v n="$jobs" -v i="$i" 'NR % n == i' files >"shard$i"
  replay "$i" >"results$i" &
  pids="$pids $!"
  i=$((i + 1))
done
for pid in $pids; do
  wait "$pid" || fail "a replay worker failed"
done
LC_ALL=C sort results* >results

# --- Verdicts, in a fixed order whatever the timing.
expect_eq "$(grep -c '^wrong' results)" "$(wc -l <files)" "every file was replayed"
# One failure per kind of problem, with the files that show it.
awk -F '\t' '$6 != "" { print $6 "\t" $2 "/" $3 " (" $1 " password)" }' results |
  LC_ALL=C sort >problems
cut -f1 problems | uniq -c >kinds
while read -r count problem; do
  fail "$count import(s): $problem"
  grep -F "$problem$tab" problems | cut -f2 | head -n 20 | sed 's/^/  | /' >&2
  [ "$count" -le 20 ] || echo "  | ... and $((count - 20)) more" >&2
done <kinds
[ -s problems ] ||
  ok "no crash, hang or sanitizer report; every refusal has a [code] and left the store alone"

# --- Summary.
for d in $folders; do
  awk -F '\t' -v d="$d" '
    $2 == d && $1 == "wrong" { n++; if ($4 == 0) inst++; else if ($4 == 1) ref++; else other++ }
    $2 == d && $1 == "right" { rn++; if ($4 == 0) rinst++ }
    END { if (n) printf "%-19s %4d files: %d installed, %d refused, %d other exits%s\n", d, n,
            inst, ref, other, rn ? sprintf("; password 1234: %d of %d restored", rinst, rn) : "" }' results
done
awk -F '\t' '$1 == "wrong" && $4 == 1 { print $5 }' results | LC_ALL=C sort | uniq -c |
  sort -k1,1nr -k2 | awk '{ printf "  refused %5d [%s]\n", $1, $2 }'
printf 'corpus: %d files replayed, %d installed, %d refused, %d problem(s)\n' \
  "$(grep -c '^wrong' results)" \
  "$(awk -F '\t' '$1 == "wrong" && $4 == 0' results | wc -l)" \
  "$(awk -F '\t' '$1 == "wrong" && $4 == 1' results | wc -l)" \
  "$(wc -l <problems)"

finish
