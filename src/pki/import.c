#include <config.h>

#include "pki/import.h"

#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "pki/certread.h"
#include "pki/chain.h"
#include "base/i18n.h"
#include "pki/import_chain.h"
#include "pki/import_report.h"
#include "pki/import_shared.h"
#include "pki/pkcs12.h"
#include "base/record.h"
#include "store/store.h"
#include "base/xalloc.h"

/* What one import works with, whichever path it takes. */
struct import
{
  const struct cw_import_options *options;
  struct cw_import_result *result;
  struct cw_diags *diags;
  struct cw_store *store;
  struct cw_certs certs;
  gnutls_x509_crt_t leaf;
  struct cw_chain chain;
  struct cw_key *key;               /* from a PKCS#12 backup */
  char *backup_name;                /* its friendly name */
  struct cw_record pending;         /* the request's record, when bound */
  bool seen_leaf;                   /* a certificate that is no CA read */
  struct cw_cert_aside aside;       /* the leaves not kept, by name */
};

static void
keep_chain_names (struct import *im)
{
  im->result->chain_count = im->chain.count;
  im->result->chain = xcalloc (im->chain.count + 1, sizeof (char *));
  for (size_t i = 0; i < im->chain.count; i++)
    im->result->chain[i] = cw_cert_short_name (im->chain.issuers[i]);
}

static char *
utc_now (void)
{
  return cw_time_format (time (NULL));
}

/* The record of the installed certificate: what the request recorded,
   then when and how it was imported, then the certificate's facts. */
static char *
installed_record (struct import *im, const char *how)
{
  struct cw_record record = CW_RECORD_INIT;
  /* Where the entry lives says whether it is pending; the request's
     own state line would only contradict it.  An import interrupted
     before the entry moved left its record there: what it added, from
     "imported" on, is added again below, not twice. */
  for (size_t i = 0; i < im->pending.count; i++)
    {
      if (strcmp (im->pending.fields[i].name, "imported") == 0)
        break;
      if (strcmp (im->pending.fields[i].name, "state") != 0)
        cw_record_add (&record, im->pending.fields[i].name,
                       im->pending.fields[i].value);
    }
  char *now = utc_now ();
  cw_record_add (&record, "imported", now);
  cw_record_add (&record, "imported-from", im->options->file);
  cw_record_add (&record, "import", how);
  if (im->options->friendly_name || im->backup_name)
    cw_record_set (&record, "friendly-name",
                   im->options->friendly_name ? im->options->friendly_name
                                              : im->backup_name);
  cw_certinfo_to_record (&im->result->info, &record);
  cw_record_set (&record, CW_RECORD_CHAIN,
                 im->chain.incomplete ? "incomplete" : "complete");
  char *text = cw_record_format (&record);
  cw_record_free (&record);
  free (now);
  return text;
}

static enum cw_status
report_damaged (struct import *im, const char *id)
{
  cw_diag_add (im->diags, CW_ERROR, "store-entry-damaged", "store",
               _("The pending request %s of the store is damaged: its key "
                 "or its record cannot be read, or does not fit the "
                 "certificate. Nothing was changed. Look into %s/%s/%s."),
               id, cw_store_path (im->store), CW_STORE_PENDING, id);
  return CW_FAILED;
}

static enum cw_status
refuse_installed (struct import *im)
{
  cw_diag_add (im->diags, CW_ERROR, "already-installed", "import",
               _("This certificate is already installed, with the "
                 "thumbprint %s, and this file adds nothing to its chain. "
                 "Nothing was changed; nothing needs to be done."),
               im->result->info.sha1);
  return CW_REFUSED;
}

/* The certificate is installed already: the file may still carry its
   missing intermediate.  Nothing here ever needs the entry deleted. */
