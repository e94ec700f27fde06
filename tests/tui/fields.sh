#!/bin/sh
# The subject step's fields on a real terminal: moving between them, the
# rules they enforce as one types, their help and the country list.
. "${top_srcdir}/tests/tui/lib.sh"

# field_line LABEL: the screen row of the field LABEL, blanks squeezed.
field_line() {
  screen | grep -F -- "  $1  " | head -n 1 | tr -s ' '
}

tui_start
wait_for "New certificate request"
send Enter
wait_for "Step 1 of 5: Subject"

# ---------------------------------------------------------------- focus
# The naming style comes first: no cursor there.  Then Country, State,
# Locality, Organization, Org. unit and Common name, one row in two.
expect_cursor hidden "the naming style has the focus first"
send Tab
expect_cursor "4,*" "Tab: the cursor is in Country"
send Tab
type Washington
wait_for "10/128"
expect_cursor "6,*" "Tab again: the cursor is in State"
case $(field_line "State/province") in
  *"State/province Washington 10/128"*) ok "typing goes to the focused field" ;;
  *) fail "State/province does not show Washington: $(field_line State)" ;;
esac
send BTab
type us
wait_for "United States"
expect_cursor "4,*" "BTab goes back to Country"
send BTab
expect_cursor hidden "BTab again: the naming style"
expect_screen "US  United States" "a country typed in lower case is written in capitals on leaving it"
# Backwards from the first control wraps around to the last one.
send BTab
type ail1.contoso.com
wait_for "16/64"
expect_cursor "14,*" "BTab from the style wraps to the Common name"
# Home and End move in the field (TERM=screen sends what it names).
send Home
type m
send End
type .
wait_for "18/64"
case $(field_line "Common name") in
  *"Common name mail1.contoso.com. 18/64"*) ok "Home and End in a field" ;;
  *) fail "Home/End: the Common name shows: $(field_line "Common name")" ;;
esac
send BSpace
wait_for "17/64"
# Forwards from the last control wraps around to the style, where Space
# switches the naming style and the fields shown.
send Tab
expect_cursor hidden "Tab from the Common name wraps to the style"
send Space
wait_for "(•) Domain components (DNS)"
expect_screen "0/255" "the DNS style shows a Domain field (255 characters)"
expect_no_screen "State/province" "and no State field"
send Space
wait_for "(•) Country and organization"
expect_screen "US  United States" "switching back keeps the country"
expect_screen "Washington" "and the state"

# ---------------------------------------------------------------- help
send BTab
expect_cursor "14,*" "BTab from the style: the Common name"
send F1
wait_for "Common name (CN)"
expect_screen "The server's full host name" "F1 on the Common name shows its help"
expect_no_screen "Step 1 of 5" "the help covers the step"
send Escape
wait_for "Step 1 of 5: Subject"
expect_no_screen "The server's full host name" "Esc closes the help"
expect_cursor "14,*" "the focus is still in the Common name"

# ---------------------------------------------------------------- non-ASCII CN
send C-u
wait_for "0/64"
type "mail.mïcrosoft.com"
wait_for "18/64"
expect_words "Common name mail.mïcrosoft.com 18/64" "the CN is shown as typed"
expect_no_screen "This common name is not a host name" "no panel while typing"
send Tab
wait_for "This common name is not a host name"
box_text "This common name is not a host name" >"$work/panel"
expect_in "$work/panel" "U+00EF LATIN SMALL LETTER I WITH DIAERESIS" \
  "the panel names the character"
expect_in "$work/panel" "\"mail.xn--mcrosoft-u2a.com\"" \
  "the panel gives the A-label"
expect_in "$work/panel" "[ OK ]" "the panel has an OK button"
send Enter
wait_gone "This common name is not a host name"
expect_words "Common name mail.mïcrosoft.com 18/64" "the CN is kept"
# Leaving the same CN again does not repeat the panel: the Space after
# the Tab reaches the style (a panel would have taken it).
send BTab Tab Space
wait_for "(•) Domain components (DNS)"
ok "the panel is shown once for a CN"
send Space
wait_for "(•) Country and organization"

