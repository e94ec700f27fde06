/* The certificates verify and test --expect read: a store entry's or a
   file's.  The one place they reach the store. */
#include <config.h>

#include "pki/verify.h"

#include <stdlib.h>

#include "base/i18n.h"
#include "pki/target.h"

enum cw_status
cw_verify_load (const char *what, const char *store_option, bool allow_file,
                struct cw_certs *certs, bool *from_store,
                struct cw_diags *diags)
{
  struct cw_target target;
  enum cw_status status = cw_target_load (&target, what, store_option,
                                          allow_file, diags);
  *from_store = target.entry.id != NULL;
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
