#!/bin/sh
# Long work on the progress screen: making an RSA 4096 key shows its step
# and a turning spinner, survives a resize drawn whole, and stops on Esc
# leaving no request file and nothing in the store.  A key is found in
# anything from half a second to several: an attempt the key outran is
# tried again.
. "${top_srcdir}/tests/tui/lib.sh"

spinners='⠋⠙⠹⠸⠼⠴⠦⠧⠇⠏'

# A request resumed at its last step, a 4096-bit key chosen.
put_draft() {
  mkdir -p "$CERTWIZ_STORE"
  chmod 700 "$CERTWIZ_STORE"
  cat >"$CERTWIZ_STORE/draft" <<DRAFT
# certwiz record 1
flow: request
step: write
style: country
O: Contoso Corp
CN: big.contoso.com
key: rsa4096
out: big.req
saved: 2026-01-02T03:04:05Z
DRAFT
  chmod 600 "$CERTWIZ_STORE/draft"
}

# The spinner's glyph now, or nothing.
spinner() {
  screen | grep -o "[$spinners] Working" | cut -c1-3
}

# done_early: the key came before the checks could be made.
done_early() {
  screen | grep -q "The request is written"
}

# attempt: 0 when every check was made while the key was being made, 1
# when the key was found first (the test tries again), and the test ends
# on a real failure.
attempt() {
  rm -f big.req
  rm -rf "$CERTWIZ_STORE"
  tui_cols=80 tui_lines=24
  put_draft
  tui_start
  wait_for "Resume?"
  send Enter
  wait_for "Step 5 of 5: Write the request"
  expect_screen "  big.req" "the file named in the draft"
  send Enter
  if ! poll_for "Making a new key (RSA 4096 bits)"; then
    done_early && return 1
    fail "no step on the progress screen"
    show_screen
    finish
  fi
  box_text "Making the request" >"$work/box"
  first=$(spinner)
  sleep 0.3
  second=$(spinner)
  done_early && return 1
  if [ -n "$first" ] && [ -n "$second" ] && [ "$first" != "$second" ]; then
    ok "the spinner turns ($first, then $second) while the key is made"
  else
    fail "the spinner did not turn: \"$first\", then \"$second\""
    show_screen
  fi
  expect_in "$work/box" "Esc: stop" "the box says how to stop"

  resize 100 30
  poll_for "Making a new key" 2 || { done_early && return 1; }
  # The whole frame at the new size, not one caught while it is drawn.
  _i=0
  while [ $_i -lt 40 ] && ! screen | sed -n 30p | grep -q "F10 Quit"; do
    sleep 0.05; _i=$((_i + 1))
  done
  screen >"$work/resized"
  done_early && return 1
  expect_eq "$(wc -l <"$work/resized")" 30 "resized: 30 rows"
  expect_in "$work/resized" "Step 5 of 5: Write the request" \
    "resized: the step under the box is drawn again"
  expect_in "$work/resized" "Making a new key (RSA 4096 bits)" \
    "resized: the box is drawn again, its step"
  expect_in "$work/resized" "Esc: stop" "resized: and its last line"
  sed -n 30p "$work/resized" >"$work/row"
  expect_in "$work/row" "F10 Quit" "resized: the key bar on the last row"
  grep -c "┌─ Making the request" "$work/resized" >"$work/boxes"
  expect_eq "$(cat "$work/boxes")" 1 "resized: one box, not a trace of the old"

  send Escape
  if ! poll_for "Stopped as asked" 20; then
    done_early && return 1
    fail "Esc did not stop the work"
    show_screen
    finish
  fi
  return 0
}

# Not "tries": lib.sh's waits count with that name.
attempts=0
until attempt; do
  attempts=$((attempts + 1))
  if [ "$attempts" -ge 8 ]; then
    fail "the key was found before the checks, $attempts times in a row"
    finish
  fi
  echo "the key came first; again"
  show_screen
done

box_text "Stopped" >"$work/box"
expect_in "$work/box" "nothing was written" "the stop is said"
send Enter
wait_gone "Stopped as asked"
expect_screen "Step 5 of 5: Write the request" "back at the step, to try again"
[ -e big.req ] && fail "a request file was written" ||
  ok "no request file once stopped"
run 0 "$CERTWIZ" list
expect_not_in "$work/out" "pending" "certwiz list shows no pending request"
expect_eq "$(ls "$CERTWIZ_STORE/pending" 2>/dev/null | wc -l)" 0 \
  "no pending entry in the store"
expect_eq "$(ls "$CERTWIZ_STORE/tmp" 2>/dev/null | wc -l)" 0 \
  "nothing half-written left in the store"
# A child of certwiz (a key search) would have certwiz as its parent.
parent=$(tui_pid)
children=$(cat /proc/[0-9]*/stat 2>/dev/null |
  awk -v p="$parent" '{ sub(/.*\) /, ""); if ($2 == p) n++ } END { print n + 0 }')
if [ "$children" -ne 0 ]; then
  fail "a key search still runs after the stop"
else
  ok "no key search is left running"
fi

# Once stopped, the same step makes the key to the end.
send Enter
wait_for "The request is written" 60
ok "the request is made after a stop"
[ -f big.req ] && ok "its file is written" || fail "no big.req"
run 0 "$CERTWIZ" list
expect_eq "$(grep -c '^pending' "$work/out")" 1 "one pending request"
send F10
wait_exit

# A signal while the key is made: the work is stopped first, then certwiz
# ends by the signal with its draft kept, and nothing else is left.
signal_attempt() {
  rm -f big.req
  rm -rf "$CERTWIZ_STORE"
  put_draft
  tui_start
  wait_for "Resume?"
  send Enter
  wait_for "Step 5 of 5: Write the request"
  send Enter
  poll_for "Making a new key (RSA 4096 bits)" || return 1
  kill -TERM "$(tui_pid)"
  wait_exit 20
  [ -e big.req ] && return 1
  return 0
}

attempts=0
until signal_attempt; do
  attempts=$((attempts + 1))
  if [ "$attempts" -ge 8 ]; then
    fail "the key was found before the signal, $attempts times in a row"
    finish
  fi
  echo "the key came first; again"
done
expect_eq "$exit_signal" 15 "SIGTERM while the key is made: certwiz ends by it"
expect_in "$CERTWIZ_STORE/draft" "step: write" "the draft is kept, at its step"
expect_eq "$(ls "$CERTWIZ_STORE/pending" 2>/dev/null | wc -l)" 0 \
  "no pending entry: the work was stopped before the store"
expect_eq "$(ls "$CERTWIZ_STORE/tmp" 2>/dev/null | wc -l)" 0 \
  "nothing half-written in the store"
finish
