/* STARTTLS of the mail protocols, and which protocol a port or a
   greeting says. */
#ifndef CERTWIZ_SERVICES_STARTTLS_H
#define CERTWIZ_SERVICES_STARTTLS_H

#include <stddef.h>

#include "base/diag.h"
#include "base/status.h"

enum cw_starttls
{
  CW_STARTTLS_AUTO,        /* from the port, else from the greeting */
  CW_STARTTLS_NONE,        /* TLS from the first byte */
  CW_STARTTLS_SMTP,        /* EHLO, STARTTLS */
  CW_STARTTLS_IMAP,        /* a001 STARTTLS */
  CW_STARTTLS_POP3         /* STLS */
};

/* The STARTTLS of a well-known port (25, 587: SMTP; 143: IMAP; 110: POP3;
   443, 465, 993, 995: none), CW_STARTTLS_AUTO for any other. */
enum cw_starttls cw_starttls_of_port (unsigned port);
/* "smtp", "imap", "pop3", "none", "auto". */
const char *cw_starttls_name (enum cw_starttls starttls);

struct cw_conn;
/* STARTTLS for PROTOCOL on CONN: CW_OK once the server waits for the
   TLS handshake. */
enum cw_status cw_starttls_run (struct cw_conn *conn,
                                enum cw_starttls protocol,
                                struct cw_diags *diags);
/* The protocol a greeting starts ("220 ", "* OK", "+OK"), else NONE. */
enum cw_starttls cw_starttls_of_greeting (const char *bytes, size_t length);

#endif
