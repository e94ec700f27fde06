#!/bin/sh
# The manual: it renders without warnings, and it names every command and
# every option the program's own --help gives.
. "${top_srcdir}/tests/cli/lib.sh"

page="$top_srcdir/man/certwiz.1"
if command -v groff >/dev/null 2>&1; then
  groff -man -ww -z "$page" 2>groff.err
  [ ! -s groff.err ] && ok "groff -man -ww renders it without a warning" ||
    { fail "groff warns"; cat groff.err >&2; }
fi

# In roff, a hyphen of an option is written \-.
plain=$(sed 's/\\-/-/g' "$page")
commands=$("$CERTWIZ" --help | sed -n 's/^  \([a-z][a-z]*\)  .*/\1/p')
[ -n "$commands" ] || fail "no command found in --help"
for c in $commands; do
  printf '%s\n' "$plain" | grep -q "^\.SS \"$c" && ok "the command $c" ||
    fail "the manual has no section for $c"
  for o in $("$CERTWIZ" "$c" --help | grep -o -- '--[a-z][a-z-]*' | sort -u); do
    printf '%s\n' "$plain" | grep -q -- "$o" || fail "$c: $o is not in the manual"
  done
done
ok "every option of every command is in the manual"
finish
