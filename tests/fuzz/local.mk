# Fuzzing: one libFuzzer harness per file (tests/fuzz/fuzz_*.c).
#
# Every build links each harness with replay.c into a check program,
# replay_NAME, that runs it once on every file of its corpora: make check
# replays them (tests/fuzz/replay.sh), under the sanitizers in a
# sanitizer build.  ./configure --enable-fuzzing CC=clang also builds the
# fuzzers themselves, fuzz_NAME, with -fsanitize=fuzzer against a copy
# of the core compiled for it (tests/fuzz/ci-fuzz.sh runs them in CI).
FUZZ_CPPFLAGS = $(CORE_CPPFLAGS)
FUZZ_COMMON = tests/fuzz/fuzz.h tests/fuzz/common.c
FUZZ_REPLAY_LIBS = $(CORE_LIBS)

check_PROGRAMS += \
  tests/fuzz/replay_detect \
  tests/fuzz/replay_import \
  tests/fuzz/replay_pkcs12 \
  tests/fuzz/replay_safetext \
  tests/fuzz/replay_san \
  tests/fuzz/replay_subject

tests_fuzz_replay_detect_SOURCES = tests/fuzz/fuzz_detect.c \
  tests/fuzz/replay.c $(FUZZ_COMMON)
tests_fuzz_replay_detect_CPPFLAGS = $(FUZZ_CPPFLAGS)
tests_fuzz_replay_detect_CFLAGS = $(AM_CFLAGS) $(GNUTLS_CFLAGS)
tests_fuzz_replay_detect_LDADD = $(FUZZ_REPLAY_LIBS)

tests_fuzz_replay_import_SOURCES = tests/fuzz/fuzz_import.c \
  tests/fuzz/replay.c $(FUZZ_COMMON)
tests_fuzz_replay_import_CPPFLAGS = $(FUZZ_CPPFLAGS)
tests_fuzz_replay_import_CFLAGS = $(AM_CFLAGS) $(GNUTLS_CFLAGS)
tests_fuzz_replay_import_LDADD = $(FUZZ_REPLAY_LIBS)

tests_fuzz_replay_pkcs12_SOURCES = tests/fuzz/fuzz_pkcs12.c \
  tests/fuzz/replay.c $(FUZZ_COMMON)
tests_fuzz_replay_pkcs12_CPPFLAGS = $(FUZZ_CPPFLAGS)
tests_fuzz_replay_pkcs12_CFLAGS = $(AM_CFLAGS) $(GNUTLS_CFLAGS)
tests_fuzz_replay_pkcs12_LDADD = $(FUZZ_REPLAY_LIBS)

tests_fuzz_replay_safetext_SOURCES = tests/fuzz/fuzz_safetext.c \
  tests/fuzz/replay.c $(FUZZ_COMMON)
tests_fuzz_replay_safetext_CPPFLAGS = $(FUZZ_CPPFLAGS)
tests_fuzz_replay_safetext_CFLAGS = $(AM_CFLAGS) $(GNUTLS_CFLAGS)
tests_fuzz_replay_safetext_LDADD = $(FUZZ_REPLAY_LIBS)

tests_fuzz_replay_san_SOURCES = tests/fuzz/fuzz_san.c \
  tests/fuzz/replay.c $(FUZZ_COMMON)
tests_fuzz_replay_san_CPPFLAGS = $(FUZZ_CPPFLAGS)
tests_fuzz_replay_san_CFLAGS = $(AM_CFLAGS) $(GNUTLS_CFLAGS)
tests_fuzz_replay_san_LDADD = $(FUZZ_REPLAY_LIBS)

tests_fuzz_replay_subject_SOURCES = tests/fuzz/fuzz_subject.c \
  tests/fuzz/replay.c $(FUZZ_COMMON)
tests_fuzz_replay_subject_CPPFLAGS = $(FUZZ_CPPFLAGS)
tests_fuzz_replay_subject_CFLAGS = $(AM_CFLAGS) $(GNUTLS_CFLAGS)
tests_fuzz_replay_subject_LDADD = $(FUZZ_REPLAY_LIBS)

TESTS += tests/fuzz/replay.sh
EXTRA_DIST += tests/fuzz/replay.sh tests/fuzz/ci-fuzz.sh tests/fuzz/corpora.sh \
  tests/fuzz/README.md tests/fuzz/regressions

