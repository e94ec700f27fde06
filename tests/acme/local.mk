# ACME tests against a real pebble (and Debian 13's pebble 2.6 for renewal
# information), with real nginx, certwiz's standalone server and a DNS
# hook; bad CA answers from a small HTTPS double.  They skip (77) only
# when pebble or python3 is missing, which quickstart installs.
ACME_TESTS = \
  tests/acme/accounts.sh \
  tests/acme/badca.sh \
  tests/acme/browse.sh \
  tests/acme/dns01.sh \
  tests/acme/enable.sh \
  tests/acme/http01.sh \
  tests/acme/renew.sh \
  tests/acme/renew_ari.sh \
  tests/acme/resume.sh \
  tests/acme/systemd.sh \
  tests/acme/token.sh \
  tests/acme/wizard.sh \
  tests/acme/wizard_dns.sh \
  tests/acme/wizard_eab.sh \
  tests/acme/wizard_token.sh

TESTS += $(ACME_TESTS)
EXTRA_DIST += $(ACME_TESTS) tests/acme/lib.sh tests/acme/double.py \
  build-aux/fetch-pebble.sh

# Debian 13's pebble, downloaded into the build tree by the tests (or
# quickstart) when first needed, stays there until distclean.
distclean-local: distclean-pebble
distclean-pebble:
	rm -rf tests/acme/pebble-2.6
.PHONY: distclean-pebble
