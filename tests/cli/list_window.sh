#!/bin/sh
# list --file reads a bundle larger than its window a window at a time:
# the rows are those of the same file read whole (from standard input),
# garbage between the blocks changes nothing, and a damaged block at the
# end refuses the file with nothing listed.  Import and verify read the
# same bundle and keep only what they need.
. "${top_srcdir}/tests/cli/lib.sh"

"$MAKE_BUNDLE" 3000 >big.pem
# Its certificates expire whole days from when it was made: the days
# left drop by one in the next second, then hold for a day.
sleep 2
[ "$(wc -c <big.pem)" -gt $((2 * 512 * 1024)) ] &&
  ok "the bundle spans several windows" || fail "the bundle is too small"

for format in text json; do
  run 0 "$CERTWIZ" list --format "$format" --file big.pem
  cp "$work/out" windowed.$format
  run 0 sh -c "\"\$CERTWIZ\" list --format $format --file - <big.pem"
  cmp -s windowed.$format "$work/out" &&
    ok "$format: the windowed rows are the whole file's" ||
    fail "$format: the windowed listing differs from the whole file's"
done
expect_eq "$(wc -l <windowed.text)" 3002 "a row for the CA and each leaf"

# Text between the blocks, as in bundles put together by hand.
awk '/-----BEGIN CERTIFICATE-----/ { print "subject=garbage -----BEGIN"; }
     { print }' big.pem >garbage.pem
run 0 "$CERTWIZ" list --file garbage.pem
cmp -s windowed.text "$work/out" && ok "garbage between blocks is skipped" ||
  fail "garbage between blocks changed the listing"

cp big.pem damaged.pem
printf -- '-----BEGIN CERTIFICATE-----\nnot base64\n-----END CERTIFICATE-----\n' \
  >>damaged.pem
run 1 "$CERTWIZ" list --file damaged.pem
expect_eq "$(wc -c <"$work/out")" 0 "a refused file lists nothing"
expect_in "$work/err" "[file-malformed]" "the damaged block is named"

# Import chooses from the windows what it chooses from the whole file.
run 0 "$CERTWIZ" import --cert-only big.pem
expect_in "$work/out" "Installed the certificate WITHOUT a private key" \
  "import reads the bundle in windows"
run 0 sh -c "\"\$CERTWIZ\" --store whole import --cert-only - <big.pem"
expect_eq "$(ls "$CERTWIZ_STORE/certs")" "$(ls whole/certs)" \
  "the same certificate as from the whole file"
# The leaves import does not keep are still told as left out, in order.
: >leaves.pem
for n in 1 2 3 4 5; do
  "$OPENSSL" req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes \
    -keyout "k$n.pem" -subj "/CN=leaf$n.contoso.com" -days 30 \
    -addext basicConstraints=critical,CA:FALSE -out "l$n.pem" 2>/dev/null
  cat "l$n.pem" >>leaves.pem
done
run 0 "$CERTWIZ" --store leaves import --cert-only leaves.pem
expect_eq "$(sed -n 's/.*"\(leaf[0-9]\)\.contoso\.com" is not part.*\[chain-unrelated\]$/\1/p' \
  "$work/err" | paste -sd, -)" "leaf2,leaf3,leaf4,leaf5" \
  "every leaf left out is named, in the file's order"
finish
