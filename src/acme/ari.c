#include <config.h>

#include "acme/ari.h"

#include <ctype.h>
#include <gnutls/crypto.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "acme/b64url.h"
#include "acme/jsonutil.h"
#include "base/i18n.h"
#include "base/xalloc.h"

char *
cw_ari_cert_id (gnutls_x509_crt_t crt)
{
  unsigned char aki[128], serial[64];
  size_t aki_len = sizeof aki, serial_len = sizeof serial;
  unsigned critical;
  if (gnutls_x509_crt_get_authority_key_id (crt, aki, &aki_len, &critical)
        < 0
      || gnutls_x509_crt_get_serial (crt, serial, &serial_len) < 0)
    return NULL;
  char *a = cw_b64url_encode (aki, aki_len);
  char *s = cw_b64url_encode (serial, serial_len);
  char *id = xasprintf ("%s.%s", a, s);
  free (a), free (s);
  return id;
}

static bool
digits (const char **p, int n, int *out)
{
  int v = 0;
  for (int i = 0; i < n; i++, (*p)++)
    {
      if (!isdigit ((unsigned char) **p))
        return false;
      v = v * 10 + (**p - '0');
    }
  *out = v;
  return true;
}

time_t
cw_rfc3339_parse (const char *text)
{
  const char *p = text;
  int y, mo, d, h, mi, s, oh = 0, om = 0;
  if (!digits (&p, 4, &y) || *p++ != '-' || !digits (&p, 2, &mo)
      || *p++ != '-' || !digits (&p, 2, &d) || (*p != 'T' && *p != 't')
      || !++p || !digits (&p, 2, &h) || *p++ != ':' || !digits (&p, 2, &mi)
      || *p++ != ':' || !digits (&p, 2, &s))
    return (time_t) -1;
  if (*p == '.')
    for (p++; isdigit ((unsigned char) *p); p++)
      ;
  int sign = 0;
  if (*p == 'Z' || *p == 'z')
    p++;
  else if (*p == '+' || *p == '-')
    {
      sign = *p++ == '+' ? 1 : -1;
      if (!digits (&p, 2, &oh) || *p++ != ':' || !digits (&p, 2, &om))
        return (time_t) -1;
    }
  else
    return (time_t) -1;
  if (*p || mo < 1 || mo > 12 || d < 1 || d > 31 || h > 23 || mi > 59
      || s > 60)
    return (time_t) -1;
  struct tm tm = { .tm_year = y - 1900, .tm_mon = mo - 1, .tm_mday = d,
                   .tm_hour = h, .tm_min = mi, .tm_sec = s };
  time_t t = timegm (&tm);
  return t - sign * (oh * 3600 + om * 60);
}

bool
cw_ari_fetch (struct cw_acme *acme, const char *cert_id,
              struct cw_ari_window *window, struct cw_diags *diags)
{
  *window = (struct cw_ari_window) { 0 };
  if (!acme->dir.renewal_info || !cert_id)
    return false;
  const char *base = acme->dir.renewal_info;
  size_t n = strlen (base);
  char *url = xasprintf ("%s%s%s", base, n && base[n - 1] == '/' ? "" : "/",
                         cert_id);
  struct cw_http_response r;
  json_object *obj = NULL;
  /* Without an answer, renewal follows the lifetime: a note, no error. */
  struct cw_diags failed = CW_DIAGS_INIT;
  bool ok = cw_acme_get_json (acme, url, _("asking for renewal "
                                           "information"), &obj, &r,
                              &failed) == CW_OK;
  json_object *w = cw_json_obj (obj, "suggestedWindow");
  if (ok)
    {
      window->start = cw_rfc3339_parse (cw_json_str (w, "start")
                                          ? cw_json_str (w, "start") : "");
      window->end = cw_rfc3339_parse (cw_json_str (w, "end")
                                        ? cw_json_str (w, "end") : "");
      ok = window->start != (time_t) -1 && window->end != (time_t) -1
           && window->end > window->start;
      const char *why = cw_json_str (obj, "explanationURL");
      window->explanation = why ? xstrdup (why) : NULL;
    }
  window->retry_after = r.retry_after;
  if (!ok)
    cw_diag_add (diags, CW_NOTE, "acme-ari-no-window", "renew",
                 _("The CA's renewal information gave no usable window; "
                   "the renewal time follows the certificate's lifetime "
                   "instead."));
  cw_diags_free (&failed);
  json_object_put (obj);
  cw_http_response_free (&r);
  free (url);
  return ok;
}

void
cw_ari_window_free (struct cw_ari_window *window)
{
  free (window->explanation);
  window->explanation = NULL;
}

time_t
cw_ari_pick (time_t start, time_t end)
{
  if (end <= start)
    return start;
  unsigned long long r;
  gnutls_rnd (GNUTLS_RND_NONCE, &r, sizeof r);
  return start + (time_t) (r % (unsigned long long) (end - start + 1));
}
