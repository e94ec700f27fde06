#!/bin/sh
# The wizard in every language at 80x24: the menu, the subject step and
# the key step show their labels whole (never cut), the fields and
# counters stay in their columns, country names come in the language
# (iso-codes), and the key bar keeps its way out.
. "${top_srcdir}/tests/tui/lib.sh"

languages=$(cat "$top_srcdir/po/LINGUAS")
locale_tree $languages

# What certwiz shows for MSGID in language L: certwiz's own catalogs are
# the test's; a DOMAIN such as iso_3166-1 is the system's (iso-codes).
tr_msg() {
  if [ -n "${3:-}" ]; then
    LANGUAGE=$1 LANG=C.UTF-8 LC_ALL=C.UTF-8 gettext -d "$3" -- "$2"
  else
    TEXTDOMAINDIR="$CERTWIZ_LOCALEDIR" LANGUAGE=$1 LANG=C.UTF-8 \
      LC_ALL=C.UTF-8 gettext -d certwiz -- "$2"
  fi
}

# The column at which TEXT starts on the row of the field LABEL, in
# display columns (wc -L counts double-width characters as two).
column_of() {
  screen | grep -F -- "$1" | grep -F -m 1 -- "$2" | sed "s/$2.*//" |
    LC_ALL=C.UTF-8 wc -L
}

# The key bar (the last row) shows the shared F1, Esc and F10 in every
# language; the screen's own hints give way first.
expect_shared_keys() {
  bar=$(screen | tail -n 1)
  for key in F1 Esc F10; do
    case " $bar " in
      *" $key "*) ok "$1: the key bar shows $key" ;;
      *) fail "$1: the key bar lacks $key: $bar" ;;
    esac
  done
}

for l in $languages; do
  tui_start LANGUAGE="$l" CERTWIZ_LOCALEDIR="$CERTWIZ_LOCALEDIR"
  wait_for "$(tr_msg "$l" "New certificate request")"
  expect_screen "$(tr_msg "$l" "Browse certificates")" "$l: the menu, whole"
  send Enter
  wait_for "$(tr_msg "$l" "Common name")"
  for label in "Country" "State/province" "Locality" "Organization" \
               "Org. unit" "Common name"; do
    expect_screen "$(tr_msg "$l" "$label")" "$l: the label \"$label\", whole"
  done
  expect_screen "F10 $(tr_msg "$l" "Quit")" "$l: the key bar keeps F10"
  # Each field's counter ends in the same column: nothing pushed it.
  ends=$(screen | grep -E '[0-9]+/(2|64|128) *$' | sed 's/ *$//' |
    while IFS= read -r line; do
      printf '%s\n' "$line" | LC_ALL=C.UTF-8 wc -L
    done | sort -u)
  expect_eq "$(printf '%s\n' "$ends" | wc -l)" 1 "$l: the counters align"
  send Tab
  type "DE"
  wait_for "$(tr_msg "$l" "Germany" iso_3166-1)"
  ok "$l: the country's name in the language"
  send Tab Tab Tab
  type "Contoso"
  wait_for "Contoso"
  send Tab Tab
  type "mail1.contoso.com"
  wait_for "mail1.contoso.com"
  col_o=$(column_of "$(tr_msg "$l" "Organization")" "Contoso")
  col_cn=$(column_of "$(tr_msg "$l" "Common name")" "mail1.contoso.com")
  expect_eq "$col_o" "$col_cn" "$l: the fields start in one column"
  expect_shared_keys "$l, step 1"
  send Enter
  wait_for "mail1.contoso.com"
  wait_for "$(tr_msg "$l" "Names (SAN)")"
  expect_shared_keys "$l, step 2"
  send Enter
  wait_for "$(tr_msg "$l" "RSA 3072 bits (recommended)")"
  expect_shared_keys "$l, step 3"
  expect_screen "$(tr_msg "$l" "Key type:")" "$l: the key step, whole"
  send F10
  wait_for "$(tr_msg "$l" "Quit certwiz?")"
  tui_stop
  # Stopped by a hang-up, certwiz kept a draft: the next language starts
  # afresh.
  rm -f "$CERTWIZ_STORE/draft"
done
finish
