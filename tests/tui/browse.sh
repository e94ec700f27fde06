#!/bin/sh
# The certificate browser on a real terminal: the list, its sort and
# filter, one certificate's details, the PEM, the actions, read-only
# files, a hostile certificate, monochrome, and how it ends.
. "${top_srcdir}/tests/tui/lib.sh"

: "${CERTTOOL:=certtool}"

# ---------------------------------------------------------------- set-up
# A certificate with its key, expiring within 30 days; a pending
# request; a certificate that expired long ago, installed without key.
"$CERTWIZ" selfsign --key p256 --days 20 --friendly-name "Adatum intranet" \
  --subject "C=DE, O=Adatum GmbH, CN=intranet.adatum.de" \
  --san "intranet.adatum.de, 192.0.2.7" >/dev/null 2>&1 ||
  fail "selfsign failed"
"$CERTWIZ" request --key p256 --out mail.req \
  --subject "C=US, O=Contoso Corp, CN=mail1.contoso.com" \
  --san "autodiscover.contoso.com" >/dev/null 2>&1 || fail "request failed"
cat >expired.tmpl <<'EOF'
cn = "old.woodgrovebank.com"
dns_name = "old.woodgrovebank.com"
activation_date = "2020-01-01 00:00:00"
expiration_date = "2021-01-01 00:00:00"
EOF
"$CERTTOOL" --generate-privkey --key-type ecdsa --outfile expired.key \
  >/dev/null 2>&1
"$CERTTOOL" --generate-self-signed --load-privkey expired.key \
  --template expired.tmpl --outfile expired.pem >/dev/null 2>&1
"$CERTWIZ" import expired.pem --cert-only >/dev/null 2>&1 ||
  fail "import of the expired certificate failed"
pending=$(ls "$CERTWIZ_STORE/pending")

# ---------------------------------------------------------------- the list
tui_new "$CERTWIZ" browse
wait_for "3 of 3 certificates"
expect_screen "store: $CERTWIZ_STORE" "the title names the store"
expect_screen "Expires▲" "the list is sorted by expiry at first"
expect_screen " EXPIRED  old.woodgrovebank.com" "an expired certificate says so"
expect_screen " expiring Adatum intranet            2 intranet.adatum.de" \
  "friendly name, names, issuer"
expect_screen " pending  mail1.contoso.com          2" "the pending request"
expect_screen "F5 Sort" "the key bar"

