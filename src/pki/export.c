#include <config.h>

#include "pki/export.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "base/atomicfile.h"
#include "base/i18n.h"
#include "base/xalloc.h"

static enum cw_status
refuse (struct cw_diags *diags, const char *code, const char *message)
{
  cw_diag_add (diags, CW_ERROR, code, "backup", "%s", message);
  return CW_REFUSED;
}

static enum cw_status
check_exportable (struct cw_export *export, struct cw_diags *diags)
{
  const struct cw_store_entry *e = &export->entry;
  const char *exportable = cw_record_get (&e->record, "exportable");
  if (strcmp (e->area, CW_STORE_PENDING) == 0)
    return refuse (diags, "export-pending",
                   _("This is a pending request: there is no certificate to "
                     "back up yet. Import the CA's answer first."));
  const char *token = cw_store_entry_token (e);
  if (token && strcmp (e->area, CW_STORE_INSTALLED) == 0)
    {
      cw_diag_add (diags, CW_ERROR, "export-key-on-token", "backup",
                   _("The private key of this certificate is on the token "
                     "\"%s\" and cannot leave it, so no backup with the key "
                     "can be made. The certificate and its chain can still "
                     "be saved alone, without the key."), token);
      return CW_REFUSED;
    }
  if (!e->has_key)
    return refuse (diags, "export-no-key",
                   _("The private key of this certificate is not in this "
                     "store, so a backup could not restore it. Back it up "
                     "where the key is."));
  if (exportable && strcmp (exportable, "no") == 0)
    return refuse (diags, "export-not-exportable",
                   _("This key was made non-exportable, so certwiz will not "
                     "write it out. Keep the store itself safe, or make a "
                     "new exportable request if you need a backup."));
  struct stat st;
  if (!export->force && lstat (export->out, &st) == 0)
    {
      cw_diag_add (diags, CW_ERROR, "out-exists", "out",
                   _("The file \"%s\" already exists and was left as it is. "
                     "Choose another file name, or replace it on purpose."),
                   export->out);
      return CW_REFUSED;
    }
  return CW_OK;
}

enum cw_status
cw_export_open (struct cw_export *export, struct cw_store *store,
                const char *id, const char *out, bool force,
                struct cw_diags *diags)
{
  *export = (struct cw_export) { .store = store, .certs = CW_CERTS_INIT,
                                 .out = out, .force = force };
  enum cw_status status = cw_store_find (store, id, &export->entry, diags);
  if (status == CW_OK)
    status = check_exportable (export, diags);
  if (status == CW_OK)
    status = cw_store_entry_key (store, &export->entry, NULL, &export->key,
                                 diags);
  if (status == CW_OK)
    status = cw_store_entry_certs (store, &export->entry, &export->certs,
                                   diags);
  return status;
}

static enum cw_status
write_error (struct cw_export *export, int err, struct cw_diags *diags)
{
  if (err == EEXIST)
    cw_diag_add (diags, CW_ERROR, "out-exists", "out",
                 _("The file \"%s\" appeared while the backup was made and "
                   "was left as it is. Choose another file name."),
                 export->out);
  else
    cw_diag_add (diags, CW_ERROR, "out-write", "out",
                 _("The backup could not be written to \"%s\": %s. Nothing "
                   "was written; choose another place."), export->out,
                 strerror (err));
  return err == EEXIST ? CW_REFUSED : CW_FAILED;
}

/* Reads the written file back from the disk and opens it. */
static enum cw_status
verify_written (struct cw_export *export, const char *password,
                struct cw_diags *diags)
{
  gnutls_datum_t back;
  enum cw_status status = cw_input_read (export->out, &back, diags);
  if (status != CW_OK)
    return status;
  status = cw_p12_verify (&back, password, export->key, diags);
  free (back.data);
  return status;
}

static enum cw_status
stopped (struct cw_diags *diags)
{
  cw_diag_add (diags, CW_NOTE, "cancelled", "out",
               _("Stopped before the backup was written: no file was "
                 "written."));
  return CW_CANCELLED;
}

enum cw_status
cw_export_write (struct cw_export *export, enum cw_p12_profile profile,
                 const char *password, struct cw_progress *progress,
                 struct cw_diags *diags)
{
  gnutls_datum_t der = { NULL, 0 };
  const char *name = cw_record_get (&export->entry.record, "friendly-name");
  cw_progress_say (progress, "%s", _("Encrypting the key and the "
                                     "certificates with the password"));
  enum cw_status status = cw_p12_write (export->key, export->certs.items,
                                        export->certs.count,
                                        name && *name ? name : NULL, profile,
                                        password, &der, diags);
  if (status != CW_OK)
    return status;
  if (cw_progress_cancelled (progress))
    {
      gnutls_free (der.data);
      return stopped (diags);
    }
  cw_progress_say (progress, "%s", _("Writing the backup"));
  int err = cw_write_file_atomic (export->out, der.data, der.size, 0600,
                                  export->force);
  gnutls_free (der.data);
  if (err)
    return write_error (export, err, diags);
  cw_progress_say (progress, "%s", _("Opening the backup again with the "
                                     "password to check it"));
  return verify_written (export, password, diags);
}

void
cw_export_close (struct cw_export *export)
{
  cw_key_free (export->key);
  cw_certs_free (&export->certs);
  if (export->entry.id)
    cw_store_entry_free (&export->entry);
}
