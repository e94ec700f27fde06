#include <config.h>

#include "acme/jws.h"

#include <gnutls/crypto.h>
#include <json-c/json.h>
#include <stdlib.h>
#include <string.h>

#include "acme/b64url.h"
#include "acme/jsonutil.h"
#include "base/xalloc.h"

static char *
datum_b64 (const gnutls_datum_t *d)
{
  return cw_b64url_encode (d->data, d->size);
}

static char *
rsa_jwk (gnutls_pubkey_t pub)
{
  gnutls_datum_t n, e;
  if (gnutls_pubkey_export_rsa_raw2 (pub, &n, &e, GNUTLS_EXPORT_FLAG_NO_LZ)
      < 0)
    return NULL;
  char *bn = datum_b64 (&n), *be = datum_b64 (&e);
  char *jwk = xasprintf ("{\"e\":\"%s\",\"kty\":\"RSA\",\"n\":\"%s\"}", be,
                         bn);
  free (bn), free (be);
  gnutls_free (n.data), gnutls_free (e.data);
  return jwk;
}

/* A coordinate of SIZE bytes, padded on the left as RFC 7518 requires. */
static char *
coordinate (const gnutls_datum_t *d, unsigned size)
{
  unsigned char buf[66] = { 0 };
  const unsigned char *p = d->data;
  unsigned n = d->size;
  while (n > size && *p == 0)
    p++, n--;
  if (n > size || size > sizeof buf)
    return NULL;
  memcpy (buf + (size - n), p, n);
  return cw_b64url_encode (buf, size);
}

static char *
ec_jwk (gnutls_pubkey_t pub)
{
  gnutls_ecc_curve_t curve;
  gnutls_datum_t x, y;
  if (gnutls_pubkey_export_ecc_raw2 (pub, &curve, &x, &y,
                                     GNUTLS_EXPORT_FLAG_NO_LZ) < 0)
    return NULL;
  char *jwk = NULL;
  if (curve == GNUTLS_ECC_CURVE_ED25519)
    {
      char *bx = datum_b64 (&x);
      jwk = xasprintf ("{\"crv\":\"Ed25519\",\"kty\":\"OKP\",\"x\":\"%s\"}",
                       bx);
      free (bx);
    }
  else if (curve == GNUTLS_ECC_CURVE_SECP256R1
           || curve == GNUTLS_ECC_CURVE_SECP384R1)
    {
      unsigned size = curve == GNUTLS_ECC_CURVE_SECP256R1 ? 32 : 48;
      char *bx = coordinate (&x, size), *by = coordinate (&y, size);
      if (bx && by)
        jwk = xasprintf ("{\"crv\":\"%s\",\"kty\":\"EC\",\"x\":\"%s\","
                         "\"y\":\"%s\"}", size == 32 ? "P-256" : "P-384",
                         bx, by);
      free (bx), free (by);
    }
  gnutls_free (x.data);
  gnutls_free (y.data);
  return jwk;
}

char *
cw_jwk_json (gnutls_pubkey_t pub)
{
  switch (gnutls_pubkey_get_pk_algorithm (pub, NULL))
    {
    case GNUTLS_PK_RSA:
      return rsa_jwk (pub);
    case GNUTLS_PK_ECDSA:
    case GNUTLS_PK_EDDSA_ED25519:
      return ec_jwk (pub);
    default:
      return NULL;
    }
}

char *
cw_jwk_thumbprint (gnutls_pubkey_t pub)
{
  char *jwk = cw_jwk_json (pub);
  if (!jwk)
    return NULL;
  unsigned char digest[32];
  gnutls_hash_fast (GNUTLS_DIG_SHA256, jwk, strlen (jwk), digest);
  free (jwk);
  return cw_b64url_encode (digest, sizeof digest);
}

/* The protected header as JSON text; JWK is JSON text itself. */
static char *
protected_header (const char *alg, const char *kid, const char *jwk,
                  const char *nonce, const char *url)
{
  json_object *h = json_object_new_object ();
  json_object_object_add (h, "alg", json_object_new_string (alg));
  if (kid)
    json_object_object_add (h, "kid", json_object_new_string (kid));
  else
    json_object_object_add (h, "jwk", json_tokener_parse (jwk));
  if (nonce)
    json_object_object_add (h, "nonce", json_object_new_string (nonce));
  json_object_object_add (h, "url", json_object_new_string (url));
  char *text = cw_json_text (h);
  json_object_put (h);
  return text;
}

static char *
flattened (const char *protected64, const char *payload64,
           const char *signature64)
{
  json_object *o = json_object_new_object ();
  json_object_object_add (o, "protected",
                          json_object_new_string (protected64));
  json_object_object_add (o, "payload", json_object_new_string (payload64));
  json_object_object_add (o, "signature",
                          json_object_new_string (signature64));
  char *text = cw_json_text (o);
  json_object_put (o);
  return text;
}

char *
cw_jws_sign (const struct cw_acme_key *key, const char *kid,
             const char *nonce, const char *url, const char *payload,
             int *err)
{
  const char *alg = cw_acme_key_alg (key->pub);
  char *jwk = kid ? NULL : cw_jwk_json (key->pub);
  *err = 0;
  if (!alg || (!kid && !jwk))
    {
      *err = GNUTLS_E_UNKNOWN_PK_ALGORITHM;
      free (jwk);
      return NULL;
    }
  char *header = protected_header (alg, kid, jwk, nonce, url);
  char *p64 = cw_b64url_encode (header, strlen (header));
  char *b64 = cw_b64url_encode (payload, strlen (payload));
  char *input = xasprintf ("%s.%s", p64, b64);
  gnutls_datum_t sig;
  char *jws = NULL;
  *err = cw_acme_key_sign (key, input, strlen (input), &sig);
  if (*err >= 0)
    {
      char *s64 = datum_b64 (&sig);
      jws = flattened (p64, b64, s64);
      free (s64);
      gnutls_free (sig.data);
    }
  free (jwk), free (header), free (p64), free (b64), free (input);
  return jws;
}

char *
cw_jws_eab (const char *eab_kid, const unsigned char *mac_key,
            size_t mac_len, gnutls_pubkey_t account_key, const char *url)
{
  char *jwk = cw_jwk_json (account_key);
  if (!jwk)
    return NULL;
  json_object *h = json_object_new_object ();
  json_object_object_add (h, "alg", json_object_new_string ("HS256"));
  json_object_object_add (h, "kid", json_object_new_string (eab_kid));
  json_object_object_add (h, "url", json_object_new_string (url));
  char *header = cw_json_text (h);
  json_object_put (h);
  char *p64 = cw_b64url_encode (header, strlen (header));
  char *b64 = cw_b64url_encode (jwk, strlen (jwk));
  char *input = xasprintf ("%s.%s", p64, b64);
  unsigned char mac[32];
  char *jws = NULL;
  if (gnutls_hmac_fast (GNUTLS_MAC_SHA256, mac_key, mac_len, input,
                        strlen (input), mac) >= 0)
    {
      char *s64 = cw_b64url_encode (mac, sizeof mac);
      jws = flattened (p64, b64, s64);
      free (s64);
    }
  gnutls_memset (mac, 0, sizeof mac);
  free (jwk), free (header), free (p64), free (b64), free (input);
  return jws;
}
