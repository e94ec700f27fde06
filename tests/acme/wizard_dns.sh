#!/bin/sh
# dns-01 from the wizard against a real pebble with pebble-challtestsrv
# as the zone's DNS server: the TXT record is shown, the wizard waits on
# a screen of the event loop (a countdown, r looks now), the test sets
# the record through challtestsrv's management API, and the certificate
# is installed.  Esc while waiting keeps the pending request and its
# key, and sending it again takes the same order up.
. "${top_srcdir}/tests/tui/lib.sh"
. "${top_srcdir}/tests/acme/lib.sh"
trap 'tui_stop; stop_daemons; rm -rf "$work"' EXIT
: "${TUI_TIMEOUT:=20}"

start_pebble
dns="127.0.0.1:$dns_port"

# send_by_dns NAME [ANY_ORDER]: from the browser, the only pending request of NAME
# sent with a DNS record as the check, up to the records screen.
send_by_dns() {
  tui_new CERTWIZ_DNS_SERVER="$dns" "$CERTWIZ" browse
  wait_for "1 of 1"
  send Enter
  wait_for "pending"
  send s
  wait_for "Send the request to a CA"
  send Tab
  wait_for "certwiz on a"
  send Right Right
  wait_for "(•) a TXT record"
  expect_no_screen "Listen on" "no folder or port for DNS"
  expect_screen "looking up a TXT" "the form says how DNS is checked"
  send Enter
  wait_for "Look now"
  # With several names, the CA's order is its own (ANY_ORDER given).
  [ -n "${2:-}" ] || wait_words "Name _acme-challenge.$1."
}

# The value shown on the records screen, on a line of its own.
shown_value() {
  screen | sed -n 's/^ *Value *\([A-Za-z0-9_-]\{43\}\) *$/\1/p' | head -n 1
}

set_txt() {
  curl -fsS -d "{\"host\": \"_acme-challenge.$1.\", \"value\": \"$2\"}" \
    "$mgmt/set-txt" >/dev/null
}

# ------------------------------------ the record set while the wizard waits
run 0 "$CERTWIZ" account add --server "$acme_dir" --ca-bundle "$ca_bundle" \
  --agree-tos
run 0 "$CERTWIZ" request --subject CN=dns.example.org --key p256 \
  --out "$work/dns.req"
send_by_dns dns.example.org
expect_screen "Next look in" "a countdown to the next look"
value=$(shown_value)
[ -n "$value" ] && ok "the value is shown on one line" \
  || { fail "no value on the screen"; show_screen; finish; }
# A look before the record exists sees it missing and keeps waiting.
send r
wait_for "not served yet"
ok "r looks, and the missing record is said"
set_txt dns.example.org "$value"
send r
wait_for "The CA issued the certificate" 30
ok "the record served, the CA told, the certificate issued"
send Enter
tui_stop
run 0 "$CERTWIZ" list
expect_in "$work/out" "dns.example.org"
expect_not_in "$work/out" "pending" "the request became a certificate"
id=$(awk '/dns.example.org/ { print $2; exit }' "$work/out")
run 0 "$CERTWIZ" show "$id"
expect_in "$work/out" "Key here:       yes" "on the key kept in the store"

# ------------------------------------- Esc while waiting keeps the request
export CERTWIZ_STORE="$work/store2"
run 0 "$CERTWIZ" account add --server "$acme_dir" --ca-bundle "$ca_bundle" \
  --agree-tos
run 0 "$CERTWIZ" request --subject CN=wait.example.org --key p256 \
  --out "$work/wait.req"
rid=$(sed -n 's/^ID: *//p' "$work/out")
send_by_dns wait.example.org
first=$(shown_value)
send Escape
wait_for "The order waits for the DNS records"
expect_screen "kept pending with its key"
send Enter
wait_for "Send the request to a CA"
tui_stop
run 0 "$CERTWIZ" list
expect_in "$work/out" "wait.example.org"
expect_in "$work/out" "pending" "the request is still pending"
run 0 "$CERTWIZ" show "$rid"
expect_in "$work/out" "Key here:       yes" "its key is kept"

# Sent again, the same order is taken up: the same record is asked for.
send_by_dns wait.example.org
again=$(shown_value)
expect_eq "$again" "$first" "the order is resumed with the same record"
set_txt wait.example.org "$again"
send r
wait_for "The CA issued the certificate" 30
ok "the resumed order gives the certificate"
send Enter
tui_stop
run 0 "$CERTWIZ" list
expect_not_in "$work/out" "pending" "the resumed request became a certificate"

# ------------------------- more records than the screen holds: they scroll
export CERTWIZ_STORE="$work/store3"
run 0 "$CERTWIZ" account add --server "$acme_dir" --ca-bundle "$ca_bundle" \
  --agree-tos
run 0 "$CERTWIZ" request --subject CN=a.many.example.org --key p256 \
  --san b.many.example.org --san c.many.example.org \
  --san d.many.example.org --out "$work/many.req"
send_by_dns a.many.example.org any-order
wait_for "of 4: Up and Down show the others"
ok "the screen says that not all records are shown, and how to see them"
# Each record in turn at the top (in the CA's order), its value set as
# the test reads it.
top_name() {
  screen | sed -n 's/^ *Name *_acme-challenge\.\([a-z.]*\)\. *$/\1/p' |
    head -n 1
}
# The records on the screen now, as "NAME VALUE" lines.
shown_records() {
  screen | awk '$1 == "Name" { sub("^_acme-challenge[.]", "", $2);
                               sub("[.]$", "", $2); n = $2 }
                $1 == "Value" && n != "" { print n, $2; n = "" }'
}
[ "$(shown_records | wc -l)" -lt 4 ] && ok "not every record fits at once" ||
  fail "all four records fit: nothing to scroll"
seen=
for _ in 1 2 3 4; do
  top=$(top_name)
  shown_records >"$work/records"
  while read -r name value; do
    case "$seen" in *" $name "*) continue ;; esac
    set_txt "$name" "$value"
    seen="$seen $name "
  done <"$work/records"
  send Down
  # Down moves the list up a record, until the last is shown.
  tries=20
  while [ "$(top_name)" = "$top" ] && [ "$tries" -gt 0 ]; do
    sleep 0.1
    tries=$((tries - 1))
  done
done
for name in a b c d; do
  case "$seen" in
    *" $name.many.example.org "*) ok "record $name seen by scrolling" ;;
    *) fail "record $name never shown (seen:$seen)" ;;
  esac
done
at_bottom=$(top_name)
send Up
wait_for "Records" >/dev/null
tries=20
while [ "$(top_name)" = "$at_bottom" ] && [ "$tries" -gt 0 ]; do
  sleep 0.1
  tries=$((tries - 1))
done
[ "$(top_name)" != "$at_bottom" ] && ok "Up goes back" || fail "Up did not scroll"
send r
wait_for "The CA issued the certificate" 30
ok "every record created from the scrolled screen, the certificate issued"
send Enter
tui_stop

finish