static enum cw_status
complete_installed (struct import *im)
{
  const char *id = im->result->info.sha1;
  struct cw_store_entry entry;
  struct cw_diags quiet = CW_DIAGS_INIT;
  /* An entry that cannot be read (not ours, a link) is left alone. */
  enum cw_status status = cw_store_get (im->store, CW_STORE_INSTALLED, id,
                                        &entry, &quiet);
  cw_diags_free (&quiet);
  if (status != CW_OK)
    return refuse_installed (im);
  bool completed = false;
  char *names = NULL;
  status = cw_import_complete_entry (im->store, &entry, &im->certs,
                                       &completed, &names, im->diags);
  if (status == CW_OK && completed)
    {
      im->result->chain_completed = true;
      im->result->has_key = entry.has_key;
      cw_diag_add (im->diags, CW_NOTE, "chain-completed", "import",
                   _("This certificate was installed already, with the "
                     "thumbprint %s; its chain is complete now: %s. The "
                     "certificate and its key were kept as they were."),
                   id, names);
    }
  else if (status == CW_OK)
    status = refuse_installed (im);
  free (names);
  cw_store_entry_free (&entry);
  return status;
}

/* The certificate of the file whose key a pending request keeps. */
static gnutls_x509_crt_t
find_pending_leaf (struct import *im, char key_id[41])
{
  for (size_t i = 0; i < im->certs.count; i++)
    if (cw_cert_key_id (im->certs.items[i], key_id) >= 0
        && cw_store_has (im->store, CW_STORE_PENDING, key_id))
      return im->certs.items[i];
  return NULL;
}

static enum cw_status
read_record (struct import *im, const char *id)
{
  gnutls_datum_t data;
  enum cw_status status = cw_store_read (im->store, CW_STORE_PENDING, id,
                                         "record", &data, false, im->diags);
  if (status != CW_OK)
    return status;
  char *text = xstrndup ((const char *) data.data, data.size);
  if (!cw_record_parse (text, &im->pending))
    status = report_damaged (im, id);
  free (text);
  free (data.data);
  return status;
}

/* Makes sure the kept key is the certificate's, beyond its key ID. */
static enum cw_status
check_kept_key (struct import *im, const char *id)
{
  struct cw_store_entry entry;
  enum cw_status status = cw_store_get (im->store, CW_STORE_PENDING, id,
                                        &entry, im->diags);
  if (status != CW_OK)
    return status;
  bool fits = cw_store_entry_key_fits (im->store, &entry, im->leaf);
  cw_store_entry_free (&entry);
  return fits ? CW_OK : report_damaged (im, id);
}

static enum cw_status
install_bound (struct import *im, const char *id)
{
  enum cw_status status = read_record (im, id);
  if (status == CW_OK)
    status = check_kept_key (im, id);
  if (status != CW_OK)
    return status;
  cw_report_ca_changes (&im->pending, &im->result->info, im->diags);
  char *cert = cw_cert_pem (im->leaf), *chain = cw_chain_pem (&im->chain);
  char *record = installed_record (im, "request");
  struct cw_store_file files[] = {
    { "cert.pem", cert, strlen (cert) },
    { "record", record, strlen (record) },
    { "chain.pem", chain, strlen (chain) },
  };
  /* The entry gains its certificate while still pending, then moves
     whole: it is never half pending, half installed. */
  status = cw_store_update (im->store, CW_STORE_PENDING, id, files,
                            im->chain.count ? 3 : 2, CW_STORE_INSTALLED,
                            im->result->info.sha1, im->diags);
  if (status == CW_OK)
    {
      im->result->bound = im->result->has_key = true;
      im->result->request_id = xstrdup (id);
    }
  free (cert), free (chain), free (record);
  return status;
}

static enum cw_status
install_cert_only (struct import *im)
{
  char *cert = cw_cert_pem (im->leaf), *chain = cw_chain_pem (&im->chain);
  char *record = installed_record (im, "cert-only");
  enum cw_status status = cw_store_add_installed (im->store,
                                                  im->result->info.sha1,
                                                  NULL, cert, chain, record,
                                                  im->diags);
  free (cert), free (chain), free (record);
  return status;
}

