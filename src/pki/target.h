/* What a command or a screen acts on: an entry of the store by its ID,
   or a file. */
#ifndef CERTWIZ_PKI_TARGET_H
#define CERTWIZ_PKI_TARGET_H

#include <stdbool.h>

#include "pki/certset.h"
#include "store/store.h"

struct cw_target
{
  struct cw_store store;         /* open when the target is an entry */
  struct cw_store_entry entry;   /* entry.id is NULL for a file */
  struct cw_certs certs;         /* the certificate, then its chain;
                                    empty for a pending request */
};

/* WHAT is a file when such a file exists, else an ID of the store
   (STORE_OPTION).  ALLOW_FILE false refuses files. */
enum cw_status cw_target_load (struct cw_target *target,
                                   const char *what, const char *store_option,
                                   bool allow_file, struct cw_diags *diags);
bool cw_target_is_pending (const struct cw_target *target);
void cw_target_free (struct cw_target *target);

#endif
