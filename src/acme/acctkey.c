#include <config.h>

#include "acme/acctkey.h"

#include <gnutls/crypto.h>
#include <stdlib.h>
#include <string.h>

#include "base/i18n.h"

struct key_type
{
  const char *name;
  struct cw_keyspec spec;
};

static const struct key_type key_types[] = {
  { "p256", { GNUTLS_PK_ECDSA, 0, GNUTLS_ECC_CURVE_SECP256R1 } },
  { "p384", { GNUTLS_PK_ECDSA, 0, GNUTLS_ECC_CURVE_SECP384R1 } },
  { "rsa2048", { GNUTLS_PK_RSA, 2048, GNUTLS_ECC_CURVE_INVALID } },
  { "rsa3072", { GNUTLS_PK_RSA, 3072, GNUTLS_ECC_CURVE_INVALID } },
  { "rsa4096", { GNUTLS_PK_RSA, 4096, GNUTLS_ECC_CURVE_INVALID } },
  { "ed25519", { GNUTLS_PK_EDDSA_ED25519,
                 GNUTLS_CURVE_TO_BITS (GNUTLS_ECC_CURVE_ED25519),
                 GNUTLS_ECC_CURVE_ED25519 } },
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

static enum cw_status
take_public (struct cw_acme_key *key, struct cw_diags *diags)
{
  int ret = cw_key_public (key->key, &key->pub);
  if (ret >= 0 && !cw_acme_key_alg (key->pub))
    ret = GNUTLS_E_UNKNOWN_PK_ALGORITHM;
  if (ret >= 0)
    return CW_OK;
  cw_acme_key_free (key);
  return key_error (diags, ret);
}

static const struct key_type *
key_type_named (const char *type, struct cw_diags *diags)
{
  for (size_t i = 0; i < sizeof key_types / sizeof key_types[0]; i++)
    if (strcmp (key_types[i].name, type) == 0)
      return &key_types[i];
  cw_diag_add (diags, CW_ERROR, "acme-key-type", "key",
               _("\"%s\" is not an account key type. Choose p256, "
                 "p384, rsa2048, rsa3072, rsa4096 or ed25519."), type);
  return NULL;
}

enum cw_status
cw_acme_key_generate (const char *type, struct cw_acme_key *key,
                      gnutls_datum_t *pem, struct cw_diags *diags)
{
  *key = (struct cw_acme_key) { NULL, NULL };
  *pem = (gnutls_datum_t) { NULL, 0 };
  const struct key_type *kt = key_type_named (type, diags);
  if (!kt)
    return CW_REFUSED;
  enum cw_status status = cw_key_generate (&kt->spec, NULL, &key->key,
                                           diags);
  if (status == CW_OK)
    status = cw_key_export_pem (key->key, pem, diags);
  if (status == CW_OK)
    status = take_public (key, diags);
  else
    cw_acme_key_free (key);
  return status;
}

enum cw_status
cw_acme_key_load (const gnutls_datum_t *pem, struct cw_acme_key *key,
                  struct cw_diags *diags)
{
  *key = (struct cw_acme_key) { NULL, NULL };
  int ret = cw_key_from_pem (pem, &key->key);
  if (ret < 0)
    return key_error (diags, ret);
  return take_public (key, diags);
}

void
cw_acme_key_free (struct cw_acme_key *key)
{
  if (key->key)
    cw_key_free (key->key);
  if (key->pub)
    gnutls_pubkey_deinit (key->pub);
  key->key = NULL;
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

int
cw_acme_key_sign (const struct cw_acme_key *key, const void *data,
                  size_t len, gnutls_datum_t *sig)
{
  const char *alg = cw_acme_key_alg (key->pub);
  if (!alg)
    return GNUTLS_E_UNKNOWN_PK_ALGORITHM;
  /* The digest the JWS algorithm names; EdDSA hashes by itself. */
  gnutls_digest_algorithm_t digest = strcmp (alg, "ES384") == 0
                                       ? GNUTLS_DIG_SHA384
                                     : strcmp (alg, "EdDSA") == 0
                                       ? GNUTLS_DIG_SHA512
                                       : GNUTLS_DIG_SHA256;
  gnutls_datum_t in = { (unsigned char *) data, (unsigned) len };
  return cw_key_sign_data (key->key, digest, &in, true, sig);
}

enum cw_status
cw_acme_key_on_token (const char *uri, const char *type, const char *label,
                      const struct cw_pin_source *pin,
                      struct cw_acme_key *key, struct cw_diags *diags)
{
  *key = (struct cw_acme_key) { NULL, NULL };
  if (!cw_key_uri_check (uri, diags))
    return CW_REFUSED;
  enum cw_status status;
  if (cw_key_uri_names_token (uri))
    {
      const struct key_type *kt = key_type_named (type, diags);
      if (!kt)
        return CW_REFUSED;
      status = cw_key_generate_on_token (uri, &kt->spec, label, pin, NULL,
                                         &key->key, diags);
    }
  else
    status = cw_key_open_token (uri, pin, &key->key, diags);
  if (status == CW_OK)
    status = take_public (key, diags);
  if (status != CW_OK)
    cw_acme_key_free (key);
  return status;
}
