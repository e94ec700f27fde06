#include <config.h>

#include "acme/acctkey.h"

#include <gnutls/crypto.h>
#include <gnutls/x509.h>
#include <string.h>

#include "base/i18n.h"

struct key_type
{
  const char *name;
  gnutls_pk_algorithm_t pk;
  unsigned bits;                /* or the curve's GNUTLS_CURVE_TO_BITS */
};

static const struct key_type key_types[] = {
  { "p256", GNUTLS_PK_ECDSA, GNUTLS_CURVE_TO_BITS (GNUTLS_ECC_CURVE_SECP256R1) },
  { "p384", GNUTLS_PK_ECDSA, GNUTLS_CURVE_TO_BITS (GNUTLS_ECC_CURVE_SECP384R1) },
  { "rsa2048", GNUTLS_PK_RSA, 2048 },
  { "rsa3072", GNUTLS_PK_RSA, 3072 },
  { "rsa4096", GNUTLS_PK_RSA, 4096 },
  { "ed25519", GNUTLS_PK_EDDSA_ED25519,
    GNUTLS_CURVE_TO_BITS (GNUTLS_ECC_CURVE_ED25519) },
};

const char *const cw_acme_key_types[] = { "p256", "p384", "rsa2048",
                                          "rsa3072", "rsa4096", "ed25519",
                                          NULL };

static enum cw_status
key_error (struct cw_diags *diags, int ret)
{
  cw_diag_add (diags, CW_ERROR, "acme-account-key", "key",
               _("The account key cannot be made or read: %s. If the "
                 "store's account entry was edited, add the account "
                 "again."), gnutls_strerror (ret));
  return CW_FAILED;
}

static int
wrap (gnutls_x509_privkey_t x509, struct cw_acme_key *key)
{
  int ret = gnutls_privkey_init (&key->priv);
  if (ret >= 0)
    ret = gnutls_privkey_import_x509 (key->priv, x509,
                                      GNUTLS_PRIVKEY_IMPORT_COPY);
  if (ret >= 0)
    ret = gnutls_pubkey_init (&key->pub);
  if (ret >= 0)
    ret = gnutls_pubkey_import_privkey (key->pub, key->priv, 0, 0);
  return ret;
}

enum cw_status
cw_acme_key_generate (const char *type, struct cw_acme_key *key,
                      gnutls_datum_t *pem, struct cw_diags *diags)
{
  *key = (struct cw_acme_key) { NULL, NULL };
  pem->data = NULL;
  pem->size = 0;
  const struct key_type *kt = NULL;
  for (size_t i = 0; i < sizeof key_types / sizeof key_types[0]; i++)
    if (strcmp (key_types[i].name, type) == 0)
      kt = &key_types[i];
  if (!kt)
    {
      cw_diag_add (diags, CW_ERROR, "acme-key-type", "key",
                   _("\"%s\" is not an account key type. Choose p256, "
                     "p384, rsa2048, rsa3072, rsa4096 or ed25519."), type);
      return CW_REFUSED;
    }
  gnutls_x509_privkey_t x509;
  int ret = gnutls_x509_privkey_init (&x509);
  if (ret < 0)
    return key_error (diags, ret);
  ret = gnutls_x509_privkey_generate2 (x509, kt->pk, kt->bits, 0, NULL, 0);
  if (ret >= 0)
    ret = gnutls_x509_privkey_export2_pkcs8 (x509, GNUTLS_X509_FMT_PEM, NULL,
                                             GNUTLS_PKCS_PLAIN, pem);
  if (ret >= 0)
    ret = wrap (x509, key);
  gnutls_x509_privkey_deinit (x509);
  if (ret >= 0)
    return CW_OK;
  cw_acme_key_free (key);
  return key_error (diags, ret);
}