static enum cw_status
crypto_failure (struct import *im, int ret)
{
  cw_diag_add (im->diags, CW_ERROR, "crypto", "import",
               _("The key could not be stored: %s. Nothing was changed; "
                 "try again, and report it if it persists."),
               gnutls_strerror (ret));
  return CW_FAILED;
}

/* A restored backup that answers a request of this store (same key)
   installs through that request's entry, in one move like an answer
   from the CA: a crash leaves the request pending or the certificate
   installed, never both. */
static enum cw_status
answer_request (struct import *im, const char *id, char *cert, char *chain)
{
  enum cw_status status = read_record (im, id);
  if (status != CW_OK)
    return status;
  char *record = installed_record (im, "backup");
  struct cw_store_file files[] = {
    { "cert.pem", cert, strlen (cert) },
    { "record", record, strlen (record) },
    { "chain.pem", chain, strlen (chain) },
  };
  status = cw_store_update (im->store, CW_STORE_PENDING, id, files,
                            im->chain.count ? 3 : 2, CW_STORE_INSTALLED,
                            im->result->info.sha1, im->diags);
  if (status == CW_OK)
    {
      im->result->request_id = xstrdup (id);
      cw_diag_add (im->diags, CW_NOTE, "backup-answers-request", "import",
                   _("The pending request %.8s had the same key; the "
                     "restored certificate answers it, so it is no longer "
                     "pending."), id);
    }
  free (record);
  return status;
}

static enum cw_status
restore_entry (struct import *im, char *cert, char *chain)
{
  char *record = installed_record (im, "backup");
  enum cw_status status = cw_store_add_installed (im->store,
                                                  im->result->info.sha1,
                                                  im->key, cert, chain,
                                                  record, im->diags);
  free (record);
  return status;
}

static enum cw_status
install_backup (struct import *im)
{
  const char *id = im->result->info.key_id;
  char *cert = cw_cert_pem (im->leaf), *chain = cw_chain_pem (&im->chain);
  enum cw_status status = cw_store_has (im->store, CW_STORE_PENDING, id)
                            ? answer_request (im, id, cert, chain)
                            : restore_entry (im, cert, chain);
  if (status == CW_OK)
    im->result->restored = im->result->has_key = true;
  free (cert), free (chain);
  return status;
}

/* Of a bundle's certificates, one parsed at a time, import keeps what
   it may use: every CA certificate (and those that do not say, which
   may sign), the first that says it is no CA (the likeliest leaf), and
   those whose key a pending request keeps.  The others are leaves it
   would never choose, so a bundle of thousands is not held parsed. */
static bool
keep_for_import (gnutls_x509_crt_t crt, size_t index, void *state)
{
  struct import *im = state;
  (void) index;
  char key_id[41];
  bool leaf = gnutls_x509_crt_get_ca_status (crt, NULL) == 0;
  bool keep = !leaf || !im->seen_leaf
              || (cw_cert_key_id (crt, key_id) >= 0
                  && cw_store_has (im->store, CW_STORE_PENDING, key_id));
  im->seen_leaf = im->seen_leaf || leaf;
  if (keep)
    cw_certs_add (&im->certs, crt);
  else
    cw_cert_aside_add (&im->aside, crt, im->certs.count);
  return keep;
}

static enum cw_status
read_certs (struct import *im)
{
  const struct cw_import_options *o = im->options;
  enum cw_status status
    = o->data ? cw_certs_each (o->data, o->file, keep_for_import, im,
                               im->diags)
              : cw_certs_each_file (o->file, keep_for_import, im, im->diags);
  if (status != CW_OK)
    cw_certs_free (&im->certs);
  return status;
}

