/* Enrolment: from names (or a pending request) to a certificate
   installed in the store, through an ACME CA.  The order is recorded in
   the pending entry as it goes, so a run that is stopped anywhere is
   resumed by the next one, with the same key.  The certificate is
   installed by the same core function as import (binding to the kept
   key, chain repair, the CA's changes reported). */
#ifndef CERTWIZ_ACME_ENROLL_H
#define CERTWIZ_ACME_ENROLL_H

#include <stdbool.h>

#include "acme/solver.h"
#include "pki/import.h"
#include "pki/request.h"
#include "store/store.h"

struct cw_enroll_options
{
  const char *request_id;            /* a pending request to send */
  const struct cw_request_options *request;  /* else: the names, key */
  const struct cw_pin_source *pin;   /* the PIN of request->key_uri's token */
  const char *account;               /* NULL: the only account */
  struct cw_acme_solve_options solve;
  const char *profile;
  const char *ca_bundle;
  long timeout_ms;
  struct cw_progress *progress;
  /* Renewals */
  const char *replaces;              /* the ARI certID of the old one */
  const char *renews;                /* the old entry's thumbprint */
  const gnutls_datum_t *reuse_key;   /* PEM of the old key, to keep it */
};

struct cw_enroll_result
{
  struct cw_import_result import;
  bool installed;
  char request_id[41];
  char *order_url;
  bool resumed;                      /* an earlier order was taken up */
  bool replaces_dropped;             /* the CA refused "replaces" */
  size_t alternate_count;
};

enum cw_status cw_enroll (struct cw_store *store,
                          const struct cw_enroll_options *options,
                          struct cw_enroll_result *result,
                          struct cw_diags *diags);
void cw_enroll_result_free (struct cw_enroll_result *result);

/* The record fields that say how a certificate was enrolled, so that a
   renewal does it again the same way. */
void cw_enroll_describe (const struct cw_enroll_options *options,
                         const char *server, const char *account,
                         struct cw_record *record);

#endif
