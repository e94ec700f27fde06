#include <config.h>

#include "acme/pending.h"

#include <gnutls/x509.h>
#include <stdlib.h>
#include <string.h>

#include "base/i18n.h"
#include "base/xalloc.h"
#include "keys/key.h"

static enum cw_status
take_key (struct cw_request *request, const gnutls_datum_t *pem,
          struct cw_diags *diags)
{
  struct cw_key *key;
  int ret = cw_key_from_pem (pem, &key);
  if (ret < 0)
    {
      cw_diag_add (diags, CW_ERROR, "store-entry-damaged", "store",
                   _("The key of the certificate to renew cannot be read: "
                     "%s. Renew it with a new key."), gnutls_strerror (ret));
      return CW_FAILED;
    }
  cw_request_use_key (request, key);
  return CW_OK;
}

/* Step (d) with the enrolment's fields in the record, all in one
   write. */
static enum cw_status
keep_pending (struct cw_store *store, const struct cw_request *request,
              const struct cw_record *extra, struct cw_diags *diags)
{
  struct cw_record record = CW_RECORD_INIT;
  cw_record_add (&record, "state", "pending");
  cw_request_describe (request, &record);
  cw_record_add (&record, "request-fingerprint", request->fingerprint);
  for (size_t i = 0; extra && i < extra->count; i++)
    cw_record_set (&record, extra->fields[i].name, extra->fields[i].value);
  char *text = cw_record_format (&record);
  cw_record_free (&record);
  enum cw_status status = cw_store_add_pending (store, request->id,
                                                request->key, &request->pem,
                                                text, diags);
  free (text);
  return status;
}

enum cw_status
cw_acme_pending_create (struct cw_store *store, struct cw_request *request,
                        const gnutls_datum_t *reuse_key,
                        const struct cw_pin_source *pin,
                        const struct cw_record *extra,
                        struct cw_progress *progress, struct cw_diags *diags)
{
  enum cw_status status = reuse_key
                            ? take_key (request, reuse_key, diags)
                            : cw_request_make_key (request, pin, progress,
                                                   diags);
  if (status == CW_OK)
    status = cw_request_sign (request, diags);
  if (status == CW_OK)
    status = keep_pending (store, request, extra, diags);
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
               cw_store_path (store), CW_STORE_PENDING, id);
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
                         "%s/%s/%s."), area, id, cw_store_path (store), area, id);
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
