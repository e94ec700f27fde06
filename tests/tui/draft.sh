#!/bin/sh
# Signals: SIGHUP (a dropped connection), SIGTERM and SIGINT save what was
# typed as a draft in the store and give the terminal back; the next start
# offers to resume it.
. "${top_srcdir}/tests/tui/lib.sh"

umask 022
draft="$CERTWIZ_STORE/draft"

# fill_subject: from the menu to the Names step with a subject.
fill_subject() {
  wait_for "What do you want to do?"
  send Enter
  wait_for "Step 1 of 5: Subject"
  send Tab
  type US
  send Tab Tab Tab
  type "Contoso Corp"
  send Tab Tab
  type mail1.contoso.com
  wait_for "17/64"
  send Enter
  wait_for "Step 2 of 5: Names (SAN)"
}

# restored SIGNAL_STATUS WHAT: certwiz died of the signal, and the shell
# after it finds the terminal as it was: line mode, echo, main screen.
restored() {
  wait_for "EXITED:"
  expect_screen "EXITED:$1 " "$2: certwiz ends by the signal (status $1)"
  expect_screen "TTY:[icanon echo]" "$2: the terminal is back in line mode, with echo"
  expect_no_screen "certwiz - New certificate request" \
    "$2: the wizard's screen is gone (alternate screen left)"
}

# ---------------------------------------------------------------- SIGHUP
tui_start_in_shell
fill_subject
send a
wait_for "Add a name"
type owa.contoso.com
send Enter
wait_for "2 names; no CA limit"
kill -HUP "$(tui_pid)"
restored 129 SIGHUP

[ -f "$draft" ] && ok "SIGHUP: a draft is in the store" ||
  { fail "SIGHUP: no draft in $CERTWIZ_STORE"; finish; }
expect_eq "$(mode_of "$draft")" 600 "the draft is 0600 despite umask 022"
expect_eq "$(head -n 1 "$draft")" "# certwiz record 1" "the draft is a record"
expect_in "$draft" "step: names" "the draft names the step"
expect_in "$draft" "C: US" "the draft holds the country"
expect_in "$draft" "O: Contoso Corp" "the draft holds the organization"
expect_in "$draft" "CN: mail1.contoso.com" "the draft holds the CN"
expect_in "$draft" "san: owa.contoso.com" "the draft holds the names"
expect_not_in "$draft" "PRIVATE KEY" "no private key in the draft"
expect_not_in "$draft" "-----BEGIN" "no PEM at all in the draft"
expect_eq "$(ls "$CERTWIZ_STORE/pending" 2>/dev/null | wc -l)" 0 \
  "no key was made"

# ---------------------------------------------------------------- resume
tui_start_in_shell
wait_for "Resume?"
expect_screen "A request you were writing was kept when" "the draft is offered"
expect_screen "[ Resume ]  [ Start over ]" "with Resume and Start over"
# A signal at the question keeps the draft for the next start.
kill -TERM "$(tui_pid)"
restored 143 "SIGTERM at Resume?"
expect_in "$draft" "san: owa.contoso.com" "SIGTERM at Resume?: the draft is kept"
tui_start_in_shell
wait_for "Resume?"
send Enter
wait_for "Step 2 of 5: Names (SAN)"
ok "Resume (the default) opens the saved step"
expect_screen "    mail1.contoso.com" "the names are back"
expect_screen "    owa.contoso.com"
expect_screen "2 names; no CA limit"
send Escape
wait_for "Step 1 of 5: Subject"
expect_screen "US  United States" "the subject is back"
expect_words "Organization Contoso Corp 12/64"
expect_words "Common name mail1.contoso.com 17/64"

# ---------------------------------------------------------------- SIGTERM
# One more character, not yet saved by leaving the field: the signal
# saves it.
send Tab Tab Tab Tab
type " Ltd"
wait_for "Contoso Corp Ltd"
kill -TERM "$(tui_pid)"
restored 143 SIGTERM
expect_in "$draft" "step: subject" "SIGTERM: the draft names the step"
expect_in "$draft" "O: Contoso Corp Ltd" "SIGTERM: the draft has the last keys"
expect_eq "$(mode_of "$draft")" 600 "SIGTERM: the draft is 0600"

# ---------------------------------------------------------------- Start over
tui_start_in_shell
wait_for "Resume?"
send Right Enter
wait_for "What do you want to do?"
ok "Start over leads to the menu"
[ -f "$draft" ] && fail "Start over kept the draft" ||
  ok "Start over drops the draft"
send Enter
wait_for "Step 1 of 5: Subject"
expect_screen "F4: list of countries" "Start over: the subject is empty"
expect_no_screen "Contoso" "Start over: nothing of the draft is shown"

# ---------------------------------------------------------------- SIGINT
send Tab
type DE
wait_for "Germany"
kill -INT "$(tui_pid)"
restored 130 SIGINT
expect_in "$draft" "C: DE" "SIGINT: the draft holds the country"
expect_not_in "$draft" "Contoso" "SIGINT: the old draft was replaced"

