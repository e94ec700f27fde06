#!/bin/sh
# Certificates whose names attack terminals: escape sequences, an OSC
# title change, C1 controls, bidirectional overrides, backspaces,
# carriage returns, invalid UTF-8, a name of 5,000 characters.  Nothing
# certwiz prints may carry a control byte from them.
. "${top_srcdir}/tests/cli/lib.sh"

"$MAKE_HOSTILE" >hostile.pem

# Control bytes other than newline, C1 controls as UTF-8 (\xc2\x80 to
# \xc2\x9f), bidirectional controls (U+200E/F, U+202A-E, U+2066-9,
# U+061C): none may reach the terminal.
no_controls() {
  if LC_ALL=C grep -q "$(printf '[\001-\011\013-\037\177]')" "$1" ||
     LC_ALL=C grep -q "$(printf '\302[\200-\237]')" "$1" ||
     LC_ALL=C grep -q "$(printf '\342\200[\216\217\252-\256]')" "$1" ||
     LC_ALL=C grep -q "$(printf '\342\201[\246-\251]')" "$1" ||
     LC_ALL=C grep -q "$(printf '\330\234')" "$1"; then
    fail "$2: a control character reached the output"
    od -c "$1" | grep -E '033|\\r|\\b|007' | head -5 >&2
  else
    ok "$2: no control character reached the output"
  fi
}

run 0 "$CERTWIZ" show hostile.pem
cat "$work/out" "$work/err" >all
no_controls all "show"
expect_in "$work/out" 'title.example\x1b]0;pwned\x07' "the OSC title change is shown escaped"
expect_in "$work/out" 'bidi.example<U+202E>moc.live' "a bidi override is shown as <U+202E>"
expect_in "$work/out" 'c1.example\x9b31m' "a C1 CSI is shown escaped"
expect_in "$work/out" 'back.example\x08' "backspaces are shown escaped"
expect_in "$work/out" 'cr.example\x0dCARRIAGE' "a carriage return is shown escaped"
expect_in "$work/out" 'OU=bad\xff\xfe' "invalid UTF-8 is shown escaped"
long=$(grep 'DNS:aaaa' "$work/out" | awk '{print length($0)}')
[ "${long:-0}" -gt 100 ] && [ "${long:-0}" -lt 1100 ] &&
  ok "a 5,000-character name is cut ($long columns)" ||
  fail "the long name is not cut: ${long:-missing}"
expect_in "$work/out" "$(printf 'aaa\342\200\246')" "the cut is marked"

run 0 "$CERTWIZ" show hostile.pem --format json
no_controls "$work/out" "show --format json"
expect_in "$work/out" '\u001b]0;pwned\u0007' "JSON escapes the title change"
if command -v python3 >/dev/null 2>&1; then
  python3 -m json.tool "$work/out" >/dev/null && ok "the JSON is valid" ||
    fail "the JSON is not valid"
fi

run 0 "$CERTWIZ" list --file hostile.pem
no_controls "$work/out" "list --file"
run 0 "$CERTWIZ" list --file hostile.pem --format json
no_controls "$work/out" "list --file --format json"

run 1 "$CERTWIZ" match hostile.pem contoso.com
cat "$work/out" "$work/err" >all
no_controls all "match"

# verify prints the chain and quotes names in its findings.
run 1 "$CERTWIZ" verify hostile.pem --name contoso.com
cat "$work/out" "$work/err" >all
no_controls all "verify"
expect_in "$work/err" "[name-mismatch]" "verify names what it covers, escaped"
run 1 "$CERTWIZ" verify hostile.pem --format json
no_controls "$work/out" "verify --format json"

# Installed in the store, it is listed and shown as safely.
run 0 "$CERTWIZ" import --cert-only hostile.pem
cat "$work/out" "$work/err" >all
no_controls all "import"
run 0 "$CERTWIZ" list
no_controls "$work/out" "list"
id=$(ls "$CERTWIZ_STORE/certs")
run 0 "$CERTWIZ" show "$id"
no_controls "$work/out" "show ID"

# Where the terminal cannot show UTF-8, nothing but ASCII is written.
LC_ALL=C "$CERTWIZ" show hostile.pem >c.out 2>&1
if LC_ALL=C grep -q "$(printf '[\200-\377]')" c.out; then
  fail "non-ASCII bytes in the C locale"
else
  ok "only ASCII in the C locale"
fi
expect_in c.out '<U+202E>' "the C locale shows code points"

finish
