#!/bin/sh
# The first run speaks the user's language: the program built here (the
# one ./quickstart starts, nothing installed, no CERTWIZ_LOCALEDIR) finds
# the built catalogs, on the command line and on the screen, in a real
# de_DE, fr_FR, es_ES and ja_JP locale.  The locales are compiled into a
# private folder (LOCPATH), so the machine's own are not needed.
. "${top_srcdir}/tests/tui/lib.sh"

command -v localedef >/dev/null 2>&1 || {
  echo "SKIP: localedef is not installed (Debian: locales)"
  exit 77
}
locales="$work/locales"
mkdir -p "$locales"

# LANG help-line menu-question: what each language must show (French
# puts a no-break space before ":" and "?").
while IFS='|' read -r lang usage question; do
  localedef -i "${lang%.UTF-8}" -f UTF-8 "$locales/$lang" 2>"$work/localedef" ||
    fail "localedef $lang: $(cat "$work/localedef")"
  env -i PATH="$PATH" HOME="$HOME" LANG="$lang" LOCPATH="$locales" \
    ASAN_OPTIONS="${ASAN_OPTIONS:-}" LSAN_OPTIONS="${LSAN_OPTIONS:-}" \
    CERTWIZ_STORE="$CERTWIZ_STORE" "$CERTWIZ" --help >"$work/help" 2>&1 ||
    fail "$lang: certwiz --help failed: $(cat "$work/help")"
  expect_in "$work/help" "$usage" "$lang: --help is translated"
  tui_start LANG="$lang" LC_ALL= LOCPATH="$locales"
  wait_for "$question"
  ok "$lang: the main menu is translated"
  tui_stop
done <<'LANGS'
de_DE.UTF-8|Aufruf: certwiz|Was möchten Sie tun?
fr_FR.UTF-8|Utilisation : certwiz|Que voulez-vous faire ?
es_ES.UTF-8|Uso: certwiz|¿Qué desea hacer?
ja_JP.UTF-8|使い方: certwiz|何をしますか?
LANGS

# An installed copy does not read the build folder's catalogs: it uses the
# installed ones (none here, so English).
cp "$CERTWIZ" "$work/certwiz-installed"
env -i PATH="$PATH" HOME="$HOME" LANG=de_DE.UTF-8 LOCPATH="$locales" \
  ASAN_OPTIONS="${ASAN_OPTIONS:-}" LSAN_OPTIONS="${LSAN_OPTIONS:-}" \
  "$work/certwiz-installed" --help >"$work/help" 2>&1 ||
  fail "the copy's --help failed: $(cat "$work/help")"
expect_in "$work/help" "Usage: certwiz" \
  "a copy elsewhere does not take the build folder's catalogs"
finish
