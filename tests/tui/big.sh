#!/bin/sh
# A bundle of thousands of certificates in the browser: it loads, filters
# as you type, opens details and tests a domain.  And the screens issue 5
# added, at a terminal too small and after a resize.
. "${top_srcdir}/tests/tui/lib.sh"

"$MAKE_BUNDLE" 3000 >bundle.pem
expect_eq "$(grep -c 'BEGIN CERTIFICATE' bundle.pem)" 3001 "a bundle of 3,001"

# ---------------------------------------------------------------- browse
tui_new "$CERTWIZ" browse bundle.pem
wait_for "3001 of 3001 certificates" 20
expect_screen "read-only: bundle.pem" "the bundle is read-only"
type "host02999"
wait_for "1 of 3001 certificates"
expect_screen "host02999.example.com" "the filter finds one among thousands"
send Enter
wait_for "alt02999.example.org"
expect_screen "CN=host02999.example.com" "its details"
send t
wait_for "Test a domain"
type "example.com"
send Enter
wait_for "host02999.example.com is one label below example.com"
ok "the domain test names the name and the rule"
send Enter

# The browser at a terminal too small, then larger again.
resize 60 20
wait_for "certwiz needs a terminal of at least 80x24."
expect_screen "This one is 60x20" "too small: the size is named"
resize 80 24
wait_for "alt02999.example.org"
ok "grown back: the details are drawn again"
send Escape
wait_for "1 of 3001 certificates"
resize 120 40
wait_for "1 of 3001 certificates"
ok "a larger terminal keeps the filtered list"
send F10
wait_exit
expect_eq "$exit_status" 0 "F10 leaves the browser"

# ---------------------------------------------------------------- import
tui_start
wait_for "What do you want to do?"
send Down Down Enter
wait_for "certwiz - Import"
resize 70 20
wait_for "This one is 70x20"
ok "the import screen, too small"
resize 80 24
wait_for "certwiz - Import"
ok "the import screen, grown back"
send Escape
wait_for "What do you want to do?"

# ---------------------------------------------------------------- back up
send Down Down Down Enter
wait_for "Nothing to back up"
resize 70 20
wait_for "This one is 70x20"
resize 80 24
wait_for "Nothing to back up"
ok "the backup screen survives a resize"
send Enter
send F10
wait_exit
expect_eq "$exit_status" 0 "certwiz exits with status 0"

finish
