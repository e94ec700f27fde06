#!/bin/sh
# How the wizard looks on plainer terminals: no colors with NO_COLOR or on
# a vt100, yet every role still stands apart (reverse, bold); no UTF-8 in
# the C locale, where non-ASCII text is shown escaped.
. "${top_srcdir}/tests/tui/lib.sh"

has_color() {
  sgr_params | grep -qx -e '3[0-7]' -e '4[0-7]'
}

# expect_ascii_screen WHAT: no byte above 0x7E reaches the screen.
expect_ascii_screen() {
  screen >"$work/screen"
  high=$(LC_ALL=C tr -d '\n\040-\176' <"$work/screen" | wc -c)
  if [ "$high" -eq 0 ]; then ok "$1"; else
    fail "$1: $high byte(s) outside printable ASCII on the screen"
    LC_ALL=C grep -n '[^ -~]' "$work/screen" | sed 's/^/  | /' >&2
  fi
}

# expect_row_sgr ROW PARAM WHAT: row ROW (from 1) uses the SGR attribute
# PARAM (1 bold, 4 underline, 7 reverse).
expect_row_sgr() {
  if screen_sgr | sed -n "$1p" | grep -o "$esc\\[[0-9;]*m" |
    sed "s/^$esc\\[//; s/m\$//" | tr ';' '\n' | grep -qx -- "$2"; then
    ok "$3"
  else
    fail "$3: no SGR $2 on row $1"
    screen_sgr | sed -n "$1p" | sed "s/$esc/\\\\e/g; s/^/  |/" >&2
  fi
}

# monochrome WHAT ENV...: from the menu through the subject step with ENV,
# without a color on any screen.
monochrome() {
  what=$1
  shift
  # The previous run's SIGHUP left a draft: start from an empty store.
  tui_stop
  rm -f "$CERTWIZ_STORE/draft"
  tui_start "$@"
  wait_for "What do you want to do?"
  expect_no_color "$what: the menu has no color"
  expect_row_sgr 1 7 "$what: the title bar is in reverse"
  expect_row_sgr 6 7 "$what: the selected item is in reverse"
  expect_row_sgr 4 1 "$what: the question is bold"
  send Enter
  wait_for "Step 1 of 5: Subject"
  send Tab
  type DE
  wait_for "DE  Germany"
  send Tab Tab Tab
  type "Contoso GmbH"
  send Tab Tab
  type mail1.contoso.de
  wait_for "16/64"
  expect_no_color "$what: the subject step has no color"
  expect_row_sgr 15 7 "$what: the focused field (Common name) is in reverse"
  expect_row_sgr 7 4 "$what: another field (State) is underlined"
  expect_row_sgr 7 1 "$what: its label is bold"
  expect_row_sgr 24 7 "$what: the key bar is in reverse"
  # A diagnostic and a dialog, in their roles.  Up, not BTab, goes back:
  # a vt100 has no back-tab key (tmux's ESC [ Z means nothing to it).
  send Up Up Up Up Up C-u
  type UK
  wait_for "Use \"GB\" (United Kingdom) instead."
  expect_no_color "$what: an error has no color"
  send C-u
  type 1
  wait_for "\"1\" is not an assigned ISO 3166-1 country code"
  expect_no_color "$what: another error has no color"
  send C-u
  type DE
  wait_for "DE  Germany"
  send Tab Tab Tab Tab Tab Enter
  wait_for "Step 2 of 5: Names (SAN)"
  expect_no_color "$what: the names step has no color"
  send a
  wait_for "Add a name"
  expect_no_color "$what: a dialog has no color"
  send Escape
  wait_gone "Add a name"
}

# ---------------------------------------------------------------- colors
# The control: a color terminal does get colors, so the checks below
# can see them.
tui_start
wait_for "What do you want to do?"
has_color && ok "TERM=screen: the menu is in colors" ||
  fail "TERM=screen: no colors (so the monochrome checks prove nothing)"
tui_start NO_COLOR=
wait_for "What do you want to do?"
has_color && ok "an empty NO_COLOR leaves the colors on" ||
  fail "an empty NO_COLOR turned the colors off"

