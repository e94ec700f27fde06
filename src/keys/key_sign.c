/* Every signature certwiz makes: requests, self-signed certificates and
   arbitrary data (an ACME account's JWS), with the digest that follows
   the key, whether the key is in memory or on a token. */
#include <config.h>

#include "keys/key_impl.h"

#include <gnutls/crypto.h>
#include <string.h>

#include "base/i18n.h"

int
cw_key_sign_request (const struct cw_key *key, gnutls_x509_crq_t crq)
{
  return gnutls_x509_crq_privkey_sign (crq, key->priv, cw_key_digest (key),
                                       0);
}

int
cw_key_sign_self (const struct cw_key *key, gnutls_x509_crt_t crt)
{
  return gnutls_x509_crt_privkey_sign (crt, crt, key->priv,
                                       cw_key_digest (key), 0);
}

/* Copies the big-endian integer INT into OUT[SIZE], right-aligned:
   DER's sign byte dropped, leading zeros added. */
static bool
put_fixed (const gnutls_datum_t *integer, unsigned char *out, size_t size)
{
  const unsigned char *p = integer->data;
  size_t len = integer->size;
  while (len > 0 && *p == 0)
    p++, len--;
  if (len > size)
    return false;
  memset (out, 0, size - len);
  memcpy (out + size - len, p, len);
  return true;
}

/* The DER ECDSA signature SIG as r||s, each as long as the curve. */
static int
raw_ecdsa (const struct cw_key *key, gnutls_datum_t *sig)
{
  gnutls_datum_t r = { NULL, 0 }, s = { NULL, 0 };
  size_t half = (key->bits + 7) / 8;
  int ret = gnutls_decode_rs_value (sig, &r, &s);
  if (ret < 0)
    return ret;
  unsigned char *raw = gnutls_malloc (2 * half);
  if (!raw)
    ret = GNUTLS_E_MEMORY_ERROR;
  else if (!put_fixed (&r, raw, half) || !put_fixed (&s, raw + half, half))
    ret = GNUTLS_E_INTERNAL_ERROR;
  gnutls_free (r.data);
  gnutls_free (s.data);
  if (ret < 0)
    {
      gnutls_free (raw);
      return ret;
    }
  gnutls_free (sig->data);
  *sig = (gnutls_datum_t) { raw, (unsigned) (2 * half) };
  return 0;
}

int
cw_key_sign_data (const struct cw_key *key, gnutls_digest_algorithm_t digest,
                  const gnutls_datum_t *data, bool raw,
                  gnutls_datum_t *signature)
{
  *signature = (gnutls_datum_t) { NULL, 0 };
  int ret = gnutls_privkey_sign_data (key->priv, digest, 0, data, signature);
  if (ret >= 0 && raw && key->algorithm == GNUTLS_PK_ECDSA)
    ret = raw_ecdsa (key, signature);
  if (ret < 0)
    {
      gnutls_free (signature->data);
      *signature = (gnutls_datum_t) { NULL, 0 };
    }
  return ret;
}

/* Whether RET says that a token went away or failed. */
static bool
token_failed (int ret)
{
  switch (ret)
    {
    case GNUTLS_E_PKCS11_ERROR:
    case GNUTLS_E_PKCS11_DEVICE_ERROR:
    case GNUTLS_E_PKCS11_SLOT_ERROR:
    case GNUTLS_E_PKCS11_SESSION_ERROR:
    case GNUTLS_E_PKCS11_TOKEN_ERROR:
    case GNUTLS_E_PKCS11_KEY_ERROR:
    case GNUTLS_E_PKCS11_USER_ERROR:
    case GNUTLS_E_PKCS11_DATA_ERROR:
    case GNUTLS_E_PKCS11_ATTRIBUTE_ERROR:
    case GNUTLS_E_PKCS11_REQUESTED_OBJECT_NOT_AVAILBLE:
    case GNUTLS_E_REQUESTED_DATA_NOT_AVAILABLE:
      return true;
    default:
      return false;
    }
}

void
cw_key_report (const struct cw_key *key, int ret, const char *field,
               struct cw_diags *diags)
{
  if (key && key->uri && token_failed (ret))
    cw_diag_add (diags, CW_ERROR, "token-failed", field,
                 _("The token \"%s\" did not do what was asked (%s): it may "
                   "have been removed. Check that it is there, then try "
                   "again. Nothing was changed."),
                 key->token_label ? key->token_label : "?",
                 gnutls_strerror (ret));
  else
    cw_diag_add (diags, CW_ERROR, "crypto", field,
                 _("The key could not be used: %s. This is not caused by "
                   "your input; try again, and report it if it persists."),
                 gnutls_strerror (ret));
}
