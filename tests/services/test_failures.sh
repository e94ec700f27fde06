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

# A test that fails midway leaves no daemon behind, whether a command
# fails (set -e) or the test is killed: each child test below starts
# nginx, then dies.
cat >"$work/child.sh" <<'EOT'
. "$top_srcdir/tests/services/lib.sh"
pki_init
pki_leaf "$pki/c" c.test.example
svc_ports 1
start_nginx child "$ports" "c.test.example:$pki/c.chain.pem:$pki/c.key"
echo "$work $ports" >"$CHILD_STATE"
[ "${CHILD_WAIT:-}" = yes ] && while :; do sleep 1; done
false
echo "not reached"
EOT
child_left() {
  read -r child_work child_port <"$work/child.state"
  pgrep -f "$child_work" >/dev/null &&
    fail "$1: a process of the child's folder is left" ||
    ok "$1: no process of the child's folder is left"
  "$TCPPORT" closed "$child_port" 5000 && ok "$1: its port is closed" ||
    fail "$1: its port still accepts connections"
  [ ! -d "$child_work" ] && ok "$1: its folder is gone" ||
    fail "$1: its folder is left"
}
CHILD_STATE="$work/child.state" TMPDIR="$work" sh "$work/child.sh" \
  >"$work/child.out" 2>&1 && fail "the failing child test passed" || :
expect_not_in "$work/child.out" "not reached" \
  "the child stopped at its failure"
child_left "a failed command"

rm -f "$work/child.state"
CHILD_WAIT=yes CHILD_STATE="$work/child.state" TMPDIR="$work" \
  sh "$work/child.sh" >"$work/child.out" 2>&1 &
child=$!
i=0
while [ ! -s "$work/child.state" ] && [ "$i" -lt 200 ]; do
  sleep 0.05
  i=$((i + 1))
done
kill -TERM "$child"
wait "$child" || :
child_left "a killed test"

svc_check_none_left
finish
