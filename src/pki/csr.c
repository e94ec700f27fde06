#include <config.h>

#include "pki/csr.h"

#include <gnutls/abstract.h>
#include <gnutls/crypto.h>
#include <gnutls/x509-ext.h>
#include <string.h>

#include "names/attr.h"
#include "base/hex.h"

static int
set_subject (gnutls_x509_crq_t crq, const struct cw_subject *subject)
{
  for (size_t i = 0; i < subject->count; i++)
    {
      const struct cw_rdn *rdn = &subject->rdns[i];
      /* GnuTLS picks the string type: PrintableString for C, IA5String
         for DC, and for the others PrintableString when the value fits
         its character set, else UTF8String. */
      int ret = gnutls_x509_crq_set_dn_by_oid (crq,
                                               cw_attr_info (rdn->attr)->oid,
                                               0, rdn->value,
                                               (unsigned) strlen (rdn->value));
      if (ret < 0)
        return ret;
    }
  return 0;
}

static int
set_alt_names (gnutls_x509_crq_t crq, const struct cw_san_list *sans)
{
  for (size_t i = 0; i < sans->count; i++)
    {
      const struct cw_san *san = &sans->items[i];
      int ret = san->type == CW_SAN_IP
        ? gnutls_x509_crq_set_subject_alt_name (crq, GNUTLS_SAN_IPADDRESS,
                                                san->ip, san->ip_len,
                                                GNUTLS_FSAN_APPEND)
        : gnutls_x509_crq_set_subject_alt_name (crq, GNUTLS_SAN_DNSNAME,
                                                san->name,
                                                (unsigned) strlen (san->name),
                                                GNUTLS_FSAN_APPEND);
      if (ret < 0)
        return ret;
    }
  return 0;
}

/* serverAuth and clientAuth: mail servers authenticate each other with
   their server certificate (mutual TLS between SMTP peers), so it must
   also be a client one.  Encoded here rather than through
   gnutls_x509_crq_set_key_purpose_oid, which marks the extension
   critical whatever it is told, and CAs expect it non-critical. */
static int
set_extended_usage (gnutls_x509_crq_t crq)
{
  gnutls_x509_key_purposes_t purposes;
  gnutls_datum_t der = { NULL, 0 };
  int ret = gnutls_x509_key_purpose_init (&purposes);
  if (ret < 0)
    return ret;
  ret = gnutls_x509_key_purpose_set (purposes, GNUTLS_KP_TLS_WWW_SERVER);
  if (ret >= 0)
    ret = gnutls_x509_key_purpose_set (purposes, GNUTLS_KP_TLS_WWW_CLIENT);
  if (ret >= 0)
    ret = gnutls_x509_ext_export_key_purposes (purposes, &der);
  if (ret >= 0)
    ret = gnutls_x509_crq_set_extension_by_oid (crq, "2.5.29.37", der.data,
                                                der.size, 0);
  gnutls_free (der.data);
  gnutls_x509_key_purpose_deinit (purposes);
  return ret;
}

static int
set_usage (gnutls_x509_crq_t crq, const struct cw_key *key)
{
  /* RSA key exchange still needs keyEncipherment; ECDSA keys only sign. */
  unsigned usage = GNUTLS_KEY_DIGITAL_SIGNATURE;
  if (cw_key_algorithm (key) == GNUTLS_PK_RSA)
    usage |= GNUTLS_KEY_KEY_ENCIPHERMENT;
  int ret = gnutls_x509_crq_set_key_usage (crq, usage);
  return ret < 0 ? ret : set_extended_usage (crq);
}

static int
set_public_key (gnutls_x509_crq_t crq, const struct cw_key *key)
{
  gnutls_pubkey_t pub;
  int ret = cw_key_public (key, &pub);
  if (ret < 0)
    return ret;
  ret = gnutls_x509_crq_set_pubkey (crq, pub);
  gnutls_pubkey_deinit (pub);
  return ret;
}

static int
fill_request (gnutls_x509_crq_t crq, const struct cw_names *names,
              const struct cw_key *key)
{
  int ret = gnutls_x509_crq_set_version (crq, 1);
  if (ret >= 0)
    ret = set_subject (crq, &names->subject);
  if (ret >= 0)
    ret = set_public_key (crq, key);
  if (ret >= 0)
    ret = set_alt_names (crq, &names->sans);
  if (ret >= 0)
    ret = set_usage (crq, key);
  if (ret >= 0)
    ret = cw_key_sign_request (key, crq);
  return ret;
}

int
cw_csr_build (const struct cw_names *names, const struct cw_key *key,
              gnutls_x509_crq_t *crq)
{
  int ret = gnutls_x509_crq_init (crq);
  if (ret < 0)
    return ret;
  ret = fill_request (*crq, names, key);
  if (ret < 0)
    {
      gnutls_x509_crq_deinit (*crq);
      *crq = NULL;
    }
  return ret;
}

int
cw_csr_fingerprint (gnutls_x509_crq_t crq, char out[65])
{
  gnutls_datum_t der;
  unsigned char digest[32];
  int ret = gnutls_x509_crq_export2 (crq, GNUTLS_X509_FMT_DER, &der);
  if (ret < 0)
    return ret;
  ret = gnutls_hash_fast (GNUTLS_DIG_SHA256, der.data, der.size, digest);
  gnutls_free (der.data);
  if (ret >= 0)
    cw_hex_encode (digest, sizeof digest, out);
  return ret;
}

int
cw_csr_key_id (gnutls_x509_crq_t crq, char out[41])
{
  unsigned char id[20];
  size_t size = sizeof id;
  int ret = gnutls_x509_crq_get_key_id (crq, GNUTLS_KEYID_USE_SHA1, id, &size);
  if (ret >= 0)
    cw_hex_encode (id, size, out);
  return ret;
}
