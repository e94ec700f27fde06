/* The pending request an enrolment sends, made through the request
   steps (pki/request.h): the key made (or an old one taken again), the
   request signed in memory, and kept pending in the store with what the
   enrolment adds to its record.  No request file is written: the CA is
   the delivery. */
#ifndef CERTWIZ_ACME_PENDING_H
#define CERTWIZ_ACME_PENDING_H

#include <gnutls/gnutls.h>

#include "base/progress.h"
#include "base/record.h"
#include "pki/request.h"
#include "store/store.h"

/* Steps (b) to (d) for REQUEST, prepared (a): a new key (on a token, its
   PIN from PIN, when the request's options name one), or the key of
   REUSE_KEY (PEM) when not NULL; the record gains EXTRA's fields.
   request->id is then the pending entry's ID. */
enum cw_status cw_acme_pending_create (struct cw_store *store,
                                       struct cw_request *request,
                                       const gnutls_datum_t *reuse_key,
                                       const struct cw_pin_source *pin,
                                       const struct cw_record *extra,
                                       struct cw_progress *progress,
                                       struct cw_diags *diags);

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
