#include <config.h>

#include "acme/order.h"

#include <gnutls/crypto.h>
#include <stdlib.h>
#include <string.h>

#include "acme/b64url.h"
#include "acme/jsonutil.h"
#include "acme/jws.h"
#include "acme/problem.h"
#include "base/i18n.h"
#include "base/xalloc.h"

#define MAX_AUTHORIZATIONS 100
#define MAX_ALTERNATES 4

static char *
dup_or_null (const char *s)
{
  return s ? xstrdup (s) : NULL;
}

static void
read_order (json_object *obj, struct cw_acme_order *order)
{
  free (order->status), free (order->finalize), free (order->certificate);
  free (order->replaces);
  order->replaces = dup_or_null (cw_json_str (obj, "replaces"));
  order->status = dup_or_null (cw_json_str (obj, "status"));
  order->finalize = dup_or_null (cw_json_str (obj, "finalize"));
  order->certificate = dup_or_null (cw_json_str (obj, "certificate"));
  for (size_t i = 0; i < order->authorization_count; i++)
    free (order->authorizations[i]);
  free (order->authorizations);
  order->authorizations = NULL;
  order->authorization_count = 0;
  json_object *list = cw_json_arr (obj, "authorizations");
  size_t n = list ? json_object_array_length (list) : 0;
  for (size_t i = 0; i < n && i < MAX_AUTHORIZATIONS; i++)
    {
      json_object *url = json_object_array_get_idx (list, i);
      if (!json_object_is_type (url, json_type_string))
        continue;
      order->authorizations = xreallocarray (order->authorizations,
                                             order->authorization_count + 1,
                                             sizeof *order->authorizations);
      order->authorizations[order->authorization_count++]
        = xstrdup (json_object_get_string (url));
    }
}

static enum cw_status
incomplete (const char *what, struct cw_diags *diags)
{
  cw_diag_add (diags, CW_ERROR, "acme-bad-answer", "acme",
               _("The CA's answer while %s lacks what ACME requires (a "
                 "status, an address). Try again; if it persists, tell the "
                 "CA's operator."), what);
  return CW_FAILED;
}

enum cw_status
cw_acme_order_new (struct cw_acme *acme, const char *const *names,
                   size_t count, const char *profile, const char *replaces,
                   struct cw_acme_order *order, struct cw_diags *diags)
{
  *order = (struct cw_acme_order) { 0 };
  json_object *request = json_object_new_object ();
  json_object *ids = json_object_new_array ();
  for (size_t i = 0; i < count; i++)
    {
      json_object *id = json_object_new_object ();
      json_object_object_add (id, "type", json_object_new_string ("dns"));
      json_object_object_add (id, "value", json_object_new_string (names[i]));
      json_object_array_add (ids, id);
    }
  json_object_object_add (request, "identifiers", ids);
  if (profile)
    json_object_object_add (request, "profile",
                            json_object_new_string (profile));
  if (replaces)
    json_object_object_add (request, "replaces",
                            json_object_new_string (replaces));
  char *payload = cw_json_text (request);
  json_object_put (request);
  cw_progress_say (acme->progress, _("Placing the order"));
  const char *what = _("placing the order");
  struct cw_http_response r;
  json_object *obj = NULL;
  enum cw_status status = cw_acme_post (acme, acme->dir.new_order, payload,
                                        NULL, what, &obj, &r, diags);
  free (payload);
  if (status == CW_OK)
    {
      read_order (obj, order);
      order->url = dup_or_null (r.location);
      if (!order->url || !order->status || !order->finalize)
        status = incomplete (what, diags);
    }
  json_object_put (obj);
  cw_http_response_free (&r);
  return status;
}

enum cw_status
cw_acme_order_fetch (struct cw_acme *acme, const char *url,
                     struct cw_acme_order *order, struct cw_diags *diags)
{
  *order = (struct cw_acme_order) { .url = xstrdup (url) };
  const char *what = _("reading the order");
  struct cw_http_response r;
  json_object *obj = NULL;
  enum cw_status status = cw_acme_post (acme, url, NULL, NULL, what, &obj, &r,
                                        diags);
  if (status == CW_OK)
    {
      read_order (obj, order);
      if (!order->status || !order->finalize)
        status = incomplete (what, diags);
    }
  json_object_put (obj);
  cw_http_response_free (&r);
  return status;
}

bool
cw_acme_order_usable (const struct cw_acme_order *order)
{
  static const char *const usable[] = { "pending", "ready", "processing",
                                        "valid" };
  for (size_t i = 0; order->status && i < 4; i++)
    if (strcmp (order->status, usable[i]) == 0)
      return true;
  return false;
}

static void
key_authorization (struct cw_acme *acme, struct cw_acme_authz *authz)
{
  char *thumb = cw_jwk_thumbprint (acme->key->pub);
  authz->key_authorization = xasprintf ("%s.%s", authz->token, thumb);
  unsigned char digest[32];
  gnutls_hash_fast (GNUTLS_DIG_SHA256, authz->key_authorization,
                    strlen (authz->key_authorization), digest);
  authz->dns_value = cw_b64url_encode (digest, sizeof digest);
  free (thumb);
}

