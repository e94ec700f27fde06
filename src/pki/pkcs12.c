#include <config.h>

#include "pki/pkcs12.h"

#include <gnutls/pkcs12.h>
#include <stdlib.h>
#include <string.h>

#include "pki/certinfo.h"
#include "keys/rawkey.h"
#include "base/i18n.h"
#include "base/unicode.h"
#include "base/xalloc.h"

/* GnuTLS keeps at most 32 elements in one bag; a longer chain is split. */
#define CERTS_PER_BAG 32

/* What both bags of the key carry so that Windows and openssl pair them. */
struct p12_labels
{
  gnutls_datum_t key_id;
  const char *friendly_name;    /* as GnuTLS must be given it, or NULL */
};

bool
cw_p12_profile_parse (const char *name, enum cw_p12_profile *profile,
                      struct cw_diags *diags)
{
  if (name && strcmp (name, "modern") == 0)
    *profile = CW_P12_MODERN;
  else if (name && strcmp (name, "legacy") == 0)
    *profile = CW_P12_LEGACY;
  else
    {
      cw_diag_add (diags, CW_ERROR, "p12-unknown-profile", "backup",
                   /* TRANSLATORS: "modern" and "legacy" are typed as
                      they are; do not translate them. */
                   _("\"%s\" is not a backup profile. Use \"modern\" "
                     "(AES) for Windows Server 2019 and later and for "
                     "Linux, or \"legacy\" (3DES) for Windows Server 2016 "
                     "and older, which cannot read AES."), name ? name : "");
      return false;
    }
  return true;
}

static unsigned
profile_cipher (enum cw_p12_profile profile)
{
  return profile == CW_P12_LEGACY ? GNUTLS_PKCS_PKCS12_3DES
                                  : GNUTLS_PKCS_PBES2_AES_256;
}

static gnutls_mac_algorithm_t
profile_mac (enum cw_p12_profile profile)
{
  return profile == CW_P12_LEGACY ? GNUTLS_MAC_SHA1 : GNUTLS_MAC_SHA256;
}

/* GnuTLS 3.7 turns each byte of a friendly name into one BMPString
   character, so UTF-8 would come out garbled ("CafÃ©").  Giving it
   Latin-1 bytes stores the first 256 code points right; any other
   character becomes "?" and *LOSSY is set. */
static char *
friendly_name_for_gnutls (const char *utf8, bool *lossy)
{
  bool valid = cw_utf8_valid (utf8, strlen (utf8));
  char *out = xmalloc (strlen (utf8) + 1), *o = out;
  *lossy = false;
  for (const char *p = utf8; *p;)
    {
      uint32_t c = (unsigned char) *p;
      p += valid ? cw_utf8_decode (p, &c) : 1;
      if (c > (valid ? 0xFFU : 0x7FU))
        {
          c = '?';
          *lossy = true;
        }
      *o++ = (char) c;
    }
  *o = '\0';
  return out;
}

/* The name as it will read back, for the warning. */
static char *
latin1_to_utf8 (const char *latin1)
{
  char *out = xmalloc (2 * strlen (latin1) + 1), *o = out;
  for (const unsigned char *p = (const unsigned char *) latin1; *p; p++)
    if (*p < 0x80)
      *o++ = (char) *p;
    else
      {
        *o++ = (char) (0xC0 | (*p >> 6));
        *o++ = (char) (0x80 | (*p & 0x3F));
      }
  *o = '\0';
  return out;
}

static void
warn_name_changed (const char *wanted, const char *stored,
                   struct cw_diags *diags)
{
  char *shown = latin1_to_utf8 (stored);
  cw_diag_add (diags, CW_WARNING, "p12-friendly-name-changed", "backup",
               _("The friendly name \"%s\" has characters that certwiz "
                 "cannot write into a backup file (it keeps Western "
                 "European letters only), so the backup carries the name "
                 "\"%s\". The key and certificates are not affected; "
                 "rename the certificate after importing it if you like."),
               wanted, shown);
  free (shown);
}

static int
label_element (gnutls_pkcs12_bag_t bag, int index,
               const struct p12_labels *labels)
{
  int ret = gnutls_pkcs12_bag_set_key_id (bag, index, &labels->key_id);
  if (ret >= 0 && labels->friendly_name)
    ret = gnutls_pkcs12_bag_set_friendly_name (bag, index,
                                               labels->friendly_name);
  return ret;
}

/* One encrypted bag of certificates; LABELS (may be NULL) goes on the
   first, the leaf. */
static int
add_cert_bag (gnutls_pkcs12_t p12, const gnutls_x509_crt_t *certs,
              size_t count, const struct p12_labels *labels,
              unsigned cipher, const char *password)
{
  gnutls_pkcs12_bag_t bag;
  int ret = gnutls_pkcs12_bag_init (&bag);
  if (ret < 0)
    return ret;
  for (size_t i = 0; ret >= 0 && i < count; i++)
    {
      ret = gnutls_pkcs12_bag_set_crt (bag, certs[i]);
      if (ret >= 0 && i == 0 && labels)
        ret = label_element (bag, ret, labels);
    }
  if (ret >= 0)
    ret = gnutls_pkcs12_bag_encrypt (bag, password, cipher);
  if (ret >= 0)
    ret = gnutls_pkcs12_set_bag (p12, bag);
  gnutls_pkcs12_bag_deinit (bag);
  return ret;
}