if ENABLE_FUZZING
# The core again, instrumented for libFuzzer's coverage and for the
# sanitizers: the normal libcore.a is built without either.
FUZZ_SANITIZE = -fsanitize=address,undefined -fno-sanitize-recover=all
FUZZ_LIB_CFLAGS = -fsanitize=fuzzer-no-link $(FUZZ_SANITIZE)
# automake links with the target's CFLAGS, which bring libFuzzer's main.
FUZZ_CFLAGS = -fsanitize=fuzzer $(FUZZ_SANITIZE)
FUZZ_LIBS = tests/fuzz/libcore-fuzz.a $(GNUTLS_LIBS) $(LIBPSL_LIBS) \
  $(JSONC_LIBS) $(NETTLE_LIBS) $(GMP_LIBS) $(LIBINTL)

noinst_LIBRARIES += tests/fuzz/libcore-fuzz.a
tests_fuzz_libcore_fuzz_a_SOURCES = $(src_libcore_a_SOURCES)
tests_fuzz_libcore_fuzz_a_CPPFLAGS = $(CORE_CPPFLAGS)
tests_fuzz_libcore_fuzz_a_CFLAGS = $(src_libcore_a_CFLAGS) \
  $(FUZZ_LIB_CFLAGS)

noinst_PROGRAMS = \
  tests/fuzz/fuzz_detect \
  tests/fuzz/fuzz_import \
  tests/fuzz/fuzz_pkcs12 \
  tests/fuzz/fuzz_safetext \
  tests/fuzz/fuzz_san \
  tests/fuzz/fuzz_subject

tests_fuzz_fuzz_detect_SOURCES = tests/fuzz/fuzz_detect.c $(FUZZ_COMMON)
tests_fuzz_fuzz_detect_CPPFLAGS = $(FUZZ_CPPFLAGS)
tests_fuzz_fuzz_detect_CFLAGS = $(AM_CFLAGS) $(GNUTLS_CFLAGS) $(FUZZ_CFLAGS)
tests_fuzz_fuzz_detect_LDADD = $(FUZZ_LIBS)

tests_fuzz_fuzz_import_SOURCES = tests/fuzz/fuzz_import.c $(FUZZ_COMMON)
tests_fuzz_fuzz_import_CPPFLAGS = $(FUZZ_CPPFLAGS)
tests_fuzz_fuzz_import_CFLAGS = $(AM_CFLAGS) $(GNUTLS_CFLAGS) $(FUZZ_CFLAGS)
tests_fuzz_fuzz_import_LDADD = $(FUZZ_LIBS)

tests_fuzz_fuzz_pkcs12_SOURCES = tests/fuzz/fuzz_pkcs12.c $(FUZZ_COMMON)
tests_fuzz_fuzz_pkcs12_CPPFLAGS = $(FUZZ_CPPFLAGS)
tests_fuzz_fuzz_pkcs12_CFLAGS = $(AM_CFLAGS) $(GNUTLS_CFLAGS) $(FUZZ_CFLAGS)
tests_fuzz_fuzz_pkcs12_LDADD = $(FUZZ_LIBS)

tests_fuzz_fuzz_safetext_SOURCES = tests/fuzz/fuzz_safetext.c $(FUZZ_COMMON)
tests_fuzz_fuzz_safetext_CPPFLAGS = $(FUZZ_CPPFLAGS)
tests_fuzz_fuzz_safetext_CFLAGS = $(AM_CFLAGS) $(GNUTLS_CFLAGS) \
  $(FUZZ_CFLAGS)
tests_fuzz_fuzz_safetext_LDADD = $(FUZZ_LIBS)

tests_fuzz_fuzz_san_SOURCES = tests/fuzz/fuzz_san.c $(FUZZ_COMMON)
tests_fuzz_fuzz_san_CPPFLAGS = $(FUZZ_CPPFLAGS)
tests_fuzz_fuzz_san_CFLAGS = $(AM_CFLAGS) $(GNUTLS_CFLAGS) $(FUZZ_CFLAGS)
tests_fuzz_fuzz_san_LDADD = $(FUZZ_LIBS)

tests_fuzz_fuzz_subject_SOURCES = tests/fuzz/fuzz_subject.c $(FUZZ_COMMON)
tests_fuzz_fuzz_subject_CPPFLAGS = $(FUZZ_CPPFLAGS)
tests_fuzz_fuzz_subject_CFLAGS = $(AM_CFLAGS) $(GNUTLS_CFLAGS) $(FUZZ_CFLAGS)
tests_fuzz_fuzz_subject_LDADD = $(FUZZ_LIBS)
endif
