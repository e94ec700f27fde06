/* A private key, wherever it is: a key file of the store (held in memory
   as PKCS#8) or a key on a PKCS#11 token, named by its pkcs11: URI and
   reached through p11-kit.  Every signature certwiz makes goes through
   this handle, with the digest that follows the key (SHA-256 for RSA and
   P-256, SHA-384 for P-384, SHA-512 for P-521).

   A token key never leaves its token: it signs there, and cannot be
   exported.  Only src/keys/ and the PKCS#12 code see the raw key of a
   file key (keys/rawkey.h). */
#ifndef CERTWIZ_KEY_H
#define CERTWIZ_KEY_H

#include <gnutls/abstract.h>
#include <gnutls/gnutls.h>
#include <gnutls/x509.h>
#include <stdbool.h>

#include "base/diag.h"
#include "base/progress.h"
#include "base/status.h"
#include "keys/keyspec.h"

struct cw_key;

/* Where the PIN of a token comes from.  The core never prompts: ASK is
   the caller's (the command line reads a file, a descriptor or the
   terminal; a screen passes what was typed).  It is called with the
   token's label when the token wants a PIN, ATTEMPT 0 the first time and
   more after a wrong PIN.  It returns CW_OK with *PIN (malloc'd; the key
   module wipes and frees it), or the status of why there is none, said
   in DIAGS; CW_REFUSED without a diagnostic when it has no other PIN to
   try. */
struct cw_pin_source
{
  enum cw_status (*ask) (void *state, const char *token_label,
                         unsigned attempt, char **pin,
                         struct cw_diags *diags);
  void *state;
};

/* A new key of SPEC in memory.  RSA keys are searched for on up to two
   processors (keyrace.c); PROGRESS (may be NULL) is told the step, and
   when it is cancelled the searches are stopped: CW_CANCELLED, nothing
   made. */
enum cw_status cw_key_generate (const struct cw_keyspec *spec,
                                struct cw_progress *progress,
                                struct cw_key **key, struct cw_diags *diags);

/* A file key from PEM (PKCS#8 or the older PKCS#1/SEC1 forms); a GnuTLS
   error code, for the caller to phrase. */
int cw_key_from_pem (const gnutls_datum_t *pem, struct cw_key **key);

/* The key on a token that URI names (a pkcs11: URI with the key's id or
   object label), logging in with PIN when the token asks.  A URI holding
   a PIN (pin-value, pin-source) is refused: a PIN never goes on a
   command line.  Errors say what is wrong: no such token, no such key,
   a wrong PIN, a token that failed. */
enum cw_status cw_key_open_token (const char *uri,
                                  const struct cw_pin_source *pin,
                                  struct cw_key **key,
                                  struct cw_diags *diags);
/* The same with the PIN typed on a screen. */
enum cw_status cw_key_open_token_pin (const char *uri, const char *pin,
                                      struct cw_key **key,
                                      struct cw_diags *diags);
/* A new key of SPEC made ON the token TOKEN_URI names, under LABEL: it
   never exists outside the token.  Then opened as cw_key_open_token. */
enum cw_status cw_key_generate_on_token (const char *token_uri,
                                         const struct cw_keyspec *spec,
                                         const char *label,
                                         const struct cw_pin_source *pin,
                                         struct cw_progress *progress,
                                         struct cw_key **key,
                                         struct cw_diags *diags);

/* Whether URI names a token only (no key object: no id, no object
   label), so that a key is to be made there. */
bool cw_key_uri_names_token (const char *uri);
/* Refuses a URI that is not pkcs11: or that holds a PIN. */
bool cw_key_uri_check (const char *uri, struct cw_diags *diags);

void cw_key_free (struct cw_key *key);

/* What the key is. */
gnutls_pk_algorithm_t cw_key_algorithm (const struct cw_key *key);
/* The RSA modulus or the curve's size in bits. */
unsigned cw_key_bits (const struct cw_key *key);
/* The key's kind as a spec (the curve for ECDSA). */
void cw_key_spec (const struct cw_key *key, struct cw_keyspec *spec);
/* "RSA 3072 bits", "ECDSA P-256", translated; owned by the caller. */
char *cw_key_describe (const struct cw_key *key);
/* The digest its signatures use. */
gnutls_digest_algorithm_t cw_key_digest (const struct cw_key *key);
bool cw_key_on_token (const struct cw_key *key);
/* The token key's pkcs11: URI and its token's label; NULL for a file
   key. */
const char *cw_key_uri (const struct cw_key *key);
const char *cw_key_token_label (const struct cw_key *key);

/* SHA-1 of the public key, in hex: the ID of a request (the key ID that
   binds the CA's certificate to its key). */
int cw_key_id (const struct cw_key *key, char out[41]);
/* Whether KEY is the private half of CRT's public key; whether A and B
   are the same key (the SHA-256 key ID digests the whole public key). */
bool cw_key_fits_cert (const struct cw_key *key, gnutls_x509_crt_t crt);
bool cw_key_same (const struct cw_key *a, const struct cw_key *b);

/* The public key, to put in a request or a certificate; the caller
   deinitializes it.  A GnuTLS error code. */
int cw_key_public (const struct cw_key *key, gnutls_pubkey_t *pub);

/* The key as unencrypted PKCS#8 PEM, for the store (wipe and gnutls_free
   it).  A token key refuses: it cannot leave its token. */
enum cw_status cw_key_export_pem (const struct cw_key *key,
                                  gnutls_datum_t *pem,
                                  struct cw_diags *diags);

/* Signs CRQ, which holds the key's public key (cw_key_public).  GnuTLS
   error codes, put in words by cw_key_report. */
int cw_key_sign_request (const struct cw_key *key, gnutls_x509_crq_t crq);
/* Signs CRT as its own issuer. */
int cw_key_sign_self (const struct cw_key *key, gnutls_x509_crt_t crt);
/* Signs DATA with DIGEST.  For ECDSA, RAW asks for the fixed-size r||s
   of JWS (RFC 7518) instead of DER.  *SIGNATURE is gnutls_free'd by the
   caller. */
int cw_key_sign_data (const struct cw_key *key,
                      gnutls_digest_algorithm_t digest,
                      const gnutls_datum_t *data, bool raw,
                      gnutls_datum_t *signature);

/* The error for RET, a failed signature or key operation, in words:
   for a token key, a token that went away or refused. */
void cw_key_report (const struct cw_key *key, int ret, const char *field,
                    struct cw_diags *diags);

/* Releases the PKCS#11 modules, when a token was used.  Called before
   the program ends: some modules (SoftHSM) cannot be finalized from the
   exit handlers, once their own have run. */
void cw_key_tokens_done (void);
/* Notes that the PKCS#11 modules are loaded (keys/tokens.c). */
void cw_key_tokens_used (void);

/* Whether DER is a private key (plain or encrypted), for telling files
   apart. */
bool cw_key_der_is_private (const gnutls_datum_t *der);

#endif
