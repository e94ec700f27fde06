#!/bin/sh
# http-01 validated for real by pebble: against a webroot served by a
# throwaway nginx, and against certwiz's own standalone server; ECDSA and
# RSA keys; an IDN name; a pending request made by `request` first.
. "$top_srcdir/tests/cli/lib.sh"
. "$top_srcdir/tests/acme/lib.sh"

command -v nginx >/dev/null 2>&1 || skip "nginx is not installed"
start_pebble
run 0 "$CERTWIZ" account add --server "$acme_dir" --ca-bundle "$ca_bundle" --agree-tos

# A throwaway nginx serving the webroot on the port pebble checks.
web="$work/web"
mkdir -p "$web/root" "$web/logs"
chmod 755 "$work" "$web" "$web/root"
cat >"$web/nginx.conf" <<CONF
daemon off;
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
    root $web/root;
  }
}
CONF
nginx -p "$web" -e "$web/logs/error.log" -c "$web/nginx.conf" &
pids="$pids $!"
wait_port "$http_port" || { cat "$web/logs/error.log" >&2; fail "nginx did not start"; exit 1; }

run 0 "$CERTWIZ" enroll --san www.example.com,example.com --key p256 --webroot "$web/root"
expect_in "$work/out" "Installed the certificate from the CA"
expect_in "$work/out" "ECDSA P-256"
grep -q 'GET /.well-known/acme-challenge/' "$web/logs/access.log" &&
  ok "pebble fetched the tokens through nginx" || fail "nginx served no token"
[ -z "$(ls -A "$web/root")" ] && ok "token files and folders removed" ||
  fail "left in the webroot: $(ls -AR "$web/root")"
id=$(sed -n 's/^Thumbprint: *//p' "$work/out")
pebble_root >"$work/root.pem"
cat "$CERTWIZ_STORE/certs/$id/chain.pem" >"$work/untrusted.pem"
"$OPENSSL" verify -CAfile "$work/root.pem" -untrusted "$work/untrusted.pem" \
  "$CERTWIZ_STORE/certs/$id/cert.pem" >/dev/null 2>&1 &&
  ok "the chain verifies to pebble's root" || fail "chain does not verify"
"$OPENSSL" x509 -in "$CERTWIZ_STORE/certs/$id/cert.pem" -noout -ext subjectAltName |
  grep -q 'DNS:example.com' && ok "both names issued" || fail "names missing"
expect_in "$CERTWIZ_STORE/certs/$id/record" "acme-webroot: $web/root"

# The webroot's token file is world-readable while it exists: nginx's
# workers are another user.
umask 077
run 0 "$CERTWIZ" enroll --san umask.example.com --key p256 --webroot "$web/root"
umask 022

# A pending request made first: its key stays where it is.
run 0 "$CERTWIZ" request --subject "CN=rsa.example.com" --key rsa2048 --out "$work/rsa.req"
rid=$(sed -n 's/^ID: *//p' "$work/out")
keysum=$(sha256sum <"$CERTWIZ_STORE/pending/$rid/key.pem")
run 3 "$CERTWIZ" enroll "$rid" --standalone "127.0.0.1:$http_port"
expect_in "$work/err" "acme-standalone" "the port is taken by nginx: a clear error"
[ -d "$CERTWIZ_STORE/pending/$rid" ] && ok "the request is still pending" || fail "pending request lost"
stop_daemons

# Standalone: certwiz's own server on pebble's http-01 port.
start_pebble
export CERTWIZ_STORE="$work/store2"
run 0 "$CERTWIZ" account add --server "$acme_dir" --ca-bundle "$ca_bundle" --agree-tos
run 0 "$CERTWIZ" request --subject "CN=rsa.example.com" --key rsa2048 --out "$work/rsa2.req"
rid=$(sed -n 's/^ID: *//p' "$work/out")
keysum=$(sha256sum <"$CERTWIZ_STORE/pending/$rid/key.pem")
run 0 "$CERTWIZ" enroll "$rid" --standalone "127.0.0.1:$http_port"
expect_in "$work/out" "RSA 2048 bits"
expect_in "$work/out" "kept for its request ${rid%"${rid#????????}"}"
id=$(sed -n 's/^Thumbprint: *//p' "$work/out")
expect_eq "$(sha256sum <"$CERTWIZ_STORE/certs/$id/key.pem")" "$keysum" "the request's own key"
python3 -c "import socket,sys; s=socket.socket(); sys.exit(s.connect_ex(('127.0.0.1',$http_port))==0)" &&
  ok "the standalone server stopped" || fail "something still listens on $http_port"

# An IDN name goes to the CA as its A-label.
run 0 "$CERTWIZ" enroll --san "bücher.example" --key p256 --standalone "127.0.0.1:$http_port"
expect_in "$work/out" "xn--bcher-kva.example"

# A wildcard cannot be proven through http-01.
run 3 "$CERTWIZ" enroll --san "*.wild.example" --standalone "127.0.0.1:$http_port"
expect_in "$work/err" "acme-wildcard-needs-dns"

exit $((failures > 0))
