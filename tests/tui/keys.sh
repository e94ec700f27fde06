#!/bin/sh
# Escape sequences terminfo lacks: with TERM=xterm, the codes PuTTY sends
# by default for F1, Home and End, and the Linux console's F1, do what
# they say; a sequence nobody defines is skipped whole: never Esc ("Leave
# this request?", a dialog cancelled), never typed text.
. "${top_srcdir}/tests/tui/lib.sh"

# seq TEXT: the bytes of an escape sequence, as a terminal writes them.
seq() {
  tm send-keys -t tui -l -- "$(printf '\033%s' "$1")"
}

tui_new TERM=xterm "$CERTWIZ"
wait_for "New certificate request"
send Enter
wait_for "Step 1 of 5: Subject"
send BTab
type mail.contoso.com
wait_for "16/64"

seq '[11~'
wait_for "The server's full host name"
ok "PuTTY's F1 opens the help"
expect_no_screen "Leave this request?" "PuTTY's F1 is not Esc"
send Escape
wait_gone "The server's full host name"

seq '[[A'
wait_for "The server's full host name"
ok "the Linux console's F1 opens the help"
send Escape
wait_gone "The server's full host name"

seq '[1~'
type X
wait_for "Xmail.contoso.com"
ok "PuTTY's Home goes to the start of the field"
seq '[4~'
type Y
wait_for "Xmail.contoso.comY"
ok "PuTTY's End goes to its end"

seq '[99~'
seq '[1;9Z'
type Z
wait_for "Xmail.contoso.comYZ"
expect_no_screen "Leave this request?" "an unknown sequence is not Esc"
expect_no_screen "99~" "nor typed"
expect_no_screen "9Z" "nor typed, with parameters either"

# In a dialog: neither cancelled nor typed into.
send Enter
wait_for "Step 2 of 5: Names (SAN)"
send a
wait_for "Add a name"
seq '[99~'
type owa
keys_read
expect_screen "Add a name" "an unknown sequence leaves the dialog open"
expect_no_screen "99~" "and types nothing into it"
send Escape
wait_gone "Add a name"
ok "Esc alone still cancels the dialog"
tui_stop

finish
