#include <config.h>

#include "acme/http.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "acme/curl_load.h"
#include "base/i18n.h"
#include "base/xalloc.h"

struct transfer
{
  struct cw_http_response *response;
  size_t max_body;
  size_t capacity;
  bool too_big;
};

bool
cw_http_global_init (struct cw_diags *diags)
{
  return cw_curl_load (diags);
}

void
cw_http_open (struct cw_http *http, const struct cw_http_config *config)
{
  http->config = *config;
  http->curl = NULL;
}

void
cw_http_close (struct cw_http *http)
{
  if (http->curl)
    curl_easy_cleanup (http->curl);
  http->curl = NULL;
}

static bool
is_loopback_host (const char *host)
{
  return strcmp (host, "localhost") == 0 || strcmp (host, "[::1]") == 0
         || strcmp (host, "::1") == 0 || strncmp (host, "127.", 4) == 0;
}

bool
cw_http_url_allowed (const char *url)
{
  if (!cw_curl_load (NULL))
    return false;
  CURLU *u = curl_url ();
  char *scheme = NULL, *host = NULL;
  bool allowed = false;
  if (curl_url_set (u, CURLUPART_URL, url, 0) == CURLUE_OK
      && curl_url_get (u, CURLUPART_SCHEME, &scheme, 0) == CURLUE_OK
      && curl_url_get (u, CURLUPART_HOST, &host, 0) == CURLUE_OK)
    allowed = strcmp (scheme, "https") == 0
              || (strcmp (scheme, "http") == 0 && is_loopback_host (host));
  curl_free (scheme);
  curl_free (host);
  curl_url_cleanup (u);
  return allowed;
}

/* URL resolved against BASE (owned by the caller); NULL when it is not a
   URL. */
static char *
resolve (const char *base, const char *url)
{
  if (!cw_curl_load (NULL))
    return NULL;
  CURLU *u = curl_url ();
  char *full = NULL, *copy = NULL;
  if ((!base || curl_url_set (u, CURLUPART_URL, base, 0) == CURLUE_OK)
      && curl_url_set (u, CURLUPART_URL, url, 0) == CURLUE_OK
      && curl_url_get (u, CURLUPART_URL, &full, 0) == CURLUE_OK)
    copy = xstrdup (full);
  curl_free (full);
  curl_url_cleanup (u);
  return copy;
}

time_t
cw_http_parse_retry_after (const char *text, time_t now)
{
  while (*text == ' ')
    text++;
  if (isdigit ((unsigned char) *text))
    {
      char *end;
      unsigned long seconds = strtoul (text, &end, 10);
      while (*end == ' ' || *end == '\r' || *end == '\n')
        end++;
      if (*end || seconds > 7UL * 24 * 3600)
        seconds = 7UL * 24 * 3600;
      return now + (time_t) seconds;
    }
  if (!cw_curl_load (NULL))
    return 0;
  time_t when = curl_getdate (text, NULL);
  return when < 0 ? 0 : when;
}

static void
add_link (struct cw_http_response *response, char *url, char *rel)
{
  response->links = xreallocarray (response->links, response->link_count + 1,
                                   sizeof *response->links);
  response->links[response->link_count++] = (struct cw_http_link) { url,
                                                                    rel };
}

/* The value of the parameter "rel" in PARAMS (up to END), unquoted. */
static char *
link_rel (const char *params, const char *end)
{
  for (const char *p = params; p < end; p++)
    {
      if (strncasecmp (p, "rel=", 4) != 0)
        continue;
      p += 4;
      bool quoted = *p == '"';
      p += quoted;
      const char *stop = p;
      while (stop < end && *stop != (quoted ? '"' : ';') && *stop != ' ')
        stop++;
      return xstrndup (p, (size_t) (stop - p));
    }
  return NULL;
}

