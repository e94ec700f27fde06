#!/bin/sh
# certwiz enable and disable with a real Postfix and a real Dovecot: the
# first enable proven by certwiz test with STARTTLS on every port, a
# replacement (RSA to ECDSA), --dry-run, a config test that fails, the
# key's mode, the Services column, delete refused while in use, and
# disable putting every file back byte for byte.
. "${top_srcdir}/tests/services/lib.sh"
svc_require_root "enable writes the live folder and reloads the daemons"
svc_require postfix dovecot

export CERTWIZ_LIVE="$work/live"
export CERTWIZ_SERVE_TIMEOUT_MS=3000
pki_init
pki_leaf "$pki/orig" mail.test.example imap.test.example
store_key=rsa2048 pki_store_entry "$work/rsa" mail.test.example \
  imap.test.example
rsa_id=$store_id
pki_store_entry "$work/ec" mail.test.example imap.test.example
ec_id=$store_id
pki_store_entry "$work/other" other.test.example
other_id=$store_id
orig_id=$(pki_thumbprint "$pki/orig.pem")
ca="--ca $pki/root.pem"

svc_ports 6
set -- $ports
smtp=$1 smtps=$2 imap=$3 imaps=$4 pop3=$5 pop3s=$6

# serves PORT PROTOCOL ID WHAT: certwiz test proves ID is served there.
serves() {
  # shellcheck disable=SC2086
  run 0 "$CERTWIZ" test "127.0.0.1:$1" --starttls "$2" \
    --name mail.test.example $ca --expect "$3"
  expect_in "$work/out" "Every check passed." "$4"
}

# serves_orig PORT PROTOCOL WHAT: the original certificate (not in the
# store) is served there.
serves_orig() {
  # shellcheck disable=SC2086
  "$CERTWIZ" test "127.0.0.1:$1" --starttls "$2" --name mail.test.example \
    $ca >"$work/out" 2>&1 || :
  expect_eq "$(sed -n 's/^Thumbprint: *//p' "$work/out" | head -1)" \
    "$orig_id" "$3"
}

# unchanged FILE COPY WHAT
unchanged() {
  cmp -s "$1" "$2" && ok "$3" || fail "$3: $1 changed"
}

# --------------------------------------------------------------- Postfix

start_postfix postfix "$pki/orig.chain.pem" "$pki/orig.key" "$smtp" "$smtps"
pf="$svc/postfix"
cp "$pf/main.cf" "$work/main.cf.orig"

run 0 "$CERTWIZ" enable "$rsa_id" --service postfix --config "$pf" --dry-run
expect_in "$work/out" \
  "+smtpd_tls_chain_files = $work/live/mail.test.example/privkey.pem, $work/live/mail.test.example/fullchain.pem" \
  "postfix dry run: the diff shows the new chain files"
expect_in "$work/out" "-smtpd_tls_chain_files = $pki/orig.key, $pki/orig.chain.pem" \
  "postfix dry run: and the old ones"
expect_in "$work/out" "postfix -c $pf check" "postfix dry run: the config test"
expect_in "$work/out" "postfix -c $pf reload" "postfix dry run: the reload"
expect_in "$work/out" "127.0.0.1:$smtp" "postfix dry run: the STARTTLS port"
expect_in "$work/out" "127.0.0.1:$smtps" "postfix dry run: the wrapper port"
unchanged "$pf/main.cf" "$work/main.cf.orig" "postfix dry run: main.cf unchanged"
[ ! -e "$work/live" ] && ok "postfix dry run: nothing staged" ||
  fail "postfix dry run staged files"

# myhostname not covered: a warning, not a refusal.
run 0 "$CERTWIZ" enable "$other_id" --service smtp --config "$pf" --dry-run
expect_in "$work/err" "[enable-name-not-covered]" \
  "postfix: myhostname not covered is said"

# An unrelated error in main.cf: postfix check fails, nothing changes.
cp "$pf/main.cf" "$work/main.cf.good"
printf 'daemon_directory = /certwiz-no-such-dir\n' >>"$pf/main.cf"
cp "$pf/main.cf" "$work/main.cf.bad"
run 1 "$CERTWIZ" enable "$rsa_id" --service postfix --config "$pf"
expect_in "$work/err" "[enable-config-test]" "postfix: the config test fails"
expect_in "$work/err" "chdir(/certwiz-no-such-dir)" \
  "postfix: with its own words"
