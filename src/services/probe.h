/* A real TLS handshake with a server, as a client makes it: connect,
   STARTTLS where the protocol needs it (SMTP, IMAP, POP3), SNI, and the
   chain the server serves.  Nothing is judged here (pki/verify.h does
   that) and nothing is printed. */
#ifndef CERTWIZ_SERVICES_PROBE_H
#define CERTWIZ_SERVICES_PROBE_H

#include <gnutls/gnutls.h>
#include <gnutls/x509.h>
#include <stdbool.h>

#include "base/diag.h"
#include "base/status.h"
#include "pki/certset.h"
#include "services/starttls.h"


struct cw_probe_request
{
  const char *host;
  unsigned port;
  enum cw_starttls starttls;
  const char *sni;         /* NULL: none (HOST is an address) */
  unsigned timeout_ms;     /* for the connection, STARTTLS and handshake */
};

struct cw_probe
{
  enum cw_starttls starttls;   /* what was used */
  char *address;           /* the address connected to, "127.0.0.1:8443" */
  char *protocol;          /* "TLS1.3" */
  char *cipher;            /* "TLS_AES_256_GCM_SHA384" */
  char *group;             /* the key exchange group: "X25519" */
  struct cw_certs certs;   /* as served, leaf first */
};

/* Connects and makes the handshake.  CW_OK when it was made;
   CW_REFUSED when the server refused STARTTLS or the handshake (a check
   that fails); CW_FAILED when it could not be reached in time.  Each
   with a diagnostic in DIAGS, the server's words made safe. */
enum cw_status cw_probe_run (const struct cw_probe_request *request,
                             struct cw_probe *probe, struct cw_diags *diags);
void cw_probe_free (struct cw_probe *probe);

/* "host", "host:port", "[v6]:port" (PORT unchanged without one). */
bool cw_probe_parse_target (const char *text, char **host, unsigned *port);

#endif
