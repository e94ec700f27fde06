#!/bin/sh
# The store: where it is, its modes, what a pending request keeps, and the
# refusal of a store other users can read.
. "${top_srcdir}/tests/cli/lib.sh"

subject="C=US, O=Contoso Corp, CN=mail1.contoso.com"
umask 022

run 0 "$CERTWIZ" request --key p256 --out a.req --subject "$subject" \
  --friendly-name "Contoso mail" --non-exportable
expect_eq "$(mode_of "$CERTWIZ_STORE")" 700 "store folder 0700"
expect_eq "$(mode_of "$CERTWIZ_STORE/pending")" 700 "pending folder 0700"
entry=$(ls -d "$CERTWIZ_STORE"/pending/*)
expect_eq "$(ls "$entry" | tr '\n' ' ')" "key.pem record request.pem " \
  "a pending entry keeps the key, the record and the request"
for f in "$entry"/*; do
  expect_eq "$(mode_of "$f")" 600 "$(basename "$f") is 0600"
done
expect_eq "$(mode_of a.req)" 644 "the request file follows the umask"
[ -z "$(ls -A "$CERTWIZ_STORE/tmp")" ] && ok "nothing left in tmp/" ||
  fail "tmp/ not empty"

# The kept key is the request's key.
"$OPENSSL" pkey -in "$entry/key.pem" -pubout >key.pub
"$OPENSSL" req -in a.req -noout -pubkey >req.pub
cmp -s key.pub req.pub && ok "kept key matches the request" ||
  fail "kept key does not match the request"
cmp -s a.req "$entry/request.pem" && ok "the store keeps a copy of the request" ||
  fail "store copy of the request differs"

rec="$entry/record"
expect_in "$rec" "state: pending" "record: pending"
expect_in "$rec" "subject: C=US, O=Contoso Corp, CN=mail1.contoso.com"
expect_in "$rec" "san: DNS:mail1.contoso.com"
expect_in "$rec" "friendly-name: Contoso mail"
expect_in "$rec" "exportable: no" "record: non-exportable"
expect_in "$rec" "key: p256"
expect_in "$rec" "host: $(hostname)" "record: the host that made it"
expect_in "$rec" "request-file: $work/a.req" "record: where the request went"
grep -q '^created: [0-9-]*T[0-9:]*Z$' "$rec" && ok "record: creation time" ||
  fail "record: no creation time"
id=$(basename "$entry")
expect_in "$work/out" "$id" "the request's ID is printed"

# The store's place: --store, else CERTWIZ_STORE, else XDG, else HOME.
run 0 "$CERTWIZ" --store "$work/s2" request --key p256 --out b.req --subject "$subject"
[ -n "$(ls "$work/s2/pending")" ] && ok "--store before the command" || fail "--store ignored"
run 0 "$CERTWIZ" request --store "$work/s3" --key p256 --out c.req --subject "$subject"
[ -n "$(ls "$work/s3/pending")" ] && ok "--store after the command" || fail "--store ignored"
if [ "$(id -u)" != 0 ]; then
  (unset CERTWIZ_STORE; XDG_DATA_HOME="$work/xdg" "$CERTWIZ" request --key p256 \
    --out d.req --subject "$subject" >/dev/null)
  [ -d "$work/xdg/certwiz/pending" ] && ok "XDG_DATA_HOME/certwiz" || fail "XDG store"
  (unset CERTWIZ_STORE XDG_DATA_HOME; "$CERTWIZ" request --key p256 \
    --out e.req --subject "$subject" >/dev/null)
  [ -d "$HOME/.local/share/certwiz/pending" ] && ok "~/.local/share/certwiz" ||
    fail "HOME store"
  expect_eq "$(mode_of "$HOME/.local/share")" 700 "created parents are 0700"
else
  # Root's store is the machine's (CERTWIZ_SYSTEM_STORE stands in for
  # /var/lib/certwiz), whatever HOME and XDG_DATA_HOME say...
  export CERTWIZ_SYSTEM_STORE="$work/var/lib/certwiz"
  (unset CERTWIZ_STORE; XDG_DATA_HOME="$work/xdg" "$CERTWIZ" request \
    --key p256 --out d.req --subject "$subject" >/dev/null)
  [ -d "$CERTWIZ_SYSTEM_STORE/pending" ] && ok "root: the system store" ||
    fail "root's store is not the system one"
  [ ! -e "$work/xdg/certwiz" ] && ok "root: not XDG_DATA_HOME" ||
    fail "root's store went to XDG_DATA_HOME"
  expect_eq "$(mode_of "$CERTWIZ_SYSTEM_STORE")" 700 "the system store is 0700"
  # ...but a store root kept in its home before is used, and said, until
  # it is moved, so that no key seems lost.
  rm -rf "$CERTWIZ_SYSTEM_STORE"
  mkdir -p "$HOME/.local/share"
  cp -a "$work/s2" "$HOME/.local/share/certwiz"
  (unset CERTWIZ_STORE XDG_DATA_HOME
   "$CERTWIZ" list >"$work/out" 2>"$work/err") || fail "list failed"
  expect_in "$work/err" "mv $HOME/.local/share/certwiz $CERTWIZ_SYSTEM_STORE" \
    "root: the old store is named with the command that moves it"
  [ -n "$(cat "$work/out")" ] && ok "root: the old store's entries are listed" ||
    fail "the old store's entries are not listed"
  [ ! -e "$CERTWIZ_SYSTEM_STORE" ] && ok "root: nothing made meanwhile" ||
    fail "an empty system store was made beside the old one"
  mv "$HOME/.local/share/certwiz" "$CERTWIZ_SYSTEM_STORE"
  (unset CERTWIZ_STORE XDG_DATA_HOME
   "$CERTWIZ" list >"$work/out" 2>"$work/err") || fail "list failed"
  [ ! -s "$work/err" ] && ok "root: once moved, no more warning" ||
    fail "still warned after the move: $(cat "$work/err")"
  unset CERTWIZ_SYSTEM_STORE
fi

# A store others can read is refused, with the fix, and nothing is made.
chmod 750 "$CERTWIZ_STORE"
count=$(ls "$CERTWIZ_STORE/pending" | wc -l)
run 1 "$CERTWIZ" request --key p256 --out f.req --subject "$subject"
expect_in "$work/err" "[store-permissions]" "group-readable store refused"
expect_in "$work/err" "chmod 700 '$CERTWIZ_STORE'" "the refusal gives the fix"
[ ! -e f.req ] && ok "no request written" || fail "f.req written"
chmod 700 "$CERTWIZ_STORE"
expect_eq "$(ls "$CERTWIZ_STORE/pending" | wc -l)" "$count" "no key added"

# Leftovers of an interrupted write are cleared by the next change.
mkdir -p "$CERTWIZ_STORE/tmp/4242" && echo half >"$CERTWIZ_STORE/tmp/4242/key.pem"
run 0 "$CERTWIZ" request --key p256 --out g.req --subject "$subject"
[ ! -e "$CERTWIZ_STORE/tmp/4242" ] && ok "leftovers removed" || fail "leftovers kept"

# Several certwiz at once on one store: every request kept whole.
pids=
for i in 1 2 3 4 5 6; do
  "$CERTWIZ" --store "$work/busy" request --key p256 --out "busy$i.req" \
    --subject "CN=host$i.contoso.com" >/dev/null 2>&1 &
  pids="$pids $!"
done
all_ok=yes
for pid in $pids; do wait "$pid" || all_ok=no; done
expect_eq "$all_ok" yes "six concurrent requests all succeed"
expect_eq "$(ls "$work/busy/pending" | wc -l)" 6 "six entries in the store"
complete=0
for e in "$work"/busy/pending/*; do
  [ -s "$e/key.pem" ] && [ -s "$e/request.pem" ] && [ -s "$e/record" ] &&
    complete=$((complete + 1))
done
expect_eq "$complete" 6 "every entry complete"
[ -z "$(ls -A "$work/busy/tmp")" ] && ok "no leftovers" || fail "leftovers"

# Key and record files are 0600 even under umask 000.
umask 000
run 0 "$CERTWIZ" --store "$work/s4" request --key p256 --out h.req --subject "$subject"
for f in "$work"/s4/pending/*/*; do
  expect_eq "$(mode_of "$f")" 600 "$(basename "$f") 0600 under umask 000"
done
expect_eq "$(mode_of "$work/s4")" 700 "store 0700 under umask 000"

finish