void
cw_http_parse_links (const char *value, const char *base,
                     struct cw_http_response *response)
{
  const char *p = value;
  while ((p = strchr (p, '<')))
    {
      const char *close = strchr (p, '>');
      if (!close)
        return;
      const char *next = strchr (close, '<');
      const char *end = next ? next : close + strlen (close);
      char *target = xstrndup (p + 1, (size_t) (close - p - 1));
      char *rel = link_rel (close + 1, end);
      char *url = resolve (base, target);
      free (target);
      if (url && rel)
        add_link (response, url, rel);
      else
        free (url), free (rel);
      p = close + 1;
    }
}

static char *
header_value (const char *line, size_t len, const char *name)
{
  size_t n = strlen (name);
  if (len <= n || strncasecmp (line, name, n) != 0 || line[n] != ':')
    return NULL;
  const char *v = line + n + 1, *end = line + len;
  while (v < end && (*v == ' ' || *v == '\t'))
    v++;
  while (end > v && (end[-1] == '\r' || end[-1] == '\n' || end[-1] == ' '))
    end--;
  return xstrndup (v, (size_t) (end - v));
}

static void
forget_headers (struct cw_http_response *r)
{
  free (r->content_type), free (r->location), free (r->nonce);
  for (size_t i = 0; i < r->link_count; i++)
    free (r->links[i].url), free (r->links[i].rel);
  free (r->links);
  r->content_type = r->location = r->nonce = NULL;
  r->links = NULL;
  r->link_count = 0;
  r->retry_after = 0;
}

static void
take_content_type (struct cw_http_response *r, char *value)
{
  char *semi = strchr (value, ';');
  if (semi)
    *semi = '\0';
  for (char *p = value; *p; p++)
    *p = (char) tolower ((unsigned char) *p);
  size_t n = strlen (value);
  while (n && value[n - 1] == ' ')
    value[--n] = '\0';
  free (r->content_type);
  r->content_type = value;
}

static size_t
on_header (char *line, size_t size, size_t count, void *state)
{
  struct transfer *t = state;
  struct cw_http_response *r = t->response;
  size_t len = size * count;
  char *v;
  /* Each answer of a redirect chain starts its own headers. */
  if (len >= 5 && strncmp (line, "HTTP/", 5) == 0)
    forget_headers (r);
  else if ((v = header_value (line, len, "content-type")))
    take_content_type (r, v);
  else if ((v = header_value (line, len, "location")))
    free (r->location), r->location = v;
  else if ((v = header_value (line, len, "replay-nonce")))
    free (r->nonce), r->nonce = v;
  else if ((v = header_value (line, len, "retry-after")))
    {
      r->retry_after = cw_http_parse_retry_after (v, time (NULL));
      free (v);
    }
  else if ((v = header_value (line, len, "link")))
    {
      cw_http_parse_links (v, r->url, r);
      free (v);
    }
  return len;
}

static size_t
on_body (char *data, size_t size, size_t count, void *state)
{
  struct transfer *t = state;
  struct cw_http_response *r = t->response;
  size_t len = size * count;
  if (r->len + len > t->max_body)
    {
      t->too_big = true;
      return 0;
    }
  if (r->len + len + 1 > t->capacity)
    {
      t->capacity = (r->len + len + 1) * 2;
      if (t->capacity > t->max_body + 1)
        t->capacity = t->max_body + 1;
      r->body = xreallocarray (r->body, t->capacity, 1);
    }
  memcpy (r->body + r->len, data, len);
  r->len += len;
  r->body[r->len] = '\0';
  return len;
}

