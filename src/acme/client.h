/* A conversation with an ACME server (RFC 8555): its directory, replay
   nonces (badNonce retried a bounded number of times), signed POSTs and
   POST-as-GET, answers checked for their content type and JSON, and
   polling that honours Retry-After within a bound.  Failures are
   diagnostics; nothing here prints. */
#ifndef CERTWIZ_ACME_CLIENT_H
#define CERTWIZ_ACME_CLIENT_H

#include <json-c/json.h>
#include <stdbool.h>
#include <stddef.h>

#include "acme/acctkey.h"
#include "acme/http.h"
#include "base/diag.h"
#include "base/progress.h"
#include "base/status.h"

#define CW_ACME_LETSENCRYPT "https://acme-v02.api.letsencrypt.org/directory"
#define CW_ACME_LETSENCRYPT_STAGING \
  "https://acme-staging-v02.api.letsencrypt.org/directory"
#define CW_ACME_BAD_NONCE_RETRIES 5
#define CW_ACME_POLL_SECONDS 300

struct cw_acme_profile
{
  char *name;
  char *description;
};

struct cw_acme_directory
{
  char *new_nonce, *new_account, *new_order, *revoke_cert, *key_change;
  char *renewal_info;            /* RFC 9773; NULL when not offered */
  char *terms_of_service;        /* meta.termsOfService */
  char *website;
  bool eab_required;             /* meta.externalAccountRequired */
  struct cw_acme_profile *profiles;   /* meta.profiles */
  size_t profile_count;
};

struct cw_acme_options
{
  const char *server;      /* the directory URL, or "letsencrypt",
                              "letsencrypt-staging" */
  const char *ca_bundle;   /* NULL: the system's trust anchors */
  long timeout_ms;         /* per request; 0: the default */
  struct cw_progress *progress;
};

struct cw_acme
{
  struct cw_http http;
  char *directory_url;
  struct cw_acme_directory dir;
  char *nonce;
  const struct cw_acme_key *key;   /* the account's; borrowed */
  char *kid;                       /* the account URL, once it exists */
  struct cw_progress *progress;
  char *problem;                   /* the short type of the last problem */
  long status;                     /* the last HTTP status */
};

/* The directory URL SERVER names ("letsencrypt"...), owned by the
   caller; NULL when SERVER is not an allowed address (diagnosed). */
char *cw_acme_server_url (const char *server, struct cw_diags *diags);

/* Reads the directory.  On a failure nothing is left open. */
enum cw_status cw_acme_open (struct cw_acme *acme,
                             const struct cw_acme_options *options,
                             struct cw_diags *diags);
void cw_acme_close (struct cw_acme *acme);

/* A signed POST of PAYLOAD (JSON text; NULL for POST-as-GET) to URL.
   With ACCEPT NULL the answer must be JSON and is parsed into *OBJ (when
   OBJ is not NULL); else its content type must be ACCEPT and the body is
   left in RESPONSE; with both NULL any success will do.  A problem document becomes diagnostics (WHAT says
   what was being done) and CW_FAILED, with acme->problem set. */
enum cw_status cw_acme_post (struct cw_acme *acme, const char *url,
                             const char *payload, const char *accept,
                             const char *what, json_object **obj,
                             struct cw_http_response *response,
                             struct cw_diags *diags);

/* An unauthenticated GET of a JSON object (the directory, renewalInfo). */
enum cw_status cw_acme_get_json (struct cw_acme *acme, const char *url,
                                 const char *what, json_object **obj,
                                 struct cw_http_response *response,
                                 struct cw_diags *diags);

/* POST-as-GET of URL until its "status" is no longer "pending" or
   "processing" (or, when WAIT_PENDING is false, no longer
   "processing"), waiting as the server's Retry-After asks, at most
   CW_ACME_POLL_SECONDS in all. */
enum cw_status cw_acme_poll (struct cw_acme *acme, const char *url,
                             bool wait_pending, const char *what,
                             json_object **obj, struct cw_diags *diags);

/* Sleeps MS milliseconds, or less when the work is cancelled; false
   when it was. */
bool cw_acme_sleep (struct cw_acme *acme, long ms);

#endif
