#!/bin/sh
# Step 1 with an error in one field and a warning in another: going on
# is refused, and the cursor goes to the field with the error.
. "${top_srcdir}/tests/tui/lib.sh"

tui_start
wait_for "New certificate request"
send Enter
wait_for "Step 1 of 5: Subject"
send Tab
type ZZ
wait_for "is not an assigned ISO 3166-1 country code"
send BTab BTab
type "mail.mïcrosoft.com"
wait_for "contains characters o"
expect_cursor "14,*" "the cursor is in the Common name, which has a warning"
send Enter
wait_for "This common name is not a host name"
send Enter
wait_gone "This common name is not a host name"
wait_for "Fix the errors shown before going on."
expect_cursor "4,*" "the cursor goes to the Country, which has the error"
expect_screen "Step 1 of 5: Subject" "the step stays"
tui_stop
finish
