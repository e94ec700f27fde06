#!/bin/sh
# No message advises an action that loses a key.  A message that tells
# the user to delete something first, or to delete and import again,
# must say in the same message that the key stays (on its token, or in
# another entry): otherwise following it destroys a private key.
set -eu
cd "${top_srcdir:?}"
command -v xgettext >/dev/null || { echo "xgettext is missing" >&2; exit 77; }
pot=$(mktemp "${TMPDIR:-/tmp}/certwiz-key-advice.XXXXXX")
trap 'rm -f "$pot"' EXIT
xgettext --from-code=UTF-8 -k_ -kN_ -kngettext:1,2 -o "$pot" \
  $(grep -v '^#' po/POTFILES.in)
# Each message on one line: the msgid's strings joined.
bad=$(awk '
  /^msgid / { in_id = 1; id = ""; }
  /^msgstr/ { if (id != "") print id; in_id = 0; }
  in_id && /^(msgid )?"/ { line = $0; sub(/^msgid /, "", line);
                           gsub(/^"|"$/, "", line); id = id line; }
' "$pot" |
  grep -iE 'delet[^.]*(first|and (then )?import|then import)|certwiz delete' |
  grep -v '^Usage: ' |
  grep -viE 'key (stays|is kept)|keeps? (its|the) key' || true)
if [ -n "$bad" ]; then
  echo "messages that advise deleting without saying the key stays:" >&2
  printf '  %s\n' "$bad" >&2
  exit 1
fi
echo "no message advises deleting where a key would be lost"
