#!/bin/sh
# Backups that users receive without a password: made with an empty
# password, without a MAC, or with nothing encrypted at all (what
# openssl's -keypbe NONE -certpbe NONE -nomac and Python's NoEncryption
# write).  Each is restored from an empty password file, an empty
# descriptor and Enter on the terminal, with a warning that the file was
# unprotected; writing a backup still refuses an empty password.
. "${top_srcdir}/tests/cli/lib.sh"

"$OPENSSL" req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes \
  -keyout k.pem -out c.pem -subj "/CN=nopw.contoso.com" -days 30 2>/dev/null ||
  fail "openssl cannot make the certificate"
"$OPENSSL" pkcs12 -export -inkey k.pem -in c.pem -passout pass: -out empty.pfx
"$OPENSSL" pkcs12 -export -inkey k.pem -in c.pem -passout pass: -nomac \
  -out nomac.pfx
"$OPENSSL" pkcs12 -export -inkey k.pem -in c.pem -keypbe NONE -certpbe NONE \
  -nomac -passout pass: -out clear.pfx
: >empty-pw
chmod 600 empty-pw
id=$("$OPENSSL" x509 -in c.pem -noout -fingerprint -sha1 |
  sed 's/.*=//; s/://g' | tr 'A-F' 'a-f')
"$OPENSSL" pkey -in k.pem -pubout >want.pub

# restored KIND STORE: the backup's key and certificate are in STORE.
restored() {
  if [ -f "$2/certs/$id/key.pem" ] &&
      "$OPENSSL" pkey -in "$2/certs/$id/key.pem" -pubout 2>/dev/null |
      cmp -s - want.pub; then
    ok "$1: restored with its key"
  else
    fail "$1: not restored"
  fi
}

for kind in empty nomac clear; do
  run 0 "$CERTWIZ" --store "$work/file-$kind" import "$kind.pfx" \
    --password-file empty-pw
  expect_not_in "$work/err" "[password-empty]" "$kind, file: an empty password is taken"
  expect_in "$work/err" "[p12-unprotected]" "$kind, file: the user is warned it was unprotected"
  restored "$kind, file" "$work/file-$kind"

  run 0 "$CERTWIZ" --store "$work/fd-$kind" import "$kind.pfx" \
    --password-fd 3 3</dev/null
  expect_in "$work/err" "[p12-unprotected]" "$kind, descriptor: restored with a warning"
  restored "$kind, descriptor" "$work/fd-$kind"

  if command -v script >/dev/null 2>&1; then
    # Enter on a real terminal (script gives the command one), typed once
    # the prompt is there: the terminal drops what was typed before.
    rm -f tty.in tty.out
    mkfifo tty.in
    script -qec "\"$CERTWIZ\" --store \"$work/tty-$kind\" import $kind.pfx" \
      /dev/null <tty.in >tty.out 2>&1 &
    tty_pid=$!
    exec 4>tty.in
    tries=0
    until grep -q "Backup password" tty.out 2>/dev/null || [ $tries -ge 100 ]; do
      sleep 0.1
      tries=$((tries + 1))
    done
    sleep 0.3
    printf '\r' >&4
    exec 4>&-
    wait "$tty_pid" || true
    expect_in tty.out "[p12-unprotected]" "$kind, terminal: restored with a warning"
    restored "$kind, terminal" "$work/tty-$kind"
  else
    echo "skipped: no script(1) to give certwiz a terminal"
  fi
done

# Writing a backup still wants a password.
run 1 "$CERTWIZ" --store "$work/file-empty" export "$id" --out again.pfx \
  --password-file empty-pw
expect_in "$work/err" "[password-empty]" "export: an empty password is refused"
[ ! -e again.pfx ] && ok "no backup written" || fail "again.pfx written"
finish