type "CONTOSO"
wait_for "1 of 3 certificates"
expect_screen "Filter: CONTOSO" "typing fills the filter"
expect_no_screen "Adatum intranet" "the filter hides the others"
send BSpace BSpace BSpace BSpace BSpace BSpace BSpace
wait_for "3 of 3 certificates"
ok "Backspace edits the filter"
type "192.0.2"
wait_for "1 of 3 certificates"
expect_screen "Adatum intranet" "an IP address is a name too"
send Escape
wait_for "3 of 3 certificates"
expect_screen "Type to filter" "the first Esc clears the filter"
expect_screen "store: $CERTWIZ_STORE" "and stays in the browser"
thumb=$(grep -l "friendly-name: Adatum" "$CERTWIZ_STORE"/certs/*/record |
  sed 's|.*/certs/||; s|/record$||')
type "$(printf '%.6s' "$thumb" | tr a-f A-F)"
wait_for "1 of 3 certificates"
expect_screen "Adatum intranet" "a thumbprint prefix, in capitals"
send Escape

send F5
wait_for "Key▲"
expect_screen "sorted by key, key here first" "F5: the next column"
send F5 F5 F5 F5
wait_for "Issuer▲"
send F6
wait_for "Issuer▼"
expect_screen "sorted by issuer, Z to A" "F6 reverses"
send F5
wait_for "Expires▲"

# ---------------------------------------------------------------- details
type "adatum"
wait_for "1 of 3 certificates"
send Enter
wait_for "Thumbprint     $thumb"
expect_screen "Subject        C=DE" "the subject, one attribute a line"
expect_screen "               O=Adatum GmbH"
expect_screen "Name           IP:192.0.2.7" "the names"
expect_screen "Friendly name  Adatum intranet"
expect_screen "Key here       yes"
expect_screen "b Backup" "backing up is offered: the key is here"
send p
wait_for "-----BEGIN CERTIFICATE-----"
expect_screen "(PEM)" "p shows the PEM"
send p
wait_for "Thumbprint     $thumb"

send t
wait_for "Test a domain"
type "adatum.de"
send Enter
wait_for "Does it cover adatum.de?"
expect_screen "Yes: intranet.adatum.de is one label below adatum.de" \
  "domain mode: one label below"
expect_screen "No: None of the certificate's names covers adatum.de" \
  "hostname mode: no"
send Enter
wait_gone "Does it cover"

send w
wait_for "Write the PEM"
expect_screen "intranet.adatum.de.pem" "the file offered is named for it"
send Enter
wait_for "Written to intranet.adatum.de.pem."
"$OPENSSL" x509 -in intranet.adatum.de.pem -noout -fingerprint -sha1 |
  tr -d : | tr A-F a-f >fp
expect_in fp "$thumb" "the PEM written is the certificate"
send w
wait_for "Write the PEM"
send Enter
wait_for "Replace the file?"
send Enter
wait_for "Nothing was written."
ok "an existing file is not replaced without a yes"
send Escape
wait_for "1 of 3 certificates"
send Escape

# ---------------------------------------------------------------- delete
type "contoso"
wait_for "1 of 3 certificates"
send F2
wait_for "[ Delete ]"
send d
wait_for "Delete?"
expect_screen "destroys its private key" "a request's lost key is said"
send y
wait_for "Deleted $pending."
wait_for "0 of 2 certificates"
[ -d "$CERTWIZ_STORE/pending/$pending" ] &&
  fail "the request is still in the store" || ok "the request is deleted"

send Escape
wait_for "2 of 2 certificates"
send F10
wait_exit
expect_eq "$exit_status" 0 "F10 leaves with status 0"

# ---------------------------------------------------------------- files
cat expired.pem intranet.adatum.de.pem >bundle.pem
tui_new "$CERTWIZ" browse bundle.pem
wait_for "2 of 2 certificates"
expect_screen "read-only: bundle.pem" "files are read-only"
send F2
wait_for "Actions"
expect_no_screen "[ Delete ]" "nothing is deleted from files"
expect_no_screen "[ Back up ]" "nor backed up"
send Escape
send Enter
wait_for "Thumbprint"
send d
wait_for "Files are read-only: nothing is deleted from them."
ok "d says why not"
send Escape
send Escape
wait_exit
expect_eq "$exit_status" 0 "Esc leaves the browser"

# ---------------------------------------------------------------- hostile
if [ -n "${MAKE_HOSTILE:-}" ] && [ -x "$MAKE_HOSTILE" ]; then
  "$MAKE_HOSTILE" >hostile.pem
  tui_new "$CERTWIZ" browse hostile.pem
  wait_for "1 of 1 certificate"
  title=$(tm display-message -p -t tui '#{pane_title}')
  send Enter
  wait_for "Subject        CN="
  esc=$(printf '\033')
  screen_sgr | sed "s/$esc\\[[0-9;]*m//g" >sgr
  if grep -q "$esc" sgr; then
    fail "an escape other than SGR reached the terminal"
  else
    ok "no escape from the certificate reaches the terminal"
  fi
  expect_screen '\x1b' "escapes are shown escaped"
  expect_eq "$(tm display-message -p -t tui '#{pane_title}')" "$title" \
    "the pane's title is unchanged"
  expect_screen "…" "a long name is cut with a marker"
  send End
  wait_for "Thumbprint"
  send F10
  wait_exit
else
  echo "skipped: no make_hostile"
fi

# ---------------------------------------------------------------- monochrome
tui_new NO_COLOR=1 TERM=vt100 "$CERTWIZ" browse
wait_for "2 of 2 certificates"
expect_no_color "no color with NO_COLOR"
screen_sgr | grep "EXPIRED" | grep -q "$(printf '\033')\\[[0-9;]*1[;m]" &&
  ok "the expired row is bold without color" ||
  fail "the expired row does not stand out"
send F10
wait_exit

# ---------------------------------------------------------------- failures
tui_cols=80 tui_lines=24
tui_new sh -c '"$0" browse missing.pem; echo "EXITED:$?"; sleep 30' "$CERTWIZ"
wait_for "EXITED:1"
expect_screen "Cannot read \"missing.pem\"" "an unreadable file is said"

finish
