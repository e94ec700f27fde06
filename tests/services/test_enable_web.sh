#!/bin/sh
# certwiz enable and disable with a real Apache and a real HAProxy: the
# first enable proven by certwiz test, a replacement (RSA to ECDSA),
# --dry-run, a config test that fails, a reload that leaves the old
# certificate served, a mismatched key, a run killed at each step, the
# key's modes, delete while in use, and disable giving the configuration
# back byte for byte.
. "${top_srcdir}/tests/services/lib.sh"
svc_require_root "enable writes the live folder and reloads the daemons"
svc_require apache2 haproxy

export CERTWIZ_LIVE="$work/live"
export CERTWIZ_SERVE_TIMEOUT_MS=3000
pki_init
pki_leaf "$pki/orig" www.test.example
store_key=rsa2048 pki_store_entry "$work/www" www.test.example test.example
www_id=$store_id
pki_store_entry "$work/www2" www.test.example
www2_id=$store_id
orig_id=$(pki_thumbprint "$pki/orig.pem")
live="$work/live/www.test.example"

svc_ports 2
set -- $ports
apache_port=$1 haproxy_port=$2

# served PORT: the thumbprint of the leaf PORT serves for www.test.example.
served() {
  "$CERTWIZ" test "127.0.0.1:$1" --name www.test.example \
    --ca "$pki/root.pem" 2>/dev/null |
    sed -n 's/^Thumbprint: *//p' | head -1
}

# served_soon PORT ID: ID once PORT serves it (polled, at most 5 s), else
# what it serves.
served_soon() {
  _i=0
  while [ "$(served "$1")" != "$2" ] && [ "$_i" -lt 100 ]; do
    sleep 0.05
    _i=$((_i + 1))
  done
  served "$1"
}

# proven PORT ID WHAT: certwiz test checks that PORT serves ID.
proven() {
  if "$CERTWIZ" test "127.0.0.1:$1" --name www.test.example \
    --ca "$pki/root.pem" --expect "$2" >"$work/test.out" 2>&1; then
    ok "$3"
  else
    fail "$3"
    cat "$work/test.out" >&2
  fi
}

# mismatched SERVICE CONF SAVED: a key that is not the certificate's is
# refused before anything changes (CONF still SAVED).
mismatched() {
  cp "$CERTWIZ_STORE/certs/$www_id/key.pem" "$work/saved.key"
  cp "$CERTWIZ_STORE/certs/$www2_id/key.pem" \
    "$CERTWIZ_STORE/certs/$www_id/key.pem"
  run 1 "$CERTWIZ" enable "$www_id" --service "$1" --config "$2"
  expect_in "$work/err" "[enable-key-mismatch]" "$1: a mismatched key is refused"
  cmp -s "$2" "$3" && ok "$1: nothing changed" ||
    fail "$1: a refused enable changed the configuration"
  cp "$work/saved.key" "$CERTWIZ_STORE/certs/$www_id/key.pem"
}

# killed SERVICE CONF SAVED PORT STEP...: a run killed at each STEP is
# undone by the next run, CONF as SAVED and www2 served again.
killed() {
  _k_service=$1 _k_conf=$2 _k_saved=$3 _k_port=$4
  shift 4
  for at in "$@"; do
    set +e
    CERTWIZ_TEST_KILL_AT=$at "$CERTWIZ" enable "$www_id" \
      --service "$_k_service" --config "$_k_conf" >"$work/out" 2>"$work/err"
    _k=$?
    set -e
    expect_eq "$_k" 137 "$_k_service: killed at $at"
    run 0 "$CERTWIZ" list
    expect_in "$work/err" "[enable-recovered]" \
      "$_k_service $at: the next run undoes it"
    cmp -s "$_k_conf" "$_k_saved" &&
      ok "$_k_service $at: the configuration as before" ||
      fail "$_k_service $at: the configuration not put back"
    expect_eq "$(served_soon "$_k_port" "$www2_id")" "$www2_id" \
      "$_k_service $at: the previous certificate served"
  done
}

# --------------------------------------------------------------- Apache

start_apache apache "$apache_port" \
  "www.test.example:$pki/orig.chain.pem:$pki/orig.key" \
  "shop.test.example:$pki/orig.chain.pem:$pki/orig.key"
conf="$svc/apache/httpd.conf"
cp "$conf" "$work/httpd.conf.orig"

run 0 "$CERTWIZ" enable "$www_id" --service apache --config "$conf" --dry-run
expect_in "$work/out" "+  SSLCertificateFile $live/fullchain.pem" \
  "apache dry run: the diff shows the new certificate line"
expect_in "$work/out" "-  SSLCertificateKeyFile $pki/orig.key" \
  "apache dry run: and the old key line"
expect_in "$work/out" "apache2 -f $conf -t" "apache dry run: the config test"
expect_in "$work/out" "apache2 -f $conf -k graceful" "apache dry run: the reload"
expect_in "$work/out" "127.0.0.1:$apache_port www.test.example" \
  "apache dry run: the port"
