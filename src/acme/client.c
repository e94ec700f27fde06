#include <config.h>

#include "acme/client.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "acme/jsonutil.h"
#include "acme/jws.h"
#include "acme/problem.h"
#include "base/i18n.h"
#include "base/xalloc.h"

char *
cw_acme_server_url (const char *server, struct cw_diags *diags)
{
  if (strcmp (server, "letsencrypt") == 0)
    return xstrdup (CW_ACME_LETSENCRYPT);
  if (strcmp (server, "letsencrypt-staging") == 0)
    return xstrdup (CW_ACME_LETSENCRYPT_STAGING);
  if (cw_http_url_allowed (server))
    return xstrdup (server);
  char *safe = cw_acme_safe (server);
  cw_diag_add (diags, CW_ERROR, "acme-server", "server",
               _("\"%s\" is not an ACME server: give the HTTPS address of "
                 "its directory (such as %s), or letsencrypt, or "
                 "letsencrypt-staging."), safe, CW_ACME_LETSENCRYPT);
  free (safe);
  return NULL;
}

static char *
dup_or_null (const char *s)
{
  return s ? xstrdup (s) : NULL;
}

static void
read_profiles (json_object *meta, struct cw_acme_directory *dir)
{
  json_object *profiles = cw_json_obj (meta, "profiles");
  if (!profiles)
    return;
  json_object_object_foreach (profiles, name, value)
    {
      dir->profiles = xreallocarray (dir->profiles, dir->profile_count + 1,
                                     sizeof *dir->profiles);
      dir->profiles[dir->profile_count++] = (struct cw_acme_profile) {
        xstrdup (name),
        xstrdup (json_object_is_type (value, json_type_string)
                   ? json_object_get_string (value) : "")
      };
    }
}

static bool
read_directory (json_object *obj, struct cw_acme_directory *dir)
{
  dir->new_nonce = dup_or_null (cw_json_str (obj, "newNonce"));
  dir->new_account = dup_or_null (cw_json_str (obj, "newAccount"));
  dir->new_order = dup_or_null (cw_json_str (obj, "newOrder"));
  dir->revoke_cert = dup_or_null (cw_json_str (obj, "revokeCert"));
  dir->key_change = dup_or_null (cw_json_str (obj, "keyChange"));
  dir->renewal_info = dup_or_null (cw_json_str (obj, "renewalInfo"));
  json_object *meta = cw_json_obj (obj, "meta");
  dir->terms_of_service = dup_or_null (cw_json_str (meta,
                                                    "termsOfService"));
  dir->website = dup_or_null (cw_json_str (meta, "website"));
  dir->eab_required = cw_json_true (meta, "externalAccountRequired");
  read_profiles (meta, dir);
  return dir->new_nonce && dir->new_account && dir->new_order;
}

static void
free_directory (struct cw_acme_directory *dir)
{
  free (dir->new_nonce), free (dir->new_account), free (dir->new_order);
  free (dir->revoke_cert), free (dir->key_change), free (dir->renewal_info);
  free (dir->terms_of_service), free (dir->website);
  for (size_t i = 0; i < dir->profile_count; i++)
    free (dir->profiles[i].name), free (dir->profiles[i].description);
  free (dir->profiles);
  *dir = (struct cw_acme_directory) { 0 };
}

static enum cw_status
bad_json (const struct cw_http_response *r, const char *what,
          struct cw_diags *diags)
{
  char *url = cw_acme_safe (r->url);
  cw_diag_add (diags, CW_ERROR, "acme-bad-json", "acme",
               _("The CA's answer while %s is not a JSON object as ACME "
                 "requires (%s, HTTP status %ld). Check that the address "
                 "is the CA's ACME directory; if it is, try again later."),
               what, url, r->status);
  free (url);
  return CW_FAILED;
}

/* Whether R is a success of the expected content type; else the
   diagnostics of what it is. */
static enum cw_status
check_answer (struct cw_acme *acme, const struct cw_http_response *r,
              const char *accept, bool want_body, const char *what,
              struct cw_diags *diags)
{
  acme->status = r->status;
  free (acme->problem);
  acme->problem = NULL;
  if (r->status < 200 || r->status > 299)
    {
      cw_acme_problem_type (r, &acme->problem);
      cw_acme_problem_report (r, what, diags);
      return CW_FAILED;
    }
  const char *want = accept ? accept : "application/json";
  /* A success whose body is not needed (a key change) may have none. */
  if (!want_body && !accept)
    return CW_OK;
  if (!r->content_type || strcmp (r->content_type, want) != 0)
    {
      cw_acme_problem_report (r, what, diags);
      return CW_FAILED;
    }
  return CW_OK;
}

