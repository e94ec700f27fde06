#!/bin/sh
# What the benchmarks read, made with GnuTLS's certtool (never with
# certwiz, which is what is measured), then kept for the next run:
#   DIR/ca.pem, ca.key     a P-256 CA
#   DIR/certs/I.pem        the certificates it issued, as many as the
#                          largest scale: every one with its own names and
#                          serial, one in 97 expired, the others expiring
#                          over the next two years
#   DIR/N/bundle.pem       the first N of them, one after the other
#   DIR/N/store/           a certwiz store holding the same N certificates,
#                          installed by certwiz's import (tests/bench/
#                          storefill: cw_import --cert-only for each file,
#                          in one process, where a certwiz import per file
#                          would take half an hour at 100,000), its index
#                          written by a first certwiz list
# A scale already made is kept; a larger one issues only what is missing.
#
# Usage: fixtures.sh DIR CERTWIZ CERTTOOL STOREFILL N...
set -eu

dir=$1 certwiz=$2 certtool=$3 storefill=$4
shift 4
jobs=$(getconf _NPROCESSORS_ONLN 2>/dev/null || echo 2)

quiet() { "$@" >/dev/null 2>&1 || { echo "fixtures: failed: $*" >&2; exit 1; }; }

mkdir -p "$dir/certs" "$dir/templates"
if [ ! -f "$dir/ca.pem" ]; then
  cat >"$dir/ca.tmpl" <<EOF
cn = "certwiz Bench CA"
organization = "certwiz Bench"
country = DE
serial = 1
expiration_days = 3650
ca
cert_signing_key
crl_signing_key
EOF
  quiet "$certtool" --generate-privkey --key-type ecdsa --curve secp256r1 \
    --outfile "$dir/ca.key"
  # The leaves share one key: it only makes the fixtures quicker to write.
  quiet "$certtool" --generate-privkey --key-type ecdsa --curve secp256r1 \
    --outfile "$dir/leaf.key"
  quiet "$certtool" --generate-self-signed --load-privkey "$dir/ca.key" \
    --template "$dir/ca.tmpl" --outfile "$dir/ca.pem" --no-text
  echo 0 >"$dir/issued"
fi

# issue N: certificates 1..N, those not issued yet, certtool on every
# processor at once.
issue() {
  from=$(($(cat "$dir/issued") + 1))
  [ "$from" -le "$1" ] || return 0
  echo "fixtures: issuing certificates $from to $1 with certtool..." >&2
  awk -v from="$from" -v to="$1" -v dir="$dir/templates" 'BEGIN {
    for (i = from; i <= to; i++) {
      f = dir "/" i ".tmpl"
      printf "cn = \"host%d.bench.example\"\n", i >f
      printf "organization = \"Bench Unit %d\"\ncountry = DE\n", i % 50 >f
      printf "dns_name = \"host%d.bench.example\"\n", i >f
      printf "dns_name = \"www.host%d.bench.example\"\n", i >f
      printf "serial = %d\n", i + 1 >f
      if (i % 97 == 0)
        printf "activation_date = \"2024-01-01 00:00:00\"\n" \
               "expiration_date = \"2025-01-01 00:00:00\"\n" >f
      else
        printf "expiration_days = %d\n", i * 37 % 730 + 1 >f
      printf "tls_www_server\n" >f
      close(f)
    } }'
  seq "$from" "$1" | xargs -P "$jobs" -n 50 sh -c '
    dir=$1 certtool=$2
    shift 2
    for i in "$@"; do
      "$certtool" --generate-certificate --load-privkey "$dir/leaf.key" \
        --load-ca-certificate "$dir/ca.pem" --load-ca-privkey "$dir/ca.key" \
        --template "$dir/templates/$i.tmpl" --outfile "$dir/certs/$i.pem" \
        --no-text >/dev/null 2>&1 || exit 1
    done' sh "$dir" "$certtool" ||
    { echo "fixtures: certtool failed" >&2; exit 1; }
  echo "$1" >"$dir/issued"
}

# scale N: the bundle and the store of the first N certificates.
scale() {
  n=$1 at=$dir/$1
  [ -f "$at/ready" ] && return 0
  issue "$n"
  rm -rf "$at"
  mkdir -p "$at"
  seq 1 "$n" | sed "s|.*|$dir/certs/&.pem|" >"$at/files"
  xargs cat <"$at/files" >"$at/bundle.pem"
  issued=$(grep -c 'BEGIN CERTIFICATE' "$at/bundle.pem")
  [ "$issued" -eq "$n" ] ||
    { echo "fixtures: $issued of $n certificates issued" >&2; exit 1; }
  echo "fixtures: installing $n certificates in a store with certwiz's import..." >&2
  # certwiz warns that each chain lacks its CA: expected, not logged.
  "$storefill" "$at/store" <"$at/files" 2>&1 |
    grep -v chain-missing-intermediate >"$at/import.log" || :
  installed=$(ls "$at/store/certs" | wc -l)
  [ "$installed" -eq "$n" ] || {
    echo "fixtures: $installed of $n certificates installed:" >&2
    head -5 "$at/import.log" >&2
    exit 1
  }
  # The first listing writes the index the later ones read.
  "$certwiz" --store "$at/store" list >/dev/null
  touch "$at/ready"
}

for n in "$@"; do
  scale "$n"
done
