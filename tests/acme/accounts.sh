#!/bin/sh
# ACME accounts against a real pebble: the terms must be agreed to, the
# key may be ECDSA or RSA, contacts change, the key rolls over, and an
# account is deactivated; with EAB when the CA requires it.
. "$top_srcdir/tests/cli/lib.sh"
. "$top_srcdir/tests/acme/lib.sh"

start_pebble
ca="--ca-bundle $ca_bundle"

# The terms are shown and must be agreed to; nothing is written.
run 1 "$CERTWIZ" account add --server "$acme_dir" $ca
expect_in "$work/err" "acme-terms-not-agreed" "terms refused without --agree-tos"
expect_in "$work/err" "data:text/plain" "the terms' address is shown"
[ ! -d "$CERTWIZ_STORE/accounts" ] && ok "no account entry" || fail "an account entry was written"

run 0 "$CERTWIZ" account add --server "$acme_dir" $ca --agree-tos \
  --email admin@example.com --name main
expect_in "$work/out" 'Account "main" added.'
url=$(sed -n 's/^Account URL: *//p' "$work/out")
[ -n "$url" ] && ok "account URL $url" || fail "no account URL"
expect_eq "$(stat -c %a "$CERTWIZ_STORE/accounts/main/key.pem")" 600 "account key 0600"
expect_in "$CERTWIZ_STORE/accounts/main/record" "contact: mailto:admin@example.com"

# The CA knows the account by its key: the object comes back.
run 0 "$CERTWIZ" account show main
expect_in "$work/out" "State:           valid"
expect_in "$work/out" "mailto:admin@example.com"
expect_in "$work/out" "ES256" "a P-256 key signs ES256"

run 0 "$CERTWIZ" account update main --email ops@example.com --email b@example.com
run 0 "$CERTWIZ" account show main
expect_in "$work/out" "mailto:ops@example.com" "contact updated at the CA"
expect_not_in "$work/out" "mailto:admin@example.com"

# Rollover: the CA then knows only the new key.
old=$(sha256sum <"$CERTWIZ_STORE/accounts/main/key.pem")
run 0 "$CERTWIZ" account rollover main --key rsa2048
new=$(sha256sum <"$CERTWIZ_STORE/accounts/main/key.pem")
[ "$old" != "$new" ] && ok "new key in the store" || fail "key unchanged"
run 0 "$CERTWIZ" account show main
expect_in "$work/out" "RS256" "the account now signs RS256"
expect_in "$work/out" "$url" "same account after rollover"

# A key the CA refuses leaves the account as it was.
run 3 "$CERTWIZ" account rollover main --key ed25519
expect_in "$work/err" "acme-bad-public-key"
run 0 "$CERTWIZ" account show main
expect_in "$work/out" "RS256" "the account still signs with its key"

# A second account, RSA from the start.
run 0 "$CERTWIZ" account add --server "$acme_dir" $ca --agree-tos --name second --key rsa3072
run 0 "$CERTWIZ" account list
expect_in "$work/out" "main"
expect_in "$work/out" "second"
run 1 "$CERTWIZ" account show
expect_in "$work/err" "acme-which-account" "two accounts: which one"

run 1 "$CERTWIZ" account deactivate second
expect_in "$work/err" "acme-deactivate-unconfirmed"
run 0 "$CERTWIZ" account deactivate second --yes
expect_in "$CERTWIZ_STORE/accounts/second/record" "state: deactivated"
run 3 "$CERTWIZ" account show second
expect_in "$work/err" "acme-unauthorized" "the CA refuses a deactivated account"
stop_daemons

# External account binding: required by this CA, the HMAC key from a file.
eab_key=zWNDZM6eQGHWpSRTPal5eIUYFTu7EajVIoguysqZ9wG44nMEtx3MUAsUDkMTQ12W
start_pebble pebble "" kid-1 "$eab_key"
export CERTWIZ_STORE="$work/store-eab"
run 1 "$CERTWIZ" account add --server "$acme_dir" --ca-bundle "$ca_bundle" --agree-tos
expect_in "$work/err" "acme-eab-required" "EAB required, refused without it"
printf '%s\n' "$eab_key" >"$work/eab.key"
chmod 600 "$work/eab.key"
run 0 "$CERTWIZ" account add --server "$acme_dir" --ca-bundle "$ca_bundle" --agree-tos \
  --eab-kid kid-1 --eab-key-file "$work/eab.key"
expect_in "$work/out" "Bound to:        kid-1"
printf 'c29tZXRoaW5nIGVsc2U\n' >"$work/wrong.key"
run 3 "$CERTWIZ" account add --server "$acme_dir" --ca-bundle "$ca_bundle" --agree-tos \
  --eab-kid kid-1 --eab-key-file "$work/wrong.key" --name wrong
expect_in "$work/err" "[acme-" "a wrong HMAC key is refused by the CA"
[ ! -d "$CERTWIZ_STORE/accounts/wrong" ] && ok "nothing kept for it" || fail "wrong account kept"
run 0 "$CERTWIZ" account --help
expect_not_in "$work/out" "--eab-key " "no option takes the HMAC key itself"

exit $((failures > 0))
