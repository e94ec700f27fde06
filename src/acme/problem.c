#include <config.h>

#include "acme/problem.h"

#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "acme/jsonutil.h"
#include "base/i18n.h"
#include "base/xalloc.h"

#define ACME_ERROR_PREFIX "urn:ietf:params:acme:error:"
#define MAX_SUBPROBLEMS 20

struct problem_kind
{
  const char *type;        /* the short name of RFC 8555 §6.7 */
  const char *code;        /* certwiz's stable code */
  const char *advice;      /* what it means and what to do, N_() */
};

static const struct problem_kind kinds[] = {
  { "accountDoesNotExist", "acme-account-does-not-exist",
    N_("The CA does not know this account. Add the account again.") },
  { "alreadyReplaced", "acme-already-replaced",
    N_("The CA says the certificate was already replaced by another "
       "one. No action is needed unless the renewal keeps failing.") },
  { "alreadyRevoked", "acme-already-revoked",
    N_("The certificate was already revoked. No action is needed.") },
  { "badCSR", "acme-bad-csr",
    N_("The CA refused the certificate request. Check the names and the "
       "key type against the CA's rules, then make a new request.") },
  { "badNonce", "acme-bad-nonce",
    N_("The CA kept refusing certwiz's replay nonces. Try again later; "
       "if it persists, tell the CA's operator.") },
  { "badPublicKey", "acme-bad-public-key",
    N_("The CA does not accept this key. Choose another key type (ECDSA "
       "P-256 or RSA 2048 to 4096 bits) and try again.") },
  { "badRevocationReason", "acme-bad-revocation-reason",
    N_("The CA does not accept this revocation reason. Choose another "
       "one.") },
  { "badSignatureAlgorithm", "acme-bad-signature-algorithm",
    N_("The CA does not accept the account key's signature algorithm. "
       "Use an account key of another type (ECDSA P-256 is accepted "
       "everywhere).") },
  { "caa", "acme-caa",
    N_("The domain's CAA records do not allow this CA to issue for it. "
       "Add a CAA record that names this CA, or remove the one that "
       "forbids it, then try again.") },
  { "compound", "acme-compound",
    N_("The CA found several problems, listed one by one. Fix each of "
       "them, then try again.") },
  { "connection", "acme-connection",
    N_("The CA could not connect to the server to check the challenge. "
       "Make sure the name points at this server and that port 80 (for "
       "http-01) is open to the Internet, then try again.") },
  { "dns", "acme-dns",
    N_("The CA's DNS lookup for the name failed. Check that the domain "
       "exists and that its DNS servers answer, then try again.") },
  { "externalAccountRequired", "acme-external-account-required",
    N_("This CA only opens accounts bound to an account you have with "
       "it (external account binding). Get a key ID and an HMAC key from "
       "the CA and give them when adding the account.") },
  { "incorrectResponse", "acme-incorrect-response",
    N_("The answer to the challenge that the CA found was not the "
       "expected one. Check that the web server serves the challenge "
       "folder unchanged, or that the DNS record holds the value, then "
       "try again.") },
  { "invalidContact", "acme-invalid-contact",
    N_("The CA refused the contact address. Give a valid e-mail "
       "address.") },
  { "malformed", "acme-malformed",
    N_("The CA could not read certwiz's message. Try again; if it "
       "persists, report it with the CA's words.") },
  { "orderNotReady", "acme-order-not-ready",
    N_("The order was not ready to be finalized. Try again; certwiz "
       "resumes the order.") },
  { "rateLimited", "acme-rate-limited",
    N_("The CA's rate limit was reached. Wait, then try again; a test "
       "service (such as Let's Encrypt's staging) has higher limits.") },
  { "rejectedIdentifier", "acme-rejected-identifier",
    N_("The CA will not issue for this name (its policy forbids it). "
       "Remove the name, or use another CA.") },
  { "serverInternal", "acme-server-internal",
    N_("The CA had an internal error. Try again later.") },
  { "tls", "acme-tls-challenge",
    N_("The CA's TLS connection to the server failed while checking the "
       "challenge. Check the server's TLS set-up, then try again.") },
  { "unauthorized", "acme-unauthorized",
    N_("The CA refused: certwiz's account may not do this, or the "
       "challenge did not prove control of the name. Check that the name "
       "is yours and that the challenge is reachable, then try again.") },
  { "unsupportedContact", "acme-unsupported-contact",
    N_("The CA does not accept this kind of contact. Give an e-mail "
       "address (mailto:).") },
  { "unsupportedIdentifier", "acme-unsupported-identifier",
    N_("The CA does not issue for this kind of name (such as an IP "
       "address). Remove it, or use another CA.") },
  { "userActionRequired", "acme-user-action-required",
    N_("The CA needs you to do something first, such as agreeing to new "
       "terms of service.") },
};

#define KIND_COUNT (sizeof kinds / sizeof kinds[0])

static const struct problem_kind other_kind = {
  NULL, "acme-problem",
  N_("The CA refused the request. Read its words above, fix what they "
     "name, then try again.")
};

static const struct problem_kind *
find_kind (const char *type)
{
  for (size_t i = 0; type && i < KIND_COUNT; i++)
    if (strcmp (kinds[i].type, type) == 0)
      return &kinds[i];
  return &other_kind;
}

