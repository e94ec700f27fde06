#!/bin/sh
# The translations: every catalog complete and clean; LANGUAGE selects
# the language under LANG=C.UTF-8; messages are translated and keep their
# stable codes; the help stays within 79 columns in every language.
. "${top_srcdir}/tests/cli/lib.sh"

languages=$(cat "$top_srcdir/po/LINGUAS")
locale_tree $languages
export LANG=C.UTF-8 LC_ALL=C.UTF-8

LANGUAGE= "$CERTWIZ" check --subject "C=UK, CN=mail.mïcrosoft.com" \
  >/dev/null 2>english.err || true
LANGUAGE= "$CERTWIZ" --help >english.help

for l in $languages; do
  stats=$(msgfmt -c --statistics -o /dev/null "$top_srcdir/po/$l.po" 2>&1)
  case "$stats" in
    *untranslated*|*fuzzy*|*error*|*warning*) fail "$l: $stats" ;;
    *) ok "$l: complete and clean ($stats)" ;;
  esac

  LANGUAGE=$l "$CERTWIZ" check --subject "C=UK, CN=mail.mïcrosoft.com" \
    >/dev/null 2>"$l.err" || true
  cmp -s english.err "$l.err" && fail "$l: the findings are not translated" ||
    ok "$l: the findings are translated"
  for code in c-not-iso3166 cn-non-ascii; do
    expect_in "$l.err" "[$code]" "$l: the code $code stays"
  done
  grep -q '^certwiz: ' "$l.err" && ok "$l: each finding starts with certwiz:" ||
    fail "$l: findings lost their prefix"

  LANGUAGE=$l "$CERTWIZ" --help >"$l.help"
  cmp -s english.help "$l.help" && fail "$l: --help is not translated" ||
    ok "$l: --help is translated"
  for c in "" $(sed -n 's/^  \([a-z][a-z]*\)  .*/\1/p' english.help); do
    width=$(LANGUAGE=$l "$CERTWIZ" $c --help | wc -L)
    [ "$width" -le 79 ] || fail "$l: certwiz $c --help is $width columns wide"
  done
  ok "$l: every --help fits 79 columns"
done
finish
