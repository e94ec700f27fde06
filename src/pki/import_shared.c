#include <config.h>

#include "pki/import_shared.h"

#include <stdlib.h>
#include <string.h>

#include "keys/key.h"

bool
cw_import_find_shared_key (struct cw_store *store, gnutls_x509_crt_t crt,
                           const char *key_id,
                           struct cw_store_entry *sibling)
{
  struct cw_store_entries entries = CW_STORE_ENTRIES_INIT;
  struct cw_diags ignored = CW_DIAGS_INIT;
  bool found = false;
  cw_store_list (store, CW_STORE_INSTALLED, &entries, &ignored);
  for (size_t i = 0; !found && i < entries.count; i++)
    {
      struct cw_store_entry *entry = &entries.items[i];
      const char *id = cw_record_get (&entry->record, "key-id");
      if (!entry->has_key || !id || strcmp (id, key_id) != 0
          || !cw_store_entry_key_fits (store, entry, crt))
        continue;
      *sibling = *entry;
      /* The list keeps an empty entry in its place. */
      *entry = (struct cw_store_entry) { .record = CW_RECORD_INIT };
      found = true;
    }
  cw_store_entries_free (&entries);
  cw_diags_free (&ignored);
  return found;
}

void
cw_import_shared_key_lines (const struct cw_store_entry *sibling,
                            struct cw_record *record)
{
  static const char *const lines[] = { "key-uri", "key-token" };
  for (size_t i = 0; i < sizeof lines / sizeof *lines; i++)
    {
      const char *value = cw_record_get (&sibling->record, lines[i]);
      if (value)
        cw_record_add (record, lines[i], value);
    }
  cw_record_add (record, "key-shared-with", sibling->id);
}

/* A token key: the records name it; the request, whose public key is
   the token key's, comes along so that the key can be checked later
   without the token's PIN. */
static enum cw_status
add_on_token (struct cw_store *store, const struct cw_store_entry *sibling,
              const char *id, const char *cert, const char *chain,
              const char *record, struct cw_diags *diags)
{
  gnutls_datum_t request = { NULL, 0 };
  struct cw_diags ignored = CW_DIAGS_INIT;
  cw_store_read (store, CW_STORE_INSTALLED, sibling->id, "request.pem",
                 &request, true, &ignored);
  cw_diags_free (&ignored);
  struct cw_store_file files[4];
  size_t count = 0;
  files[count++] = (struct cw_store_file) { "cert.pem", cert, strlen (cert) };
  files[count++] = (struct cw_store_file) { "record", record,
                                            strlen (record) };
  if (chain && *chain)
    files[count++] = (struct cw_store_file) { "chain.pem", chain,
                                              strlen (chain) };
  if (request.data)
    files[count++] = (struct cw_store_file) { "request.pem", request.data,
                                              request.size };
  enum cw_status status = cw_store_put (store, CW_STORE_INSTALLED, id,
                                        files, count, diags);
  free (request.data);
  return status;
}

enum cw_status
cw_import_add_shared (struct cw_store *store,
                      const struct cw_store_entry *sibling, const char *id,
                      const char *cert, const char *chain,
                      const char *record, struct cw_diags *diags)
{
  if (cw_store_entry_token (sibling))
    return add_on_token (store, sibling, id, cert, chain, record, diags);
  struct cw_key *key;
  enum cw_status status = cw_store_entry_key (store, sibling, NULL, &key,
                                              diags);
  if (status != CW_OK)
    return status;
  status = cw_store_add_installed (store, id, key, cert, chain, record,
                                   diags);
  cw_key_free (key);
  return status;
}
