/* An entry's key, wherever it is: the entry's key file, or a key on a
   token that the entry's record names by its pkcs11: URI. */
#include <config.h>

#include "store/store.h"

#include <stdlib.h>
#include <string.h>

#include "base/i18n.h"
#include "keys/key.h"
#include "store/private.h"

const char *
cw_store_entry_token (const struct cw_store_entry *entry)
{
  if (!cw_record_get (&entry->record, "key-uri"))
    return NULL;
  const char *token = cw_record_get (&entry->record, "key-token");
  return token && *token ? token : "?";
}

static enum cw_status
read_key_file (struct cw_store *store, const struct cw_store_entry *entry,
               struct cw_key **key, struct cw_diags *diags)
{
  gnutls_datum_t pem;
  enum cw_status status = cw_store_read (store, entry->area, entry->id,
                                         CW_STORE_KEY_FILE, &pem, false,
                                         diags);
  if (status != CW_OK)
    return status;
  int ret = cw_key_from_pem (&pem, key);
  gnutls_memset (pem.data, 0, pem.size);
  free (pem.data);
  if (ret >= 0)
    return CW_OK;
  cw_diag_add (diags, CW_ERROR, "store-entry-damaged", "store",
               _("The key of %s in the store cannot be read: %s. Nothing "
                 "was written."), entry->id, gnutls_strerror (ret));
  return CW_FAILED;
}

enum cw_status
cw_store_entry_key (struct cw_store *store,
                    const struct cw_store_entry *entry,
                    const struct cw_pin_source *pin, struct cw_key **key,
                    struct cw_diags *diags)
{
  *key = NULL;
  const char *uri = cw_record_get (&entry->record, "key-uri");
  if (uri)
    return cw_key_open_token (uri, pin, key, diags);
  return read_key_file (store, entry, key, diags);
}

/* The SHA-256 key ID of the public key of DATA, a PEM request. */
static bool
request_key_id (const gnutls_datum_t *data, unsigned char id[32])
{
  gnutls_x509_crq_t crq;
  size_t size = 32;
  if (gnutls_x509_crq_init (&crq) < 0)
    return false;
  bool ok = gnutls_x509_crq_import (crq, data, GNUTLS_X509_FMT_PEM) >= 0
            && gnutls_x509_crq_get_key_id (crq, GNUTLS_KEYID_USE_SHA256, id,
                                           &size) >= 0
            && size == 32;
  gnutls_x509_crq_deinit (crq);
  return ok;
}

static bool
token_key_fits (struct cw_store *store, const struct cw_store_entry *entry,
                gnutls_x509_crt_t crt)
{
  gnutls_datum_t data;
  struct cw_diags ignored = CW_DIAGS_INIT;
  unsigned char want[32], have[32];
  size_t size = sizeof have;
  bool fits = cw_store_read (store, entry->area, entry->id, "request.pem",
                             &data, false, &ignored) == CW_OK;
  cw_diags_free (&ignored);
  if (!fits)
    return false;
  fits = request_key_id (&data, want)
         && gnutls_x509_crt_get_key_id (crt, GNUTLS_KEYID_USE_SHA256, have,
                                        &size) >= 0
         && size == 32 && memcmp (want, have, 32) == 0;
  free (data.data);
  return fits;
}

bool
cw_store_entry_key_fits (struct cw_store *store,
                         const struct cw_store_entry *entry,
                         gnutls_x509_crt_t crt)
{
  if (cw_record_get (&entry->record, "key-uri"))
    return token_key_fits (store, entry, crt);
  struct cw_key *key;
  struct cw_diags ignored = CW_DIAGS_INIT;
  bool fits = read_key_file (store, entry, &key, &ignored) == CW_OK
              && cw_key_fits_cert (key, crt);
  cw_key_free (key);
  cw_diags_free (&ignored);
  return fits;
}
