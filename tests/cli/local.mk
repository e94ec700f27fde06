# Shell tests that drive the real program and check what it writes with
# openssl.
CLI_TESTS = \
  tests/cli/backup_keytool.sh \
  tests/cli/backup_keytool_java.sh \
  tests/cli/backup_unprotected.sh \
  tests/cli/check_cli.sh \
  tests/cli/corpus.sh \
  tests/cli/hostile.sh \
  tests/cli/input_limit.sh \
  tests/cli/list_window.sh \
  tests/cli/keys.sh \
  tests/cli/languages.sh \
  tests/cli/lifecycle_backup.sh \
  tests/cli/lifecycle_browse.sh \
  tests/cli/lifecycle_import.sh \
  tests/cli/lifecycle_chain.sh \
  tests/cli/lifecycle_refuse.sh \
  tests/cli/overwrite.sh \
  tests/cli/request_openssl.sh \
  tests/cli/store.sh \
  tests/cli/store_index.sh \
  tests/cli/token.sh \
  tests/core_messages.sh \
  tests/key_advice.sh \
  tests/man.sh \
  tests/potfiles.sh

TESTS += $(CLI_TESTS)
EXTRA_DIST += $(CLI_TESTS) tests/cli/ca.sh tests/cli/p12_round_trip.sh

# A forger of certificates whose names attack terminals.
check_PROGRAMS += tests/tools/make_hostile
tests_tools_make_hostile_SOURCES = tests/tools/make_hostile.c
tests_tools_make_hostile_CFLAGS = $(AM_CFLAGS) $(GNUTLS_CFLAGS)
tests_tools_make_hostile_LDADD = $(GNUTLS_LIBS)

# Large bundles for the browser's tests and the benchmarks.
check_PROGRAMS += tests/tools/make_bundle
tests_tools_make_bundle_SOURCES = tests/tools/make_bundle.c
tests_tools_make_bundle_CFLAGS = $(AM_CFLAGS) $(GNUTLS_CFLAGS)
tests_tools_make_bundle_LDADD = $(GNUTLS_LIBS)
