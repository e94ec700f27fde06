#!/bin/sh
# A list or a review that scrolls says so on a row of its own: "more
# below" and the keys that scroll, and the position, which never covers
# a row of the list.
. "${top_srcdir}/tests/tui/lib.sh"

names=""
i=1
while [ "$i" -le 24 ]; do
  names="${names:+$names, }host$i.contoso.com"
  i=$((i + 1))
done

tui_start
wait_for "New certificate request"
send Enter
wait_for "Step 1 of 5: Subject"
send BTab
type mail.contoso.com
wait_for "16/64"
send Enter
wait_for "Step 2 of 5: Names (SAN)"
send a
wait_for "Add a name"
type "$names"
send Enter
wait_for "25 names; no CA limit"
wait_for "▲ more above: ↑ or PgUp"
ok "at the end of the list, the marker says there is more above"
send Home
wait_for "▼ more below: ↓ or PgDn"
ok "the names list says it goes on below, and how to scroll"
marker=$(screen | grep -n "more below" | cut -d: -f1)
above=$((marker - 1))
screen | sed -n "${above}p" | grep -q "host[0-9]*\.contoso\.com *$" &&
  ok "the row above the marker is a whole name" ||
  { fail "the row above the marker is not a whole name"; show_screen; }
screen | sed -n "${marker}p" | grep -q "of 25 *$" &&
  ok "the position is on the marker's row" ||
  { fail "no position on the marker's row"; show_screen; }
send Enter
wait_for "Step 3 of 5: Key"
send Enter
wait_for "Step 4 of 5: Review"
wait_for "▼ more below: ↓ or PgDn"
ok "the review says it goes on below"
send PageDown PageDown PageDown
wait_for "▲ more above: ↑ or PgUp"
expect_screen "Press Enter to go on." "the end of the review shows"
tui_stop
finish