static enum cw_status
transfer_error (CURLcode code, const char *errbuf, const char *url,
                const struct transfer *t, struct cw_diags *diags)
{
  const char *detail = errbuf[0] ? errbuf : curl_easy_strerror (code);
  if (t->too_big)
    cw_diag_add (diags, CW_ERROR, "acme-too-big", "acme",
                 _("The answer of %s is larger than %zu bytes, more than any "
                   "ACME server sends; it was not read to the end. Check "
                   "the server's address, or tell its operator."),
                 url, t->max_body);
  else if (code == CURLE_OPERATION_TIMEDOUT)
    cw_diag_add (diags, CW_ERROR, "acme-timeout", "acme",
                 _("%s did not answer in time (%s). Check the address and "
                   "the network (a proxy in https_proxy?), then try "
                   "again."), url, detail);
  else if (code == CURLE_PEER_FAILED_VERIFICATION
           || code == CURLE_SSL_CACERT_BADFILE
           || code == CURLE_SSL_CONNECT_ERROR)
    cw_diag_add (diags, CW_ERROR, "acme-tls", "acme",
                 _("The secure connection to %s failed: %s. For a test or "
                   "private CA, give the certificate of the CA that signed "
                   "its HTTPS certificate as the CA bundle."), url, detail);
  else if (code == CURLE_TOO_MANY_REDIRECTS)
    cw_diag_add (diags, CW_ERROR, "acme-redirects", "acme",
                 _("%s redirects too many times (more than %d). Check the "
                   "server's address."), url, CW_HTTP_MAX_REDIRECTS);
  else if (code == CURLE_UNSUPPORTED_PROTOCOL)
    cw_diag_add (diags, CW_ERROR, "acme-not-https", "acme",
                 _("%s sent certwiz to an address that is not HTTPS. ACME "
                   "servers are reached over HTTPS only; check the "
                   "server's address."), url);
  else
    cw_diag_add (diags, CW_ERROR, "acme-unreachable", "acme",
                 _("%s cannot be reached: %s. Check the address and the "
                   "network (a proxy in https_proxy?), then try again."),
                 url, detail);
  return CW_FAILED;
}

static void
set_protocols (CURL *curl, const char *url)
{
  /* Plain HTTP only to a test CA named on this machine, and never by a
     redirect from HTTPS. */
  bool plain = strncmp (url, "http:", 5) == 0 && cw_http_url_allowed (url);
  curl_easy_setopt (curl, CURLOPT_PROTOCOLS_STR, plain ? "http" : "https");
  curl_easy_setopt (curl, CURLOPT_REDIR_PROTOCOLS_STR,
                    plain ? "http" : "https");
}

static void
set_options (struct cw_http *http, CURL *curl, const char *method,
             const char *url, struct transfer *t, struct curl_slist *headers,
             char *errbuf)
{
  const struct cw_http_config *c = &http->config;
  curl_easy_setopt (curl, CURLOPT_URL, url);
  curl_easy_setopt (curl, CURLOPT_NOSIGNAL, 1L);
  curl_easy_setopt (curl, CURLOPT_TIMEOUT_MS,
                    c->timeout_ms ? c->timeout_ms : CW_HTTP_TIMEOUT_MS);
  curl_easy_setopt (curl, CURLOPT_CONNECTTIMEOUT_MS,
                    CW_HTTP_CONNECT_TIMEOUT_MS);
  curl_easy_setopt (curl, CURLOPT_MAXFILESIZE_LARGE,
                    (curl_off_t) t->max_body);
  curl_easy_setopt (curl, CURLOPT_ERRORBUFFER, errbuf);
  curl_easy_setopt (curl, CURLOPT_HEADERFUNCTION, on_header);
  curl_easy_setopt (curl, CURLOPT_HEADERDATA, t);
  curl_easy_setopt (curl, CURLOPT_WRITEFUNCTION, on_body);
  curl_easy_setopt (curl, CURLOPT_WRITEDATA, t);
  curl_easy_setopt (curl, CURLOPT_HTTPHEADER, headers);
  curl_easy_setopt (curl, CURLOPT_USERAGENT,
                    c->user_agent ? c->user_agent : PACKAGE_STRING);
  curl_easy_setopt (curl, CURLOPT_ACCEPT_ENCODING, "");
  if (c->ca_bundle)
    curl_easy_setopt (curl, CURLOPT_CAINFO, c->ca_bundle);
  set_protocols (curl, url);
  /* A POST is never repeated elsewhere: its nonce is spent. */
  bool get = strcmp (method, "GET") == 0;
  curl_easy_setopt (curl, CURLOPT_FOLLOWLOCATION, get ? 1L : 0L);
  curl_easy_setopt (curl, CURLOPT_MAXREDIRS, (long) CW_HTTP_MAX_REDIRECTS);
  if (strcmp (method, "HEAD") == 0)
    curl_easy_setopt (curl, CURLOPT_NOBODY, 1L);
}

