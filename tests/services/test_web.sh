#!/bin/sh
# certwiz test against real nginx, Apache and HAProxy serving HTTPS with
# SNI: each serves four sites on one port, a good one from the store, a
# second good one, one with its chain left out and one expired.
. "${top_srcdir}/tests/services/lib.sh"
svc_require nginx apache2 haproxy

pki_init
pki_store_entry "$work/www" www.test.example test.example
www_id=$store_id
pki_store_entry "$work/shop" shop.test.example
shop_id=$store_id
pki_leaf "$pki/bare" bare.test.example
leaf_expired=yes pki_leaf "$pki/old" old.test.example
# The server of "bare" sends its certificate without the intermediate.
cat "$pki/bare.key" "$pki/bare.pem" >"$pki/bare.leaf-only.pem"

svc_ports 3
set -- $ports
nginx_port=$1 apache_port=$2 haproxy_port=$3
sites="www.test.example:$work/www.chain.pem:$work/www.key
shop.test.example:$work/shop.chain.pem:$work/shop.key
bare.test.example:$pki/bare.pem:$pki/bare.key
old.test.example:$pki/old.chain.pem:$pki/old.key"
# shellcheck disable=SC2086
start_nginx nginx "$nginx_port" $sites
# shellcheck disable=SC2086
start_apache apache "$apache_port" $sites
start_haproxy haproxy "$haproxy_port" "$work/www.haproxy.pem" \
  "$work/shop.haproxy.pem" "$pki/bare.leaf-only.pem" "$pki/old.haproxy.pem"

# served PORT NAME: the thumbprint of the leaf served for NAME.
served() {
  sed -n 's/^Thumbprint: *//p' "$work/out" | head -1
}

for service in nginx apache haproxy; do
  eval port=\$${service}_port
  t="$service 127.0.0.1:$port"

  run 0 "$CERTWIZ" test "127.0.0.1:$port" --name www.test.example \
    --ca "$pki/root.pem" --expect "$www_id"
  expect_in "$work/out" "Every check passed." "$t: www passes every check"
  expect_eq "$(served)" "$www_id" "$t: www gets the store's certificate"
  expect_in "$work/out" "STARTTLS:       none" "$t: TLS at once on a high port"

  run 0 "$CERTWIZ" test "127.0.0.1:$port" --name shop.test.example \
    --ca "$pki/root.pem"
  expect_eq "$(served)" "$shop_id" "$t: SNI shop.test.example gets its own"

  run 1 "$CERTWIZ" test "127.0.0.1:$port" --name shop.test.example \
    --ca "$pki/root.pem" --expect "$www_id"
  expect_eq "$(codes_of "$work/err")" "unexpected-certificate" \
    "$t: --expect another certificate fails"

  run 1 "$CERTWIZ" test "127.0.0.1:$port" --name bare.test.example \
    --ca "$pki/root.pem"
  expect_eq "$(codes_of "$work/err")" "chain-incomplete" \
    "$t: the chain without its intermediate is incomplete"
  expect_in "$work/out" "Chain:          FAILED [chain-incomplete]"

  run 1 "$CERTWIZ" test "127.0.0.1:$port" --name old.test.example \
    --ca "$pki/root.pem"
  expect_eq "$(codes_of "$work/err")" "expired" "$t: expired"
  expect_in "$work/err" "Renew the certificate"

  run 1 "$CERTWIZ" test "127.0.0.1:$port" --name nowhere.test.example \
    --ca "$pki/root.pem"
  expect_eq "$(codes_of "$work/err")" "name-mismatch" "$t: name mismatch"
  expect_in "$work/err" "it covers www.test.example, test.example" \
    "$t: the mismatch names the names covered"

  # Without --ca, the system's roots do not include the test CA.
  run 1 "$CERTWIZ" test "127.0.0.1:$port" --name www.test.example
  expect_eq "$(codes_of "$work/err")" "untrusted-root" \
    "$t: a private root is not trusted by the system"

  run 0 "$CERTWIZ" test "127.0.0.1:$port" --name www.test.example \
    --ca "$pki/root.pem" --format json
  expect_in "$work/out" '"passed": true' "$t: JSON says it passed"
  expect_in "$work/out" "\"sha1\": \"$www_id\"" "$t: JSON has the leaf"
done
# Apache sends its chain file as given; nginx and HAProxy too: the order
# warning must not appear for a chain in order.
expect_not_in "$work/err" "chain-order"

svc_check_none_left
finish