# ---------------------------------------------------------------- Ctrl-C
# Ctrl-C on the keyboard is SIGINT too (certwiz keeps ISIG on).
tui_start
wait_for "Resume?"
send Enter
wait_for "Germany"
# A resumed step starts at its first control, the naming style.
send Tab Tab
type Bavaria
wait_for "Bavaria"
send C-c
wait_exit
expect_eq "$exit_signal" 2 "Ctrl-C: certwiz ends by SIGINT"
expect_in "$draft" "ST: Bavaria" "Ctrl-C: the draft has what was typed"

# ---------------------------------------------------------------- hang-up
# A dropped connection: the terminal goes away with the session.
tui_start
wait_for "Resume?"
send Enter
wait_for "Bavaria"
send Tab Tab Tab
type Munich
wait_for "Munich"
pid=$(tui_pid)
tm kill-session -t tui
tries=50
while process_alive "$pid" && [ "$tries" -gt 0 ]; do
  sleep 0.1
  tries=$((tries - 1))
done
process_alive "$pid" && fail "certwiz still runs without its terminal" ||
  ok "certwiz ends when its terminal goes away"
expect_in "$draft" "L: Munich" "a dropped connection keeps what was typed"

# ---------------------------------------------------------------- nothing typed
rm -f "$draft"
tui_start_in_shell
wait_for "What do you want to do?"
kill -HUP "$(tui_pid)"
restored 129 "SIGHUP on the menu"
[ -f "$draft" ] && fail "a draft was saved with nothing typed" ||
  ok "nothing typed: no draft"

# ---------------------------------------------------------------- later steps
# A draft saved at the review keeps the key's choices and friendly name.
tui_start
wait_for "What do you want to do?"
send Enter
wait_for "Step 1 of 5: Subject"
send BTab
type mail1.contoso.com
send Enter
wait_for "Step 2 of 5: Names (SAN)"
send Enter
wait_for "Step 3 of 5: Key"
send Down Down Tab Space Tab
type "Contoso mail"
wait_words "Friendly name Contoso mail"
send Enter
wait_for "Step 4 of 5: Review"
kill -HUP "$(tui_pid)"
wait_exit
expect_eq "$exit_signal" 1 "SIGHUP at the review: certwiz ends by it"
expect_in "$draft" "step: review" "the draft names the review"
tui_start
wait_for "Resume?"
send Enter
wait_for "Step 4 of 5: Review"
expect_words "Key ECDSA P-256, not exportable" \
  "resumed at the review, with the key type and exportability"
expect_words "Friendly name Contoso mail" "and the friendly name"
send Escape
wait_for "Step 3 of 5: Key"
expect_screen "(•) ECDSA P-256" "the key step shows the choice"
expect_screen "[ ] Exportable" "and the key not exportable"

# ---------------------------------------------------------------- other drafts
# A draft edited since (or from older rules) resumes where its first error
# is, never past it.
tui_stop
printf '# certwiz record 1\nstep: review\nC: UK\nCN: mail1.contoso.com\n' \
  >"$draft"
tui_start
wait_for "Resume?"
send Enter
wait_for "Step 1 of 5: Subject"
expect_screen "\"UK\" is not an ISO 3166-1" \
  "a draft with an error in the subject resumes at the subject"
# Not a record: no question.
tui_stop
printf 'step: review\nCN: mail1.contoso.com\n' >"$draft"
tui_start
wait_for "What do you want to do?"
expect_no_screen "Resume?" "a file that is not a record is not offered"
# A link is never followed, nor its target written.
tui_stop
rm -f "$draft"
printf '# certwiz record 1\nstep: names\nCN: mail1.contoso.com\n' \
  >"$work/elsewhere"
cp "$work/elsewhere" "$work/elsewhere.orig"
ln -s "$work/elsewhere" "$draft"
tui_start
wait_for "What do you want to do?"
expect_no_screen "Resume?" "a draft that is a link is not offered"
send Enter
wait_for "Step 1 of 5: Subject"
send BTab
type mail9.contoso.com
send Tab
expect_cursor hidden "Tab leaves the Common name (saving the draft)"
cmp -s "$work/elsewhere" "$work/elsewhere.orig" &&
  ok "the link's target is never written" ||
  fail "saving the draft wrote through the link"
[ -L "$draft" ] && fail "the draft is still a link after a save" ||
  ok "the draft replaced the link"

# The check above can fail: a certwiz killed outright leaves the terminal
# raw and on the alternate screen, and the shell after it sees that.
tui_stop
rm -f "$draft"
tui_start_in_shell
wait_for "What do you want to do?"
kill -KILL "$(tui_pid)"
wait_for "EXITED:137"
expect_screen "TTY:[-icanon -echo]" "SIGKILL (control): the terminal is left raw"

finish
