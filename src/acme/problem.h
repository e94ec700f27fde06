/* ACME problem documents (RFC 8555 §6.7, RFC 9457) as certwiz
   diagnostics: a stable code per error type, the CA's own words made
   safe for display, and what to do next; one more diagnostic for each
   subproblem, naming its identifier. */
#ifndef CERTWIZ_ACME_PROBLEM_H
#define CERTWIZ_ACME_PROBLEM_H

#include <stdbool.h>

#include <json-c/json.h>

#include "acme/http.h"
#include "base/diag.h"

/* The short type ("badNonce") of a problem document, NULL when BODY is
   not one; TYPE receives it (owned by the caller). */
bool cw_acme_problem_type (const struct cw_http_response *response,
                           char **type);

/* Adds the diagnostics of RESPONSE, a problem document or any other
   failed answer (a 5xx page, a wrong content type), to DIAGS.  WHAT
   says what certwiz was doing ("creating the account"). */
void cw_acme_problem_report (const struct cw_http_response *response,
                             const char *what, struct cw_diags *diags);

/* The same for a problem document already read (the "error" of a
   challenge); RESPONSE, when not NULL, gives Retry-After and links. */
void cw_acme_problem_report_json (json_object *doc,
                                  const struct cw_http_response *response,
                                  struct cw_diags *diags);

/* The diagnostic code certwiz gives the problem type TYPE (a short name
   such as "rateLimited"). */
const char *cw_acme_problem_code (const char *type);

#endif
