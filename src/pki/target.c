#include <config.h>

#include "pki/target.h"

#include "pki/certread.h"

#include <stdlib.h>
#include <string.h>
#include <unistd.h>

bool
cw_target_is_file (const char *what)
{
  /* An ID is hexadecimal digits (and the separators certwiz list and
     other tools print between them), never a slash or a dot: a path
     that does not exist is reported as a missing file, not as a bad
     ID. */
  return access (what, F_OK) == 0 || strpbrk (what, "/.") != NULL;
}

static enum cw_status
load_file (struct cw_target *target, const char *file, bool path_only,
           struct cw_diags *diags)
{
  *target = (struct cw_target) CW_TARGET_INIT;
  if (!path_only)
    return cw_certs_read_leaf_path (file, &target->certs, diags);
  gnutls_datum_t data;
  enum cw_status status = cw_input_read (file, &data, diags);
  if (status != CW_OK)
    return status;
  status = cw_certs_read_path (&data, file, &target->certs, diags);
  free (data.data);
  return status;
}

enum cw_status
cw_target_load_file (struct cw_target *target, const char *file,
                     struct cw_diags *diags)
{
  return load_file (target, file, false, diags);
}

enum cw_status
cw_target_load_file_path (struct cw_target *target, const char *file,
                          struct cw_diags *diags)
{
  return load_file (target, file, true, diags);
}

enum cw_status
cw_target_load (struct cw_target *target, struct cw_store *store,
                const char *id, struct cw_diags *diags)
{
  *target = (struct cw_target) CW_TARGET_INIT;
  target->store = store;
  enum cw_status status = cw_store_find (store, id, &target->entry, diags);
  if (status == CW_OK && !cw_target_is_pending (target))
    status = cw_store_entry_certs (store, &target->entry, &target->certs,
                                   diags);
  return status;
}

bool
cw_target_is_pending (const struct cw_target *target)
{
  return target->entry.id
         && strcmp (target->entry.area, CW_STORE_PENDING) == 0;
}

void
cw_target_free (struct cw_target *target)
{
  cw_certs_free (&target->certs);
  if (target->entry.id)
    cw_store_entry_free (&target->entry);
  target->entry.id = NULL;
}
