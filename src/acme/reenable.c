/* After a renewal: the services the old certificate served get the new
   one, each verified by a handshake; where that fails the old one stays
   served (services/enable.h). */
#include <config.h>

#include "acme/renew.h"
#include "services/enable.h"

enum cw_status
cw_renew_reenable (struct cw_store *store, const char *old_id,
                   const char *new_id, struct cw_diags *diags)
{
  return cw_enable_renewed (store, old_id, new_id, diags);
}