cmp -s "$conf" "$work/httpd.conf.orig" &&
  ok "apache dry run: httpd.conf unchanged" || fail "dry run changed httpd.conf"
[ ! -e "$work/live" ] && ok "apache dry run: nothing staged" ||
  fail "apache dry run staged"

# No virtual host for the names: a plain refusal.
pki_store_entry "$work/other" other.test.example
run 1 "$CERTWIZ" enable "$store_id" --service apache --config "$conf"
expect_in "$work/err" "[enable-no-site]" "apache: no virtual host for the names"
run 0 "$CERTWIZ" delete "$store_id" --yes

# A copy the running Apache does not read: graceful makes it reread its
# own file, the old certificate stays served, which is found and undone.
cp "$conf" "$work/copy.conf"
cp "$conf" "$work/copy.conf.orig"
run 1 "$CERTWIZ" enable "$www_id" --service apache --config "$work/copy.conf"
expect_in "$work/err" "[enable-not-served]" "apache: the old certificate still served"
cmp -s "$work/copy.conf" "$work/copy.conf.orig" && ok "apache: rolled back" ||
  fail "apache: the unserved change was not rolled back"
expect_eq "$(served "$apache_port")" "$orig_id" \
  "apache unserved: the original certificate stays"

run 0 "$CERTWIZ" enable "$www_id" --service apache --config "$conf" --yes
expect_in "$work/out" "served on 127.0.0.1:$apache_port for www.test.example"
proven "$apache_port" "$www_id" "apache: certwiz test proves the new certificate"
expect_eq "$(mode_of "$live/privkey.pem")" 600 "apache: the staged key is 0600"
expect_eq "$(mode_of "$live/combined.pem")" 600 "apache: the combined file is 0600"
CERTWIZ_APACHE_CONFIG=$conf CERTWIZ_HAPROXY_CONFIG=/nonexistent \
  run 0 "$CERTWIZ" services
expect_in "$work/out" "file: $live/fullchain.pem" "apache services: the file"
expect_in "$work/out" "127.0.0.1:$apache_port $www_id" \
  "apache services: the live handshake"
diff "$work/httpd.conf.orig" "$conf" >"$work/conf.diff" || :
expect_eq "$(grep -c '^[<>]' "$work/conf.diff")" 4 \
  "httpd.conf: only the two lines of the www virtual host changed"
expect_eq "$(grep -c "SSLCertificateFile $pki/orig.chain.pem" "$conf")" 1 \
  "the shop virtual host is untouched"
run 1 "$CERTWIZ" delete "$www_id" --yes
expect_in "$work/err" "HTTPS" "apache: delete refuses a certificate in use"

run 0 "$CERTWIZ" enable "$www2_id" --service apache --config "$conf"
proven "$apache_port" "$www2_id" "apache replace: the ECDSA certificate is served"
cp "$conf" "$work/httpd.conf.enabled"
mismatched apache "$conf" "$work/httpd.conf.enabled"
killed apache "$conf" "$work/httpd.conf.enabled" "$apache_port" \
  journal staged pointed tested reloaded

# An unrelated error: apache2 -t fails, with its words, all put back.
echo "BogusDirective on" >"$svc/apache/extra.conf"
echo "Include $svc/apache/extra.conf" >>"$conf"
cp "$conf" "$work/httpd.conf.bad"
run 1 "$CERTWIZ" enable "$www_id" --service apache --config "$conf"
expect_in "$work/err" "[enable-config-test]" "apache: the config test failure"
expect_in "$work/err" "BogusDirective" "apache: with its own words"
cmp -s "$conf" "$work/httpd.conf.bad" && ok "apache config test: put back" ||
  fail "a failed config test left httpd.conf changed"
expect_eq "$(served "$apache_port")" "$www2_id" \
  "apache config test: the old certificate served"
cp "$work/httpd.conf.enabled" "$conf"
rm -f "$svc/apache/extra.conf"

run 0 "$CERTWIZ" disable "$www2_id" --service apache --config "$conf"
cmp -s "$conf" "$work/httpd.conf.orig" &&
  ok "apache disable: httpd.conf byte for byte as it was" ||
  fail "apache disable did not restore httpd.conf"
expect_eq "$(served_soon "$apache_port" "$orig_id")" "$orig_id" \
  "apache disable: the original certificate served"
svc_stop apache

# -------------------------------------------------------------- HAProxy

cat "$pki/orig.key" "$pki/orig.chain.pem" >"$work/orig.combined.pem"
chmod 600 "$work/orig.combined.pem"
start_haproxy haproxy "$haproxy_port" "$work/orig.combined.pem"
conf="$svc/haproxy/haproxy.cfg"
cp "$conf" "$work/haproxy.cfg.orig"

run 0 "$CERTWIZ" enable "$www_id" --service haproxy --config "$conf" --dry-run
expect_in "$work/out" "+    bind 127.0.0.1:$haproxy_port ssl crt $live/combined.pem" \
  "haproxy dry run: the diff shows the new crt"
expect_in "$work/out" "-    bind 127.0.0.1:$haproxy_port ssl crt $work/orig.combined.pem" \
  "haproxy dry run: and the old one"
