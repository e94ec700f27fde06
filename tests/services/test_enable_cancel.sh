#!/bin/sh
# Esc on the progress screen of "Use this certificate for...", with a
# real nginx.  The run is held at a step (CERTWIZ_TEST_HOLD_AT) while
# Esc is pressed: before the point of no return ("checked") it stops and
# nothing changed, the config, the live folder, the journal, the
# bindings, what the handshake shows; after it ("staged") the screen
# says it is too late to stop, and the run ends with the new
# certificate served.
. "${top_srcdir}/tests/services/lib.sh"
svc_require_root "enable writes the live folder and reloads nginx"
svc_require nginx
. "${top_srcdir}/tests/tui/lib.sh"
trap 'tui_stop; svc_stop_all; rm -rf "$work"' EXIT

if ! command -v flock >/dev/null 2>&1; then
  echo "skipped: flock is not installed (util-linux; ./quickstart installs it)"
  exit 77
fi

export CERTWIZ_LIVE="$work/live"
export CERTWIZ_SERVE_TIMEOUT_MS=3000
pki_init
pki_leaf "$pki/orig" www.test.example
pki_store_entry "$work/www" www.test.example
www_id=$store_id

svc_ports 1
start_nginx nginx "$ports" "www.test.example:$pki/orig.chain.pem:$pki/orig.key"
conf="$svc/nginx/nginx.conf"
cp "$conf" "$work/nginx.conf.before"
orig_id=$(pki_thumbprint "$pki/orig.pem")
hold="$work/hold"

served() {
  "$CERTWIZ" test "127.0.0.1:$ports" --name www.test.example \
    --ca "$pki/root.pem" 2>/dev/null | sed -n 's/^Thumbprint: *//p' | head -1
}

# wait_held: until the run waits at its hold (the hook's marker file).
wait_held() {
  _h_i=0
  while [ ! -e "$hold.held" ] && [ "$_h_i" -lt 100 ]; do
    sleep 0.1
    _h_i=$((_h_i + 1))
  done
  [ -e "$hold.held" ] && ok "the run holds at $1" ||
    { fail "the run never reached $1"; show_screen; exit 1; }
}

# enable_from_browser STEP: the browser's "Use this certificate for..."
# for nginx, up to the progress screen, the run held at STEP.
enable_from_browser() {
  rm -f "$hold" "$hold.held"
  tui_new CERTWIZ_NGINX_CONFIG="$conf" CERTWIZ_LIVE="$CERTWIZ_LIVE" \
    CERTWIZ_SERVE_TIMEOUT_MS=3000 CERTWIZ_TEST_HOLD_AT="$1" \
    CERTWIZ_TEST_HOLD_FILE="$hold" "$CERTWIZ" browse
  wait_for "1 of 1 certificate"
  send F2
  wait_for "[ Use ]"
  send u
  wait_for "Use this certificate for..."
  wait_for "[ nginx ]"
  send Enter
  wait_for "What will change"
  send Enter
  wait_for "Putting the certificate to work"
  wait_held "$1"
}

# Before the point of no return: Esc stops it, and nothing changed.
enable_from_browser checked
expect_screen "Esc: stop" "the progress screen offers Esc before the change"
(umask 077; flock -n "$CERTWIZ_STORE/.lock" true) &&
  ok "the store is not locked while the run holds before the change" ||
  fail "the run holds the store's lock before the point of no return"
send Escape
wait_for "Stopped" 10
expect_screen "before anything was" "the screen says it stopped before any change"
[ -e "$hold.held" ] && fail "the hold did not end with the cancellation" ||
  ok "the cancellation ends the hold"
send Enter
wait_gone "Stopped"
tui_stop
cmp -s "$conf" "$work/nginx.conf.before" &&
  ok "nginx.conf is byte for byte as before" ||
  { fail "nginx.conf changed though the run was stopped";
    diff -u "$work/nginx.conf.before" "$conf" >&2; }
if ls "$CERTWIZ_LIVE" 2>/dev/null | grep -q .; then
  fail "a live folder was made: $(ls "$CERTWIZ_LIVE" | tr '\n' ' ')"
else
  ok "no generation of the live folder was made"
fi
[ -e "$CERTWIZ_STORE/enable/journal" ] &&
  fail "a journal was left in the store" || ok "no journal in the store"
run 0 "$CERTWIZ" list
expect_not_in "$work/out" "HTTPS" "list shows no binding"
run 0 env CERTWIZ_NGINX_CONFIG="$conf" "$CERTWIZ" services
expect_in "$work/out" "not managed" "services says certwiz manages nothing"
[ "$(served)" = "$orig_id" ] &&
  ok "the handshake still shows the old certificate" ||
  fail "nginx serves another certificate after the stop"

# After it: Esc is too late, and says so; the run ends, served.
enable_from_browser staged
(umask 077; flock -n "$CERTWIZ_STORE/.lock" true) &&
  fail "the store is not locked while the change is under way" ||
  ok "the store is locked once the change began"
wait_for "Too late to stop: finishing." 5
expect_no_screen "Esc: stop" "past the point of no return Esc is no longer offered"
send Escape
wait_for "Too late to stop: finishing." 5
expect_screen "Finishing..." "the box says the work is finishing"
expect_no_screen "Stopping" "nothing claims it is stopping"
: >"$hold"
wait_for "It is served" 20
wait_words "127.0.0.1:$ports" 2
ok "the steps of the finished run are said"
send Enter
wait_gone "It is served"
tui_stop
[ "$(served)" = "$www_id" ] &&
  ok "nginx serves the new certificate after the late Esc" ||
  fail "nginx does not serve the certificate after the late Esc"
[ -e "$CERTWIZ_STORE/enable/journal" ] &&
  fail "a journal was left after the finished run" ||
  ok "the finished run leaves no journal"
run 0 "$CERTWIZ" list
expect_in "$work/out" "HTTPS" "list shows the binding"

finish
