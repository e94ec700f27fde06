# Shell tests that drive the real program and check what it writes with
# openssl.
CLI_TESTS = \
  tests/cli/check_cli.sh \
  tests/cli/keys.sh \
  tests/cli/overwrite.sh \
  tests/cli/request_openssl.sh \
  tests/cli/store.sh \
  tests/potfiles.sh

TESTS += $(CLI_TESTS)
EXTRA_DIST += $(CLI_TESTS)