static enum cw_status
parse_object (const struct cw_http_response *r, const char *what,
              json_object **obj, struct cw_diags *diags)
{
  if (!obj)
    return CW_OK;
  *obj = cw_json_parse_object (r->body, r->len);
  return *obj ? CW_OK : bad_json (r, what, diags);
}

enum cw_status
cw_acme_get_json (struct cw_acme *acme, const char *url, const char *what,
                  json_object **obj, struct cw_http_response *response,
                  struct cw_diags *diags)
{
  if (obj)
    *obj = NULL;
  enum cw_status status = cw_http_request (&acme->http, "GET", url, NULL, 0,
                                           NULL, "application/json",
                                           response, diags);
  if (status == CW_OK)
    status = check_answer (acme, response, NULL, true, what, diags);
  if (status == CW_OK)
    status = parse_object (response, what, obj, diags);
  return status;
}

enum cw_status
cw_acme_open (struct cw_acme *acme, const struct cw_acme_options *options,
              struct cw_diags *diags)
{
  *acme = (struct cw_acme) { .progress = options->progress };
  struct cw_http_config config = { options->ca_bundle, options->timeout_ms,
                                   0, NULL };
  cw_http_open (&acme->http, &config);
  acme->directory_url = cw_acme_server_url (options->server, diags);
  if (!acme->directory_url)
    {
      cw_acme_close (acme);
      return CW_REFUSED;
    }
  cw_progress_say (acme->progress, _("Reading the CA's directory"));
  struct cw_http_response r;
  json_object *obj = NULL;
  const char *what = _("reading its directory");
  enum cw_status status = cw_acme_get_json (acme, acme->directory_url, what,
                                            &obj, &r, diags);
  if (status == CW_OK && !read_directory (obj, &acme->dir))
    {
      char *url = cw_acme_safe (acme->directory_url);
      cw_diag_add (diags, CW_ERROR, "acme-not-directory", "acme",
                   _("%s is not an ACME directory: newNonce, newAccount or "
                     "newOrder is missing. Give the address of the CA's "
                     "ACME directory."), url);
      free (url);
      status = CW_FAILED;
    }
  json_object_put (obj);
  cw_http_response_free (&r);
  /* A conversation that did not open leaves nothing to close. */
  if (status != CW_OK)
    cw_acme_close (acme);
  return status;
}

void
cw_acme_close (struct cw_acme *acme)
{
  cw_http_close (&acme->http);
  free_directory (&acme->dir);
  free (acme->directory_url), free (acme->nonce), free (acme->kid);
  free (acme->problem);
  *acme = (struct cw_acme) { 0 };
}

static void
keep_nonce (struct cw_acme *acme, const struct cw_http_response *r)
{
  if (!r->nonce || !*r->nonce)
    return;
  free (acme->nonce);
  acme->nonce = xstrdup (r->nonce);
}

static enum cw_status
fetch_nonce (struct cw_acme *acme, struct cw_diags *diags)
{
  struct cw_http_response r;
  enum cw_status status = cw_http_request (&acme->http, "HEAD",
                                           acme->dir.new_nonce, NULL, 0,
                                           NULL, NULL, &r, diags);
  if (status == CW_OK)
    keep_nonce (acme, &r);
  if (status == CW_OK && !acme->nonce)
    {
      cw_acme_problem_report (&r, _("asking for a replay nonce"), diags);
      status = CW_FAILED;
    }
  cw_http_response_free (&r);
  return status;
}

static enum cw_status
sign_error (int err, struct cw_diags *diags)
{
  cw_diag_add (diags, CW_ERROR, "acme-sign", "key",
               _("The message to the CA could not be signed with the "
                 "account key: %s."), gnutls_strerror (err));
  return CW_FAILED;
}