unchanged "$pf/main.cf" "$work/main.cf.bad" "postfix: main.cf put back"
serves_orig "$smtp" smtp "postfix: the original still served"
cp "$work/main.cf.good" "$pf/main.cf"

# smtp maps to postfix; the first enable, proven on both ports.
run 0 "$CERTWIZ" enable "$rsa_id" --service smtp --config "$pf" --yes
expect_in "$work/out" "served on 127.0.0.1:$smtp" "postfix: enable proven"
serves "$smtp" smtp "$rsa_id" "postfix: STARTTLS serves the new certificate"
serves "$smtps" none "$rsa_id" "postfix: port 465-style serves it too"
expect_eq "$(mode_of "$work/live/mail.test.example/privkey.pem")" 600 \
  "postfix: the staged key is 0600"
diff "$work/main.cf.orig" "$pf/main.cf" >"$work/main.diff" || :
expect_eq "$(grep -c '^[<>]' "$work/main.diff")" 2 \
  "postfix: only the chain files line of main.cf changed"
run 0 "$CERTWIZ" list
expect_eq "$(grep " ${rsa_id%"${rsa_id#????????}"} " "$work/out" |
  grep -c 'SMTP$')" 1 "list: SMTP for the certificate in use"
run 1 "$CERTWIZ" delete "$rsa_id" --yes
expect_in "$work/err" "SMTP" "delete refuses a certificate Postfix uses"
CERTWIZ_POSTFIX_CONFIG=$pf run 0 "$CERTWIZ" services
expect_in "$work/out" "127.0.0.1:$smtp $rsa_id" \
  "services: Postfix's STARTTLS port, by a live handshake"
expect_in "$work/out" "127.0.0.1:$smtps $rsa_id" "services: its wrapper port"
expect_in "$work/out" "certwiz: $rsa_id" "services: managed by certwiz"
expect_in "$work/out" "file: $work/live/mail.test.example/fullchain.pem" \
  "services: the file main.cf names"
run 1 "$CERTWIZ" enable "$rsa_id" --service ftp --config "$pf"
expect_in "$work/err" "postfix (smtp), dovecot (imap, pop)" \
  "an unknown service: the known ones are named"

# Replacing RSA with ECDSA.
run 0 "$CERTWIZ" enable "$ec_id" --service postfix --config "$pf"
serves "$smtp" smtp "$ec_id" "postfix: the ECDSA certificate is served"
serves "$smtps" none "$ec_id" "postfix: on both ports"

# disable: main.cf as it was, the original served again.
run 0 "$CERTWIZ" disable "$ec_id" --service postfix --config "$pf"
unchanged "$pf/main.cf" "$work/main.cf.orig" "postfix disable: main.cf as it was"
serves_orig "$smtp" smtp "postfix disable: the original served again"

# --------------------------------------------------------------- Dovecot

start_dovecot dovecot "$pki/orig.chain.pem" "$pki/orig.key" \
  "$imap" "$imaps" "$pop3" "$pop3s"
dc="$svc/dovecot/dovecot.conf"
owned="$svc/dovecot/conf.d/99-certwiz.conf"
mkdir -p "$svc/dovecot/conf.d"
cp "$dc" "$work/dovecot.conf.orig"
live="$work/live/mail.test.example"

run 0 "$CERTWIZ" enable "$rsa_id" --service dovecot --config "$dc" --dry-run
expect_in "$work/out" "+ssl_cert = <$live/fullchain.pem" \
  "dovecot dry run: the file certwiz owns, with the < mark"
expect_in "$work/out" "+ssl_key = <$live/privkey.pem" "dovecot dry run: the key"
expect_in "$work/out" "+!include_try conf.d/99-certwiz.conf" \
  "dovecot dry run: the include added, in the diff"
expect_in "$work/err" "[enable-include-added]" "dovecot dry run: and said"
expect_in "$work/out" "doveconf -c $dc -n" "dovecot dry run: the config test"
for p in "$imap" "$imaps" "$pop3" "$pop3s"; do
  expect_in "$work/out" "127.0.0.1:$p" "dovecot dry run: port $p"
