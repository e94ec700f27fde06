#!/bin/sh
# Generates the ISO 3166-1 table from iso-codes' JSON, so the list of
# country codes is never typed by hand.  Usage: gen-countries.sh JSON > OUT
set -eu
json=$1
[ -r "$json" ] || {
  echo "gen-countries.sh: $json not found; install the iso-codes package" >&2
  exit 1
}
echo '/* Generated from iso-codes by build-aux/gen-countries.sh.  Do not edit. */'
# iso-codes writes one "key": "value" pair a line; an entry ends with "}".
sed -n 's/^[[:space:]]*"\([a-z_0-9]*\)":[[:space:]]*"\(.*\)",\{0,1\}[[:space:]]*$/\1	\2/p; s/^[[:space:]]*}.*/END/p' "$json" |
awk -F '	' '
  $1 == "END" { if (a2 != "") printf "  { \"%s\", \"%s\", \"%s\" },\n", a2, a3, name; a2 = a3 = name = ""; next }
  $1 == "alpha_2" { a2 = $2 }
  $1 == "alpha_3" { a3 = $2 }
  $1 == "name" { name = $2 }
'