static enum cw_status
read_input (struct import *im)
{
  const struct cw_import_options *o = im->options;
  if (!o->data || cw_file_detect (o->data) != CW_FILE_PKCS12)
    return read_certs (im);
  enum cw_status status = cw_p12_read (o->data, o->password ? o->password
                                                            : "",
                                       &im->key, &im->certs,
                                       &im->backup_name, im->diags);
  if (status == CW_OK && (!o->password || !*o->password))
    cw_diag_add (im->diags, CW_WARNING, "p12-unprotected", "import",
                 _("The backup \"%s\" has no password: anyone who gets a "
                   "copy of it has the private key. It is restored; keep "
                   "the file where no one else can read it, or destroy the "
                   "copies that are no longer needed, and protect the next "
                   "backup with a password."), o->file);
  if (status == CW_OK)
    {
      cw_certs_drop_unreadable (&im->certs, 0, o->file, im->diags);
      if (im->certs.count == 0)
        {
          cw_diag_add (im->diags, CW_ERROR, "file-malformed", "file",
                       _("The backup \"%s\" holds no certificate that can "
                         "be read. Make a new backup where the certificate "
                         "is installed."), o->file);
          status = CW_REFUSED;
        }
    }
  if (status == CW_OK && !im->key && !o->cert_only)
    {
      cw_diag_add (im->diags, CW_ERROR, "p12-no-key", "import",
                   _("The backup \"%s\" holds no private key, so it cannot "
                     "restore one. Import it as a certificate alone to keep "
                     "its certificate."), o->file);
      status = CW_REFUSED;
    }
  return status;
}

/* The certificate of a backup is the one its key belongs to. */
static enum cw_status
find_backup_leaf (struct import *im)
{
  for (size_t i = 0; i < im->certs.count; i++)
    if (cw_key_fits_cert (im->key, im->certs.items[i]))
      {
        im->leaf = im->certs.items[i];
        return CW_OK;
      }
  cw_diag_add (im->diags, CW_ERROR, "p12-key-mismatch", "import",
               _("The backup \"%s\" holds a key that fits none of its "
                 "certificates, so it cannot be restored. Make a new backup "
                 "where the certificate is installed."), im->options->file);
  return CW_REFUSED;
}

/* Picks the certificate to install: the one a backup's key or a pending
   request's key fits, else the likeliest leaf.  *PENDING_ID is set when
   a pending request holds its key. */
static enum cw_status
choose_leaf (struct import *im, char pending_id[41], bool *bound)
{
  *bound = false;
  if (im->key)
    {
      enum cw_status status = find_backup_leaf (im);
      if (status == CW_OK && im->options->cert_only)
        {
          /* Asked for the certificate alone: the key stays out. */
          cw_key_free (im->key);
          im->key = NULL;
        }
      return status;
    }
  gnutls_x509_crt_t found = find_pending_leaf (im, pending_id);
  *bound = found != NULL;
  im->leaf = found ? found : cw_chain_guess_leaf (&im->certs);
  return CW_OK;
}

/* The key is an installed certificate's: the new one goes beside it. */
static enum cw_status
install_shared (struct import *im, struct cw_store_entry *sibling)
{
  cw_import_shared_key_lines (sibling, &im->pending);
  char *cert = cw_cert_pem (im->leaf), *chain = cw_chain_pem (&im->chain);
  char *record = installed_record (im, "shared-key");
  enum cw_status status = cw_import_add_shared (im->store, sibling,
                                                im->result->info.sha1, cert,
                                                chain, record, im->diags);
  if (status == CW_OK)
    {
      im->result->has_key = true;
      im->result->shared_with = xstrdup (sibling->id);
      const char *token = cw_store_entry_token (sibling);
      if (token)
        cw_diag_add (im->diags, CW_NOTE, "key-shared", "import",
                     _("This certificate has the same key as the installed "
                       "certificate %.8s; both are installed. The key stays "
                       "on the token \"%s\" and both name it: deleting one "
                       "certificate never removes the key."),
                     sibling->id, token);
      else
        cw_diag_add (im->diags, CW_NOTE, "key-shared", "import",
                     _("This certificate has the same key as the installed "
                       "certificate %.8s; both are installed, each with its "
                       "own copy of the key, so deleting one never removes "
                       "the other's key."), sibling->id);
    }
  free (cert), free (chain), free (record);
  return status;
}

