#!/bin/sh
# certwiz enable with a real Postfix whose master.cf services name their
# own TLS files with -o: a submission service with its own
# smtpd_tls_cert_file and key_file, another with its own chain files.
# enable points them at the new certificate too (both proven by a
# handshake), changes only those values, shows them in --dry-run, puts
# them back when it rolls back, and disable puts master.cf back byte for
# byte.
. "${top_srcdir}/tests/services/lib.sh"
svc_require_root "enable writes the live folder and reloads the daemons"
svc_require postfix

export CERTWIZ_LIVE="$work/live"
export CERTWIZ_SERVE_TIMEOUT_MS=3000
pki_init
pki_leaf "$pki/orig" mail.test.example
pki_leaf "$pki/old" mail.test.example
pki_store_entry "$work/new" mail.test.example
new_id=$store_id
old_id=$(pki_thumbprint "$pki/old.pem")
ca="--ca $pki/root.pem"

svc_ports 4
set -- $ports
smtp=$1 smtps=$2 sub=$3 subs=$4

# The first keeps main.cf's chain files off for itself, so that its
# older cert and key files count; the second has chain files of its own.
postfix_ports="$sub $subs"
postfix_services="127.0.0.1:$sub inet  n  -  n  -  -  smtpd
  -o syslog_name=postfix/submission
  -o smtpd_tls_chain_files=
  -o smtpd_tls_cert_file=$pki/old.chain.pem
  -o smtpd_tls_key_file=$pki/old.key
127.0.0.1:$subs inet n - n - - smtpd
  -o smtpd_tls_wrappermode=yes
  -o smtpd_tls_chain_files=$pki/old.key,$pki/old.chain.pem
"
start_postfix postfix "$pki/orig.chain.pem" "$pki/orig.key" "$smtp" "$smtps"
pf="$svc/postfix"
cp "$pf/master.cf" "$work/master.cf.orig"
cp "$pf/main.cf" "$work/main.cf.orig"
live="$work/live/mail.test.example"

# served PORT PROTOCOL: the thumbprint of the leaf served there.
served() {
  # shellcheck disable=SC2086
  "$CERTWIZ" test "127.0.0.1:$1" --starttls "$2" --name mail.test.example \
    $ca >"$work/test.out" 2>&1 || :
  sed -n 's/^Thumbprint: *//p' "$work/test.out" | head -1
}

expect_eq "$(served "$sub" smtp)" "$old_id" \
  "before: the submission service serves its own old certificate"
expect_eq "$(served "$subs" none)" "$old_id" "before: and the other one"

run 0 "$CERTWIZ" enable "$new_id" --service postfix --config "$pf" --dry-run
expect_in "$work/out" "+  -o smtpd_tls_cert_file=$live/fullchain.pem" \
  "dry run: the submission's cert file in master.cf's diff"
expect_in "$work/out" "-  -o smtpd_tls_cert_file=$pki/old.chain.pem" \
  "dry run: with the old one"
expect_in "$work/out" "+  -o smtpd_tls_key_file=$live/privkey.pem" \
  "dry run: its key file"
expect_in "$work/out" \
  "+  -o smtpd_tls_chain_files=$live/privkey.pem,$live/fullchain.pem" \
  "dry run: the other's chain files"
cmp -s "$pf/master.cf" "$work/master.cf.orig" &&
  ok "dry run: master.cf unchanged" || fail "dry run changed master.cf"

# A config test that fails: master.cf put back with main.cf.
printf 'daemon_directory = /certwiz-no-such-dir\n' >>"$pf/main.cf"
run 1 "$CERTWIZ" enable "$new_id" --service postfix --config "$pf"
expect_in "$work/err" "[enable-config-test]" "a failing config test refuses"
cmp -s "$pf/master.cf" "$work/master.cf.orig" &&
  ok "rolled back: master.cf as it was" || fail "rollback left master.cf changed"
expect_eq "$(served "$sub" smtp)" "$old_id" \
  "rolled back: the submission service serves its old certificate"
cp "$work/main.cf.orig" "$pf/main.cf"

run 0 "$CERTWIZ" enable "$new_id" --service postfix --config "$pf"
for p in "$smtp:smtp" "$smtps:none" "$sub:smtp" "$subs:none"; do
  expect_eq "$(served "${p%:*}" "${p#*:}")" "$new_id" \
    "enable: port ${p%:*} serves the new certificate"
done
diff "$work/master.cf.orig" "$pf/master.cf" >"$work/master.diff" || :
expect_eq "$(grep -c '^>' "$work/master.diff")" 3 \
  "enable: three lines of master.cf changed"
expect_eq "$(grep '^>' "$work/master.diff" | grep -vc \
  -e "^>   -o smtpd_tls_cert_file=$live/fullchain.pem\$" \
  -e "^>   -o smtpd_tls_key_file=$live/privkey.pem\$" \
  -e "^>   -o smtpd_tls_chain_files=$live/privkey.pem,$live/fullchain.pem\$")" \
  0 "enable: master.cf differs only in the TLS files' values"

# Enabled again (a renewal): disable still puts back the first originals.
run 0 "$CERTWIZ" enable "$new_id" --service postfix --config "$pf"
run 0 "$CERTWIZ" disable "$new_id" --service postfix --config "$pf"
cmp -s "$pf/master.cf" "$work/master.cf.orig" &&
  ok "disable: master.cf byte for byte" || fail "disable: master.cf differs"
cmp -s "$pf/main.cf" "$work/main.cf.orig" &&
  ok "disable: main.cf byte for byte" || fail "disable: main.cf differs"
expect_eq "$(served "$sub" smtp)" "$old_id" \
  "disable: the submission service serves its old certificate again"
expect_eq "$(served "$subs" none)" "$old_id" "disable: and the other one"

svc_check_none_left
finish
