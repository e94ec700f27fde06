/* PKCS#12 backups (.pfx/.p12): a key with its certificate chain under a
   password, in the form Windows, IIS, Exchange and openssl import.

   Two profiles, because Windows Server 2016 and older cannot read AES:
   "modern" encrypts with PBES2 (AES-256-CBC, PBKDF2 with HMAC-SHA256) and
   a SHA-256 MAC; "legacy" with pbeWithSHAAnd3-KeyTripleDES-CBC and a
   SHA-1 MAC.  Every finding is reported on the field "backup". */
#ifndef CERTWIZ_PKCS12_H
#define CERTWIZ_PKCS12_H

#include <gnutls/gnutls.h>
#include <stdbool.h>
#include <stddef.h>

#include "pki/certset.h"
#include "base/diag.h"
#include "keys/key.h"
#include "base/status.h"

enum cw_p12_profile
{
  CW_P12_MODERN,
  CW_P12_LEGACY
};

/* Files whose password derivations add up to more rounds than this are
   refused: an honest backup needs a few million at most (GnuTLS writes
   600,000 per derivation, Windows and openssl a few thousand), and a
   hostile one could otherwise keep certwiz busy for hours. */
#define CW_P12_MAX_ROUNDS 20000000UL

/* "modern" or "legacy"; anything else is the error p12-unknown-profile. */
bool cw_p12_profile_parse (const char *name, enum cw_p12_profile *profile,
                           struct cw_diags *diags);

/* Makes a password-protected PKCS#12 (DER) in *DER (free it with
   gnutls_free): KEY in a shrouded key bag, CERTS[0] the leaf and then its
   chain (COUNT may be 0 for a key alone), FRIENDLY_NAME (may be NULL) on
   the key and leaf bags, and the same local key ID on both so that
   Windows and openssl pair them.  PASSWORD is UTF-8, passed as given.
   KEY must be a file key: a token key refuses to leave its token. */
enum cw_status cw_p12_write (const struct cw_key *key,
                             const gnutls_x509_crt_t *certs, size_t count,
                             const char *friendly_name,
                             enum cw_p12_profile profile,
                             const char *password, gnutls_datum_t *der,
                             struct cw_diags *diags);

/* Reads DATA (DER or PEM PKCS#12): checks the MAC with PASSWORD, decrypts
   every bag and returns the first key in *KEY (NULL when there is none),
   every certificate appended to CERTS (the key's own certificate first)
   and the friendly name in *FRIENDLY_NAME (malloc'd; NULL if none).
   A wrong password is p12-bad-password; anything unreadable is
   p12-malformed.  On an error nothing is returned and CERTS is as it
   was. */
enum cw_status cw_p12_read (const gnutls_datum_t *data, const char *password,
                            struct cw_key **key,
                            struct cw_certs *certs, char **friendly_name,
                            struct cw_diags *diags);

/* After writing: reopens DER with PASSWORD and checks that it decrypts
   and that the key it holds is KEY (same public key). */
enum cw_status cw_p12_verify (const gnutls_datum_t *der,
                              const char *password,
                              const struct cw_key *key,
                              struct cw_diags *diags);

#endif
