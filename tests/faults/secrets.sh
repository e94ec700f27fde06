#!/bin/sh
# Issue #7, secrets: no core dump and no ptrace while keys are held (each
# command, as the shim sees it from inside); keys, backups and store
# entries 0600 under umask 000; symbolic links planted at --out, in tmp/,
# at .lock, at pending/<id> or certs/<thumbprint> never followed; and no
# private key, password or key base64 in any output.
. "${top_srcdir}/tests/cli/lib.sh"
. "${top_srcdir}/tests/cli/ca.sh"
. "${top_srcdir}/tests/faults/lib.sh"

shim_build
ca_init
umask 000

in="$work/in"
s="$work/s"
mkdir -p "$in" "$work/outside"
password="Secret Horse 6 !"
printf '%s\n' "$password" >"$in/pw"
printf 'Not The Password 9\n' >"$in/wrong"
chmod 600 "$in/pw" "$in/wrong"
fault_passwords="$password
Not The Password 9"

runs=0
# cw EXPECTED NAME ARGS...: certwiz with the shim probing it from inside;
# its output kept for the secrets check.
cw() {
  expected=$1 name=$2
  shift 2
  rm -f "$work/probe"
  shim_run "$fault_logs/$name" CERTWIZ_FAULT_PROBE="$work/probe" \
    "$CERTWIZ" --store "$s" "$@"
  runs=$((runs + 1))
  [ "$status" -eq "$expected" ] ||
    fail "$name: exits $status, not $expected: $(cat "$fault_logs/$name.err")"
  if [ "$(cat "$work/probe" 2>/dev/null)" = "dumpable 0
core-limit 0 0" ]; then
    probed=$((probed + 1))
  else
    fail "$name: $(tr '\n' ' ' <"$work/probe" 2>/dev/null), not dumpable 0, core-limit 0 0"
  fi
  return 0
}
probed=0

# ---------------------------------------------------------------- modes
cw 0 check check --subject "CN=p1.contoso.com"
cw 0 request request --key p256 --out p1.req \
  --subject "C=US, O=Contoso Corp, CN=p1.contoso.com"
p1=$(ls "$s/pending")
sign_request "$fault_out/p1.req" "$in/p1.pem"
make_chain "$in/p1.pem" "$in/p1.crt"
cw 0 import import "$in/p1.crt"
p1_cert=$(thumbprint_of "$in/p1.pem")
cw 0 export export "$p1_cert" --out p1.pfx --password-file "$in/pw"
cw 0 list list
cw 0 show show "$p1_cert"
cw 0 selfsign selfsign --key p256 --subject "CN=self.contoso.com"
cw 1 import-wrong-password import p1.pfx --password-file "$in/wrong"
expect_in "$fault_logs/import-wrong-password.err" "[p12-bad-password]" \
  "a wrong password is refused"
s_main=$s
s="$work/restored"
cw 0 import-backup import p1.pfx --password-file "$in/pw"
s=$s_main

expect_eq "$(mode_of "$fault_out/p1.pfx")" 600 "the backup is 0600 under umask 000"
expect_eq "$(mode_of "$fault_out/p1.req")" 666 "the request (public) follows umask 000"
for store in "$s" "$work/restored"; do
  odd=$(find "$store" \( -type d ! -perm 700 \) -o \( -type f ! -perm 600 \))
  [ -z "$odd" ] && ok "$(basename "$store"): folders 0700, files 0600 under umask 000" ||
    fail "not private under umask 000: $odd"
done
[ -f "$s/certs/$p1_cert/key.pem" ] && [ -f "$work/restored/certs/$p1_cert/key.pem" ] &&
  ok "the key is installed, and restored from the backup" ||
  fail "the key is not where it belongs"
expect_eq "$probed" "$runs" "every run: not dumpable, core dumps off (hard limit 0)"

# ---------------------------------------------------------------- links at --out
echo "victim" >"$work/outside/victim"
ln -s "$work/outside/victim" "$fault_out/link.pfx"
ln -s "$work/outside/none.pfx" "$fault_out/dangling.pfx"
cw 1 export-link export "$p1_cert" --out link.pfx --password-file "$in/pw"
expect_in "$fault_logs/export-link.err" "[out-exists]" "a link at --out is refused"
cw 1 export-dangling export "$p1_cert" --out dangling.pfx --password-file "$in/pw"
expect_in "$fault_logs/export-dangling.err" "[out-exists]" "a dangling link at --out is refused"
cw 0 export-link-force export "$p1_cert" --out link.pfx --force \
  --password-file "$in/pw"
cw 0 export-dangling-force export "$p1_cert" --out dangling.pfx --force \
  --password-file "$in/pw"
expect_eq "$(cat "$work/outside/victim")" victim "--force replaces the link, not its target"
[ ! -e "$work/outside/none.pfx" ] && ok "nothing is written where a dangling link points" ||
  fail "the backup was written through a dangling link"
for f in link.pfx dangling.pfx; do
  [ -f "$fault_out/$f" ] && [ ! -L "$fault_out/$f" ] &&
    [ "$(mode_of "$fault_out/$f")" = 600 ] && ok "$f is now a backup, 0600" ||
    fail "$f is not a private backup"
done
ln -s "$work/outside/none.req" "$fault_out/dangling.req"
cw 1 request-dangling request --key p256 --out dangling.req \
  --subject "CN=d.contoso.com"
[ ! -e "$work/outside/none.req" ] && ok "a request is not written through a dangling link" ||
  fail "a request was written through a dangling link"

# ---------------------------------------------------------------- links in the store
mkdir -p "$work/outside/folder"
echo "keep me" >"$work/outside/folder/key.pem"
echo "keep me too" >"$work/outside/file"
ln -s "$work/outside/folder" "$s/tmp/4242"
ln -s "$work/outside/file" "$s/tmp/4243"
cw 0 request-tmp-links request --key p256 --out t.req --subject "CN=t.contoso.com"
[ -z "$(ls -A "$s/tmp")" ] && ok "links planted in tmp/ are removed" ||
  fail "tmp/ still holds $(ls -A "$s/tmp")"
expect_eq "$(cat "$work/outside/folder/key.pem")" "keep me" \
  "what a link in tmp/ pointed to is left alone"
expect_eq "$(cat "$work/outside/file")" "keep me too" "a linked file too"

# The lock is never opened through a link.
mv "$s/.lock" "$work/lock.saved"
ln -s "$work/outside/lockfile" "$s/.lock"
cw 3 request-lock-link request --key p256 --out l.req --subject "CN=l.contoso.com"
expect_in "$fault_logs/request-lock-link.err" "[store-io]" "a linked .lock is refused"
[ ! -e "$work/outside/lockfile" ] && ok "no lock file made through the link" ||
  fail "the lock was created through a link"
rm "$s/.lock"
mv "$work/lock.saved" "$s/.lock"

# A link at certs/<thumbprint>: an import does not write through it.
run 0 "$CERTWIZ" --store "$s" request --key p256 --out "$in/q.req" \
  --subject "CN=q.contoso.com"
sign_request "$in/q.req" "$in/q.pem"
q_cert=$(thumbprint_of "$in/q.pem")
mkdir -p "$work/outside/certs"
ln -s "$work/outside/certs" "$s/certs/$q_cert"
cw 1 import-certs-link import "$in/q.pem"
expect_in "$fault_logs/import-certs-link.err" "[already-installed]" \
  "an import onto a link at certs/<thumbprint> is refused"
expect_eq "$(ls -A "$work/outside/certs")" "" "nothing written through it"
[ -n "$(ls "$s/pending" | grep -v -x "$p1" || true)" ] &&
  ok "the request and its key are still pending" || fail "the request is gone"
rm "$s/certs/$q_cert"

# A link at pending/<id>, to a folder of someone else's making: delete
# removes the link, never what it points to.
mkdir -p "$work/outside/entry"
cp "$s/pending/$(ls "$s/pending" | head -n 1)/record" "$work/outside/entry/record"
echo "not a key" >"$work/outside/entry/key.pem"
cp -p "$work/outside/entry/key.pem" "$work/outside/key.saved"
ln -s "$work/outside/entry" "$s/pending/abcdef0123456789abcdef0123456789abcdef01"
cw 0 list-with-link list
cw 0 delete-link delete abcdef01 --yes
[ ! -e "$s/pending/abcdef0123456789abcdef0123456789abcdef01" ] &&
  ok "delete removes a link at pending/<id>" || fail "the link is still there"
cmp -s "$work/outside/entry/key.pem" "$work/outside/key.saved" &&
  [ -f "$work/outside/entry/record" ] &&
  ok "what the link pointed to is left alone" ||
  fail "delete removed files through a link"
[ -z "$(ls -A "$s/tmp")" ] && ok "nothing left in tmp/" || fail "tmp/: $(ls -A "$s/tmp")"

# ---------------------------------------------------------------- secrets
keep_key_lines "$s"/*/*/key.pem "$work"/restored/*/*/key.pem
check_secrets "every output" "$fault_logs"
fault_summary "$runs" 0
finish