static enum cw_status
no_challenge (const struct cw_acme_authz *authz, const char *type,
              struct cw_diags *diags)
{
  char *name = cw_acme_safe (authz->identifier);
  if (authz->wildcard && strcmp (type, "dns-01") != 0)
    cw_diag_add (diags, CW_ERROR, "acme-wildcard-needs-dns", "acme",
                 _("The wildcard name *.%s can only be proven through DNS. "
                   "Choose the dns-01 challenge."), name);
  else
    cw_diag_add (diags, CW_ERROR, "acme-challenge-not-offered", "acme",
                 _("The CA offers no %s challenge for %s. Choose another "
                   "challenge type."), type, name);
  free (name);
  return CW_FAILED;
}

/* Picks the challenge of TYPE; a token that is not base64url is refused:
   it names a file and a URL path. */
static enum cw_status
pick_challenge (struct cw_acme *acme, json_object *obj, const char *type,
                struct cw_acme_authz *authz, struct cw_diags *diags)
{
  json_object *list = cw_json_arr (obj, "challenges");
  size_t n = list ? json_object_array_length (list) : 0;
  for (size_t i = 0; i < n; i++)
    {
      json_object *c = json_object_array_get_idx (list, i);
      const char *t = cw_json_str (c, "type");
      if (!t || strcmp (t, type) != 0)
        continue;
      const char *token = cw_json_str (c, "token");
      const char *url = cw_json_str (c, "url");
      if (!url || !cw_b64url_token_valid (token))
        return incomplete (_("reading the challenge"), diags);
      authz->challenge_url = xstrdup (url);
      authz->token = xstrdup (token);
      key_authorization (acme, authz);
      return CW_OK;
    }
  return no_challenge (authz, type, diags);
}

enum cw_status
cw_acme_authz_fetch (struct cw_acme *acme, const char *url, const char *type,
                     struct cw_acme_authz *authz, struct cw_diags *diags)
{
  *authz = (struct cw_acme_authz) { .url = xstrdup (url) };
  const char *what = _("reading an authorization");
  struct cw_http_response r;
  json_object *obj = NULL;
  enum cw_status status = cw_acme_post (acme, url, NULL, NULL, what, &obj, &r,
                                        diags);
  cw_http_response_free (&r);
  if (status != CW_OK)
    return status;
  authz->identifier = dup_or_null (cw_json_str (cw_json_obj (obj,
                                                             "identifier"),
                                                "value"));
  authz->status = dup_or_null (cw_json_str (obj, "status"));
  authz->wildcard = cw_json_true (obj, "wildcard");
  if (!authz->identifier || !authz->status)
    status = incomplete (what, diags);
  else if (strcmp (authz->status, "pending") == 0)
    status = pick_challenge (acme, obj, type, authz, diags);
  json_object_put (obj);
  return status;
}

enum cw_status
cw_acme_challenge_ready (struct cw_acme *acme,
                         const struct cw_acme_authz *authz,
                         struct cw_diags *diags)
{
  struct cw_http_response r;
  json_object *obj = NULL;
  enum cw_status status = cw_acme_post (acme, authz->challenge_url, "{}",
                                        NULL, _("answering a challenge"),
                                        &obj, &r, diags);
  json_object_put (obj);
  cw_http_response_free (&r);
  return status;
}

/* The error of the failed challenge, as diagnostics naming the name. */
static void
report_invalid (json_object *obj, const struct cw_acme_authz *authz,
                struct cw_diags *diags)
{
  char *name = cw_acme_safe (authz->identifier);
  cw_diag_add (diags, CW_ERROR, "acme-authorization-invalid", "acme",
               _("The CA could not confirm that %s%s is yours; its reason "
                 "follows."), authz->wildcard ? "*." : "", name);
  free (name);
  json_object *list = cw_json_arr (obj, "challenges");
  size_t n = list ? json_object_array_length (list) : 0;
  for (size_t i = 0; i < n; i++)
    {
      json_object *error = cw_json_obj (json_object_array_get_idx (list, i),
                                        "error");
      if (error)
        cw_acme_problem_report_json (error, NULL, diags);
    }
}

enum cw_status
cw_acme_authz_wait (struct cw_acme *acme, struct cw_acme_authz *authz,
                    struct cw_diags *diags)
{
  json_object *obj = NULL;
  enum cw_status status = cw_acme_poll (acme, authz->url, true,
                                        _("waiting for the CA to check a "
                                          "challenge"), &obj, diags);
  if (status == CW_OK)
    {
      const char *state = cw_json_str (obj, "status");
      free (authz->status);
      authz->status = dup_or_null (state);
      if (!state || strcmp (state, "valid") != 0)
        {
          report_invalid (obj, authz, diags);
          status = CW_FAILED;
        }
    }
  json_object_put (obj);
  return status;
}

