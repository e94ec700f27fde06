#include <config.h>

#include "pki/import_chain.h"

#include <stdlib.h>
#include <string.h>

#include "pki/chain.h"
#include "base/i18n.h"
#include "base/xalloc.h"

bool
cw_record_chain_incomplete (const struct cw_record *record)
{
  const char *chain = cw_record_get (record, CW_RECORD_CHAIN);
  return chain && strcmp (chain, "incomplete") == 0;
}

const char *
cw_chain_incomplete_fix (void)
{
  return _("The chain of this certificate is incomplete: its intermediate "
           "certificate is missing, so clients will not trust it. Ask your "
           "CA for the chain (the CA bundle, or a .p7b) and import that "
           "file, or the intermediate alone: certwiz completes this "
           "certificate's chain and keeps its key.");
}

bool
cw_certs_all_ca (const struct cw_certs *certs)
{
  for (size_t i = 0; i < certs->count; i++)
    if (gnutls_x509_crt_get_ca_status (certs->items[i], NULL) <= 0)
      return false;
  return certs->count > 0;
}

/* OWN then EXTRA, borrowed: the result's array alone is freed. */
static struct cw_certs
joined (const struct cw_certs *own, const struct cw_certs *extra)
{
  struct cw_certs all = { xcalloc (own->count + extra->count + 1,
                                   sizeof (gnutls_x509_crt_t)),
                          0, own->count + extra->count + 1 };
  for (size_t i = 0; i < own->count; i++)
    all.items[all.count++] = own->items[i];
  for (size_t i = 0; i < extra->count; i++)
    all.items[all.count++] = extra->items[i];
  return all;
}

/* The short names of COUNT certificates, joined by commas; each in
   quotes when QUOTED. */
static char *
short_names (const gnutls_x509_crt_t *certs, size_t count, bool quoted)
{
  char *text = xstrdup ("");
  const char *quote = quoted ? "\"" : "";
  for (size_t i = 0; i < count; i++)
    {
      char *name = cw_cert_short_name (certs[i]);
      char *longer = xasprintf ("%s%s%s%s%s", text, i ? ", " : "", quote,
                                name, quote);
      free (text), free (name);
      text = longer;
    }
  return text;
}

static enum cw_status
write_chain (struct cw_store *store, const struct cw_store_entry *entry,
             const struct cw_chain *chain, struct cw_diags *diags)
{
  struct cw_record record = CW_RECORD_INIT;
  for (size_t i = 0; i < entry->record.count; i++)
    cw_record_add (&record, entry->record.fields[i].name,
                   entry->record.fields[i].value);
  cw_record_set (&record, CW_RECORD_CHAIN,
                 chain->incomplete ? "incomplete" : "complete");
  char *text = cw_record_format (&record);
  char *pem = cw_chain_pem (chain);
  struct cw_store_file files[] = {
    { "chain.pem", pem, strlen (pem) },
    { "record", text, strlen (text) },
  };
  enum cw_status status = cw_store_update (store, CW_STORE_INSTALLED,
                                           entry->id, files, 2, NULL, NULL,
                                           diags);
  free (pem);
  free (text);
  cw_record_free (&record);
  return status;
}

enum cw_status
cw_import_complete_entry (struct cw_store *store,
                          const struct cw_store_entry *entry,
                          const struct cw_certs *extra, bool *completed,
                          char **names, struct cw_diags *diags)
{
  *completed = false;
  if (names)
    *names = NULL;
  struct cw_certs own = CW_CERTS_INIT;
  struct cw_diags quiet = CW_DIAGS_INIT;
  enum cw_status status = cw_store_entry_certs (store, entry, &own, diags);
  if (status != CW_OK || own.count == 0)
    {
      cw_certs_free (&own);
      return status;
    }
  struct cw_certs all = joined (&own, extra);
  struct cw_chain chain;
  /* What the chain builder says of the entry's own certificates was
     said when it was installed. */
  cw_chain_build (&all, own.items[0], &chain, &quiet);
  if (chain.count > own.count - 1)
    {
      status = write_chain (store, entry, &chain, diags);
      *completed = status == CW_OK;
      if (*completed && names)
        *names = short_names (chain.issuers, chain.count, false);
    }
  cw_chain_free (&chain);
  free (all.items);
  cw_certs_free (&own);
  cw_diags_free (&quiet);
  return status;
}

static const char *
entry_label (const struct cw_store_entry *entry)
{
  const char *name = cw_record_get (&entry->record, "friendly-name");
  if (!name || !*name)
    name = cw_record_get (&entry->record, "cn");
  return name ? name : "?";
}

void
cw_import_refuse_chain_material (const struct cw_certs *cas, const char *file,
                                 struct cw_diags *diags)
{
  char *names = short_names (cas->items, cas->count, true);
  cw_diag_add (diags, CW_ERROR, "ca-completes-nothing", "import",
               _("The file \"%s\" holds only CA certificates (%s), no "
                 "certificate of a server, and they complete the chain of "
                 "no certificate installed here. Nothing was changed. "
                 "Import them once the certificate they issued is "
                 "installed, or import that certificate together with "
                 "them."), file, names);
  free (names);
}

enum cw_status
cw_import_chain_material (struct cw_store *store,
                          const struct cw_certs *cas, const char *file,
                          char ***completed, size_t *count,
                          struct cw_diags *diags)
{
  struct cw_store_entries entries = CW_STORE_ENTRIES_INIT;
  enum cw_status status = cw_store_list (store, CW_STORE_INSTALLED,
                                         &entries, diags);
  *completed = NULL;
  *count = 0;
  for (size_t i = 0; status == CW_OK && i < entries.count; i++)
    {
      const struct cw_store_entry *entry = &entries.items[i];
      bool done;
      char *names;
      status = cw_import_complete_entry (store, entry, cas, &done, &names,
                                         diags);
      if (!done)
        continue;
      *completed = xreallocarray (*completed, *count + 1,
                                  sizeof **completed);
      (*completed)[(*count)++] = xstrdup (entry->id);
      cw_diag_add (diags, CW_NOTE, "chain-completed", "import",
                   _("The chain of the certificate %.8s (\"%s\") is "
                     "complete now: %s."), entry->id, entry_label (entry),
                   names);
      free (names);
    }
  if (status == CW_OK && *count == 0)
    {
      cw_import_refuse_chain_material (cas, file, diags);
      status = CW_REFUSED;
    }
  cw_store_entries_free (&entries);
  return status;
}
