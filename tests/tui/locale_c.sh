#!/bin/sh
# In LANG=C, typed non-ASCII text: the bytes that cannot be decoded in
# the locale never eat the keys after them, and the screen says, under
# the field, that the locale cannot type them and how to set one that
# can.
. "${top_srcdir}/tests/tui/lib.sh"

tui_new LANG=C LC_ALL=C "$CERTWIZ"
wait_for "New certificate request"
send Enter
wait_for "Step 1 of 5: Subject"
send Tab Tab Tab Tab
type "Müller GmbH"
wait_for "10/64"
expect_words "Organization Mller GmbH 10/64" \
  "the keys after a character the locale cannot decode are kept"
expect_screen "Some characters cannot be typed here: see below." \
  "the field says so"
expect_screen "locale (ANSI_X3.4-1968) cannot type such characters" \
  "the details name the locale"
expect_screen "LANG=C.UTF-8" "and say how to set one that can"
send Tab
wait_gone "Some characters cannot be typed here"
ok "the note goes with the focus"
tui_stop

# In UTF-8 the same typing is taken whole.
rm -f "$CERTWIZ_STORE/draft"
tui_new "$CERTWIZ"
wait_for "New certificate request"
send Enter
wait_for "Step 1 of 5: Subject"
send Tab Tab Tab Tab
type "Müller GmbH"
wait_for "11/64"
expect_words "Organization Müller GmbH 11/64" "UTF-8 types it whole"
expect_no_screen "cannot be typed" "and says nothing"
tui_stop
finish
