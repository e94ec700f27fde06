#!/bin/sh
# Step 2: several names typed at once, separated by commas, are all
# added, as certwiz request --san takes them.
. "${top_srcdir}/tests/tui/lib.sh"

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
type "owa.contoso.com, autodiscover.contoso.com,smtp.contoso.com"
send Enter
wait_for "4 names; no CA limit"
for n in owa.contoso.com autodiscover.contoso.com smtp.contoso.com; do
  expect_screen "    $n" "$n is added from the list"
done
expect_no_screen "contains \",\"" "no finding about a comma"
send a
wait_for "Add a name"
type "OWA.contoso.com, imap.contoso.com"
send Enter
wait_for "5 names; no CA limit"
expect_screen "That name is already in the list." "a name listed already is said"
tui_stop
finish
