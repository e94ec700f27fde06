#!/bin/sh
# The browser's Services column, from the bindings certwiz enable records
# with a real nginx, as certwiz list shows them.
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
run 0 "$CERTWIZ" enable "$www_id" --service nginx \
  --config "$svc/nginx/nginx.conf" --yes
run 0 "$CERTWIZ" list
expect_in "$work/out" "HTTPS" "list shows the binding"

tui_new "$CERTWIZ" browse
wait_for "2 of 2 certificates"
expect_screen "Services" "the browser shows a Services column"
screen | grep "www.test.example" | grep -q "HTTPS *$" &&
  ok "the certificate nginx serves says HTTPS" ||
  { fail "no HTTPS on the row of the served certificate"; show_screen; }
screen | grep "idle.test.example" | grep -q "HTTPS" &&
  fail "the idle certificate says HTTPS" ||
  ok "the idle certificate names no service"
tui_stop

finish
