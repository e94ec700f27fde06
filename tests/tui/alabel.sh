#!/bin/sh
# A non-ASCII common name that is a host name: the panel says certwiz
# writes its ASCII form (the A-label), and the review shows the subject
# with the A-label CN, as the request will have it.
. "${top_srcdir}/tests/tui/lib.sh"

tui_start
wait_for "New certificate request"
send Enter
wait_for "Step 1 of 5: Subject"
send Tab
type US
wait_for "United States"
send BTab BTab
type "mail.mïcrosoft.com"
wait_for "18/64"
send Enter
wait_for "This common name is not a host name"
wait_words "\"mail.xn--mcrosoft-u2a.com\"" 2
ok "the panel names the A-label certwiz writes"
send Enter
wait_for "Step 2 of 5: Names (SAN)"
expect_screen "mail.xn--mcrosoft-u2a.com" "the names list the A-label"
send Enter
wait_for "Step 3 of 5: Key"
send Enter
wait_for "Step 4 of 5: Review"
expect_words "Subject C=US, CN=mail.xn--mcrosoft-u2a.com" \
  "the review shows the A-label CN"
expect_no_screen "CN=mail.mïcrosoft.com" "not the U-label"
tui_stop
finish
