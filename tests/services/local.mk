# Tests with real daemons (Postfix, Dovecot, nginx, Apache, HAProxy),
# each started in the test's own folder on 127.0.0.1 high ports and
# stopped by its pid, and certwiz test and verify against them.
SERVICE_TESTS = \
  tests/services/test_browser.sh \
  tests/services/test_failures.sh \
  tests/services/test_enable.sh \
  tests/services/test_enable_cancel.sh \
  tests/services/test_enable_web.sh \
  tests/services/test_enable_mail.sh \
  tests/services/test_enable_master.sh \
  tests/services/test_enable_add_site.sh \
  tests/services/test_mail.sh \
  tests/services/test_verify.sh \
  tests/services/test_web.sh

TESTS += $(SERVICE_TESTS)
EXTRA_DIST += $(SERVICE_TESTS) tests/services/lib.sh tests/services/ca.sh

# Free ports, and waiting for a daemon's port to open or close.
check_PROGRAMS += tests/tools/tcpport
tests_tools_tcpport_SOURCES = tests/tools/tcpport.c