static enum cw_status
order_failed (struct cw_acme_order *order, json_object *obj,
              struct cw_diags *diags)
{
  char *state = cw_acme_safe (order->status ? order->status : "?");
  cw_diag_add (diags, CW_ERROR, "acme-order-failed", "acme",
               _("The order ended as \"%s\" without a certificate. Start "
                 "again with a new order."), state);
  free (state);
  json_object *error = cw_json_obj (obj, "error");
  if (error)
    cw_acme_problem_report_json (error, NULL, diags);
  return CW_FAILED;
}

enum cw_status
cw_acme_order_wait (struct cw_acme *acme, struct cw_acme_order *order,
                    struct cw_diags *diags)
{
  json_object *obj = NULL;
  enum cw_status status = cw_acme_poll (acme, order->url, false,
                                        _("waiting for the certificate"),
                                        &obj, diags);
  if (status == CW_OK)
    {
      read_order (obj, order);
      if (!order->status || strcmp (order->status, "valid") != 0
          || !order->certificate)
        status = strcmp (order->status ? order->status : "", "ready") == 0
                   ? CW_OK : order_failed (order, obj, diags);
    }
  json_object_put (obj);
  return status;
}

enum cw_status
cw_acme_order_finalize (struct cw_acme *acme, struct cw_acme_order *order,
                        const unsigned char *csr, size_t csr_len,
                        struct cw_diags *diags)
{
  char *csr64 = cw_b64url_encode (csr, csr_len);
  char *payload = xasprintf ("{\"csr\":\"%s\"}", csr64);
  free (csr64);
  cw_progress_say (acme->progress, _("Sending the certificate request"));
  struct cw_http_response r;
  json_object *obj = NULL;
  enum cw_status status = cw_acme_post (acme, order->finalize, payload, NULL,
                                        _("sending the certificate request"),
                                        &obj, &r, diags);
  free (payload);
  if (status == CW_OK)
    read_order (obj, order);
  json_object_put (obj);
  cw_http_response_free (&r);
  if (status == CW_OK && (!order->status
                          || strcmp (order->status, "valid") != 0
                          || !order->certificate))
    status = cw_acme_order_wait (acme, order, diags);
  if (status == CW_OK && !order->certificate)
    status = incomplete (_("waiting for the certificate"), diags);
  return status;
}

static enum cw_status
download (struct cw_acme *acme, const char *url, char **pem,
          struct cw_http_response *r, struct cw_diags *diags)
{
  enum cw_status status = cw_acme_post (acme, url, NULL,
                                        "application/pem-certificate-chain",
                                        _("downloading the certificate"),
                                        NULL, r, diags);
  if (status == CW_OK)
    *pem = xstrndup (r->body, r->len);
  return status;
}

enum cw_status
cw_acme_order_download (struct cw_acme *acme,
                        const struct cw_acme_order *order,
                        struct cw_acme_chains *chains,
                        struct cw_diags *diags)
{
  *chains = (struct cw_acme_chains) { 0 };
  cw_progress_say (acme->progress, _("Downloading the certificate"));
  struct cw_http_response r;
  enum cw_status status = download (acme, order->certificate, &chains->pem,
                                    &r, diags);
  for (size_t i = 0; status == CW_OK && i < r.link_count; i++)
    {
      if (strcmp (r.links[i].rel, "alternate") != 0
          || chains->alternate_count == MAX_ALTERNATES)
        continue;
      struct cw_http_response alt;
      char *pem = NULL;
      /* An alternate that cannot be had is no reason to give up the
         default chain. */
      struct cw_diags ignored = CW_DIAGS_INIT;
      if (download (acme, r.links[i].url, &pem, &alt, &ignored) == CW_OK)
        {
          chains->alternates = xreallocarray (chains->alternates,
                                              chains->alternate_count + 1,
                                              sizeof *chains->alternates);
          chains->alternates[chains->alternate_count++] = pem;
        }
      cw_diags_free (&ignored);
      cw_http_response_free (&alt);
    }
  cw_http_response_free (&r);
  return status;
}

void
cw_acme_order_free (struct cw_acme_order *order)
{
  free (order->url), free (order->status), free (order->finalize);
  free (order->certificate), free (order->replaces);
  for (size_t i = 0; i < order->authorization_count; i++)
    free (order->authorizations[i]);
  free (order->authorizations);
  *order = (struct cw_acme_order) { 0 };
}

void
cw_acme_authz_free (struct cw_acme_authz *authz)
{
  free (authz->url), free (authz->identifier), free (authz->status);
  free (authz->challenge_url), free (authz->token);
  free (authz->key_authorization), free (authz->dns_value);
  *authz = (struct cw_acme_authz) { 0 };
}

void
cw_acme_chains_free (struct cw_acme_chains *chains)
{
  free (chains->pem);
  for (size_t i = 0; i < chains->alternate_count; i++)
    free (chains->alternates[i]);
  free (chains->alternates);
  *chains = (struct cw_acme_chains) { 0 };
}
