/* New entries, each with its key: a pending request, an installed
   certificate.  Only the store knows where a key is kept: a file key is
   written as the entry's key file; a token key stays on its token, and
   the entry's record names it by its pkcs11: URI (never its PIN). */
#include <config.h>

#include "store/store.h"

#include <string.h>

#include "keys/key.h"
#include "store/private.h"

/* Writes FILES as AREA/ID under the lock (which nests: a caller may
   hold it already). */
static enum cw_status
put_locked (struct cw_store *store, const char *area, const char *id,
            const struct cw_store_file *files, size_t count,
            struct cw_diags *diags)
{
  enum cw_status status = cw_store_lock (store, diags);
  if (status != CW_OK)
    return status;
  status = cw_store_put (store, area, id, files, count, diags);
  cw_store_unlock (store);
  return status;
}

/* The key file of KEY, when it is a file key; PEM stays empty for a
   token key. */
static enum cw_status
key_file (const struct cw_key *key, gnutls_datum_t *pem,
          struct cw_diags *diags)
{
  *pem = (gnutls_datum_t) { NULL, 0 };
  if (!key || cw_key_on_token (key))
    return CW_OK;
  return cw_key_export_pem (key, pem, diags);
}

static void
wipe (gnutls_datum_t *pem)
{
  if (!pem->data)
    return;
  gnutls_memset (pem->data, 0, pem->size);
  gnutls_free (pem->data);
}

enum cw_status
cw_store_add_pending (struct cw_store *store, const char *id,
                      const struct cw_key *key, const gnutls_datum_t *request,
                      const char *record, struct cw_diags *diags)
{
  gnutls_datum_t pem;
  enum cw_status status = key_file (key, &pem, diags);
  if (status != CW_OK)
    return status;
  struct cw_store_file files[3];
  size_t count = 0;
  if (pem.data)
    files[count++] = (struct cw_store_file) { CW_STORE_KEY_FILE, pem.data,
                                              pem.size };
  files[count++] = (struct cw_store_file) { "request.pem", request->data,
                                            request->size };
  files[count++] = (struct cw_store_file) { "record", record,
                                            strlen (record) };
  status = put_locked (store, CW_STORE_PENDING, id, files, count, diags);
  wipe (&pem);
  return status;
}

enum cw_status
cw_store_add_installed (struct cw_store *store, const char *id,
                        const struct cw_key *key, const char *cert,
                        const char *chain, const char *record,
                        struct cw_diags *diags)
{
  gnutls_datum_t pem;
  enum cw_status status = key_file (key, &pem, diags);
  if (status != CW_OK)
    return status;
  struct cw_store_file files[4];
  size_t count = 0;
  if (pem.data)
    files[count++] = (struct cw_store_file) { CW_STORE_KEY_FILE, pem.data,
                                              pem.size };
  files[count++] = (struct cw_store_file) { "cert.pem", cert, strlen (cert) };
  files[count++] = (struct cw_store_file) { "record", record,
                                            strlen (record) };
  if (chain && *chain)
    files[count++] = (struct cw_store_file) { "chain.pem", chain,
                                              strlen (chain) };
  status = put_locked (store, CW_STORE_INSTALLED, id, files, count, diags);
  wipe (&pem);
  return status;
}