const char *
cw_acme_problem_code (const char *type)
{
  return find_kind (type)->code;
}

/* "rateLimited" of "urn:ietf:params:acme:error:rateLimited"; other
   namespaces (RFC 9457's "about:blank", a CA's own) are kept whole. */
static const char *
short_type (const char *type)
{
  if (type && strncmp (type, ACME_ERROR_PREFIX,
                       strlen (ACME_ERROR_PREFIX)) == 0)
    return type + strlen (ACME_ERROR_PREFIX);
  return type;
}

static json_object *
problem_object (const struct cw_http_response *response)
{
  if (!response->content_type
      || strcmp (response->content_type, "application/problem+json") != 0)
    return NULL;
  return cw_json_parse_object (response->body, response->len);
}

bool
cw_acme_problem_type (const struct cw_http_response *response, char **type)
{
  json_object *doc = problem_object (response);
  const char *t = short_type (cw_json_str (doc, "type"));
  *type = t ? xstrdup (t) : NULL;
  json_object_put (doc);
  return *type != NULL;
}

static void
add_problem (const char *type, const char *detail, const char *identifier,
             const char *instance, const struct cw_http_response *response,
             struct cw_diags *diags)
{
  const struct problem_kind *kind = find_kind (type);
  char *safe_detail = cw_acme_safe (detail ? detail : "");
  char *safe_type = cw_acme_safe (type ? type : "");
  char *extra = NULL;
  if (strcmp (kind->code, "acme-rate-limited") == 0 && response
      && response->retry_after)
    {
      char when[64];
      struct tm tm;
      gmtime_r (&response->retry_after, &tm);
      strftime (when, sizeof when, "%Y-%m-%d %H:%M:%S UTC", &tm);
      extra = xasprintf (_("Try again after %s."), when);
    }
  else if (strcmp (kind->code, "acme-user-action-required") == 0)
    {
      const char *url = instance;
      if (!url && response)
        url = cw_http_link (response, "terms-of-service");
      char *safe_url = cw_acme_safe (url ? url : "");
      extra = url ? xasprintf (_("Open %s and do what it asks, then try "
                                 "again."), safe_url)
                  : xstrdup (_("Open the CA's web site and do what it "
                               "asks, then try again."));
      free (safe_url);
    }
  if (identifier)
    {
      char *safe_id = cw_acme_safe (identifier);
      cw_diag_add (diags, CW_ERROR, kind->code, "acme",
                   _("For %s: %s The CA said: \"%s\" (%s).%s%s"), safe_id,
                   _(kind->advice), safe_detail, safe_type,
                   extra ? " " : "", extra ? extra : "");
      free (safe_id);
    }
  else
    cw_diag_add (diags, CW_ERROR, kind->code, "acme",
                 _("%s The CA said: \"%s\" (%s).%s%s"), _(kind->advice),
                 safe_detail, safe_type, extra ? " " : "",
                 extra ? extra : "");
  free (extra), free (safe_detail), free (safe_type);
}

static void
add_subproblems (json_object *doc, const struct cw_http_response *response,
                 struct cw_diags *diags)
{
  json_object *subs = cw_json_arr (doc, "subproblems");
  size_t n = subs ? json_object_array_length (subs) : 0;
  for (size_t i = 0; i < n && i < MAX_SUBPROBLEMS; i++)
    {
      json_object *sub = json_object_array_get_idx (subs, i);
      json_object *id = cw_json_obj (sub, "identifier");
      const char *value = cw_json_str (id, "value");
      add_problem (short_type (cw_json_str (sub, "type")),
                   cw_json_str (sub, "detail"), value ? value : "?",
                   cw_json_str (sub, "instance"), response, diags);
    }
}

static void
report_not_a_problem (const struct cw_http_response *response,
                      const char *what, struct cw_diags *diags)
{
  char *url = cw_acme_safe (response->url);
  if (response->status >= 500)
    cw_diag_add (diags, CW_ERROR, "acme-server-error", "acme",
                 _("The CA failed while %s: %s answered with HTTP status "
                   "%ld. Try again later."), what, url, response->status);
  else
    {
      char *ct = cw_acme_safe (response->content_type
                               ? response->content_type : "none");
      cw_diag_add (diags, CW_ERROR, "acme-bad-answer", "acme",
                   _("The CA's answer while %s cannot be used: %s answered "
                     "with HTTP status %ld and content type %s, not an "
                     "ACME object. Check that the address is the CA's ACME "
                     "directory."), what, url, response->status, ct);
      free (ct);
    }
  free (url);
}

void
cw_acme_problem_report_json (json_object *doc,
                             const struct cw_http_response *response,
                             struct cw_diags *diags)
{
  add_problem (short_type (cw_json_str (doc, "type")),
               cw_json_str (doc, "detail"), NULL,
               cw_json_str (doc, "instance"), response, diags);
  add_subproblems (doc, response, diags);
}

void
cw_acme_problem_report (const struct cw_http_response *response,
                        const char *what, struct cw_diags *diags)
{
  json_object *doc = problem_object (response);
  if (!doc)
    {
      report_not_a_problem (response, what, diags);
      return;
    }
  cw_acme_problem_report_json (doc, response, diags);
  json_object_put (doc);
}
