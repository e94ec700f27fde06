#!/bin/sh
# The renewal timer and its service pass systemd-analyze verify (the
# manual is not installed here, so its link is not followed), the
# service pointing at the certwiz just built; the timer fires twice a day
# with a randomized delay.
. "$top_srcdir/tests/cli/lib.sh"

analyze=${SYSTEMD_ANALYZE:-$(command -v systemd-analyze || true)}
[ -n "$analyze" ] && [ -x "$analyze" ] || {
  echo "SKIP: systemd-analyze is not installed"; exit 77; }
mkdir -p "$work/units"
sed -e "s|@bindir@|$(dirname "$CERTWIZ")|g" \
  "$top_srcdir/systemd/certwiz-renew.service.in" >"$work/units/certwiz-renew.service"
cp "$top_srcdir/systemd/certwiz-renew.timer" "$work/units/"
if "$analyze" verify --man=no "$work/units/certwiz-renew.service" \
     "$work/units/certwiz-renew.timer" >"$work/verify" 2>&1; then
  ok "systemd-analyze verify"
else
  fail "systemd-analyze verify: $(cat "$work/verify")"
fi
expect_in "$work/units/certwiz-renew.service" "certwiz renew --all"
expect_in "$work/units/certwiz-renew.timer" "OnCalendar=*-*-* 00,12:00:00"
expect_in "$work/units/certwiz-renew.timer" "RandomizedDelaySec="
if "$analyze" calendar '*-*-* 00,12:00:00' --iterations 2 >"$work/cal" 2>&1; then
  expect_eq "$(grep -c 'Iter\|Next elapse' "$work/cal")" 2 "twice a day"
fi
exit $((failures > 0))
