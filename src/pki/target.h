/* What a command or a screen acts on: an entry of the store by its ID,
   or a file. */
#ifndef CERTWIZ_PKI_TARGET_H
#define CERTWIZ_PKI_TARGET_H

#include <stdbool.h>

#include "pki/certset.h"
#include "store/store.h"

struct cw_target
{
  struct cw_store *store;        /* the store of an entry (not owned);
                                    NULL for a file */
  struct cw_store_entry entry;   /* entry.id is NULL for a file */
  struct cw_certs certs;         /* the certificate, then its chain;
                                    empty for a pending request */
};

#define CW_TARGET_INIT { NULL, { .id = NULL }, CW_CERTS_INIT }

/* Whether WHAT is a file rather than an ID: a file that exists, or a
   path (a slash or a dot), which is then reported as missing. */
bool cw_target_is_file (const char *what);
/* Of the file WHAT, the certificate taken for the leaf (the choice of
   cw_chain_guess_leaf), first, and those that can be on its way up:
   cw_certs_read_leaf_path. */
enum cw_status cw_target_load_file (struct cw_target *target,
                                    const char *what,
                                    struct cw_diags *diags);
/* The first certificate of the file WHAT and those of the others that
   can be on its path up (cw_certs_read_path): what match needs of a
   bundle of thousands, without holding it parsed. */
enum cw_status cw_target_load_file_path (struct cw_target *target,
                                         const char *what,
                                         struct cw_diags *diags);
/* The entry of STORE whose ID starts with ID, with its certificates. */
enum cw_status cw_target_load (struct cw_target *target,
                               struct cw_store *store, const char *id,
                               struct cw_diags *diags);
bool cw_target_is_pending (const struct cw_target *target);
void cw_target_free (struct cw_target *target);

#endif
