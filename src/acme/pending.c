#include <config.h>

#include "acme/pending.h"

#include <gnutls/x509.h>
#include <stdlib.h>
#include <string.h>

#include "base/i18n.h"
#include "base/xalloc.h"
#include "pki/csr.h"
#include "pki/request.h"

static enum cw_status
crypto_error (int ret, struct cw_diags *diags)
{
  cw_diag_add (diags, CW_ERROR, "crypto", "key",
               _("The key or the request could not be made: %s. This is "
                 "not caused by your input; try again, and report it if it "
                 "persists."), gnutls_strerror (ret));
  return CW_FAILED;
}

static int
make_key (const struct cw_acme_new_pending *p, gnutls_x509_privkey_t *key)
{
  if (!p->reuse_key)
    return cw_key_generate (p->key, key);
  int ret = gnutls_x509_privkey_init (key);
  if (ret >= 0)
    ret = gnutls_x509_privkey_import2 (*key, p->reuse_key,
                                       GNUTLS_X509_FMT_PEM, NULL,
                                       GNUTLS_PKCS_PLAIN);
  return ret;
}

static char *
make_record (const struct cw_acme_new_pending *p, const char *fingerprint)
{
  struct cw_request_options o = { .friendly_name = p->friendly_name,
                                  .exportable = true };
  struct cw_record record = CW_RECORD_INIT;
  cw_record_add (&record, "state", "pending");
  cw_request_describe (&o, p->names, p->key, &record);
  cw_record_add (&record, "request-fingerprint", fingerprint);
  for (size_t i = 0; p->extra && i < p->extra->count; i++)
    cw_record_set (&record, p->extra->fields[i].name,
                   p->extra->fields[i].value);
  char *text = cw_record_format (&record);
  cw_record_free (&record);
  return text;
}

enum cw_status
cw_acme_pending_create (struct cw_store *store,
                        const struct cw_acme_new_pending *p, char id[41],
                        struct cw_diags *diags)
{
  gnutls_x509_privkey_t key = NULL;
  gnutls_x509_crq_t crq = NULL;
  gnutls_datum_t key_pem = { NULL, 0 }, req_pem = { NULL, 0 };
  char fingerprint[65];
  int ret = make_key (p, &key);
  if (ret >= 0)
    ret = cw_csr_build (p->names, key, &crq);
  if (ret >= 0)
    ret = gnutls_x509_privkey_export2_pkcs8 (key, GNUTLS_X509_FMT_PEM, NULL,
                                             GNUTLS_PKCS_PLAIN, &key_pem);
  if (ret >= 0)
    ret = gnutls_x509_crq_export2 (crq, GNUTLS_X509_FMT_PEM, &req_pem);
  if (ret >= 0)
    ret = cw_csr_key_id (crq, id);
  if (ret >= 0)
    ret = cw_csr_fingerprint (crq, fingerprint);
  enum cw_status status = ret < 0 ? crypto_error (ret, diags) : CW_OK;
  if (status == CW_OK)
    status = cw_store_lock (store, diags);
  if (status == CW_OK)
    {
      char *record = make_record (p, fingerprint);
      struct cw_store_file files[] = {
        { "key.pem", key_pem.data, key_pem.size },
        { "request.pem", req_pem.data, req_pem.size },
        { "record", record, strlen (record) },
      };
      status = cw_store_put (store, CW_STORE_PENDING, id, files, 3, diags);
      cw_store_unlock (store);
      free (record);
    }
  if (key_pem.data)
    gnutls_memset (key_pem.data, 0, key_pem.size);
  gnutls_free (key_pem.data);
  gnutls_free (req_pem.data);
  if (crq)
    gnutls_x509_crq_deinit (crq);
  if (key)
    gnutls_x509_privkey_deinit (key);
  return status;
}

enum cw_status
cw_acme_pending_csr (struct cw_store *store, const char *id,
                     gnutls_datum_t *der, struct cw_diags *diags)
{
  gnutls_datum_t pem;
  enum cw_status status = cw_store_read (store, CW_STORE_PENDING, id,
                                         "request.pem", &pem, false, diags);
  if (status != CW_OK)
    return status;
  gnutls_x509_crq_t crq;
  int ret = gnutls_x509_crq_init (&crq);
  if (ret >= 0)
    {
      ret = gnutls_x509_crq_import (crq, &pem, GNUTLS_X509_FMT_PEM);
      if (ret >= 0)
        ret = gnutls_x509_crq_export2 (crq, GNUTLS_X509_FMT_DER, der);
      gnutls_x509_crq_deinit (crq);
    }
  free (pem.data);
  if (ret >= 0)
    return CW_OK;
  cw_diag_add (diags, CW_ERROR, "store-entry-damaged", "store",
               _("The request of the pending entry %s cannot be read: %s. "
                 "Look into %s/%s/%s."), id, gnutls_strerror (ret),
               store->path, CW_STORE_PENDING, id);
  return CW_FAILED;
}

enum cw_status
cw_acme_record_update (struct cw_store *store, const char *area,
                       const char *id, const struct cw_record *set,
                       struct cw_diags *diags)
{
  enum cw_status status = cw_store_lock (store, diags);
  if (status != CW_OK)
    return status;
  gnutls_datum_t data;
  status = cw_store_read (store, area, id, "record", &data, false, diags);
  struct cw_record record = CW_RECORD_INIT;
  if (status == CW_OK)
    {
      char *text = xstrndup ((const char *) data.data, data.size);
      free (data.data);
      if (!cw_record_parse (text, &record))
        {
          cw_diag_add (diags, CW_ERROR, "store-entry-damaged", "store",
                       _("The record of %s/%s cannot be read. Look into "
                         "%s/%s/%s."), area, id, store->path, area, id);
          status = CW_FAILED;
        }
      free (text);
    }
  if (status == CW_OK)
    {
      for (size_t i = 0; i < set->count; i++)
        cw_record_set (&record, set->fields[i].name, set->fields[i].value);
      char *text = cw_record_format (&record);
      struct cw_store_file file = { "record", text, strlen (text) };
      status = cw_store_update (store, area, id, &file, 1, NULL, NULL,
                                diags);
      free (text);
    }
  cw_record_free (&record);
  cw_store_unlock (store);
  return status;
}
