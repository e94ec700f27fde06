#!/bin/sh
# certwiz test when the handshake cannot happen: a key that does not
# match its certificate (nginx starts with it, then every handshake
# fails), a server that never answers, no server at all, a port that
# speaks no TLS; and the command line it refuses.
. "${top_srcdir}/tests/services/lib.sh"
svc_require nginx

pki_init
pki_leaf "$pki/www" www.test.example
leaf_key=rsa pki_leaf "$pki/rsa" www.test.example

svc_ports 3
set -- $ports
mismatch=$1 silent=$2 nothing=$3
# An RSA key beside an ECDSA certificate: nginx accepts it.
start_nginx nginx-mismatch "$mismatch" \
  "www.test.example:$pki/www.chain.pem:$pki/rsa.key"
"$TCPPORT" silent "$silent" &
echo $! >"$svc/silent.pid"
svc_register silent "$svc/silent.pid"
echo "$silent" >"$svc/ports.silent"
"$TCPPORT" open "$silent" 5000

run 1 "$CERTWIZ" test "127.0.0.1:$mismatch" --name www.test.example \
  --ca "$pki/root.pem"
expect_eq "$(codes_of "$work/err")" "handshake-failed" \
  "a key that does not match the certificate fails the handshake"
[ ! -s "$work/out" ] && ok "nothing is printed of a failed handshake" ||
  fail "a failed handshake printed a report"

started=$(date +%s)
run 3 "$CERTWIZ" test "127.0.0.1:$silent" --timeout 1 --name www.test.example
expect_eq "$(codes_of "$work/err")" "timeout" "a silent server times out"
[ $(($(date +%s) - started)) -le 4 ] && ok "within the --timeout given" ||
  fail "the timeout took $(($(date +%s) - started)) s for 1 s"
run 3 "$CERTWIZ" test "127.0.0.1:$silent" --starttls smtp --timeout 1
expect_eq "$(codes_of "$work/err")" "timeout" "a silent SMTP server times out"

run 3 "$CERTWIZ" test "127.0.0.1:$nothing" --format json
expect_eq "$(codes_of "$work/err")" "connect-failed" "no server: exit 3"
expect_in "$work/out" '"passed": false' "JSON says it did not pass"

# POP3 to a TLS port: the server waits for a ClientHello, certwiz for a
# greeting; the message points at the protocol.
run 3 "$CERTWIZ" test "127.0.0.1:$mismatch" --starttls pop3 --timeout 1
expect_eq "$(codes_of "$work/err")" "timeout" "POP3 to a TLS port times out"
expect_in "$work/err" "during the POP3 exchange"

for bad in "127.0.0.1:0" "127.0.0.1:65536" "[::1" "127.0.0.1:x" ":443"; do
  run 2 "$CERTWIZ" test "$bad"
done
ok "bad targets are usage errors"
run 2 "$CERTWIZ" test 127.0.0.1 --starttls ftp
run 2 "$CERTWIZ" test 127.0.0.1 --timeout 0
run 2 "$CERTWIZ" test
run 2 "$CERTWIZ" test a b
ok "bad options are usage errors"

svc_check_none_left
finish
