/* A second certificate for a key the store already holds for an
   installed certificate: the CA issued it again, or a second CA signed
   the same request. */
#ifndef CERTWIZ_IMPORT_SHARED_H
#define CERTWIZ_IMPORT_SHARED_H

#include <gnutls/x509.h>
#include <stdbool.h>

#include "base/diag.h"
#include "base/record.h"
#include "base/status.h"
#include "store/store.h"

/* The installed entry whose key is CRT's (KEY_ID, its key ID), checked
   beyond the key ID, into *SIBLING; false when there is none. */
bool cw_import_find_shared_key (struct cw_store *store,
                                gnutls_x509_crt_t crt, const char *key_id,
                                struct cw_store_entry *sibling);

/* The lines of SIBLING's record that name its key (a token key's URI and
   token), for the new entry's RECORD. */
void cw_import_shared_key_lines (const struct cw_store_entry *sibling,
                                 struct cw_record *record);

/* The new installed entry ID with SIBLING's key.  A key file is copied
   into the new entry (written with it, atomically), so that deleting
   either entry never removes the other's key; a token key stays on its
   token, named by both records.  The store must be locked. */
enum cw_status cw_import_add_shared (struct cw_store *store,
                                     const struct cw_store_entry *sibling,
                                     const char *id, const char *cert,
                                     const char *chain, const char *record,
                                     struct cw_diags *diags);

#endif
