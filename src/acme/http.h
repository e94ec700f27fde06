/* HTTP for ACME, through libcurl on GnuTLS: HTTPS only (plain HTTP only
   to a test CA on this machine), a timeout on every request, a body size
   limit, few redirects and only for GET, the proxy variables honoured
   (libcurl reads http_proxy, https_proxy and no_proxy itself). */
#ifndef CERTWIZ_ACME_HTTP_H
#define CERTWIZ_ACME_HTTP_H

#include <stdbool.h>
#include <stddef.h>
#include <time.h>

#include "base/diag.h"
#include "base/status.h"

#define CW_HTTP_MAX_BODY (2 * 1024 * 1024)
#define CW_HTTP_TIMEOUT_MS 30000L
#define CW_HTTP_CONNECT_TIMEOUT_MS 10000L
#define CW_HTTP_MAX_REDIRECTS 3

struct cw_http_config
{
  const char *ca_bundle;   /* trust anchors of a test or private CA; NULL:
                              the system's */
  long timeout_ms;         /* whole request; 0: CW_HTTP_TIMEOUT_MS */
  size_t max_body;         /* 0: CW_HTTP_MAX_BODY */
  const char *user_agent;
};

struct cw_http_link
{
  char *url;
  char *rel;
};

struct cw_http_response
{
  long status;
  char *body;              /* NUL-terminated; LEN bytes before it */
  size_t len;
  char *content_type;      /* lower case, without parameters; or NULL */
  char *location;
  char *nonce;             /* Replay-Nonce */
  time_t retry_after;      /* absolute; 0 when none */
  struct cw_http_link *links;
  size_t link_count;
  char *url;               /* where the answer came from */
};

/* A client: its settings and its connections, kept open between
   requests to the same server. */
struct cw_http
{
  struct cw_http_config config;
  void *curl;
};

/* Loads and starts libcurl for the whole program (acme/curl_load.h),
   before any request and before threads start; false with a diagnostic
   that says what is missing when it cannot. */
bool cw_http_global_init (struct cw_diags *diags);
void cw_http_open (struct cw_http *http, const struct cw_http_config *config);
void cw_http_close (struct cw_http *http);

/* Whether URL may be asked at all: https, or http to 127.0.0.1, ::1 or
   localhost (a test CA on this machine). */
bool cw_http_url_allowed (const char *url);

/* One request.  BODY (LEN bytes) is sent when METHOD is POST, with
   CONTENT_TYPE; ACCEPT, when not NULL, is the Accept header.  CW_OK
   whenever an answer came, whatever its status; CW_FAILED with a
   diagnostic when none did (timeout, TLS, too big, too many
   redirects). */
enum cw_status cw_http_request (struct cw_http *http,
                                const char *method, const char *url,
                                const char *body, size_t len,
                                const char *content_type,
                                const char *accept,
                                struct cw_http_response *response,
                                struct cw_diags *diags);

/* The first link of REL ("up", "alternate", "index"), or NULL. */
const char *cw_http_link (const struct cw_http_response *response,
                          const char *rel);
void cw_http_response_free (struct cw_http_response *response);

/* Retry-After: seconds, or an HTTP date; 0 when TEXT is neither. */
time_t cw_http_parse_retry_after (const char *text, time_t now);
/* Parses one Link header value ("<url>; rel=\"up\", <url2>; ...") into
   RESPONSE's links, URLs resolved against BASE. */
void cw_http_parse_links (const char *value, const char *base,
                          struct cw_http_response *response);

#endif
