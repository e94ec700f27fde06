/* Which key to make: a key type by name, or the Exchange-style key size
   in bits (RSA).  Keys themselves are made by keys/key.h. */
#ifndef CERTWIZ_KEYSPEC_H
#define CERTWIZ_KEYSPEC_H

#include <gnutls/gnutls.h>
#include <stdbool.h>

#include "base/diag.h"
#include "keys/keytypes.h"

#define CW_RSA_MIN_BITS 2048
#define CW_RSA_MAX_BITS 16384

/* The key made when nothing is asked for: RSA 3072. */
void cw_keyspec_default (struct cw_keyspec *spec);

/* Reads a key type by name (keytypes.h) or, when TYPE
   is NULL, --key-size BITS (RSA).  Below 2048 bits is refused with the
   reason.  Returns false on an error. */
bool cw_keyspec_parse (const char *type, const char *bits,
                       struct cw_keyspec *spec, struct cw_diags *diags);

/* "RSA 3072 bits", "ECDSA P-256", translated. */
char *cw_keyspec_describe (const struct cw_keyspec *spec);

#endif
