#!/bin/sh
# At 80x24 a field's finding is never cut mid-sentence without a word:
# under the field it is cut between words and says where to read it
# whole; the panel below shows it whole.
. "${top_srcdir}/tests/tui/lib.sh"

tui_start
wait_for "New certificate request"
send Enter
wait_for "Step 1 of 5: Subject"
send Tab
type ZZ
wait_for "(whole below)"
row=$(screen | sed -n 6p)
case "$row" in
  *"... (whole below)") ok "the cut finding says it is whole below" ;;
  *) fail "the row under the Country: $row" ;;
esac
expect_screen 'for example "US", "GB" or "DE".' "the panel shows the finding to its end"
send Tab
wait_for "(Tab to it: whole below)"
row=$(screen | sed -n 6p)
case "$row" in
  *'"ZZ" is not an assigned ISO ... (Tab to it: whole below)')
    ok "unfocused, it is cut between words and says how to read it whole" ;;
  *) fail "the row under the Country: $row" ;;
esac
expect_no_screen "…" "nothing is cut with an ellipsis alone"
tui_stop
finish
