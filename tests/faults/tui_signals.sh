#!/bin/sh
# Issue #7, signals in the wizard: SIGINT, SIGTERM and SIGHUP at the menu,
# at each of the five request steps, in the browser, in the import screen
# and in its password dialog.  Each time certwiz dies of the signal, the
# shell after it finds the terminal in line mode with echo, and what was
# typed in the request wizard is in the draft (nothing else is: no draft
# from the other screens, no password, no key).  While it runs, certwiz
# cannot dump core (/proc/PID/limits: 0 and 0).
. "${top_srcdir}/tests/tui/lib.sh"
. "${top_srcdir}/tests/cli/ca.sh"
. "${top_srcdir}/tests/faults/lib.sh"

umask 022
draft="$CERTWIZ_STORE/draft"
password="Tui Signal Horse 5"
fault_passwords=$password

# A backup to open in the import screen, made by openssl from a key of
# another store.
run 0 "$CERTWIZ" --store "$work/side" selfsign --key p256 \
  --subject "CN=side.contoso.com"
side=$(ls "$work/side/certs")
"$OPENSSL" pkcs12 -export -passout pass:"$password" \
  -inkey "$work/side/certs/$side/key.pem" \
  -in "$work/side/certs/$side/cert.pem" -out "$work/side.pfx"
keep_key_lines "$work/side/certs/$side/key.pem"

points=0

# no_core WHAT: the running certwiz cannot dump core, and cannot be
# allowed to again (hard limit 0).
no_core() {
  limits=$(awk '/^Max core file size/ { print $5, $6 }' \
    "/proc/$(tui_pid)/limits" 2>/dev/null || true)
  expect_eq "$limits" "0 0" "$1: core dumps off while it runs"
}

# signal SIG WHAT: sends SIG; certwiz dies of it and the terminal is
# given back in line mode with echo, the main screen shown.
signal() {
  case $1 in
    INT) st=130 ;;
    TERM) st=143 ;;
    HUP) st=129 ;;
  esac
  kill "-$1" "$(tui_pid)"
  points=$((points + 1))
  wait_for "EXITED:"
  expect_screen "EXITED:$st " "SIG$1 $2: certwiz dies of it"
  expect_screen "TTY:[icanon echo]" "SIG$1 $2: the terminal is back, line mode and echo"
  expect_no_screen "certwiz - " "SIG$1 $2: the wizard's screen is gone"
  # Every draft, whole, is kept for the secrets check.
  if [ -f "$draft" ]; then cp "$draft" "$fault_logs/draft-$1-$points"; fi
}

no_draft() {
  [ ! -e "$draft" ] && ok "$1: no draft" || fail "$1: a draft was saved"
}

in_draft() {
  expect_in "$draft" "$2" "$1: the draft keeps \"$2\""
}

for sig in INT TERM HUP; do
  rm -f "$draft"

  # --- The menu, nothing typed.
  tui_start_in_shell
  wait_for "What do you want to do?"
  no_core "SIG$sig at the menu"
  signal "$sig" "at the menu"
  no_draft "SIG$sig at the menu"

  # --- Step 1, the subject.
  tui_start_in_shell
  wait_for "What do you want to do?"
  send Enter
  wait_for "Step 1 of 5: Subject"
  send Tab
  type US
  send Tab Tab Tab
  type "Contoso $sig"
  send Tab Tab
  type "mail-$sig.contoso.com"
  wait_for "mail-$sig.contoso.com"
  no_core "SIG$sig at the subject"
  signal "$sig" "at the subject"
  in_draft "SIG$sig at the subject" "step: subject"
  in_draft "SIG$sig at the subject" "C: US"
  in_draft "SIG$sig at the subject" "O: Contoso $sig"
  in_draft "SIG$sig at the subject" "CN: mail-$sig.contoso.com"

  # --- Step 2, the names: resumed from the draft.
  tui_start_in_shell
  wait_for "Resume?"
  send Enter
  wait_for "Step 1 of 5: Subject"
  # A resumed step starts at its first control, the naming style.
  send BTab Enter
  wait_for "Step 2 of 5: Names (SAN)"
  send a
  wait_for "Add a name"
  type "owa-$sig.contoso.com"
  send Enter
  wait_for "2 names; no CA limit"
  signal "$sig" "at the names"
  in_draft "SIG$sig at the names" "step: names"
  in_draft "SIG$sig at the names" "san: owa-$sig.contoso.com"

  # --- Step 3, the key.
  tui_start_in_shell
  wait_for "Resume?"
  send Enter
  wait_for "Step 2 of 5: Names (SAN)"
  send Enter
  wait_for "Step 3 of 5: Key"
  send Down Down
  wait_for "(•) ECDSA P-256"
  send Tab Tab
  type "Mail $sig"
  wait_words "Friendly name Mail $sig"
  signal "$sig" "at the key"
  in_draft "SIG$sig at the key" "step: key"
  in_draft "SIG$sig at the key" "key: p256"
  in_draft "SIG$sig at the key" "friendly-name: Mail $sig"

  # --- Step 4, the review.
  tui_start_in_shell
  wait_for "Resume?"
  send Enter
  wait_for "Step 3 of 5: Key"
  send Enter
  wait_for "Step 4 of 5: Review"
  signal "$sig" "at the review"
  in_draft "SIG$sig at the review" "step: review"
  in_draft "SIG$sig at the review" "san: owa-$sig.contoso.com"

  # --- Step 5, where to write: a name typed, not yet written.
  tui_start_in_shell
  wait_for "Resume?"
  send Enter
  wait_for "Step 4 of 5: Review"
  send Enter
  wait_for "Step 5 of 5: Write the request"
  send C-u
  type "out-$sig.req"
  wait_for "out-$sig.req"
  signal "$sig" "at the write step"
  in_draft "SIG$sig at the write step" "step: write"
  in_draft "SIG$sig at the write step" "out: out-$sig.req"
  [ ! -e "$work/out-$sig.req" ] && ok "SIG$sig at the write step: no request written" ||
    fail "SIG$sig at the write step: a request was written"
  expect_eq "$(ls "$CERTWIZ_STORE/pending" 2>/dev/null | wc -l)" 0 \
    "SIG$sig at the write step: no key made"

  # --- The browser.
  rm -f "$draft"
  tui_start_in_shell
  wait_for "What do you want to do?"
  send Down Down Down Down Enter
  wait_for "certwiz - Certificates"
  no_core "SIG$sig in the browser"
  signal "$sig" "in the browser"
  no_draft "SIG$sig in the browser"

  # --- The import screen, a file name typed.
  tui_start_in_shell
  wait_for "What do you want to do?"
  send Down Down Enter
  wait_for "Choose the file"
  type side
  wait_for "side"
  signal "$sig" "in the import screen"
  no_draft "SIG$sig in the import screen"

  # --- Its password dialog, a password typed.
  tui_start_in_shell
  wait_for "What do you want to do?"
  send Down Down Enter
  wait_for "Choose the file"
  type side.pfx
  send Enter
  wait_for "Backup password"
  type "$password"
  wait_for "******************"
  no_core "SIG$sig in the password dialog"
  signal "$sig" "in the password dialog"
  no_draft "SIG$sig in the password dialog"
  expect_no_screen "$password" "SIG$sig in the password dialog: the password is not shown"
done
tui_stop

# Nothing secret in the drafts or anywhere in the store: no key (none
# was made), no password.
cp -r "$CERTWIZ_STORE" "$fault_logs/store"
check_secrets "drafts and store" "$fault_logs"
fault_summary "$points" "$points"
finish
