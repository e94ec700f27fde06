#!/bin/sh
# The core says what to do in plain words: no message of src/ outside
# src/cli/ names a command-line option.  The command line adds its own
# hint (src/cli/hints.c) where one helps.
set -eu
cd "${top_srcdir:?}"
command -v xgettext >/dev/null 2>&1 ||
  { echo "SKIP: xgettext is missing (./quickstart installs gettext)"; exit 77; }
files=$(grep -v '^#' po/POTFILES.in | grep '^src/' | grep -v '^src/cli/')
pot=$(mktemp "${TMPDIR:-/tmp}/certwiz-core.XXXXXX")
trap 'rm -f "$pot"' EXIT
# shellcheck disable=SC2086
xgettext --from-code=UTF-8 --keyword=_ --keyword=N_ --keyword=C_:1c,2 \
  --keyword=NC_:1c,2 --omit-header --no-location -o "$pot" $files
# Each message on one line, its continuation lines joined.
found=$(awk '/^msgid /{ if (m != "") print m; m = $0; next }
             /^"/ && m != "" { m = m $0; next }
             { if (m != "") print m; m = "" }
             END { if (m != "") print m }' "$pot" |
        sed 's/" *"//g' | grep -E -- '(^|[^a-z-])--[a-z]' || true)
if [ -n "$found" ]; then
  echo "core messages that name an option:" >&2
  printf '%s\n' "$found" >&2
  exit 1
fi
echo "no core message names a command-line option"
