#!/bin/sh
# With TERM=linux (which cannot underline in color), an empty unfocused
# field is still marked: underlined.
. "${top_srcdir}/tests/tui/lib.sh"

tui_new TERM=linux "$CERTWIZ"
wait_for "New certificate request"
send Enter
wait_for "Step 1 of 5: Subject"
expect_sgr 4 "the empty fields are underlined under TERM=linux"
tui_stop
finish