done
unchanged "$dc" "$work/dovecot.conf.orig" "dovecot dry run: dovecot.conf unchanged"
[ ! -e "$owned" ] && ok "dovecot dry run: no file of its own written" ||
  fail "dovecot dry run wrote $owned"

# An unrelated error: doveconf fails with its words, nothing changes.
printf 'certwiz_no_such_setting = yes\n' >>"$dc"
cp "$dc" "$work/dovecot.conf.bad"
run 1 "$CERTWIZ" enable "$rsa_id" --service imap --config "$dc"
expect_in "$work/err" "[enable-config-test]" "dovecot: the config test fails"
expect_in "$work/err" "certwiz_no_such_setting" "dovecot: with its own words"
unchanged "$dc" "$work/dovecot.conf.bad" "dovecot: dovecot.conf put back"
[ ! -e "$owned" ] && ok "dovecot: its own file removed again" ||
  fail "dovecot: a refused enable left $owned"
cp "$work/dovecot.conf.orig" "$dc"

# Killed after a step: the next run removes the file certwiz made and
# puts dovecot.conf back.
for at in pointed tested reloaded; do
  set +e
  CERTWIZ_TEST_KILL_AT=$at "$CERTWIZ" enable "$rsa_id" --service dovecot \
    --config "$dc" >"$work/out" 2>"$work/err"
  killed=$?
  set -e
  expect_eq "$killed" 137 "dovecot: killed at $at"
  run 0 "$CERTWIZ" list
  expect_in "$work/err" "[enable-recovered]" "dovecot $at: the next run undoes it"
  unchanged "$dc" "$work/dovecot.conf.orig" "dovecot $at: dovecot.conf as before"
  [ ! -e "$owned" ] && ok "dovecot $at: its own file removed" ||
    fail "dovecot $at: $owned left behind"
  serves_orig "$imap" imap "dovecot $at: the original served"
done

# imap maps to dovecot; the first enable, proven on every listener.
run 0 "$CERTWIZ" enable "$rsa_id" --service imap --config "$dc"
serves "$imap" imap "$rsa_id" "dovecot: IMAP STARTTLS serves the new one"
serves "$imaps" none "$rsa_id" "dovecot: IMAPS too"
serves "$pop3" pop3 "$rsa_id" "dovecot: POP3 STLS too"
serves "$pop3s" none "$rsa_id" "dovecot: POP3S too"
expect_eq "$(mode_of "$live/privkey.pem")" 600 "dovecot: the staged key is 0600"
run 0 "$CERTWIZ" list
expect_eq "$(grep " ${rsa_id%"${rsa_id#????????}"} " "$work/out" |
  grep -c 'IMAP$')" 1 "list: IMAP for the certificate in use"
run 1 "$CERTWIZ" delete "$rsa_id" --yes
expect_in "$work/err" "IMAP" "delete refuses a certificate Dovecot uses"

# Replacing RSA with ECDSA: the same file, the live folder switched.
cp "$owned" "$work/owned.rsa"
run 0 "$CERTWIZ" enable "$ec_id" --service pop --config "$dc"
serves "$imap" imap "$ec_id" "dovecot: the ECDSA certificate is served"
serves "$pop3s" none "$ec_id" "dovecot: on POP3S too"
unchanged "$owned" "$work/owned.rsa" "dovecot: its file names the same paths"
run 0 "$CERTWIZ" list
expect_eq "$(grep " ${ec_id%"${ec_id#????????}"} " "$work/out" |
  grep -c 'POP$')" 1 "list: POP for the word pop"

# disable: dovecot.conf as it was, no file of certwiz's, the original.
run 0 "$CERTWIZ" disable "$ec_id" --service dovecot --config "$dc"
unchanged "$dc" "$work/dovecot.conf.orig" "dovecot disable: dovecot.conf as it was"
[ ! -e "$owned" ] && ok "dovecot disable: its own file removed" ||
  fail "dovecot disable left $owned"
serves_orig "$imap" imap "dovecot disable: the original served again"
run 0 "$CERTWIZ" delete "$rsa_id" --yes

svc_check_none_left
finish
