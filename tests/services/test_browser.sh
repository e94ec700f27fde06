#!/bin/sh
# "Use this certificate for..." from the browser's actions, with a real
# nginx: the services found and what each serves now, the preview (the
# dry run's diff), the transaction on the progress screen, the
# certificate served; then the Services column, as certwiz list shows.
. "${top_srcdir}/tests/services/lib.sh"
svc_require_root "enable writes the live folder and reloads nginx"
svc_require nginx
. "${top_srcdir}/tests/tui/lib.sh"
trap 'tui_stop; svc_stop_all; rm -rf "$work"' EXIT

export CERTWIZ_LIVE="$work/live"
export CERTWIZ_SERVE_TIMEOUT_MS=3000
pki_init
pki_leaf "$pki/orig" www.test.example
pki_store_entry "$work/www" www.test.example
www_id=$store_id
pki_store_entry "$work/idle" idle.test.example

# Without a binding, no Services column.
tui_new "$CERTWIZ" browse
wait_for "2 of 2 certificates"
expect_no_screen "Services" "no certificate in use: no Services column"
tui_stop

svc_ports 1
start_nginx nginx "$ports" "www.test.example:$pki/orig.chain.pem:$pki/orig.key"
conf="$svc/nginx/nginx.conf"
orig_id=$(pki_thumbprint "$pki/orig.pem")

served() {
  "$CERTWIZ" test "127.0.0.1:$ports" --name www.test.example \
    --ca "$pki/root.pem" 2>/dev/null | sed -n 's/^Thumbprint: *//p' | head -1
}

tui_new CERTWIZ_NGINX_CONFIG="$conf" CERTWIZ_LIVE="$CERTWIZ_LIVE" \
  CERTWIZ_SERVE_TIMEOUT_MS=3000 "$CERTWIZ" browse
wait_for "2 of 2 certificates"
type www
wait_for "1 of 2 certificates"
send F2
wait_for "[ Use ]"
send u
wait_for "Use this certificate for..."
wait_words "HTTPS (nginx): $conf"
expect_screen "serves $pki/orig.chain.pem" "what nginx serves now"
expect_screen "[ nginx ]" "nginx is offered: a button for each service with a site for the names"
send Enter
wait_for "What will change"
expect_screen "-    ssl_certificate $pki/orig.chain.pem;" \
  "the preview shows the diff, line by line"
expect_screen "+    ssl_certificate" "the new line of the diff"
expect_screen "live/www.test.example/fullchain.pem;" "the new certificate's path"
[ "$(served)" = "$orig_id" ] && ok "the preview changed nothing" ||
  fail "nginx serves another certificate after the preview"
send Enter
wait_for "It is served" 20
wait_words "127.0.0.1:$ports" 2
ok "each step is said, the handshake's port with it"
send Enter
wait_gone "It is served"
wait_for "HTTPS"
screen | grep "www.test.example" | grep -q "HTTPS *$" &&
  ok "the Services column says HTTPS once it is served" ||
  { fail "no HTTPS on the row of the served certificate"; show_screen; }
tui_stop
[ "$(served)" = "$www_id" ] && ok "nginx serves the certificate" ||
  fail "nginx does not serve the certificate enabled from the browser"
run 0 "$CERTWIZ" list
expect_in "$work/out" "HTTPS" "list shows the binding"

tui_new CERTWIZ_TRACE="$work/trace" "$CERTWIZ" browse
wait_for "2 of 2 certificates"
wait_for "Services"
expect_screen "Services" "the browser shows a Services column"
screen | grep "idle.test.example" | grep -q "HTTPS" &&
  fail "the idle certificate says HTTPS" ||
  ok "the idle certificate names no service"
tui_stop
# The list is drawn with its rows before the services are read, then
# again with them.
awk '$2 == "loaded" { l = 1 } l && !f && $2 == "frame" { f = 1 }
     $2 == "services" { s = f; b = $3 } s && $2 == "frame" { d = 1 }
     END { exit !(d && b == "bindings=1") }' "$work/trace" &&
  ok "the rows are drawn before the services are read, then the services" ||
  { fail "the first frame with rows waited for the services"; cat "$work/trace"; }

finish