enum cw_status
cw_acme_key_load (const gnutls_datum_t *pem, struct cw_acme_key *key,
                  struct cw_diags *diags)
{
  *key = (struct cw_acme_key) { NULL, NULL };
  gnutls_x509_privkey_t x509;
  int ret = gnutls_x509_privkey_init (&x509);
  if (ret < 0)
    return key_error (diags, ret);
  ret = gnutls_x509_privkey_import2 (x509, pem, GNUTLS_X509_FMT_PEM, NULL,
                                     GNUTLS_PKCS_PLAIN);
  if (ret >= 0)
    ret = wrap (x509, key);
  gnutls_x509_privkey_deinit (x509);
  if (ret >= 0 && !cw_acme_key_alg (key->pub))
    ret = GNUTLS_E_UNKNOWN_PK_ALGORITHM;
  if (ret >= 0)
    return CW_OK;
  cw_acme_key_free (key);
  return key_error (diags, ret);
}

void
cw_acme_key_free (struct cw_acme_key *key)
{
  if (key->priv)
    gnutls_privkey_deinit (key->priv);
  if (key->pub)
    gnutls_pubkey_deinit (key->pub);
  key->priv = NULL;
  key->pub = NULL;
}

static gnutls_ecc_curve_t
curve_of (gnutls_pubkey_t pub)
{
  gnutls_ecc_curve_t curve = GNUTLS_ECC_CURVE_INVALID;
  gnutls_pubkey_export_ecc_raw2 (pub, &curve, NULL, NULL, 0);
  return curve;
}

const char *
cw_acme_key_alg (gnutls_pubkey_t pub)
{
  switch (gnutls_pubkey_get_pk_algorithm (pub, NULL))
    {
    case GNUTLS_PK_RSA:
      return "RS256";
    case GNUTLS_PK_EDDSA_ED25519:
      return "EdDSA";
    case GNUTLS_PK_ECDSA:
      switch (curve_of (pub))
        {
        case GNUTLS_ECC_CURVE_SECP256R1:
          return "ES256";
        case GNUTLS_ECC_CURVE_SECP384R1:
          return "ES384";
        default:
          return NULL;
        }
    default:
      return NULL;
    }
}

/* R and S, each without its sign byte, left-padded to SIZE bytes. */
static int
raw_rs (const gnutls_datum_t *der, unsigned size, gnutls_datum_t *sig)
{
  gnutls_datum_t r, s;
  int ret = gnutls_decode_rs_value (der, &r, &s);
  if (ret < 0)
    return ret;
  const gnutls_datum_t *parts[2] = { &r, &s };
  sig->data = gnutls_malloc (2 * size);
  sig->size = 2 * size;
  memset (sig->data, 0, 2 * size);
  for (int i = 0; i < 2 && ret >= 0; i++)
    {
      const unsigned char *p = parts[i]->data;
      unsigned n = parts[i]->size;
      while (n > size && *p == 0)
        p++, n--;
      if (n > size)
        ret = GNUTLS_E_INTERNAL_ERROR;
      else
        memcpy (sig->data + (unsigned) i * size + (size - n), p, n);
    }
  gnutls_free (r.data);
  gnutls_free (s.data);
  if (ret < 0)
    {
      gnutls_free (sig->data);
      sig->data = NULL;
    }
  return ret;
}

int
cw_acme_key_sign (const struct cw_acme_key *key, const void *data,
                  size_t len, gnutls_datum_t *sig)
{
  gnutls_datum_t in = { (unsigned char *) data, (unsigned) len };
  gnutls_sign_algorithm_t algo;
  unsigned size = 0;
  const char *alg = cw_acme_key_alg (key->pub);
  if (!alg)
    return GNUTLS_E_UNKNOWN_PK_ALGORITHM;
  if (strcmp (alg, "RS256") == 0)
    algo = GNUTLS_SIGN_RSA_SHA256;
  else if (strcmp (alg, "EdDSA") == 0)
    algo = GNUTLS_SIGN_EDDSA_ED25519;
  else if (strcmp (alg, "ES256") == 0)
    algo = GNUTLS_SIGN_ECDSA_SECP256R1_SHA256, size = 32;
  else
    algo = GNUTLS_SIGN_ECDSA_SECP384R1_SHA384, size = 48;
  if (!size)
    return gnutls_privkey_sign_data2 (key->priv, algo, 0, &in, sig);
  gnutls_datum_t der;
  int ret = gnutls_privkey_sign_data2 (key->priv, algo, 0, &in, &der);
  if (ret < 0)
    return ret;
  ret = raw_rs (&der, size, sig);
  gnutls_free (der.data);
  return ret;
}
