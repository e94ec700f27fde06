#!/bin/sh
# Below the minimum size: the message naming the size certwiz needs is
# wrapped to the terminal, never cut, and says how to quit; q, Esc and
# F10 quit from it, F10 asking first when typed work would be lost.
. "${top_srcdir}/tests/tui/lib.sh"

tui_cols=40 tui_lines=10
tui_start
wait_for "80x24."
expect_screen "certwiz needs a terminal of at least" \
  "the message is wrapped, not cut"
expect_screen "This one is 40x10: make the window" "the size it has"
expect_screen "Or press q to quit." "how to quit"
send q
wait_exit
expect_eq "$exit_status" 0 "q quits from the message"

tui_start
wait_for "Or press q to quit."
send Escape
wait_exit
expect_eq "$exit_status" 0 "Esc quits from the message"

# Typed work: F10 asks first, over the message.
tui_cols=80 tui_lines=24
tui_start
wait_for "New certificate request"
send Enter
wait_for "Step 1 of 5: Subject"
send BTab
type mail.contoso.com
wait_for "16/64"
resize 60 20
wait_for "Or press q to quit."
send F10
wait_for "Quit certwiz?"
ok "F10 asks before the typed work is lost"
send n
wait_gone "Quit certwiz?"
resize 80 24
wait_for "Step 1 of 5: Subject"
expect_screen "mail.contoso.com" "No: the work is still there"
resize 60 20
wait_for "Or press q to quit."
send q
wait_for "Quit certwiz?"
send y
wait_exit
expect_eq "$exit_status" 0 "Yes: certwiz exits"
finish
