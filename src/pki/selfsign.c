#include <config.h>

#include "pki/selfsign.h"

#include <gnutls/crypto.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "base/i18n.h"
#include "base/xalloc.h"
#include "store/store.h"

static enum cw_status
crypto_failure (const struct cw_key *key, int ret, struct cw_diags *diags)
{
  if (key && cw_key_on_token (key))
    cw_key_report (key, ret, "key", diags);
  else
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

/* The subject key identifier, and the same as the authority key
   identifier: the certificate is its own issuer, and webpki-style
   verifiers refuse a self-signed certificate without one. */
static int
key_ids (gnutls_x509_crt_t crt, const struct cw_key *key)
{
  gnutls_pubkey_t pub;
  unsigned char id[20];
  size_t id_size = sizeof id;
  int ret = cw_key_public (key, &pub);
  if (ret < 0)
    return ret;
  ret = gnutls_pubkey_get_key_id (pub, GNUTLS_KEYID_USE_SHA1, id, &id_size);
  gnutls_pubkey_deinit (pub);
  if (ret >= 0)
    ret = gnutls_x509_crt_set_subject_key_id (crt, id, id_size);
  return ret < 0 ? ret : gnutls_x509_crt_set_authority_key_id (crt, id,
                                                               id_size);
}

/* The request's subject, names and usages, signed by its own key. */
static int
certify (const struct cw_request *request, unsigned days,
         gnutls_x509_crt_t crt)
{
  time_t now = time (NULL);
  int ret = gnutls_x509_crt_set_crq (crt, request->crq);
  /* The request is version 1; a certificate with extensions must be
     version 3, or GnuTLS refuses to sign it. */
  if (ret >= 0)
    ret = gnutls_x509_crt_set_version (crt, 3);
  if (ret >= 0)
    ret = gnutls_x509_crt_set_crq_extensions (crt, request->crq);
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
    ret = key_ids (crt, request->key);
  if (ret >= 0)
    ret = cw_key_sign_self (request->key, crt);
  return ret;
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

/* The certificate and its facts, in memory. */
static enum cw_status
build (struct cw_selfsign_result *result, unsigned days,
       gnutls_x509_crt_t *crt, struct cw_diags *diags)
{
  int ret = gnutls_x509_crt_init (crt);
  if (ret >= 0)
    ret = certify (&result->request, days, *crt);
  if (ret >= 0)
    ret = reload (crt);
  if (ret >= 0)
    ret = cw_certinfo_get (*crt, &result->info);
  return ret < 0 ? crypto_failure (result->request.key, ret, diags) : CW_OK;
}

static enum cw_status
install (struct cw_store *store, struct cw_selfsign_result *result,
         gnutls_x509_crt_t crt, struct cw_diags *diags)
{
  gnutls_datum_t cert = { NULL, 0 };
  int ret = gnutls_x509_crt_export2 (crt, GNUTLS_X509_FMT_PEM, &cert);
  if (ret < 0)
    return crypto_failure (NULL, ret, diags);
  struct cw_record record = CW_RECORD_INIT;
  cw_request_describe (&result->request, &record);
  cw_record_add (&record, "import", "self-signed");
  cw_certinfo_to_record (&result->info, &record);
  char *text = cw_record_format (&record);
  char *cert_text = xstrndup ((const char *) cert.data, cert.size);
  enum cw_status status = cw_store_add_installed (store, result->info.sha1,
                                                  result->request.key,
                                                  cert_text, NULL, text,
                                                  diags);
  free (cert_text);
  free (text);
  cw_record_free (&record);
  gnutls_free (cert.data);
  return status;
}

enum cw_status
cw_selfsign_create (struct cw_store *store,
                    const struct cw_request_options *options, unsigned days,
                    const struct cw_pin_source *pin,
                    struct cw_progress *progress,
                    struct cw_selfsign_result *result, struct cw_diags *diags)
{
  *result = (struct cw_selfsign_result) { .request = CW_REQUEST_INIT };
  enum cw_status status = cw_request_prepare (options, &result->request,
                                              diags);
  if (!check_days (days, diags))
    status = CW_REFUSED;
  if (status == CW_OK)
    status = cw_store_ready (store, diags);
  if (status == CW_OK)
    status = cw_request_make_key (&result->request, pin, progress, diags);
  if (status == CW_OK)
    {
      cw_progress_say (progress, "%s", _("Making the certificate, signed by "
                                         "its own key"));
      status = cw_request_sign (&result->request, diags);
    }
  gnutls_x509_crt_t crt = NULL;
  if (status == CW_OK)
    status = build (result, days, &crt, diags);
  /* The last moment to stop: nothing is in the store yet. */
  if (status == CW_OK && cw_progress_cancelled (progress))
    status = CW_CANCELLED;
  if (status == CW_OK)
    {
      cw_progress_say (progress, "%s", _("Installing the key and the "
                                         "certificate in the store"));
      status = install (store, result, crt, diags);
    }
  if (crt)
    gnutls_x509_crt_deinit (crt);
  return status;
}

void
cw_selfsign_result_free (struct cw_selfsign_result *result)
{
  cw_request_free (&result->request);
  cw_certinfo_free (&result->info);
}