monochrome "NO_COLOR=1" NO_COLOR=1
monochrome "TERM=vt100" TERM=vt100
monochrome "TERM=vt100 NO_COLOR=1" TERM=vt100 NO_COLOR=1

# ---------------------------------------------------------------- C locale
tui_stop
rm -f "$CERTWIZ_STORE/draft"
tui_start LC_ALL=C
wait_for "What do you want to do?"
expect_ascii_screen "C locale: the menu is plain ASCII"
send Enter
wait_for "Step 1 of 5: Subject"
expect_screen "(*) Country and organization" "C locale: an ASCII radio button"
expect_ascii_screen "C locale: the subject step is plain ASCII"
send F10
wait_exit
expect_eq "$exit_status" 0 "C locale: F10 with nothing typed quits"

# A CN typed elsewhere in UTF-8 comes back from a draft.  Written as
# forms/draft.c writes it.
mkdir -p "$CERTWIZ_STORE"
chmod 700 "$CERTWIZ_STORE"
cat >"$CERTWIZ_STORE/draft" <<EOF
# certwiz record 1
step: subject
style: country
C: US
O: Contoso Corp
CN: mail.m$(printf '\303\257')crosoft.com
key: p256
saved: 2026-01-02T03:04:05Z
EOF
chmod 600 "$CERTWIZ_STORE/draft"

tui_start LC_ALL=C
wait_for "Resume?"
expect_screen "+- Resume? -" "C locale: the dialog's border is ASCII"
box_text "Resume?" >"$work/box"
expect_in "$work/box" "(saved 2026-01-02T03:04:05Z)" "the draft's time is shown"
expect_ascii_screen "C locale: the Resume dialog is plain ASCII"
send Enter
wait_for "Step 1 of 5: Subject"
expect_words "Common name mail.m<U+00EF>crosoft.com 18/64" \
  "C locale: the CN's ï is shown as <U+00EF>, and counted as 1 of 18"
expect_ascii_screen "C locale: the CN reaches the screen escaped"
# Leaving the CN: the panel, escaped too.
send BTab Tab
wait_for "This common name is not a host name"
box_text "This common name is not a host name" >"$work/panel"
expect_in "$work/panel" "\"mail.m<U+00EF>crosoft.com\"" "C locale: the panel escapes the CN"
expect_in "$work/panel" "U+00EF LATIN SMALL LETTER I WITH DIAERESIS" \
  "C locale: the panel names the character"
expect_in "$work/panel" "mail.xn--mcrosoft-u2a.com" "C locale: and its A-label"
expect_ascii_screen "C locale: the panel is plain ASCII"
send Enter
wait_gone "This common name is not a host name"
expect_in "$CERTWIZ_STORE/draft" "CN: mail.m$(printf '\303\257')crosoft.com" \
  "the draft keeps the CN in UTF-8, not as shown"
# The help holds a literal UTF-8 example.
send BTab F1
wait_for "Common name (CN)"
expect_screen "\"mail.m<U+00EF>crosoft.com\", with an <U+00EF>," \
  "C locale: the help's example is escaped"
expect_screen "Up/Down Scroll" "C locale: the arrows are named in words"
expect_ascii_screen "C locale: the help is plain ASCII"
send Escape
wait_for "Step 1 of 5: Subject"
send Enter
wait_for "Step 2 of 5: Names (SAN)"
expect_screen "    mail.m<U+00EF>crosoft.com" "C locale: the names escape the CN"
expect_ascii_screen "C locale: the names step is plain ASCII"

# A value wider, escaped, than its field: the field scrolls to show the
# cursor and what is typed there, as it does in UTF-8.
tui_stop
i=$(printf '\303\257')
printf '# certwiz record 1\nstep: subject\nO: %s\n' \
  "$i$i$i$i$i$i$i$i$i${i}Contoso" >"$CERTWIZ_STORE/draft"
tui_start LC_ALL=C
wait_for "Resume?"
send Enter
wait_for "Step 1 of 5: Subject"
send Tab Tab Tab Tab End
type " Ltd"
wait_for "21/64"
screen | grep "Organization" >"$work/field"
expect_in "$work/field" "Contoso Ltd" \
  "C locale: the end of a long escaped value shows where one types"
expect_ascii_screen "C locale: a long escaped value is plain ASCII"

finish
