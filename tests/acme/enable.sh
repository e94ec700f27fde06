#!/bin/sh
# ACME and the services: enrolment with http-01 and no --webroot finds
# the root of the nginx site that serves the name; the certificate is
# enabled for that nginx; a renewal puts the new one to work there,
# proved by a handshake.
. "$top_srcdir/tests/cli/lib.sh"
. "$top_srcdir/tests/acme/lib.sh"

command -v nginx >/dev/null 2>&1 || skip "nginx is not installed"
[ "$(id -u)" = 0 ] || skip "enable writes the live folder: needs root"
start_pebble
run 0 "$CERTWIZ" account add --server "$acme_dir" --ca-bundle "$ca_bundle" --agree-tos

web="$work/web"
mkdir -p "$web/root" "$web/logs"
chmod 755 "$work" "$web" "$web/root"
site_port=$(free_port)
"$OPENSSL" req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes \
  -subj /CN=www.example.com -addext subjectAltName=DNS:www.example.com \
  -keyout "$web/orig.key" -out "$web/orig.pem" -days 30 >/dev/null 2>&1
cat >"$web/nginx.conf" <<CONF
pid $web/nginx.pid;
error_log $web/logs/error.log;
events { worker_connections 32; }
http {
  access_log $web/logs/access.log;
  client_body_temp_path $web/tmp-body;
  proxy_temp_path $web/tmp-proxy;
  fastcgi_temp_path $web/tmp-fastcgi;
  uwsgi_temp_path $web/tmp-uwsgi;
  scgi_temp_path $web/tmp-scgi;
  server {
    listen 127.0.0.1:$http_port;
    server_name www.example.com;
    root $web/root;
  }
  server {
    listen 127.0.0.1:$site_port ssl;
    server_name www.example.com;
    ssl_certificate $web/orig.pem;
    ssl_certificate_key $web/orig.key;
    location / { return 200 "ok\n"; }
  }
}
CONF
nginx -p "$web" -e "$web/logs/error.log" -c "$web/nginx.conf" ||
  { cat "$web/logs/error.log" >&2; fail "nginx did not start"; exit 1; }
i=0
while [ ! -s "$web/nginx.pid" ] && [ $i -lt 100 ]; do sleep 0.05; i=$((i + 1)); done
pids="$pids $(cat "$web/nginx.pid")"
wait_port "$site_port" || { fail "nginx did not listen"; exit 1; }

export CERTWIZ_NGINX_CONFIG="$web/nginx.conf" CERTWIZ_LIVE="$work/live"
run 0 "$CERTWIZ" enroll --san www.example.com --key p256
id=$(sed -n 's/^Thumbprint: *//p' "$work/out")
grep -q 'GET /.well-known/acme-challenge/' "$web/logs/access.log" &&
  ok "http-01 without --webroot: answered from the nginx site's root" ||
  fail "no token was served from the nginx site's root"

served() {
  "$CERTWIZ" test "127.0.0.1:$site_port" --name www.example.com \
    --ca "$work/root.pem" 2>/dev/null | sed -n 's/^Thumbprint: *//p' | head -1
}
pebble_root >"$work/root.pem"
run 0 "$CERTWIZ" enable "$id" --service nginx
expect_eq "$(served)" "$id" "enabled: nginx serves the enrolled certificate"

run 0 "$CERTWIZ" renew --force
new=$(sed -n 's/.*renewed, now \([0-9a-f]*\)$/\1/p' "$work/out")
[ -n "$new" ] && [ "$new" != "$id" ] && ok "renewed as $new" || fail "no renewal"
served_now=$(served)
expect_eq "${served_now%"${served_now#????????}"}" "$new" \
  "the renewal re-enabled nginx: it serves the renewed certificate"
run 0 "$CERTWIZ" list
expect_eq "$(grep -c 'HTTPS$' "$work/out")" 1 "the binding moved to the new one"

# A renewal whose new certificate cannot be put to work (an unrelated
# error planted in nginx's configuration makes its config test fail):
# the old one stays served, and renew says so and exits 3.
cp "$web/nginx.conf" "$web/nginx.conf.good"
sed 's/^events {/no_such_directive on;\nevents {/' "$web/nginx.conf.good" \
  >"$web/nginx.conf"
cp "$web/nginx.conf" "$web/nginx.conf.planted"
cat >"$work/hook" <<'HOOK'
#!/bin/sh
echo "$CERTWIZ_ERROR_CODE" >"$CERTWIZ_HOOK_OUT"
HOOK
chmod +x "$work/hook"
CERTWIZ_HOOK_OUT="$work/hook.out" \
  run 3 "$CERTWIZ" renew --force --on-failure "$work/hook"
grep -q 'not put to work' "$work/out" &&
  ok "renew says the renewed certificate is not put to work" ||
  fail "renew did not say the re-enable failed: $(cat "$work/out")"
grep -q 'no_such_directive' "$work/err" &&
  ok "with nginx's own message" || fail "nginx's message missing"
expect_eq "$(cat "$work/hook.out" 2>/dev/null)" enable-config-test \
  "the failure hook is told the error"
served_now=$(served)
expect_eq "${served_now%"${served_now#????????}"}" "$new" \
  "the previous certificate stays served"
cmp -s "$web/nginx.conf" "$web/nginx.conf.planted" &&
  ok "the admin's file is put back byte for byte" ||
  fail "nginx.conf differs from what the admin left"

kill "$(cat "$web/nginx.pid")"
finish
