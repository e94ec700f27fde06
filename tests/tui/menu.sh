#!/bin/sh
# The main menu, one table: every item is shown with its explanation,
# the help speaks of each, and each opens its screen.  Then the two
# flows of the same screens: a request, and a self-signed certificate
# whose last step is its validity.
. "${top_srcdir}/tests/tui/lib.sh"

items="New certificate request|New self-signed certificate|Import the CA's answer|Back up a certificate|Browse certificates|Quit"

tui_start
wait_for "What do you want to do?"
old_ifs=$IFS
IFS='|'
for item in $items; do
  expect_screen "    $item" "the menu shows \"$item\""
done
IFS=$old_ifs
expect_screen "make a key and a request to send to your CA" \
  "with the explanation beside it"
expect_screen "F1 Help" "the key bar offers the help"

send F1
wait_for "The certificate wizard"
send End
IFS='|'
for item in $items; do
  poll_for "$item:" 1 || { send PPage; poll_for "$item:" 1; } ||
    fail "the menu's help does not speak of \"$item\""
done
IFS=$old_ifs
ok "the menu's help has a paragraph for each item"
send Escape
wait_for "What do you want to do?"

# menu_open DOWN TEXT: the item DOWN rows below the first opens the
# screen that shows TEXT.
menu_open() {
  i=0
  while [ "$i" -lt "$1" ]; do
    send Down
    i=$((i + 1))
  done
  send Enter
  wait_for "$2"
  ok "item $(($1 + 1)) opens \"$2\""
}

menu_open 0 "Step 1 of 5: Subject"
expect_screen "certwiz - New certificate request" "the request's title"
send Escape
wait_for "What do you want to do?"
menu_open 1 "Step 1 of 5: Subject"
expect_screen "certwiz - New self-signed certificate" "the self-signed title"
send Escape
wait_for "What do you want to do?"
menu_open 2 "Choose the file"
send Escape
wait_for "What do you want to do?"
menu_open 3 "Nothing to back up"
send Enter
wait_for "What do you want to do?"
menu_open 4 "certwiz - Certificates"
send Escape
wait_for "What do you want to do?"
send Down Down Down Down Down Enter
wait_exit
expect_eq "$exit_status" 0 "Quit ends certwiz"

# ------------------------------------------------- the self-signed flow
tui_start
wait_for "What do you want to do?"
send Down Enter
wait_for "Step 1 of 5: Subject"
send BTab
type lab.contoso.com
send Enter
wait_for "Step 2 of 5: Names (SAN)"
send Enter
wait_for "Step 3 of 5: Key"
send Down Down Enter
wait_for "Step 4 of 5: Review"
send Enter
wait_for "Step 5 of 5: Validity"
expect_screen "How many days the certificate is valid" "its own last step"
expect_no_screen "Where to write the request" "not the request's file"
send C-u
type 400
send Enter
wait_for "The self-signed certificate and its key are installed" 20
expect_screen "certwiz - New self-signed certificate" "the flow's title to the end"
expect_words "Days 400" "the days asked for"
[ -f "$CERTWIZ_STORE/draft" ] && fail "a draft is left once installed" ||
  ok "no draft once installed"
run 0 "$CERTWIZ" list
grep -q "^valid .*lab.contoso.com" "$work/out" &&
  ok "certwiz list shows the certificate, valid" ||
  fail "not listed: $(cat "$work/out")"
send Enter
wait_for "What do you want to do?"
send F10
wait_exit
finish
