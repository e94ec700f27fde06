#!/bin/sh
# certwiz enable and disable with a real nginx: the first enable, a
# replacement, --dry-run, the refusals before anything changes, a config
# test that fails, a reload that leaves the old certificate served, a
# run killed at each step and the next run, disable, and delete while in
# use.
. "${top_srcdir}/tests/services/lib.sh"
svc_require_root "enable writes the live folder and reloads nginx"
svc_require nginx

export CERTWIZ_LIVE="$work/live"
export CERTWIZ_SERVE_TIMEOUT_MS=3000
pki_init
pki_leaf "$pki/orig" www.test.example
store_key=rsa2048 pki_store_entry "$work/www" www.test.example test.example
www_id=$store_id
pki_store_entry "$work/www2" www.test.example
www2_id=$store_id

svc_ports 2
set -- $ports
port=$1 other_port=$2
start_nginx nginx "$port" \
  "www.test.example:$pki/orig.chain.pem:$pki/orig.key" \
  "shop.test.example:$pki/orig.chain.pem:$pki/orig.key"
conf="$svc/nginx/nginx.conf"
cp "$conf" "$work/nginx.conf.orig"
orig_id=$(pki_thumbprint "$pki/orig.pem")

# served: the thumbprint of the leaf served for www.test.example.
served() {
  "$CERTWIZ" test "127.0.0.1:$port" --name www.test.example \
    --ca "$pki/root.pem" 2>/dev/null |
    sed -n 's/^Thumbprint: *//p' | head -1
}

# served_soon ID: ID once nginx serves it (a reload is applied
# asynchronously: polled, at most 5 s), else what it serves.
served_soon() {
  _i=0
  while [ "$(served)" != "$1" ] && [ "$_i" -lt 100 ]; do
    sleep 0.05
    _i=$((_i + 1))
  done
  served
}

# --dry-run: the diff, the files, the commands, the ports; nothing else.
run 0 "$CERTWIZ" enable "$www_id" --service nginx --config "$conf" --dry-run
expect_in "$work/out" "+    ssl_certificate $work/live/www.test.example/fullchain.pem;" \
  "dry run: the diff shows the new certificate line"
expect_in "$work/out" "-    ssl_certificate $pki/orig.chain.pem;" \
  "dry run: and the old one"
expect_in "$work/out" "nginx -q -t -c $conf" "dry run: the config test"
expect_in "$work/out" "127.0.0.1:$port www.test.example" "dry run: the port"
cmp -s "$conf" "$work/nginx.conf.orig" && ok "dry run: nginx.conf unchanged" ||
  fail "dry run changed nginx.conf"
[ ! -e "$work/live" ] && ok "dry run: nothing staged" || fail "dry run staged"

# A name of the site the certificate does not cover: warned, before
# anything changes (dry run on a copy whose www site has one more name).
sed 's/server_name www.test.example;/server_name www.test.example legacy.test.example _;/' \
  "$conf" >"$work/names.conf"
run 0 "$CERTWIZ" enable "$www_id" --service nginx --config "$work/names.conf" \
  --dry-run
expect_in "$work/err" "also serves legacy.test.example, which this certificate" \
  "a site name the certificate does not cover is warned about"
expect_in "$work/err" "[enable-name-uncovered]" "with its code"
expect_not_in "$work/err" "serves _," "nginx's catch-all name is not a host"
run 0 "$CERTWIZ" enable "$www_id" --service nginx --config "$conf" --dry-run
expect_not_in "$work/err" "enable-name-uncovered" "no warning when all are covered"

# A copy of the config that the running nginx does not read: the reload
# leaves the old certificate served, which is found and undone.
cp "$conf" "$work/copy.conf"
cp "$work/copy.conf" "$work/copy.conf.orig"
run 1 "$CERTWIZ" enable "$www_id" --service nginx --config "$work/copy.conf"
expect_in "$work/err" "[enable-not-served]" "the old certificate still served"
cmp -s "$work/copy.conf" "$work/copy.conf.orig" && ok "rolled back" ||
  fail "the unserved change was not rolled back"
expect_eq "$(served)" "$orig_id" "unserved: the original certificate stays"

# https maps to nginx; the first enable.
run 0 "$CERTWIZ" enable "$www_id" --service https --config "$conf" --yes
expect_in "$work/out" "served on 127.0.0.1:$port for www.test.example"
expect_eq "$(served)" "$www_id" "enable: nginx serves the new certificate"
expect_eq "$(mode_of "$work/live/www.test.example/privkey.pem")" 600 \
  "the staged key is 0600"
expect_eq "$(stat -c %U "$work/live/www.test.example/privkey.pem")" root \
  "the staged key is root's"
diff "$work/nginx.conf.orig" "$conf" >"$work/conf.diff" || :
expect_eq "$(grep -c '^[<>]' "$work/conf.diff")" 4 \
  "nginx.conf: only the two lines of the www site changed"
