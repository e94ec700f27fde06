#include <config.h>

#include "pki/selfsign.h"

#include <gnutls/crypto.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "pki/csr.h"
#include "base/i18n.h"
#include "store/store.h"
#include "base/xalloc.h"

static enum cw_status
crypto_failure (int ret, struct cw_diags *diags)
{
  cw_diag_add (diags, CW_ERROR, "crypto", "key",
               _("The certificate could not be made: %s. Try again, and "
                 "report it if it persists."), gnutls_strerror (ret));
  return CW_FAILED;
}

static bool
check_days (unsigned days, struct cw_diags *diags)
{
  if (days >= 1 && days <= CW_SELFSIGN_MAX_DAYS)
    return true;
  cw_diag_add (diags, CW_ERROR, "days-invalid", "days",
               _("A certificate must be valid from 1 to %d days; %u is "
                 "outside. Exchange makes its own for 365 days."),
               CW_SELFSIGN_MAX_DAYS, days);
  return false;
}

static int
set_serial (gnutls_x509_crt_t crt)
{
  /* 16 random bytes, positive and without a leading zero byte, as
     RFC 5280 wants serials unique and at most 20 bytes. */
  unsigned char serial[16];
  int ret = gnutls_rnd (GNUTLS_RND_NONCE, serial, sizeof serial);
  serial[0] = (unsigned char) ((serial[0] & 0x7F) | 0x40);
  return ret < 0 ? ret : gnutls_x509_crt_set_serial (crt, serial,
                                                     sizeof serial);
}

/* The request's subject, names and usages, signed by its own key. */
static int
subject_key_id (gnutls_x509_crt_t crt, const struct cw_key *key)
{
  gnutls_pubkey_t pub;
  unsigned char id[20];
  size_t id_size = sizeof id;
  int ret = cw_key_public (key, &pub);
  if (ret < 0)
    return ret;
  ret = gnutls_pubkey_get_key_id (pub, GNUTLS_KEYID_USE_SHA1, id, &id_size);
  gnutls_pubkey_deinit (pub);
  return ret < 0 ? ret : gnutls_x509_crt_set_subject_key_id (crt, id,
                                                             id_size);
}

static int
certify (gnutls_x509_crq_t crq, const struct cw_key *key, unsigned days,
         gnutls_x509_crt_t crt)
{
  time_t now = time (NULL);
  int ret = gnutls_x509_crt_set_crq (crt, crq);
  /* The request is version 1; a certificate with extensions must be
     version 3, or GnuTLS refuses to sign it. */
  if (ret >= 0)
    ret = gnutls_x509_crt_set_version (crt, 3);
  if (ret >= 0)
    ret = gnutls_x509_crt_set_crq_extensions (crt, crq);
  if (ret >= 0)
    ret = set_serial (crt);
  if (ret >= 0)
    ret = gnutls_x509_crt_set_activation_time (crt, now);
  if (ret >= 0)
    ret = gnutls_x509_crt_set_expiration_time (crt,
                                               now + (time_t) days * 86400);
  if (ret >= 0)
    ret = gnutls_x509_crt_set_basic_constraints (crt, 0, -1);
  if (ret >= 0)
    ret = subject_key_id (crt, key);
  if (ret >= 0)
    ret = cw_key_sign_self (key, crt);
  return ret;
}

static int
make_certificate (struct cw_selfsign_result *result, unsigned days,
                  const struct cw_key *key, gnutls_x509_crt_t *crt)
{
  gnutls_x509_crq_t crq = NULL;
  int ret = cw_csr_build (&result->names, key, &crq);
  if (ret >= 0)
    ret = gnutls_x509_crt_init (crt);
  if (ret >= 0)
    ret = certify (crq, key, days, *crt);
  if (crq)
    gnutls_x509_crq_deinit (crq);
  return ret;
}

static char *
make_record (const struct cw_request_options *options,
             const struct cw_selfsign_result *result)
{
  struct cw_record record = CW_RECORD_INIT;
  cw_request_describe (options, &result->names, &result->key, &record);
  cw_record_add (&record, "import", "self-signed");
  cw_certinfo_to_record (&result->info, &record);
  char *text = cw_record_format (&record);
  cw_record_free (&record);
  return text;
}