expect_in "$work/out" "haproxy -c -f $conf" "haproxy dry run: the config test"
expect_in "$work/out" "kill -USR2 $(cat "$svc/haproxy/haproxy.pid")" \
  "haproxy dry run: the master reloaded"
expect_in "$work/out" "127.0.0.1:$haproxy_port www.test.example" \
  "haproxy dry run: the port"
cmp -s "$conf" "$work/haproxy.cfg.orig" &&
  ok "haproxy dry run: haproxy.cfg unchanged" ||
  fail "dry run changed haproxy.cfg"

# A copy the running HAProxy does not read: its master reloads its own
# file, the old certificate stays served, which is found and undone.
cp "$conf" "$work/copy.cfg"
cp "$conf" "$work/copy.cfg.orig"
run 1 "$CERTWIZ" enable "$www_id" --service haproxy --config "$work/copy.cfg"
expect_in "$work/err" "[enable-not-served]" "haproxy: the old certificate still served"
cmp -s "$work/copy.cfg" "$work/copy.cfg.orig" && ok "haproxy: rolled back" ||
  fail "haproxy: the unserved change was not rolled back"
expect_eq "$(served_soon "$haproxy_port" "$orig_id")" "$orig_id" \
  "haproxy unserved: the original certificate stays"

run 0 "$CERTWIZ" enable "$www_id" --service haproxy --config "$conf"
expect_in "$work/out" "served on 127.0.0.1:$haproxy_port for www.test.example"
proven "$haproxy_port" "$www_id" "haproxy: certwiz test proves the new certificate"
expect_eq "$(mode_of "$live/combined.pem")" 600 "haproxy: the combined file is 0600"
CERTWIZ_HAPROXY_CONFIG=$conf CERTWIZ_APACHE_CONFIG=/nonexistent \
  run 0 "$CERTWIZ" services
expect_in "$work/out" "file: $live/combined.pem" "haproxy services: the crt file"
expect_in "$work/out" "certwiz: $www_id" "haproxy services: managed by certwiz"
expect_in "$work/out" "127.0.0.1:$haproxy_port $www_id" \
  "haproxy services: the live handshake"
diff "$work/haproxy.cfg.orig" "$conf" >"$work/conf.diff" || :
expect_eq "$(grep -c '^[<>]' "$work/conf.diff")" 2 \
  "haproxy.cfg: only the bind line changed"
run 1 "$CERTWIZ" delete "$www_id" --yes
expect_in "$work/err" "HTTPS" "haproxy: delete refuses a certificate in use"
cp "$conf" "$work/haproxy.cfg.enabled.1"

# The renewal case: the crt already is the live file, so the runtime API
# of the stats socket replaces it in the running worker, with no reload.
master=$(cat "$svc/haproxy/haproxy.pid")
workers=$(pgrep -P "$master" | sort)
run 0 "$CERTWIZ" enable "$www2_id" --service haproxy --config "$conf"
expect_in "$work/out" "put to work in the running service, no reload" \
  "haproxy replace: through the runtime API"
proven "$haproxy_port" "$www2_id" "haproxy replace: the ECDSA certificate is served"
expect_eq "$(pgrep -P "$master" | sort)" "$workers" \
  "haproxy replace: the same worker serves it (no reload)"
cmp -s "$conf" "$work/haproxy.cfg.enabled.1" &&
  ok "haproxy replace: haproxy.cfg untouched" ||
  fail "haproxy replace: haproxy.cfg changed"
cp "$conf" "$work/haproxy.cfg.enabled"
mismatched haproxy "$conf" "$work/haproxy.cfg.enabled"
# A renewal points no file (the crt already is the live one): no
# "pointed" step.
killed haproxy "$conf" "$work/haproxy.cfg.enabled" "$haproxy_port" \
  journal staged tested reloaded

echo "    bogus-keyword on" >>"$conf"
cp "$conf" "$work/haproxy.cfg.bad"
run 1 "$CERTWIZ" enable "$www_id" --service haproxy --config "$conf"
expect_in "$work/err" "[enable-config-test]" "haproxy: the config test failure"
expect_in "$work/err" "bogus-keyword" "haproxy: with its own words"
cmp -s "$conf" "$work/haproxy.cfg.bad" && ok "haproxy config test: put back" ||
  fail "a failed config test left haproxy.cfg changed"
expect_eq "$(served "$haproxy_port")" "$www2_id" \
  "haproxy config test: the old certificate served"
cp "$work/haproxy.cfg.enabled" "$conf"

run 0 "$CERTWIZ" disable "$www2_id" --service haproxy --config "$conf"
cmp -s "$conf" "$work/haproxy.cfg.orig" &&
  ok "haproxy disable: haproxy.cfg byte for byte as it was" ||
  fail "haproxy disable did not restore haproxy.cfg"
expect_eq "$(served_soon "$haproxy_port" "$orig_id")" "$orig_id" \
  "haproxy disable: the original certificate served"
run 0 "$CERTWIZ" delete "$www_id" --yes

svc_check_none_left
finish