enum cw_status
cw_http_request (struct cw_http *http, const char *method, const char *url,
                 const char *body, size_t len, const char *content_type,
                 const char *accept, struct cw_http_response *response,
                 struct cw_diags *diags)
{
  *response = (struct cw_http_response) { 0 };
  response->url = xstrdup (url);
  if (!cw_curl_load (diags))
    return CW_FAILED;
  if (!cw_http_url_allowed (url))
    {
      cw_diag_add (diags, CW_ERROR, "acme-not-https", "acme",
                   _("\"%s\" is not an HTTPS address. ACME servers are "
                     "reached over HTTPS only (plain HTTP only to a test "
                     "CA on this machine)."), url);
      return CW_FAILED;
    }
  if (!http->curl)
    http->curl = curl_easy_init ();
  CURL *curl = http->curl;
  if (!curl)
    return transfer_error (CURLE_FAILED_INIT, "", url,
                           &(struct transfer) { 0 }, diags);
  curl_easy_reset (curl);
  struct transfer t = { response, http->config.max_body
                                    ? http->config.max_body
                                    : CW_HTTP_MAX_BODY, 0, false };
  struct curl_slist *headers = NULL;
  char *ct = NULL, *ac = NULL;
  if (content_type)
    headers = curl_slist_append (headers,
                                 ct = xasprintf ("Content-Type: %s",
                                                 content_type));
  headers = curl_slist_append (headers, ac = xasprintf ("Accept: %s",
                                                        accept ? accept
                                                               : "*/*"));
  char errbuf[CURL_ERROR_SIZE] = "";
  set_options (http, curl, method, url, &t, headers, errbuf);
  if (strcmp (method, "POST") == 0)
    {
      curl_easy_setopt (curl, CURLOPT_POST, 1L);
      curl_easy_setopt (curl, CURLOPT_POSTFIELDS, body ? body : "");
      curl_easy_setopt (curl, CURLOPT_POSTFIELDSIZE_LARGE,
                        (curl_off_t) (body ? len : 0));
    }
  CURLcode code = curl_easy_perform (curl);
  curl_slist_free_all (headers);
  free (ct), free (ac);
  if (code == CURLE_FILESIZE_EXCEEDED)
    t.too_big = true;
  if (code != CURLE_OK)
    return transfer_error (code, errbuf, url, &t, diags);
  curl_easy_getinfo (curl, CURLINFO_RESPONSE_CODE, &response->status);
  char *effective = NULL;
  if (curl_easy_getinfo (curl, CURLINFO_EFFECTIVE_URL, &effective)
      == CURLE_OK && effective)
    {
      free (response->url);
      response->url = xstrdup (effective);
    }
  if (response->location)
    {
      char *full = resolve (response->url, response->location);
      free (response->location);
      response->location = full;
    }
  if (!response->body)
    response->body = xstrdup ("");
  return CW_OK;
}

const char *
cw_http_link (const struct cw_http_response *response, const char *rel)
{
  for (size_t i = 0; i < response->link_count; i++)
    if (strcasecmp (response->links[i].rel, rel) == 0)
      return response->links[i].url;
  return NULL;
}

void
cw_http_response_free (struct cw_http_response *response)
{
  forget_headers (response);
  free (response->body);
  free (response->url);
  *response = (struct cw_http_response) { 0 };
}