static enum cw_status
install (const struct cw_request_options *options,
         struct cw_selfsign_result *result, const struct cw_key *key,
         gnutls_x509_crt_t crt, struct cw_diags *diags)
{
  gnutls_datum_t key_pem = { NULL, 0 }, cert_pem = { NULL, 0 };
  struct cw_store store;
  if (cw_key_export_pem (key, &key_pem, diags) != CW_OK)
    return CW_FAILED;
  int ret = gnutls_x509_crt_export2 (crt, GNUTLS_X509_FMT_PEM, &cert_pem);
  if (ret < 0)
    {
      gnutls_memset (key_pem.data, 0, key_pem.size);
      gnutls_free (key_pem.data);
      return crypto_failure (ret, diags);
    }
  char *record = make_record (options, result);
  struct cw_store_file files[] = {
    { "key.pem", key_pem.data, key_pem.size },
    { "cert.pem", cert_pem.data, cert_pem.size },
    { "record", record, strlen (record) },
  };
  enum cw_status status = cw_store_open (&store, result->store_path, diags);
  if (status == CW_OK)
    status = cw_store_lock (&store, diags);
  if (status == CW_OK)
    status = cw_store_put (&store, CW_STORE_INSTALLED, result->info.sha1,
                           files, 3, diags);
  cw_store_close (&store);
  gnutls_memset (key_pem.data, 0, key_pem.size);
  gnutls_free (key_pem.data);
  gnutls_free (cert_pem.data);
  free (record);
  return status;
}

static enum cw_status
open_store_early (const struct cw_request_options *options,
                  struct cw_selfsign_result *result, struct cw_diags *diags)
{
  struct cw_store store;
  enum cw_status status = cw_store_open_located (&store, options->store,
                                                 diags);
  if (status == CW_OK)
    result->store_path = xstrdup (store.path);
  cw_store_close (&store);
  return status;
}

/* A certificate GnuTLS has just signed does not read back its own
   extensions; one imported from its DER does. */
static int
reload (gnutls_x509_crt_t *crt)
{
  gnutls_datum_t der;
  int ret = gnutls_x509_crt_export2 (*crt, GNUTLS_X509_FMT_DER, &der);
  if (ret < 0)
    return ret;
  gnutls_x509_crt_deinit (*crt);
  *crt = NULL;
  ret = gnutls_x509_crt_init (crt);
  if (ret >= 0)
    ret = gnutls_x509_crt_import (*crt, &der, GNUTLS_X509_FMT_DER);
  gnutls_free (der.data);
  return ret;
}

/* The key, the certificate and its facts, in memory. */
static enum cw_status
build (struct cw_selfsign_result *result, unsigned days,
       struct cw_key **key, gnutls_x509_crt_t *crt, struct cw_diags *diags)
{
  enum cw_status status = cw_key_generate (&result->key, NULL, key, diags);
  if (status != CW_OK)
    return status;
  int ret = make_certificate (result, days, *key, crt);
  if (ret >= 0)
    ret = reload (crt);
  if (ret >= 0)
    ret = cw_certinfo_get (*crt, &result->info);
  return ret < 0 ? crypto_failure (ret, diags) : CW_OK;
}

enum cw_status
cw_selfsign_create (const struct cw_request_options *options, unsigned days,
                    struct cw_selfsign_result *result, struct cw_diags *diags)
{
  *result = (struct cw_selfsign_result) { .names = CW_NAMES_INIT };
  bool valid = cw_request_check (options, &result->names, &result->key,
                                 diags);
  if (!(valid & check_days (days, diags)))
    return CW_REFUSED;
  struct cw_key *key = NULL;
  gnutls_x509_crt_t crt = NULL;
  enum cw_status status = open_store_early (options, result, diags);
  if (status == CW_OK)
    status = build (result, days, &key, &crt, diags);
  if (status == CW_OK)
    status = install (options, result, key, crt, diags);
  if (status == CW_OK)
    result->key_description = cw_keyspec_describe (&result->key);
  if (crt)
    gnutls_x509_crt_deinit (crt);
  cw_key_free (key);
  return status;
}

void
cw_selfsign_result_free (struct cw_selfsign_result *result)
{
  cw_names_free (&result->names);
  cw_certinfo_free (&result->info);
  free (result->store_path);
  free (result->key_description);
}
