/* The key that signs an ACME account's messages, and the JWS algorithm
   it implies: ES256 (P-256), ES384 (P-384), RS256 (RSA) or EdDSA
   (Ed25519).  It is a key handle (keys/key.h): every signature goes
   through cw_key_sign_data, by way of cw_acme_key_sign. */
#ifndef CERTWIZ_ACME_ACCTKEY_H
#define CERTWIZ_ACME_ACCTKEY_H

#include <gnutls/abstract.h>
#include <gnutls/gnutls.h>
#include <stdbool.h>

#include "base/diag.h"
#include "base/status.h"
#include "keys/key.h"

#define CW_ACME_KEY_DEFAULT "p256"

struct cw_acme_key
{
  struct cw_key *key;
  gnutls_pubkey_t pub;
};

/* The account key types, NULL-terminated: "p256", "p384", "rsa2048"... */
extern const char *const cw_acme_key_types[];

/* A new key of TYPE (one of cw_acme_key_types); *PEM receives it as
   PKCS#8 (gnutls_free, after wiping). */
enum cw_status cw_acme_key_generate (const char *type,
                                     struct cw_acme_key *key,
                                     gnutls_datum_t *pem,
                                     struct cw_diags *diags);
/* The account key on a PKCS#11 token: the key URI names, or a new one of
   TYPE made there under LABEL when URI names a token only.  It never
   leaves the token; PIN gives the token's PIN when it asks. */
enum cw_status cw_acme_key_on_token (const char *uri, const char *type,
                                     const char *label,
                                     const struct cw_pin_source *pin,
                                     struct cw_acme_key *key,
                                     struct cw_diags *diags);
enum cw_status cw_acme_key_load (const gnutls_datum_t *pem,
                                 struct cw_acme_key *key,
                                 struct cw_diags *diags);
void cw_acme_key_free (struct cw_acme_key *key);

/* "ES256", "ES384", "RS256", "EdDSA"; NULL for a key JWS cannot use. */
const char *cw_acme_key_alg (gnutls_pubkey_t pub);

/* The JWS signature of DATA (LEN bytes): for ECDSA the raw r||s form, for
   RSA PKCS#1 v1.5, for EdDSA the raw signature.  *SIG is gnutls_free'd.
   A GnuTLS error code. */
int cw_acme_key_sign (const struct cw_acme_key *key, const void *data,
                      size_t len, gnutls_datum_t *sig);

#endif
