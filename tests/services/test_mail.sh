#!/bin/sh
# certwiz test against real Postfix and Dovecot: SMTP with STARTTLS and in
# wrapper mode, IMAP and POP3 with STARTTLS and at once (as 993 and 995
# do), on high ports; the protocol found from the port or the server's
# greeting; and mail servers serving an expired certificate and an
# incomplete chain.
. "${top_srcdir}/tests/services/lib.sh"
svc_require_root "running Postfix and Dovecot"
svc_require postfix dovecot

pki_init
pki_store_entry "$work/mail" mail.test.example imap.test.example
mail_id=$store_id
leaf_expired=yes pki_leaf "$pki/old" mail.test.example
pki_leaf "$pki/bare" imap.test.example

svc_ports 12
set -- $ports
smtp=$1 smtps=$2 imap=$3 imaps=$4 pop3=$5 pop3s=$6
old_smtp=$7 old_smtps=$8 bare_imap=$9
shift 9
bare_imaps=$1 bare_pop3=$2 bare_pop3s=$3
start_postfix postfix "$work/mail.chain.pem" "$work/mail.key" "$smtp" "$smtps"
start_postfix postfix-old "$pki/old.chain.pem" "$pki/old.key" \
  "$old_smtp" "$old_smtps"
start_dovecot dovecot "$work/mail.chain.pem" "$work/mail.key" \
  "$imap" "$imaps" "$pop3" "$pop3s"
start_dovecot dovecot-bare "$pki/bare.pem" "$pki/bare.key" \
  "$bare_imap" "$bare_imaps" "$bare_pop3" "$bare_pop3s"

ca="--ca $pki/root.pem"
served() {
  sed -n 's/^Thumbprint: *//p' "$work/out" | head -1
}

# passes WHAT PORT PROTOCOL SHOWN: every check passes over PROTOCOL, the
# store's certificate is served, and STARTTLS shows SHOWN.
passes() {
  what=$1 p=$2 proto=$3 shown=$4
  # shellcheck disable=SC2086
  run 0 "$CERTWIZ" test "127.0.0.1:$p" --starttls "$proto" \
    --name mail.test.example $ca --expect "$mail_id"
  expect_in "$work/out" "Every check passed." "$what: every check passes"
  expect_eq "$(served)" "$mail_id" "$what: the store's certificate is served"
  expect_in "$work/out" "STARTTLS:       $shown" "$what: STARTTLS $shown"
}

passes "Postfix SMTP STARTTLS" "$smtp" smtp smtp
passes "Postfix SMTP, protocol from the greeting" "$smtp" auto smtp
passes "Postfix SMTPS (wrapper mode)" "$smtps" none none
passes "Postfix SMTPS, TLS found at once" "$smtps" auto none
passes "Dovecot IMAP STARTTLS" "$imap" imap imap
passes "Dovecot IMAP, protocol from the greeting" "$imap" auto imap
passes "Dovecot IMAPS" "$imaps" auto none
passes "Dovecot POP3 STLS" "$pop3" pop3 pop3
passes "Dovecot POP3, protocol from the greeting" "$pop3" auto pop3
passes "Dovecot POP3S" "$pop3s" none none

# A protocol the server does not speak: a refusal, not a hang.
# shellcheck disable=SC2086
run 1 "$CERTWIZ" test "127.0.0.1:$smtp" --starttls imap \
  --name mail.test.example $ca
expect_eq "$(codes_of "$work/err")" "starttls-refused" \
  "IMAP's STARTTLS to Postfix is refused"
# shellcheck disable=SC2086
run 1 "$CERTWIZ" test "127.0.0.1:$imaps" --starttls none \
  --name nowhere.example $ca
expect_eq "$(codes_of "$work/err")" "name-mismatch" "Dovecot: name mismatch"
expect_in "$work/err" "it covers mail.test.example, imap.test.example"

for p in "$old_smtp:smtp" "$old_smtps:none"; do
  # shellcheck disable=SC2086
  run 1 "$CERTWIZ" test "127.0.0.1:${p%%:*}" --starttls "${p#*:}" \
    --name mail.test.example $ca
  expect_eq "$(codes_of "$work/err")" "expired" \
    "Postfix serving an expired certificate (${p#*:})"
done
for p in "$bare_imap:imap" "$bare_imaps:none" "$bare_pop3:pop3" \
         "$bare_pop3s:none"; do
  # shellcheck disable=SC2086
  run 1 "$CERTWIZ" test "127.0.0.1:${p%%:*}" --starttls "${p#*:}" \
    --name imap.test.example $ca --format json
  expect_eq "$(codes_of "$work/err")" "chain-incomplete" \
    "Dovecot serving no intermediate (${p#*:})"
  expect_in "$work/out" '"code": "chain-incomplete"'
done

svc_check_none_left
finish
