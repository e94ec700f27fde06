/* The raw GnuTLS key inside a file key: for src/keys/ and the PKCS#12
   code (src/pki/pkcs12*.c), which reads and writes keys in their bags.
   Nothing else includes this header. */
#ifndef CERTWIZ_RAWKEY_H
#define CERTWIZ_RAWKEY_H

#include <gnutls/x509.h>

#include "keys/key.h"

/* The file key's raw key, owned by KEY; NULL for a token key. */
gnutls_x509_privkey_t cw_key_raw (const struct cw_key *key);
/* A file key around RAW, which it takes over (also on failure); a
   GnuTLS error code. */
int cw_key_adopt_raw (gnutls_x509_privkey_t raw, struct cw_key **key);

#endif