expect_in "$conf" "server_name shop.test.example;
    ssl_certificate $pki/orig.chain.pem;" "the shop site is untouched" ||:
expect_eq "$(ls "$CERTWIZ_STORE/services" | wc -l)" 1 "the binding is kept"

CERTWIZ_NGINX_CONFIG=$conf run 0 "$CERTWIZ" services
expect_in "$work/out" "127.0.0.1:$port $www_id" "services: the live handshake"
expect_in "$work/out" "certwiz: $www_id" "services: managed by certwiz"
run 0 "$CERTWIZ" list
expect_in "$work/out" "SERVICES" "list: a Services column"
expect_eq "$(grep -c 'HTTPS$' "$work/out")" 1 "list: HTTPS for the one in use"
run 0 "$CERTWIZ" show "$www_id"
expect_in "$work/out" "HTTPS" "show: the services"
run 1 "$CERTWIZ" delete "$www_id" --yes
expect_in "$work/err" "HTTPS" "delete refuses a certificate in use"

# Replacing the RSA certificate with an ECDSA one: the live folder switches.
run 0 "$CERTWIZ" enable "$www2_id" --service nginx --config "$conf"
expect_eq "$(served)" "$www2_id" "replace: the ECDSA certificate is served"
expect_eq "$(readlink "$work/live/www.test.example")" www.test.example.gen-3 \
  "replace: one rename to the next generation"
cp "$conf" "$work/nginx.conf.enabled"

# A key that is not the certificate's: refused, nothing changed.
cp "$CERTWIZ_STORE/certs/$www_id/key.pem" "$work/saved.key"
cp "$CERTWIZ_STORE/certs/$www2_id/key.pem" "$CERTWIZ_STORE/certs/$www_id/key.pem"
run 1 "$CERTWIZ" enable "$www_id" --service nginx --config "$conf"
expect_in "$work/err" "[enable-key-mismatch]" "a mismatched key is refused"
cmp -s "$conf" "$work/nginx.conf.enabled" && ok "nothing changed" ||
  fail "a refused enable changed nginx.conf"
cp "$work/saved.key" "$CERTWIZ_STORE/certs/$www_id/key.pem"

# An unrelated error in the config: nginx -t fails, all is put back.
printf '  bogus_directive on;\n' >"$svc/nginx/extra.conf"
sed -i "s|^  access_log off;|  access_log off;\n  include $svc/nginx/extra.conf;|" "$conf"
cp "$conf" "$work/nginx.conf.bad"
run 1 "$CERTWIZ" enable "$www_id" --service nginx --config "$conf"
expect_in "$work/err" "[enable-config-test]" "the config test failure"
expect_in "$work/err" "bogus_directive" "with nginx's own words"
cmp -s "$conf" "$work/nginx.conf.bad" && ok "config test: the file put back" ||
  fail "a failed config test left nginx.conf changed"
expect_eq "$(served)" "$www2_id" "config test: the old certificate served"
cp "$work/nginx.conf.enabled" "$conf"
rm -f "$svc/nginx/extra.conf"

# Killed at each step: the next run undoes it; then enable works.
for at in journal staged pointed tested reloaded; do
  set +e
  CERTWIZ_TEST_KILL_AT=$at "$CERTWIZ" enable "$www_id" --service nginx \
    --config "$conf" >"$work/out" 2>"$work/err"
  killed=$?
  set -e
  expect_eq "$killed" 137 "killed at $at"
  [ -f "$CERTWIZ_STORE/enable/journal" ] && ok "$at: the journal is left" ||
    fail "$at: no journal"
  run 0 "$CERTWIZ" list
  expect_in "$work/err" "[enable-recovered]" "$at: the next run says so"
  [ ! -f "$CERTWIZ_STORE/enable/journal" ] && ok "$at: the next run undid it" ||
    fail "$at: the journal is still there"
  cmp -s "$conf" "$work/nginx.conf.enabled" &&
    ok "$at: nginx.conf as before the killed run" ||
    fail "$at: nginx.conf not put back"
  expect_eq "$(served_soon "$www2_id")" "$www2_id" "$at: the previous certificate served"
  [ -f "$work/live/www.test.example/fullchain.pem" ] &&
    ok "$at: the live files are whole" || fail "$at: a live file is missing"
done

# disable: the original files again.
run 0 "$CERTWIZ" disable "$www2_id" --service nginx --config "$conf"
cmp -s "$conf" "$work/nginx.conf.orig" && ok "disable: nginx.conf as it was" ||
  fail "disable did not restore nginx.conf"
expect_eq "$(served_soon "$orig_id")" "$orig_id" "disable: the original certificate served"
run 0 "$CERTWIZ" delete "$www_id" --yes

svc_check_none_left
finish