# ---------------------------------------------------------------- 64 characters
# Over the limit, the field keeps all that was typed and shows the core's
# own finding: never a shorter value, cut silently.
long=0123456789012345678901234567890123456789012345678901234567890123
send Tab Tab Tab Tab
type "${long}X"
wait_for "65/64"
expect_screen "is 65 characters long; the limit is 64" \
  "the core's o-too-long is shown under the field"
send Tab
expect_cursor "12,*" "Tab: the Org. unit (the draft is saved on leaving)"
keys_read
expect_in "$CERTWIZ_STORE/draft" "O: ${long}X" "the field holds all 65"
send BTab C-u
wait_for "0/64"
type "Contoso Corp"
wait_for "12/64"

# ---------------------------------------------------------------- country
# Back to Country: Organization -> Locality -> State -> Country.
send BTab BTab BTab C-u
wait_for "F4: list of countries"
type germany
wait_for "7/2"
expect_screen "\"DE\" for Germany." \
  "germany: the core's c-not-iso3166, never GE (Georgia)"
expect_no_screen "Georgia" "germany is not cut to GE"
send Tab
wait_for "DE  Germany"
ok "a country's name becomes its code on leaving the field"
send BTab C-u
type AUT
send Tab
wait_for "AT  Austria"
ok "a three-letter code becomes the two-letter one"
send BTab C-u
type UK
wait_for "Use \"GB\" (United Kingdom) instead."
expect_screen "\"UK\" is not an ISO 3166-1 country code." "UK is refused as typed"
send Tab
wait_for "GB  United Kingdom"
ok "UK becomes GB on leaving the field"
send BTab C-u
type 1
wait_for "\"1\" is not an assigned ISO 3166-1 country code"
expect_screen "1/2" "a digit is typed and the core's finding shown"
send C-u
type XX
wait_for "\"XX\" is not an assigned ISO 3166-1 country code"
# An error keeps the wizard on the step: Enter from the Common name.
send Tab Tab Tab Tab Tab Enter
wait_for "Fix the errors shown before going on."
expect_screen "Step 1 of 5: Subject" "UK blocks the step"

# F4 on Country, where the error took the cursor: the list, filtered
# as one types.
expect_cursor "4,*" "the error took the cursor to the Country"
wait_for "XX  F4: list of countries"
send F4
wait_for "certwiz - Countries"
expect_screen "AF  Afghanistan" "the list starts with Afghanistan"
type germ
wait_for "Search:   germ"
wait_for "DE  Germany"
expect_no_screen "AF  Afghanistan" "typing germ filters the list"
expect_eq "$(screen | grep -c '^  [A-Z][A-Z]  ')" 1 "Germany alone is left"
send Enter
wait_for "DE  Germany"
expect_screen "Step 1 of 5: Subject" "Enter goes back to the step"
expect_no_screen "not an ISO 3166-1" "the error is gone"
# Esc in the list gives up without changing the field.
send F4
wait_for "certwiz - Countries"
type fra
wait_for "FR  France"
send Escape
wait_for "Step 1 of 5: Subject"
expect_screen "DE  Germany" "Esc in the list keeps the country"

# The step is complete now (the CN's is a warning): Enter from the Common
# name goes on.  As on the command line, the CN goes in the names, which
# say that it becomes its A-label.
send Tab Tab Tab Tab Tab Enter
wait_for "Step 2 of 5: Names (SAN)"
expect_screen "    mail.mïcrosoft.com" "the CN is listed"
expect_screen "converted to \"mail.xn--mcrosoft-u2a.com\"" \
  "with the A-label it becomes"

# A new request warns again about the same CN: the warning belongs to
# the request, not to the program's run.
send Escape
wait_for "Step 1 of 5: Subject"
send Escape
wait_for "Leave this request?"
send y
wait_for "What do you want to do?"
send Enter
wait_for "Step 1 of 5: Subject"
expect_screen "F4: list of countries" "the new request starts empty"
send BTab
type "mail.mïcrosoft.com"
wait_for "18/64"
send Tab
if poll_for "This common name is not a host name" 2; then
  ok "a new request warns again about the non-ASCII CN"
else
  fail "a new request: leaving the non-ASCII CN showed no panel"
  show_screen
fi

finish
