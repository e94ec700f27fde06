#!/bin/sh
# The store's index, the listing's cache: a listing reads it, but never
# trusts it over the entries.  Every listing here is compared with one
# made without any index.
. "${top_srcdir}/tests/cli/lib.sh"

for n in 1 2 3; do
  run 0 "$CERTWIZ" request --key p256 --out "r$n.req" \
    --subject "C=US, O=Contoso Corp, CN=mail$n.contoso.com"
done
run 0 "$CERTWIZ" selfsign --key p256 \
  --subject "C=US, O=Contoso Corp, CN=web1.contoso.com"
run 0 "$CERTWIZ" selfsign --key p256 \
  --subject "C=US, O=Contoso Corp, CN=web2.contoso.com"
index="$CERTWIZ_STORE/index"

# same A B: two JSON listings say the same; the days left are left out,
# as a second may pass between them.
same() {
  grep -v '"days_left"' "$1" >"$work/same.a"
  grep -v '"days_left"' "$2" >"$work/same.b"
  cmp -s "$work/same.a" "$work/same.b"
}

# listed NAME: the JSON listing, also made again without the index; both
# must say the same.
listed() {
  run 0 "$CERTWIZ" list --format json
  cp "$work/out" "$work/$1.json"
  mv "$index" "$work/index.kept" 2>/dev/null || true
  run 0 "$CERTWIZ" list --format json
  same "$work/out" "$work/$1.json" &&
    ok "$1: the index says what the entries say" ||
    fail "$1: the listing from the index differs from the entries"
}

[ ! -e "$index" ] && ok "no index before the first listing" ||
  fail "an index before any listing"
listed first
[ -f "$index" ] && ok "a listing writes the index" || fail "no index written"
expect_eq "$(mode_of "$index")" 600 "the index is 0600"
run 0 "$CERTWIZ" list --format json
same "$work/out" "$work/first.json" && ok "the listing from the index" ||
  fail "the listing from the index differs"
[ -z "$(ls -A "$CERTWIZ_STORE/tmp")" ] && ok "nothing left in tmp/" ||
  fail "tmp/ not empty"

# A record edited in place (same inode): the entry is read again.
run 0 "$CERTWIZ" list
installed=$(ls "$CERTWIZ_STORE/certs" | head -1)
record="$CERTWIZ_STORE/certs/$installed/record"
sed 's/^cn: .*/cn: edited.contoso.com/' "$record" >"$work/record.new"
cat "$work/record.new" >"$record"
listed edited
expect_in "$work/edited.json" '"cn": "edited.contoso.com"' \
  "a record edited in place is read again"

# A key removed by hand: the folder changed.
rm "$CERTWIZ_STORE/certs/$installed/key.pem"
listed keyless
run 0 "$CERTWIZ" list
short=$(echo "$installed" | cut -c1-8)
grep " $short " "$work/out" | grep -q ' no$' && ok "a removed key is seen" ||
  fail "the index hid a removed key"

# An entry removed by hand is gone; one added appears.
pending=$(ls "$CERTWIZ_STORE/pending" | head -1)
rm -r "$CERTWIZ_STORE/pending/$pending"
run 0 "$CERTWIZ" request --key p256 --out r4.req \
  --subject "C=US, O=Contoso Corp, CN=mail4.contoso.com"
listed changed
expect_not_in "$work/changed.json" "\"$pending\"" "a removed entry is gone"
expect_in "$work/changed.json" "mail4.contoso.com" "a new entry is listed"

# A damaged, foreign or lying index is not believed.
run 0 "$CERTWIZ" list
for damage in garbage truncated foreign lying; do
  case $damage in
    garbage) head -c 3000 /dev/urandom >"$index" ;;
    truncated) head -c 700 "$work/index.kept" >"$index" ;;
    foreign) printf '# certwiz record 1\nindex: 99\n' >"$index" ;;
    lying)
      sed -e 's/^cn: mail\(.*\)/cn: evil\1/' \
          -e 's/^entry: certs\/.*/entry: certs\/0000000000000000000000000000000000000000/' \
          "$work/index.kept" >"$index" ;;
  esac
  chmod 600 "$index"
  run 0 "$CERTWIZ" list --format json
  same "$work/out" "$work/changed.json" &&
    ok "a $damage index is not believed" ||
    fail "a $damage index changed the listing"
  sed -n 2p "$index" | grep -qx 'index: 1' &&
    ok "a $damage index is written anew" || fail "a $damage index stayed"
done

# An index planted as a link is neither read through nor written through.
echo "not to be touched" >"$work/target"
rm -f "$index"
ln -s "$work/target" "$index"
run 0 "$CERTWIZ" list --format json
same "$work/out" "$work/changed.json" && ok "a linked index is not read" ||
  fail "a linked index changed the listing"
expect_eq "$(cat "$work/target")" "not to be touched" \
  "the link's target is untouched"
[ -f "$index" ] && [ ! -L "$index" ] && ok "the link was replaced" ||
  fail "the index is still a link"

finish
