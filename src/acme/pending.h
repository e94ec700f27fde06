/* The pending request an enrolment sends: made here in memory and kept
   in the store (key, request, record) without a request file, or read
   back from the store when it exists.
   This is the one place to move onto the core's request steps (make or
   pick the key, build and sign the request in memory, keep it pending):
   enrolment calls nothing else to make a key. */
#ifndef CERTWIZ_ACME_PENDING_H
#define CERTWIZ_ACME_PENDING_H

#include <gnutls/gnutls.h>
#include <stdbool.h>

#include "base/record.h"
#include "keys/keyspec.h"
#include "names/names.h"
#include "store/store.h"

struct cw_acme_new_pending
{
  const struct cw_names *names;
  const struct cw_keyspec *key;
  const char *friendly_name;
  const gnutls_datum_t *reuse_key;  /* PEM of a key to keep; NULL: new */
  const struct cw_record *extra;    /* fields added to the record */
};

/* Makes the key (or takes REUSE_KEY) and the request and keeps them as a
   pending entry; ID receives its key ID.  The store must not be locked
   by the caller. */
enum cw_status cw_acme_pending_create (struct cw_store *store,
                                       const struct cw_acme_new_pending *p,
                                       char id[41], struct cw_diags *diags);

/* The request of the pending entry ID, as DER. */
enum cw_status cw_acme_pending_csr (struct cw_store *store, const char *id,
                                    gnutls_datum_t *der,
                                    struct cw_diags *diags);

/* Replaces or adds the fields of SET in the record of the entry AREA/ID
   (under the store's lock, taken and released here). */
enum cw_status cw_acme_record_update (struct cw_store *store,
                                      const char *area, const char *id,
                                      const struct cw_record *set,
                                      struct cw_diags *diags);

#endif
