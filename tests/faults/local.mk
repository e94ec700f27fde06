# Fault tests (issue #7): SIGKILL at every write, sync and rename
# (crash.sh), a full disk and I/O errors (diskfull.sh), several certwiz at
# once (concurrency.sh), core dumps, modes and planted links (secrets.sh),
# signals in the wizard (tui_signals.sh) and memcheck (valgrind.sh).
# Each prints one line, "faults: N points tried, M failures injected,
# results: ...", for .ci/run.
#
# The fault shim is an LD_PRELOAD library: the tests compile
# tests/faults/faultshim.c themselves, with the compiler the tree was
# configured with (CC from the environment, else the build's Makefile,
# else cc), into their work folder, and skip (77) without one.
# valgrind.sh skips without valgrind, and for a sanitizer build.
FAULT_TESTS = \
  tests/faults/concurrency.sh \
  tests/faults/crash.sh \
  tests/faults/diskfull.sh \
  tests/faults/secrets.sh \
  tests/faults/tui_signals.sh \
  tests/faults/valgrind.sh

TESTS += $(FAULT_TESTS)
EXTRA_DIST += $(FAULT_TESTS) tests/faults/lib.sh tests/faults/faultshim.c
