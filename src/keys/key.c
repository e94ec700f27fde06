/* The key handle: making a key, reading and writing a file key, and
   what any key can say of itself.  Tokens are in key_token.c, signing in
   key_sign.c. */
#include <config.h>

#include "keys/key_impl.h"
#include "keys/rawkey.h"

#include <stdlib.h>
#include <string.h>

#include "base/hex.h"
#include "base/i18n.h"
#include "base/trace.h"
#include "base/xalloc.h"
#include "keys/keyrace.h"

int
cw_key_learn (struct cw_key *key)
{
  int ret = gnutls_pubkey_init (&key->pub);
  if (ret >= 0)
    ret = gnutls_pubkey_import_privkey (key->pub, key->priv, 0, 0);
  if (ret < 0)
    return ret;
  /* A token's private key object does not always tell its size. */
  int algorithm = gnutls_pubkey_get_pk_algorithm (key->pub, &key->bits);
  if (algorithm < 0)
    return algorithm;
  key->algorithm = (gnutls_pk_algorithm_t) algorithm;
  /* Nor does a token's public key always: its curve does. */
  gnutls_ecc_curve_t curve;
  if (key->algorithm == GNUTLS_PK_ECDSA
      && gnutls_pubkey_export_ecc_raw2 (key->pub, &curve, NULL, NULL, 0) >= 0)
    key->bits = cw_curve_bits (curve);
  return 0;
}

void
cw_key_free (struct cw_key *key)
{
  if (!key)
    return;
  if (key->pub)
    gnutls_pubkey_deinit (key->pub);
  /* The abstract key refers to the raw one: it goes first. */
  if (key->priv)
    gnutls_privkey_deinit (key->priv);
  if (key->raw)
    gnutls_x509_privkey_deinit (key->raw);
  if (key->pin)
    {
      if (key->pin->pin)
        {
          explicit_bzero (key->pin->pin, strlen (key->pin->pin));
          free (key->pin->pin);
        }
      free (key->pin);
    }
  free (key->uri);
  free (key->token_label);
  free (key);
}

int
cw_key_adopt_raw (gnutls_x509_privkey_t raw, struct cw_key **key)
{
  struct cw_key *k = xcalloc (1, sizeof *k);
  k->raw = raw;
  int ret = gnutls_privkey_init (&k->priv);
  if (ret >= 0)
    ret = gnutls_privkey_import_x509 (k->priv, raw, 0);
  if (ret >= 0)
    ret = cw_key_learn (k);
  if (ret < 0)
    {
      cw_key_free (k);
      k = NULL;
    }
  *key = k;
  return ret;
}

gnutls_x509_privkey_t
cw_key_raw (const struct cw_key *key)
{
  return key->raw;
}

static enum cw_status
generation_failed (int ret, struct cw_diags *diags)
{
  cw_diag_add (diags, CW_ERROR, "crypto", "key",
               _("The key could not be made: %s. This is not caused by "
                 "your input; try again, and report it if it persists."),
               gnutls_strerror (ret));
  return CW_FAILED;
}

enum cw_status
cw_key_generate (const struct cw_keyspec *spec, struct cw_progress *progress,
                 struct cw_key **key, struct cw_diags *diags)
{
  *key = NULL;
  unsigned bits = spec->algorithm == GNUTLS_PK_ECDSA
                    ? GNUTLS_CURVE_TO_BITS (spec->curve) : spec->bits;
  char *what = cw_keyspec_describe (spec);
  /* TRANSLATORS: a step of long work; %s is "RSA 3072 bits" or "ECDSA
     P-256". */
  cw_progress_say (progress, _("Making a new key (%s)"), what);
  free (what);
  gnutls_x509_privkey_t raw;
  int ret = gnutls_x509_privkey_init (&raw);
  if (ret < 0)
    return generation_failed (ret, diags);
  int searches = cw_key_race_size (spec->algorithm);
  /* The benchmarks tell certwiz's own time from the prime search's. */
  cw_trace ("keygen", "start searches=%d", searches);
  ret = cw_key_race (raw, spec->algorithm, bits, searches, progress);
  cw_trace ("keygen", "end");
  if (ret == CW_KEY_RACE_CANCELLED)
    {
      gnutls_x509_privkey_deinit (raw);
      return CW_CANCELLED;
    }
  if (ret >= 0)
    ret = cw_key_adopt_raw (raw, key);
  else
    gnutls_x509_privkey_deinit (raw);
  return ret < 0 ? generation_failed (ret, diags) : CW_OK;
}

int
cw_key_from_pem (const gnutls_datum_t *pem, struct cw_key **key)
{
  gnutls_x509_privkey_t raw;
  *key = NULL;
  int ret = gnutls_x509_privkey_init (&raw);
  if (ret < 0)
    return ret;
  ret = gnutls_x509_privkey_import (raw, pem, GNUTLS_X509_FMT_PEM);
  if (ret < 0)
    {
      gnutls_x509_privkey_deinit (raw);
      return ret;
    }
  return cw_key_adopt_raw (raw, key);
}