static int
add_certs (gnutls_pkcs12_t p12, const gnutls_x509_crt_t *certs, size_t count,
           const struct p12_labels *labels, unsigned cipher,
           const char *password)
{
  int ret = 0;
  for (size_t start = 0; ret >= 0 && start < count; start += CERTS_PER_BAG)
    {
      size_t n = count - start < CERTS_PER_BAG ? count - start
                                               : CERTS_PER_BAG;
      ret = add_cert_bag (p12, certs + start, n, start == 0 ? labels : NULL,
                          cipher, password);
    }
  return ret;
}

/* The key goes in a bag of its own, shrouded (PKCS#8-encrypted) rather
   than in an encrypted bag, as Windows and openssl write it. */
static int
add_key (gnutls_pkcs12_t p12, const struct cw_key *key,
         const struct p12_labels *labels, unsigned cipher,
         const char *password)
{
  gnutls_pkcs12_bag_t bag;
  int ret = gnutls_pkcs12_bag_init (&bag);
  if (ret < 0)
    return ret;
  ret = gnutls_pkcs12_bag_set_privkey (bag, cw_key_raw (key), password,
                                       cipher);
  if (ret >= 0)
    ret = label_element (bag, ret, labels);
  if (ret >= 0)
    ret = gnutls_pkcs12_set_bag (p12, bag);
  gnutls_pkcs12_bag_deinit (bag);
  return ret;
}

static int
build (const struct cw_key *key, const gnutls_x509_crt_t *certs,
       size_t count, const struct p12_labels *labels,
       enum cw_p12_profile profile, const char *password,
       gnutls_datum_t *der)
{
  gnutls_pkcs12_t p12;
  unsigned cipher = profile_cipher (profile);
  int ret = gnutls_pkcs12_init (&p12);
  if (ret < 0)
    return ret;
  ret = add_certs (p12, certs, count, labels, cipher, password);
  if (ret >= 0)
    ret = add_key (p12, key, labels, cipher, password);
  if (ret >= 0)
    ret = gnutls_pkcs12_generate_mac2 (p12, profile_mac (profile), password);
  if (ret >= 0)
    ret = gnutls_pkcs12_export2 (p12, GNUTLS_X509_FMT_DER, der);
  gnutls_pkcs12_deinit (p12);
  return ret;
}

enum cw_status
cw_p12_write (const struct cw_key *key, const gnutls_x509_crt_t *certs,
              size_t count, const char *friendly_name,
              enum cw_p12_profile profile, const char *password,
              gnutls_datum_t *der, struct cw_diags *diags)
{
  unsigned char id[64];
  size_t id_size = sizeof id;
  struct p12_labels labels = { { id, 0 }, NULL };
  char *name = NULL;
  *der = (gnutls_datum_t) { NULL, 0 };
  /* The ID only has to match between the two bags; the SHA-1 of the
     public key is what certtool and most tools use. */
  if (!cw_key_raw (key))
    {
      /* Says that a token key cannot leave its token. */
      gnutls_datum_t none;
      return cw_key_export_pem (key, &none, diags);
    }
  int ret = gnutls_x509_privkey_get_key_id (cw_key_raw (key),
                                            GNUTLS_KEYID_USE_SHA1, id,
                                            &id_size);
  labels.key_id.size = id_size;
  if (ret >= 0 && friendly_name)
    {
      bool lossy;
      labels.friendly_name = name = friendly_name_for_gnutls (friendly_name,
                                                              &lossy);
      if (lossy)
        warn_name_changed (friendly_name, name, diags);
    }
  if (ret >= 0)
    ret = build (key, certs, count, &labels, profile, password, der);
  free (name);
  if (ret >= 0)
    return CW_OK;
  cw_diag_add (diags, CW_ERROR, "p12-write", "backup",
               _("The backup could not be made: %s. Nothing was written. "
                 "This is not caused by your password; try again, and "
                 "report it if it persists."), gnutls_strerror (ret));
  return CW_FAILED;
}

static void
verify_failed (const char *reason, struct cw_diags *diags)
{
  cw_diag_add (diags, CW_ERROR, "p12-verify-failed", "backup",
               /* TRANSLATORS: %s is a short reason or a code such as
                  "p12-malformed". */
               _("The backup just made does not read back correctly (%s). "
                 "Do not rely on it: make the backup again, and report "
                 "this if it happens again."), reason);
}

enum cw_status
cw_p12_verify (const gnutls_datum_t *der, const char *password,
               const struct cw_key *key, struct cw_diags *diags)
{
  struct cw_diags found = CW_DIAGS_INIT;
  struct cw_certs certs = CW_CERTS_INIT;
  struct cw_key *read_key = NULL;
  char *name = NULL;
  enum cw_status status = cw_p12_read (der, password, &read_key, &certs,
                                       &name, &found);
  if (status != CW_OK)
    verify_failed (found.count ? found.items[0].code : "", diags);
  else if (!read_key)
    {
      cw_diag_add (diags, CW_ERROR, "p12-no-key", "backup",
                   _("The backup just made holds no private key, so it "
                     "could not restore this certificate. Make the backup "
                     "again, and report this if it happens again."));
      status = CW_FAILED;
    }
  else if (!cw_key_same (read_key, key))
    {
      verify_failed (_("it holds a different private key"), diags);
      status = CW_FAILED;
    }
  cw_key_free (read_key);
  cw_certs_free (&certs);
  free (name);
  cw_diags_free (&found);
  return status == CW_OK ? CW_OK : CW_FAILED;
}
