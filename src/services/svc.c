/* A service instance: opening it, its configuration's place, the names
   a certificate covers and what one of its ports serves. */
#include <config.h>

#include "services/svc.h"

#include <gnutls/gnutls.h>
#include <stdio.h>
#include <stdlib.h>

#include "base/hex.h"
#include "base/xalloc.h"
#include "pki/verify.h"
#include "services/probe.h"

#define SERVE_TIMEOUT_MS 10000

const char *
cw_svc_config_default (const struct cw_svc_adapter *adapter)
{
  char name[64];
  snprintf (name, sizeof name, "CERTWIZ_%s_CONFIG", adapter->name);
  for (char *p = name; *p; p++)
    if (*p >= 'a' && *p <= 'z')
      *p = (char) (*p - 'a' + 'A');
  const char *env = getenv (name);
  return env && *env ? env : adapter->default_config;
}

enum cw_status
cw_svc_open (const struct cw_svc_adapter *adapter, const char *config,
             struct cw_svc *svc, struct cw_diags *diags)
{
  svc->adapter = adapter;
  svc->config = xstrdup (config ? config : cw_svc_config_default (adapter));
  svc->site = CW_CONF_NONE;
  return adapter->load (svc, diags);
}

bool
cw_svc_covers (gnutls_x509_crt_t crt, const char *name)
{
  char **names = NULL;
  size_t count = 0;
  const char *which;
  bool yes = cw_verify_name (crt, name, &names, &count, &which);
  for (size_t j = 0; j < count; j++)
    free (names[j]);
  free (names);
  return yes;
}

void
cw_svc_thumbprint (gnutls_x509_crt_t crt, char out[41])
{
  unsigned char digest[20];
  size_t size = sizeof digest;
  out[0] = '\0';
  if (gnutls_x509_crt_get_fingerprint (crt, GNUTLS_DIG_SHA1, digest, &size)
      == 0)
    cw_hex_encode (digest, size, out);
}

bool
cw_svc_served (const struct cw_svc_port *port, char out[41])
{
  struct cw_probe_request request = { port->host, port->port, port->starttls,
                                      port->sni, 2000 };
  struct cw_probe probe = { .certs = CW_CERTS_INIT };
  struct cw_diags quiet = CW_DIAGS_INIT;
  bool got = cw_probe_run (&request, &probe, &quiet) == CW_OK
             && probe.certs.count > 0;
  if (got)
    cw_svc_thumbprint (probe.certs.items[0], out);
  cw_probe_free (&probe);
  cw_diags_free (&quiet);
  return got;
}

long
cw_svc_serve_timeout_ms (void)
{
  const char *env = getenv ("CERTWIZ_SERVE_TIMEOUT_MS");
  return env && *env ? strtol (env, NULL, 10) : SERVE_TIMEOUT_MS;
}