gnutls_pk_algorithm_t
cw_key_algorithm (const struct cw_key *key)
{
  return key->algorithm;
}

unsigned
cw_key_bits (const struct cw_key *key)
{
  return key->bits;
}

void
cw_key_spec (const struct cw_key *key, struct cw_keyspec *spec)
{
  *spec = (struct cw_keyspec) { key->algorithm, key->bits,
                                GNUTLS_ECC_CURVE_INVALID };
  gnutls_ecc_curve_t curve;
  if (key->algorithm == GNUTLS_PK_ECDSA
      && gnutls_pubkey_export_ecc_raw2 (key->pub, &curve, NULL, NULL, 0)
           >= 0)
    {
      spec->curve = curve;
      spec->bits = 0;
    }
}

char *
cw_key_describe (const struct cw_key *key)
{
  struct cw_keyspec spec;
  cw_key_spec (key, &spec);
  return cw_keyspec_describe (&spec);
}

gnutls_digest_algorithm_t
cw_key_digest (const struct cw_key *key)
{
  if (key->algorithm != GNUTLS_PK_ECDSA || key->bits <= 256)
    return GNUTLS_DIG_SHA256;
  return key->bits <= 384 ? GNUTLS_DIG_SHA384 : GNUTLS_DIG_SHA512;
}

bool
cw_key_on_token (const struct cw_key *key)
{
  return key->uri != NULL;
}

const char *
cw_key_uri (const struct cw_key *key)
{
  return key->uri;
}

const char *
cw_key_token_label (const struct cw_key *key)
{
  return key->token_label;
}

int
cw_key_id (const struct cw_key *key, char out[41])
{
  unsigned char id[20];
  size_t size = sizeof id;
  int ret = gnutls_pubkey_get_key_id (key->pub, GNUTLS_KEYID_USE_SHA1, id,
                                      &size);
  if (ret >= 0)
    cw_hex_encode (id, size, out);
  return ret;
}

/* The SHA-256 key ID of KEY into ID[32]; false when it cannot be had. */
static bool
long_id (const struct cw_key *key, unsigned char id[32])
{
  size_t size = 32;
  return gnutls_pubkey_get_key_id (key->pub, GNUTLS_KEYID_USE_SHA256, id,
                                   &size) >= 0 && size == 32;
}

bool
cw_key_fits_cert (const struct cw_key *key, gnutls_x509_crt_t crt)
{
  unsigned char a[32], b[32];
  size_t a_size = sizeof a;
  return gnutls_x509_crt_get_key_id (crt, GNUTLS_KEYID_USE_SHA256, a,
                                     &a_size) >= 0
         && a_size == 32 && long_id (key, b) && memcmp (a, b, 32) == 0;
}

bool
cw_key_same (const struct cw_key *a, const struct cw_key *b)
{
  unsigned char id_a[32], id_b[32];
  return long_id (a, id_a) && long_id (b, id_b)
         && memcmp (id_a, id_b, 32) == 0;
}

int
cw_key_public (const struct cw_key *key, gnutls_pubkey_t *pub)
{
  int ret = gnutls_pubkey_init (pub);
  if (ret >= 0)
    ret = gnutls_pubkey_import_privkey (*pub, key->priv, 0, 0);
  if (ret < 0 && *pub)
    {
      gnutls_pubkey_deinit (*pub);
      *pub = NULL;
    }
  return ret;
}

enum cw_status
cw_key_export_pem (const struct cw_key *key, gnutls_datum_t *pem,
                   struct cw_diags *diags)
{
  *pem = (gnutls_datum_t) { NULL, 0 };
  if (!key->raw)
    {
      cw_diag_add (diags, CW_ERROR, "key-on-token", "key",
                   _("The key is on the token \"%s\" and cannot leave it: "
                     "it can sign there, but it cannot be written to a "
                     "file."), key->token_label ? key->token_label : "?");
      return CW_REFUSED;
    }
  int ret = gnutls_x509_privkey_export2_pkcs8 (key->raw, GNUTLS_X509_FMT_PEM,
                                               NULL, GNUTLS_PKCS_PLAIN, pem);
  if (ret >= 0)
    return CW_OK;
  cw_key_report (key, ret, "key", diags);
  return CW_FAILED;
}

bool
cw_key_der_is_private (const gnutls_datum_t *der)
{
  gnutls_x509_privkey_t key;
  if (gnutls_x509_privkey_init (&key) < 0)
    return false;
  int ret = gnutls_x509_privkey_import2 (key, der, GNUTLS_X509_FMT_DER, NULL,
                                         GNUTLS_PKCS_PLAIN);
  gnutls_x509_privkey_deinit (key);
  /* An encrypted key cannot be read without its password, but GnuTLS
     says it is one. */
  return ret >= 0 || ret == GNUTLS_E_DECRYPTION_FAILED;
}
