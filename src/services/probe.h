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

enum cw_starttls
{
  CW_STARTTLS_AUTO,        /* from the port, else from the greeting */
  CW_STARTTLS_NONE,        /* TLS from the first byte */
  CW_STARTTLS_SMTP,        /* EHLO, STARTTLS */
  CW_STARTTLS_IMAP,        /* a001 STARTTLS */
  CW_STARTTLS_POP3         /* STLS */
};

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
/* The STARTTLS of a well-known port (25, 587: SMTP; 143: IMAP; 110: POP3;
   443, 465, 993, 995: none), CW_STARTTLS_AUTO for any other. */
enum cw_starttls cw_starttls_of_port (unsigned port);
/* "smtp", "imap", "pop3", "none", "auto". */
const char *cw_starttls_name (enum cw_starttls starttls);

/* ---------------------------------------- between probe.c and starttls.c */

/* A connection with a deadline: every read and write waits at most
   until it. */
struct cw_conn
{
  int fd;
  long long deadline_ms;   /* CLOCK_MONOTONIC */
  char buf[4096];          /* what was read and not used yet */
  size_t length;
};

long long cw_conn_now_ms (void);
/* Waits until FD can be read (or written, WRITE); false at the
   deadline. */
bool cw_conn_wait (const struct cw_conn *conn, bool write);
/* STARTTLS for PROTOCOL on CONN: CW_OK once the server waits for the
   TLS handshake. */
enum cw_status cw_starttls_run (struct cw_conn *conn,
                                enum cw_starttls protocol,
                                struct cw_diags *diags);
/* The protocol a greeting starts ("220 ", "* OK", "+OK"), else NONE. */
enum cw_starttls cw_starttls_of_greeting (const char *bytes, size_t length);

#endif
