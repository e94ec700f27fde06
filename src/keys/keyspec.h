/* Which key to make: a key type by name, or the Exchange-style key size
   in bits (RSA).  Keys themselves are made by keys/key.h. */
#ifndef CERTWIZ_KEYSPEC_H
#define CERTWIZ_KEYSPEC_H

#include <gnutls/gnutls.h>
#include <stdbool.h>

#include "base/diag.h"

#define CW_RSA_MIN_BITS 2048
#define CW_RSA_MAX_BITS 16384

struct cw_keyspec
{
  gnutls_pk_algorithm_t algorithm;   /* GNUTLS_PK_RSA or GNUTLS_PK_ECDSA */
  unsigned bits;                     /* RSA modulus size */
  gnutls_ecc_curve_t curve;          /* for ECDSA */
};

/* The key made when nothing is asked for: RSA 3072. */
void cw_keyspec_default (struct cw_keyspec *spec);

/* Reads a key type by name (keytypes.h) or, when TYPE
   is NULL, --key-size BITS (RSA).  Below 2048 bits is refused with the
   reason.  Returns false on an error. */
bool cw_keyspec_parse (const char *type, const char *bits,
                       struct cw_keyspec *spec, struct cw_diags *diags);

/* "rsa3072", "p256": the name --key takes and the store records. */
char *cw_keyspec_name (const struct cw_keyspec *spec);
/* The size of a NIST curve in bits: 256, 384, 521. */
unsigned cw_curve_bits (gnutls_ecc_curve_t curve);
/* "RSA 3072 bits", "ECDSA P-256", translated. */
char *cw_keyspec_describe (const struct cw_keyspec *spec);

#endif
