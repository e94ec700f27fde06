/* The key types certwiz makes, in one table: what --key takes, what the
   wizard offers, what the help and the refusals list, and what the store
   and JSON record ("rsa3072").  A new key type is one entry here. */
#ifndef CERTWIZ_KEYTYPES_H
#define CERTWIZ_KEYTYPES_H

#include <gnutls/gnutls.h>
#include <stdbool.h>
#include <stddef.h>

struct cw_keyspec;

struct cw_keytype
{
  const char *name;                /* "rsa3072": --key, the store, JSON */
  gnutls_pk_algorithm_t algorithm; /* GNUTLS_PK_RSA or GNUTLS_PK_ECDSA */
  unsigned bits;                   /* the RSA modulus; 0 for ECDSA */
  gnutls_ecc_curve_t curve;        /* for ECDSA */
  const char *label;               /* N_("RSA 3072 bits (recommended)") */
  const char *explain;             /* N_(), one line of 38 columns */
  bool is_default;                 /* made when nothing is asked for */
};

/* The types in the order they are offered. */
size_t cw_keytype_count (void);
/* The INDEXth type, or NULL past the last. */
const struct cw_keytype *cw_keytype_at (size_t index);
size_t cw_keytype_default_index (void);
/* The type named NAME, in any case, or NULL. */
const struct cw_keytype *cw_keytype_find (const char *name);
/* The type SPEC is, or NULL (an RSA key of a size not in the table). */
const struct cw_keytype *cw_keytype_of (const struct cw_keyspec *spec);
void cw_keytype_spec (const struct cw_keytype *type,
                      struct cw_keyspec *spec);

/* "rsa2048, rsa3072 (the default), rsa4096, p256 or p384", translated;
   owned by the caller. */
char *cw_keytype_choices (void);

/* "RSA 3072 bits", "ECDSA P-256": any key of ALGORITHM and BITS (the
   curve's size for ECDSA), translated; owned by the caller. */
char *cw_key_kind_describe (gnutls_pk_algorithm_t algorithm, unsigned bits);
/* The name of the key type of a key of ALGORITHM and BITS, as --key
   takes it ("rsa3072", "p256", "p521" for a curve certwiz does not make);
   "" for other algorithms. */
char *cw_key_kind_name (gnutls_pk_algorithm_t algorithm, unsigned bits);

#endif
