/* What an import tells the user beyond success: why a key is not here,
   and what the CA changed from the request. */
#ifndef CERTWIZ_IMPORT_REPORT_H
#define CERTWIZ_IMPORT_REPORT_H

#include "pki/certinfo.h"
#include "base/diag.h"
#include "store/store.h"

/* The pitfall of requesting on one machine and importing on another:
   says so in plain words, lists the requests that are pending here, and
   what to do.  */
void cw_report_key_not_here (struct cw_store *store,
                             const struct cw_certinfo *info,
                             struct cw_diags *diags);

/* Names requested but not issued, names added, a different subject. */
void cw_report_ca_changes (const struct cw_record *request,
                           const struct cw_certinfo *info,
                           struct cw_diags *diags);

/* Expired or not yet valid. */
void cw_report_validity (const struct cw_certinfo *info,
                         struct cw_diags *diags);

#endif
