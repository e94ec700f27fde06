/* The certificates verify and test --expect read: a store entry's or a
   file's.  The one place they reach the store. */
#include <config.h>

#include "pki/verify.h"

#include <stdlib.h>

#include "base/i18n.h"
#include "pki/target.h"

enum cw_status
cw_verify_load (struct cw_store *store, const char *what, bool allow_file,
                struct cw_certs *certs, bool *from_store,
                struct cw_diags *diags)
{
  struct cw_target target = CW_TARGET_INIT;
  bool file = allow_file && cw_target_is_file (what);
  enum cw_status status = file ? cw_target_load_file (&target, what, diags)
                               : cw_target_load (&target, store, what, diags);
  *from_store = !file;
  if (status == CW_OK && cw_target_is_pending (&target))
    {
      cw_diag_add (diags, CW_ERROR, "verify-pending", "verify",
                   _("%s is a pending request: it has no certificate yet. "
                     "Import the CA's answer first."), what);
      status = CW_REFUSED;
    }
  if (status == CW_OK)
    {
      *certs = target.certs;
      target.certs = (struct cw_certs) CW_CERTS_INIT;
    }
  cw_target_free (&target);
  return status;
}
