#!/bin/sh
# Every source file that marks strings for translation is listed in
# po/POTFILES.in, so no message is left out of the catalogs.
set -eu
cd "${top_srcdir:?}"
missing=$(grep -l -E '\b(N?C?_|ngettext) ?\(' src/*.c src/*/*.c ui/*.c forms/*.c 2>/dev/null |
  while read -r f; do
    grep -qx "$f" po/POTFILES.in || echo "$f"
  done)
stale=$(grep -v '^#' po/POTFILES.in | while read -r f; do
  [ -z "$f" ] || [ -f "$f" ] || echo "$f"
done)
[ -z "$missing" ] || { echo "not in po/POTFILES.in: $missing" >&2; exit 1; }
[ -z "$stale" ] || { echo "in po/POTFILES.in but gone: $stale" >&2; exit 1; }
echo "po/POTFILES.in lists every file with translatable strings"
