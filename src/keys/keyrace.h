/* RSA key generation on two processors at once, the first key found
   kept (see keyrace.c). */
#ifndef CERTWIZ_KEYRACE_H
#define CERTWIZ_KEYRACE_H

#include <gnutls/gnutls.h>
#include <gnutls/x509.h>

#include "base/progress.h"

/* What cw_key_race returns when PROGRESS was cancelled. */
#define CW_KEY_RACE_CANCELLED 1

/* How many searches cw_key_race runs for ALGORITHM here: 2 for RSA when
   this process may use two processors, else 1. */
int cw_key_race_size (gnutls_pk_algorithm_t algorithm);

/* Fills KEY (initialised, empty) with a new key, running SEARCHES
   searches (cw_key_race_size) at once; a GnuTLS error code, or
   CW_KEY_RACE_CANCELLED.  While they run, PROGRESS (may be NULL) is
   looked at every twentieth of a second; once cancelled, the searches are
   killed and waited for, and KEY stays empty.  With one search and no
   PROGRESS, or when no child process can be started, the key is generated
   in this process (where it cannot be stopped). */
int cw_key_race (gnutls_x509_privkey_t key, gnutls_pk_algorithm_t algorithm,
                 unsigned bits, int searches, struct cw_progress *progress);

#endif
