#!/bin/sh
# Output files: never overwritten without --force; a default name when no
# --out is given.
. "${top_srcdir}/tests/cli/lib.sh"

subject="C=US, O=Contoso Corp, CN=mail1.contoso.com"

echo "precious" >taken.req
run 1 "$CERTWIZ" request --key p256 --out taken.req --subject "$subject"
expect_in "$work/err" "[out-exists]" "existing --out refused"
expect_in "$work/err" "--force" "the refusal names --force"
expect_eq "$(cat taken.req)" "precious" "the existing file is untouched"
[ ! -d "$CERTWIZ_STORE/pending" ] || [ -z "$(ls "$CERTWIZ_STORE/pending")" ] &&
  ok "no key kept for the refused request" || fail "a key was kept"

run 0 "$CERTWIZ" request --key p256 --out taken.req --force --subject "$subject"
run 0 "$OPENSSL" req -in taken.req -noout -verify
ok "--force replaces the file with a valid request"

# A symbolic link at the target is replaced, never followed.
echo "victim" >victim
ln -s victim link.req
run 1 "$CERTWIZ" request --key p256 --out link.req --subject "$subject"
expect_eq "$(cat victim)" "victim" "a link at --out is not followed"
run 0 "$CERTWIZ" request --key p256 --out link.req --force --subject "$subject"
expect_eq "$(cat victim)" "victim" "--force replaces the link, not its target"
[ -f link.req ] && [ ! -L link.req ] && ok "link.req is now the request" ||
  fail "link.req is still a link"

# Without --out: NAME.req here, and a free name when it is taken.
run 0 "$CERTWIZ" request --key p256 --subject "$subject"
[ -f mail1.contoso.com.req ] && ok "default path from the CN" || fail "no default file"
expect_in "$work/out" "mail1.contoso.com.req" "the default path is printed"
run 0 "$CERTWIZ" request --key p256 --subject "$subject"
[ -f mail1.contoso.com-2.req ] && ok "a taken default name is not replaced" ||
  fail "no second default file"
run 0 "$CERTWIZ" request --key p256 --subject "CN=*.contoso.com"
[ -f wildcard.contoso.com.req ] && ok "wildcard default name" || fail "wildcard name"

# A folder that does not exist: refused before any key is made.
count=$(ls "$CERTWIZ_STORE/pending" | wc -l)
run 1 "$CERTWIZ" request --key p256 --out missing/dir/x.req --subject "$subject"
expect_in "$work/err" "[out-folder]" "a missing output folder is refused"
expect_in "$work/err" "does not exist" "the error says why"
expect_eq "$(ls "$CERTWIZ_STORE/pending" | wc -l)" "$count" "no key kept"

finish