static enum cw_status
install_chain_material (struct import *im)
{
  return cw_import_chain_material (im->store, &im->certs, im->options->file,
                                   &im->result->completed,
                                   &im->result->completed_count, im->diags);
}

static bool
is_chain_material (const struct import *im)
{
  return !im->key && !im->options->cert_only
         && cw_certs_all_ca (&im->certs);
}

static enum cw_status
install (struct import *im)
{
  if (is_chain_material (im))
    return install_chain_material (im);
  char pending_id[41];
  bool bound, shared = false;
  struct cw_store_entry sibling;
  enum cw_status status = choose_leaf (im, pending_id, &bound);
  if (status != CW_OK)
    return status;
  if (cw_certinfo_get (im->leaf, &im->result->info) < 0)
    return crypto_failure (im, GNUTLS_E_CERTIFICATE_ERROR);
  if (cw_store_has (im->store, CW_STORE_INSTALLED, im->result->info.sha1))
    return complete_installed (im);
  if (!im->key && !bound && !im->options->cert_only)
    {
      shared = cw_import_find_shared_key (im->store, im->leaf,
                                          im->result->info.key_id, &sibling);
      if (!shared)
        {
          cw_report_key_not_here (im->store, &im->result->info, im->diags);
          return CW_REFUSED;
        }
    }
  cw_chain_build_aside (&im->certs, &im->aside, im->leaf, &im->chain,
                        im->diags);
  keep_chain_names (im);
  cw_report_validity (&im->result->info, im->diags);
  if (shared)
    {
      status = install_shared (im, &sibling);
      cw_store_entry_free (&sibling);
      return status;
    }
  return im->key ? install_backup (im)
         : bound ? install_bound (im, pending_id) : install_cert_only (im);
}

/* Without a store there is no kept key: say so without making one. */
static enum cw_status
refuse_without_store (struct import *im)
{
  if (is_chain_material (im))
    {
      cw_import_refuse_chain_material (&im->certs, im->options->file,
                                       im->diags);
      return CW_REFUSED;
    }
  im->leaf = cw_chain_guess_leaf (&im->certs);
  if (cw_certinfo_get (im->leaf, &im->result->info) >= 0)
    cw_report_key_not_here (im->store, &im->result->info, im->diags);
  return CW_REFUSED;
}

static bool
needs_a_kept_key (const struct import *im)
{
  return !im->key && !im->options->cert_only;
}

enum cw_status
cw_import (struct cw_store *store, const struct cw_import_options *options,
           struct cw_import_result *result, struct cw_diags *diags)
{
  *result = (struct cw_import_result) { .bound = false };
  struct import im = {
    .options = options, .result = result, .diags = diags, .store = store,
    .certs = CW_CERTS_INIT, .chain = CW_CHAIN_INIT,
    .pending = CW_RECORD_INIT, .aside = CW_CERT_ASIDE_INIT,
  };
  enum cw_status status = read_input (&im);
  if (status == CW_OK && needs_a_kept_key (&im) && !cw_store_present (store))
    status = refuse_without_store (&im);
  else if (status == CW_OK)
    {
      status = cw_store_lock (store, diags);
      if (status == CW_OK)
        {
          status = install (&im);
          cw_store_unlock (store);
        }
    }
  cw_chain_free (&im.chain);
  cw_certs_free (&im.certs);
  cw_cert_aside_free (&im.aside);
  cw_record_free (&im.pending);
  cw_key_free (im.key);
  free (im.backup_name);
  return status;
}

void
cw_import_result_free (struct cw_import_result *result)
{
  cw_certinfo_free (&result->info);
  free (result->request_id);
  for (size_t i = 0; i < result->chain_count; i++)
    free (result->chain[i]);
  free (result->chain);
  free (result->shared_with);
  for (size_t i = 0; i < result->completed_count; i++)
    free (result->completed[i]);
  free (result->completed);
}
