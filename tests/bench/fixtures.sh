#!/bin/sh
# What the benchmarks read, made with GnuTLS's certtool (never with
# certwiz, which is what is measured), then kept for the next run:
#   DIR/ca.pem, ca.key     a P-256 CA
#   DIR/certs/N.pem        N certificates it issued: every one with its own
#                          names and serial, one in 97 expired, the others
#                          expiring over the next two years
#   DIR/bundle.pem         all of them, one after the other
#   DIR/store/             a certwiz store holding the same certificates,
#                          installed with certwiz import --cert-only
#
# Usage: fixtures.sh DIR COUNT CERTWIZ CERTTOOL
set -eu

dir=$1 count=$2 certwiz=$3 certtool=$4
jobs=$(getconf _NPROCESSORS_ONLN 2>/dev/null || echo 2)

[ -f "$dir/ready-$count" ] && exit 0
rm -rf "$dir"
mkdir -p "$dir/certs" "$dir/templates"

quiet() { "$@" >/dev/null 2>&1 || { echo "fixtures: failed: $*" >&2; exit 1; }; }

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
quiet "$certtool" --generate-self-signed --load-privkey "$dir/ca.key" \
  --template "$dir/ca.tmpl" --outfile "$dir/ca.pem" --no-text
# The leaves share one key: it only makes the fixtures quicker to write.
quiet "$certtool" --generate-privkey --key-type ecdsa --curve secp256r1 \
  --outfile "$dir/leaf.key"

echo "fixtures: issuing $count certificates with certtool..." >&2
i=1
while [ "$i" -le "$count" ]; do
  {
    echo "cn = \"host$i.bench.example\""
    echo "organization = \"Bench Unit $((i % 50))\""
    echo "country = DE"
    echo "dns_name = \"host$i.bench.example\""
    echo "dns_name = \"www.host$i.bench.example\""
    echo "serial = $((i + 1))"
    if [ $((i % 97)) -eq 0 ]; then
      echo 'activation_date = "2024-01-01 00:00:00"'
      echo 'expiration_date = "2025-01-01 00:00:00"'
    else
      echo "expiration_days = $((i * 37 % 730 + 1))"
    fi
    echo "tls_www_server"
  } >"$dir/templates/$i.tmpl"
  i=$((i + 1))
done
seq 1 "$count" | xargs -P "$jobs" -I {} "$certtool" --generate-certificate \
  --load-privkey "$dir/leaf.key" --load-ca-certificate "$dir/ca.pem" \
  --load-ca-privkey "$dir/ca.key" --template "$dir/templates/{}.tmpl" \
  --outfile "$dir/certs/{}.pem" --no-text >/dev/null 2>&1
seq 1 "$count" | sed "s|.*|$dir/certs/&.pem|" | xargs cat >"$dir/bundle.pem"
issued=$(grep -c 'BEGIN CERTIFICATE' "$dir/bundle.pem")
[ "$issued" -eq "$count" ] ||
  { echo "fixtures: $issued of $count certificates issued" >&2; exit 1; }

echo "fixtures: installing them in a store with certwiz import..." >&2
# certwiz warns that the chain lacks its CA: expected, not logged.
seq 1 "$count" | xargs -P "$jobs" -I {} "$certwiz" --store "$dir/store" \
  import --cert-only "$dir/certs/{}.pem" 2>&1 >/dev/null |
  grep -v chain-missing-intermediate >"$dir/import.log" || :
installed=$(ls "$dir/store/certs" | wc -l)
[ "$installed" -eq "$count" ] || {
  echo "fixtures: $installed of $count certificates installed:" >&2
  head -5 "$dir/import.log" >&2
  exit 1
}
touch "$dir/ready-$count"
