#!/bin/sh
# certwiz check and the command line itself: the diagnostic format, exit
# statuses, the seeds' examples, usage errors.
. "${top_srcdir}/tests/cli/lib.sh"

# The seed's example with a missing comma must not become a country.
run 1 "$CERTWIZ" check --subject "C=US o=contoso corp, CN=mail1.contoso.com"
expect_in "$work/err" "[missing-comma]" "missing comma found"
expect_not_in "$work/err" "[c-not-iso3166]" "no bogus country error"
grep -q '^certwiz: error: subject: .* \[missing-comma\]$' "$work/err" &&
  ok "diagnostic format: certwiz: error: FIELD: message [code]" ||
  fail "diagnostic format"
[ ! -s "$work/out" ] && ok "nothing on stdout when refused" || fail "stdout used"

# The seed's other examples are accepted and shown in order.
run 0 "$CERTWIZ" check --subject "DC= contoso, DC=com, O=contoso corp, CN=mail1.contoso.com"
expect_in "$work/out" "Subject: DC=contoso, DC=com, O=contoso corp, CN=mail1.contoso.com"
expect_in "$work/out" "Name:    mail1.contoso.com" "the CN is listed as a name"
expect_in "$work/err" "[cn-added-to-san]" "note: CN added to the names"
grep -q '^certwiz: note: ' "$work/err" && ok "notes say note:" || fail "note format"

run 0 "$CERTWIZ" check --subject "CN=mail1.contoso.com, O=contoso corp, C=us"
expect_in "$work/out" "Subject: C=US, O=contoso corp, CN=mail1.contoso.com" \
  "reordered and upper-cased"
expect_in "$work/err" "[order-changed]" "the reordering is told"

# Warnings do not refuse.
run 0 "$CERTWIZ" check --subject "CN=mail.mïcrosoft.com"
expect_in "$work/err" "certwiz: warning: CN:" "non-ASCII CN is a warning"
expect_in "$work/err" "U+00EF LATIN SMALL LETTER I WITH DIAERESIS" \
  "the character is named"
expect_in "$work/err" "mail.microsoft.com" "the look-alike is shown"
expect_in "$work/err" "xn--" "the A-label is shown"

run 1 "$CERTWIZ" check --subject "C=US, CN=$(printf 'a%.0s' $(seq 65))"
expect_in "$work/err" "[cn-too-long]" "65-character CN refused"

# The seed's Client Access server names.
run 0 "$CERTWIZ" check --subject "CN=owa1.contoso.com" \
  --san "owa1, contoso.com, owa1.contoso.com, Autodiscover.contoso.com, owa.contoso.com"
expect_in "$work/err" "[san-internal]" "single-label owa1 warned about"
expect_not_in "$work/err" "[cn-added-to-san]" "a CN already listed is not added"
expect_in "$work/out" "Name:    autodiscover.contoso.com" "names lower-cased"
run 0 "$CERTWIZ" check --subject "CN=mail.contoso.com" --san "contoso.com, CONTOSO.com."
expect_in "$work/err" "[san-duplicate]" "a name given twice is dropped"

run 1 "$CERTWIZ" check --subject "CN=mail1.contoso.com" --max-sans 2 \
  --san a.contoso.com --san b.contoso.com
expect_in "$work/err" "[san-too-many]" "--max-sans enforced (the CN counts)"

for bad in "*.com" "mail.*.contoso.com" "*mail.contoso.com" "*.*.contoso.com"; do
  run 1 "$CERTWIZ" check --subject "CN=mail1.contoso.com" --san "$bad"
  grep -q '\[san-wildcard-' "$work/err" && ok "wildcard $bad refused" ||
    fail "wildcard $bad accepted"
done

run 1 "$CERTWIZ" check --subject "C=UK, CN=mail1.contoso.com"
expect_in "$work/err" "GB" "C=UK suggests GB"

# Control characters from the command line are shown escaped.
run 1 "$CERTWIZ" check --subject "$(printf 'O=evil\033]0;pwned\007, CN=x.contoso.com')"
if grep -q "$(printf '\033')" "$work/err"; then
  fail "a raw ESC reached the terminal"
else ok "ESC shown escaped"; fi

# Usage errors exit 2 and point to --help.
run 2 "$CERTWIZ" check
expect_in "$work/err" "--subject is required"
run 2 "$CERTWIZ" check --subject
expect_in "$work/err" "needs a value" "an option without its value"
run 2 "$CERTWIZ" check --subject "CN=a.contoso.com" --bogus
expect_in "$work/err" "unknown option '--bogus'"
expect_in "$work/err" "certwiz check --help"
run 2 "$CERTWIZ" check --subject "CN=a.contoso.com" extra
expect_in "$work/err" "unexpected argument 'extra'"
run 2 "$CERTWIZ" frobnicate
expect_in "$work/err" "unknown command 'frobnicate'"
run 2 "$CERTWIZ" check --subject "CN=a.contoso.com" --max-sans ten
expect_in "$work/err" "--max-sans"

# Help and version.
run 0 "$CERTWIZ" --help
expect_in "$work/out" "request" "--help lists request"
expect_in "$work/out" "Exit status" "--help gives the exit statuses"
run 0 "$CERTWIZ" request --help
expect_in "$work/out" "--non-exportable" "request --help lists its options"
run 0 "$CERTWIZ" --version
expect_in "$work/out" "certwiz" "--version"

finish