/* One signed POST with a fresh nonce. */
static enum cw_status
post_once (struct cw_acme *acme, const char *url, const char *payload,
           const char *accept, struct cw_http_response *response,
           struct cw_diags *diags)
{
  enum cw_status status = acme->nonce ? CW_OK : fetch_nonce (acme, diags);
  if (status != CW_OK)
    return status;
  int err;
  char *jws = cw_jws_sign (acme->key, acme->kid, acme->nonce, url,
                           payload ? payload : "", &err);
  /* A nonce is good for one message only. */
  free (acme->nonce);
  acme->nonce = NULL;
  if (!jws)
    return sign_error (err, diags);
  status = cw_http_request (&acme->http, "POST", url, jws, strlen (jws),
                            "application/jose+json",
                            accept ? accept : "application/json", response,
                            diags);
  free (jws);
  if (status == CW_OK)
    keep_nonce (acme, response);
  return status;
}

static bool
is_bad_nonce (const struct cw_http_response *r)
{
  char *type = NULL;
  bool bad = r->status == 400 && cw_acme_problem_type (r, &type)
             && strcmp (type, "badNonce") == 0;
  free (type);
  return bad;
}

enum cw_status
cw_acme_post (struct cw_acme *acme, const char *url, const char *payload,
              const char *accept, const char *what, json_object **obj,
              struct cw_http_response *response, struct cw_diags *diags)
{
  if (obj)
    *obj = NULL;
  *response = (struct cw_http_response) { 0 };
  enum cw_status status = CW_OK;
  for (int attempt = 0; status == CW_OK; attempt++)
    {
      status = post_once (acme, url, payload, accept, response, diags);
      if (status != CW_OK || !is_bad_nonce (response)
          || attempt == CW_ACME_BAD_NONCE_RETRIES)
        break;
      cw_http_response_free (response);
    }
  if (status == CW_OK)
    status = check_answer (acme, response, accept, obj != NULL, what,
                           diags);
  if (status == CW_OK && !accept)
    status = parse_object (response, what, obj, diags);
  return status;
}

bool
cw_acme_sleep (struct cw_acme *acme, long ms)
{
  while (ms > 0 && !cw_progress_cancelled (acme->progress))
    {
      long step = ms < 100 ? ms : 100;
      struct timespec ts = { 0, step * 1000000L };
      while (nanosleep (&ts, &ts) < 0 && errno == EINTR)
        ;
      ms -= step;
    }
  return !cw_progress_cancelled (acme->progress);
}

static enum cw_status
cancelled (struct cw_diags *diags)
{
  cw_diag_add (diags, CW_ERROR, "cancelled", "acme",
               _("Stopped as asked. The order is kept in the store and is "
                 "resumed next time."));
  return CW_FAILED;
}

static enum cw_status
poll_timeout (const char *what, struct cw_diags *diags)
{
  cw_diag_add (diags, CW_ERROR, "acme-poll-timeout", "acme",
               _("The CA was still busy after %d seconds while %s. Try "
                 "again later: certwiz resumes where it stopped."),
               CW_ACME_POLL_SECONDS, what);
  return CW_FAILED;
}

static bool
still_busy (json_object *obj, bool wait_pending)
{
  const char *state = cw_json_str (obj, "status");
  return state && (strcmp (state, "processing") == 0
                   || (wait_pending && strcmp (state, "pending") == 0));
}

/* How long to wait before asking again: the server's Retry-After within
   1 to 10 seconds, else a short pause that grows. */
static long
next_wait (const struct cw_http_response *r, long *pause_ms)
{
  time_t now = time (NULL);
  if (r->retry_after > now)
    {
      long s = (long) (r->retry_after - now);
      return (s > 10 ? 10 : s) * 1000;
    }
  long wait = *pause_ms;
  *pause_ms = *pause_ms * 2 > 2000 ? 2000 : *pause_ms * 2;
  return wait;
}

enum cw_status
cw_acme_poll (struct cw_acme *acme, const char *url, bool wait_pending,
              const char *what, json_object **obj, struct cw_diags *diags)
{
  time_t deadline = time (NULL) + CW_ACME_POLL_SECONDS;
  long pause_ms = 50;
  for (;;)
    {
      struct cw_http_response r;
      enum cw_status status = cw_acme_post (acme, url, NULL, NULL, what, obj,
                                            &r, diags);
      long wait = status == CW_OK ? next_wait (&r, &pause_ms) : 0;
      cw_http_response_free (&r);
      if (status != CW_OK || !still_busy (*obj, wait_pending))
        return status;
      json_object_put (*obj);
      *obj = NULL;
      if (time (NULL) + wait / 1000 > deadline)
        return poll_timeout (what, diags);
      if (!cw_acme_sleep (acme, wait))
        return cancelled (diags);
    }
}
