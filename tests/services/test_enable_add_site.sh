#!/bin/sh
# certwiz enable --add-site with a real nginx and a real Apache that have
# only a plain HTTP site for the names: without the option enable refuses
# and changes nothing (the message names the option); --dry-run shows the
# new file; with it the new TLS site serves the certificate (proven by a
# handshake); disable removes the file and the config test passes again.
. "${top_srcdir}/tests/services/lib.sh"
svc_require_root "enable writes the live folder and reloads the daemons"
svc_require nginx apache2

export CERTWIZ_LIVE="$work/live"
export CERTWIZ_SERVE_TIMEOUT_MS=3000
pki_init
pki_store_entry "$work/web" web.test.example
web_id=$store_id
live="$work/live/web.test.example"

svc_ports 4
set -- $ports
nginx_http=$1 nginx_tls=$2 apache_http=$3 apache_tls=$4

# proven PORT WHAT: certwiz test checks that PORT serves the certificate.
proven() {
  if "$CERTWIZ" test "127.0.0.1:$1" --name web.test.example \
    --ca "$pki/root.pem" --expect "$web_id" >"$work/test.out" 2>&1; then
    ok "$2"
  else
    fail "$2"
    cat "$work/test.out" >&2
  fi
}

# add_site SERVICE CONF TLS_PORT NEW_FILE CHECK...: the whole story for one
# service; CHECK is its config test.
add_site() {
  _a_service=$1 _a_conf=$2 _a_tls=$3 _a_new=$4
  shift 4
  cp "$_a_conf" "$work/conf.orig"
  run 1 "$CERTWIZ" enable "$web_id" --service "$_a_service" \
    --config "$_a_conf"
  expect_in "$work/err" "[enable-no-site]" "$_a_service: no TLS site, refused"
  expect_in "$work/err" "--add-site" "$_a_service: the option is named"
  cmp -s "$_a_conf" "$work/conf.orig" && ok "$_a_service: config unchanged" ||
    fail "$_a_service: the refusal changed $_a_conf"
  [ -z "$(ls "$(dirname "$_a_new")")" ] && ok "$_a_service: no file added" ||
    fail "$_a_service: a refused enable added a file"

  run 0 "$CERTWIZ" enable "$web_id" --service "$_a_service" \
    --config "$_a_conf" --add-site="127.0.0.1:$_a_tls" --dry-run
  expect_in "$work/out" "+++ $_a_new" "$_a_service dry run: the new file"
  expect_in "$work/out" "$live/fullchain.pem" \
    "$_a_service dry run: it names the live certificate"
  expect_in "$work/out" "127.0.0.1:$_a_tls web.test.example" \
    "$_a_service dry run: the port to check"
  [ ! -e "$_a_new" ] && ok "$_a_service dry run: nothing written" ||
    fail "$_a_service dry run wrote $_a_new"

  run 0 "$CERTWIZ" enable "$web_id" --service "$_a_service" \
    --config "$_a_conf" --add-site="127.0.0.1:$_a_tls"
  expect_in "$work/out" "served on 127.0.0.1:$_a_tls" \
    "$_a_service: enable proven on the new site"
  proven "$_a_tls" "$_a_service: the new TLS site serves the certificate"
  cmp -s "$_a_conf" "$work/conf.orig" &&
    ok "$_a_service: the main file untouched" ||
    fail "$_a_service: --add-site changed $_a_conf"

  run 0 "$CERTWIZ" disable "$web_id" --service "$_a_service" \
    --config "$_a_conf"
  [ ! -e "$_a_new" ] && ok "$_a_service disable: the file removed" ||
    fail "$_a_service disable left $_a_new"
  if "$@" >"$work/check.out" 2>&1; then
    ok "$_a_service disable: the config test passes"
  else
    fail "$_a_service disable: the config test fails"
    cat "$work/check.out" >&2
  fi
  "$TCPPORT" closed "$_a_tls" 5000 &&
    ok "$_a_service disable: the new site's port is closed again" ||
    fail "$_a_service disable: port $_a_tls still open"
}

# ------------------------------------------------------------------ nginx

_svc_dir nginx "$nginx_http" "$nginx_tls"
nd=$_s_dir
mkdir -p "$nd/conf.d" "$nd/www"
{
  echo "pid $nd/nginx.pid;"
  echo "error_log $nd/error.log;"
  echo "worker_processes 1;"
  echo "events { worker_connections 64; }"
  echo "http {"
  echo "  access_log off;"
  for t in client_body proxy fastcgi uwsgi scgi; do
    echo "  ${t}_temp_path $nd/$t;"
  done
  echo "  server {"
  echo "    listen 127.0.0.1:$nginx_http default_server;"
  echo "    server_name web.test.example;"
  echo "    root $nd/www;"
  echo "  }"
  echo "  include $nd/conf.d/*.conf;"
  echo "}"
} >"$nd/nginx.conf"
nginx=$(_svc_find nginx)
svc_register nginx "$nd/nginx.pid"
"$nginx" -p "$nd" -e "$nd/error.log" -c "$nd/nginx.conf" \
  >"$nd/start.out" 2>&1 || fail "nginx did not start: $(cat "$nd/start.out")"
_svc_wait_ports nginx "$nd/error.log" "$nginx_http"
add_site nginx "$nd/nginx.conf" "$nginx_tls" \
  "$nd/conf.d/certwiz-web.test.example.conf" \
  "$nginx" -q -t -p "$nd" -e "$nd/error.log" -c "$nd/nginx.conf"

# ----------------------------------------------------------------- Apache

_svc_dir apache "$apache_http" "$apache_tls"
ad=$_s_dir
mkdir -p "$ad/conf.d" "$ad/www"
{
  echo "ServerRoot $ad"
  echo "ServerName localhost"
  echo "Listen 127.0.0.1:$apache_http"
  echo "PidFile $ad/apache.pid"
  echo "DefaultRuntimeDir $ad"
  echo "Mutex file:$ad default"
  echo "ErrorLog $ad/error.log"
  echo "LogLevel warn"
  for m in mpm_event authz_core socache_shmcb ssl; do
    echo "LoadModule ${m}_module /usr/lib/apache2/modules/mod_$m.so"
  done
  echo "User nobody"
  echo "Group nogroup"
  echo "SSLSessionCache shmcb:$ad/ssl_scache(512000)"
  echo "StartServers 1"
  echo "<VirtualHost 127.0.0.1:$apache_http>"
  echo "  ServerName web.test.example"
  echo "  DocumentRoot $ad/www"
  echo "</VirtualHost>"
  echo "IncludeOptional conf.d/*.conf"
} >"$ad/httpd.conf"
apache=$(_svc_find apache2)
svc_register apache "$ad/apache.pid"
"$apache" -f "$ad/httpd.conf" -k start >"$ad/start.out" 2>&1 ||
  fail "apache did not start: $(cat "$ad/start.out")"
_svc_wait_ports apache "$ad/error.log" "$apache_http"
add_site apache "$ad/httpd.conf" "$apache_tls" \
  "$ad/conf.d/certwiz-web.test.example.conf" \
  "$apache" -f "$ad/httpd.conf" -t

svc_check_none_left
finish
