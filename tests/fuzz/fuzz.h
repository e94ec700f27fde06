/* What the fuzzing harnesses and the replay driver share.  Each harness
   is one file with libFuzzer's entry point; it is linked either with
   libFuzzer (--enable-fuzzing) or with replay.c (make check). */
#ifndef CERTWIZ_FUZZ_H
#define CERTWIZ_FUZZ_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <gnutls/gnutls.h>

/* Runs one input, any bytes; returns 0.  A broken promise of certwiz's
   code ends in abort (), which the fuzzer and the replay report with the
   input. */
int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);

/* A NUL-terminated copy of DATA (free it): the text a user typed or a
   file held, cut at its first NUL as a C string would be. */
char *fuzz_string (const uint8_t *data, size_t size);

/* DATA as a GnuTLS datum, without copying: GnuTLS only reads it. */
gnutls_datum_t fuzz_datum (const uint8_t *data, size_t size);

/* Aborts, naming WHAT, unless TEXT is safe to print on a terminal: no C0
   or C1 control (ESC included), no DEL, no bidirectional control, valid
   UTF-8, and only ASCII unless UTF8_OK.  NEWLINES_OK allows '\n', for
   multi-line output such as JSON. */
void fuzz_check_terminal_safe (const char *what, const char *text,
                               bool utf8_ok, bool newlines_ok);

/* Prints WHY with TEXT escaped to stderr, then aborts. */
void fuzz_fail (const char *why, const char *text)
  __attribute__ ((noreturn));

#endif
