#!/bin/sh
# Makes Debian 13's pebble (2.6, which serves ACME renewal information)
# ready in DEST without installing it: apt-get download with a sources list
# kept in a private folder, then dpkg-deb -x.  The package's binaries are
# static and run on Debian 12.
#   build-aux/fetch-pebble.sh DEST
set -eu
dest=$1
[ -x "$dest/usr/bin/pebble" ] && exit 0
command -v apt-get >/dev/null 2>&1 || { echo "apt-get is missing" >&2; exit 1; }
mkdir -p "$dest"
priv=$(mktemp -d "${TMPDIR:-/tmp}/certwiz-pebble.XXXXXX")
trap 'rm -rf "$priv"' EXIT
mkdir -p "$priv/lists/partial" "$priv/cache/archives/partial"
keyring=/usr/share/keyrings/debian-archive-keyring.gpg
printf 'deb [signed-by=%s] http://deb.debian.org/debian trixie main\n' \
  "$keyring" >"$priv/sources.list"
opts="-o Dir::Etc::SourceList=$priv/sources.list -o Dir::Etc::SourceParts=/dev/null
  -o Dir::State::Lists=$priv/lists -o Dir::Cache=$priv/cache
  -o APT::Sandbox::User=root -q"
# shellcheck disable=SC2086
apt-get $opts update >/dev/null
# shellcheck disable=SC2086
(cd "$priv" && apt-get $opts download pebble >/dev/null)
dpkg-deb -x "$priv"/pebble_*.deb "$priv/x"
mkdir -p "$dest/usr/bin"
cp "$priv/x/usr/bin/pebble" "$priv/x/usr/bin/pebble-challtestsrv" "$dest/usr/bin/"
"$dest/usr/bin/pebble" -version >/dev/null 2>&1 || {
  echo "the downloaded pebble does not run here" >&2
  rm -rf "$dest/usr"; exit 1; }
