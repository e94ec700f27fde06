/* JSON Web Signatures for ACME (RFC 8555 §6.2, RFC 7515): the flattened
   JSON form, the account's JWK and its RFC 7638 thumbprint, the inner
   JWS of a key change and the external account binding. */
#ifndef CERTWIZ_ACME_JWS_H
#define CERTWIZ_ACME_JWS_H

#include <gnutls/abstract.h>
#include <stddef.h>

#include "acme/acctkey.h"

/* The public key as a JWK with only its required members, in
   lexicographic order and without blanks: the form RFC 7638 digests.
   NULL for a key type JWS cannot carry. */
char *cw_jwk_json (gnutls_pubkey_t pub);
/* base64url(SHA-256(JWK)). */
char *cw_jwk_thumbprint (gnutls_pubkey_t pub);

/* The flattened JWS of PAYLOAD (JSON text; "" for POST-as-GET) for URL,
   signed by KEY: with "kid" KID when not NULL, else with the "jwk";
   with "nonce" NONCE when not NULL.  NULL when signing fails (*ERR gets
   the GnuTLS error). */
char *cw_jws_sign (const struct cw_acme_key *key, const char *kid,
                   const char *nonce, const char *url, const char *payload,
                   int *err);

/* The externalAccountBinding object (RFC 8555 §7.3.4): the account
   key's JWK signed with HMAC-SHA256 under MAC_KEY, for URL (newAccount)
   and the CA's key ID EAB_KID. */
char *cw_jws_eab (const char *eab_kid, const unsigned char *mac_key,
                  size_t mac_len, gnutls_pubkey_t account_key,
                  const char *url);

#endif
