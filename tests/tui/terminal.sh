#!/bin/sh
# The terminal: too small, resized, larger; leaving with F10, and the
# terminal given back as it was.
. "${top_srcdir}/tests/tui/lib.sh"

# ---------------------------------------------------------------- too small
tui_cols=60 tui_lines=20
tui_start
wait_for "certwiz needs a terminal of at least 80x24."
expect_screen "This one is 60x20: make the window larger." \
  "the message names the size"
expect_no_screen "New certificate request" "no menu squeezed into 60x20"
# A key typed at the message must not act on a screen nobody sees.
send Enter
keys_read
resize 80 24
wait_for "What do you want to do?"
expect_no_screen "certwiz needs a terminal" "the menu replaces the message"
# F1 on the menu shows the menu's help: the Enter above was dropped.
send F1
wait_for "The certificate wizard"
ok "the Enter typed while too small was not acted on"
send Escape
wait_for "What do you want to do?"

# ---------------------------------------------------------------- resize in a step
send Enter
wait_for "Step 1 of 5: Subject"
send Tab
type US
send Tab Tab Tab
type "Contoso Corp"
wait_for "12/64"
resize 100 30
wait_row 30 "F10 Quit"
ok "the key bar moved to the last row"
expect_eq "$(screen | wc -l)" 30 "the screen is 30 rows"
expect_screen "US  United States" "a wider terminal keeps the country"
expect_screen "Contoso Corp" "and the organization"
resize 70 20
wait_for "This one is 70x20: make the window larger."
expect_no_screen "Contoso Corp" "too small again: only the message"
type "XYZ"
keys_read
resize 80 24
wait_for "Step 1 of 5: Subject"
expect_screen "US  United States" "back to 80x24: the country is kept"
expect_words "Organization Contoso Corp 12/64" \
  "the organization is kept, without what was typed while too small"
type " Ltd"
wait_for "Contoso Corp Ltd"
ok "the focus is still in the Organization"

# ---------------------------------------------------------------- F10
send F10
wait_for "Quit certwiz?"
expect_screen "What you typed will be lost. Quit anyway?"
expect_screen "[ Yes ]  [ No ]"
send Enter
wait_gone "Quit certwiz?"
expect_screen "Contoso Corp Ltd" "No (the default) keeps the wizard"
send F10
wait_for "Quit certwiz?"
send n
wait_gone "Quit certwiz?"
expect_screen "Step 1 of 5: Subject" "n answers No"
send F10
wait_for "Quit certwiz?"
send y
wait_exit
expect_eq "$exit_status" 0 "Yes: certwiz exits with status 0"
expect_no_screen "Step 1 of 5" "the wizard's screen is gone (alternate screen left)"
[ -f "$CERTWIZ_STORE/draft" ] && fail "quitting on purpose left a draft" ||
  ok "quitting on purpose leaves no draft"

# ---------------------------------------------------------------- larger
tui_cols=120 tui_lines=40
tui_start_in_shell
wait_for "What do you want to do?"
screen | sed -n 1p >"$work/first"
expect_in "$work/first" "store: " "the title bar at 120 columns"
screen | sed -n 40p >"$work/last"
expect_in "$work/last" "F10 Quit" "the key bar on row 40"
send Enter
wait_for "Step 1 of 5: Subject"
screen | sed -n 1p | sed 's/ *$//' >"$work/first"
expect_eq "$(awk '{ print length($0) }' "$work/first")" 119 \
  "the step's title is right-aligned at 120 columns"
send Tab
type DE
wait_for "Germany"
send Tab Tab Tab
type "Contoso Corp"
send Tab Tab
type mail1.contoso.com
send Enter
wait_for "Step 2 of 5: Names (SAN)"
expect_screen "    mail1.contoso.com" "the wizard goes on at 120x40"
send F1
wait_for "Names (subject alternative names)"
send Escape
wait_for "Step 2 of 5: Names (SAN)"
# Esc back to the subject, and out to the menu (after the question).
send Escape
wait_for "Step 1 of 5: Subject"
send Escape
wait_for "What you typed will be lost."
send y
wait_for "What do you want to do?"
[ -f "$CERTWIZ_STORE/draft" ] && fail "back at the menu, a draft is left" ||
  ok "going back to the menu drops the draft"

# F10 on the menu, nothing typed: no question.
send F10
wait_for "EXITED:"
expect_screen "EXITED:0 " "F10 on the menu quits at once, status 0"
expect_screen "TTY:[icanon echo]" \
  "the terminal is back in line mode, with echo"
expect_no_screen "What do you want to do?" "the menu is gone"

finish
