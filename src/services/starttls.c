/* STARTTLS as the mail protocols define it: SMTP (RFC 3207: EHLO,
   STARTTLS), IMAP (RFC 9051: a001 STARTTLS) and POP3 (RFC 2595: STLS).
   The server's answer must end what it sent: bytes after it, before
   the handshake, would be taken for encrypted ones (the STARTTLS
   command injection of CVE-2011-0411), so they are refused. */
#include <config.h>

#include "services/starttls.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/socket.h>
#include <unistd.h>

#include "base/i18n.h"
#include "base/safetext.h"
#include "base/xalloc.h"
#include "services/conn.h"

static const char *const protocol_names[] = {
  [CW_STARTTLS_AUTO] = "auto", [CW_STARTTLS_NONE] = "none",
  [CW_STARTTLS_SMTP] = "smtp", [CW_STARTTLS_IMAP] = "imap",
  [CW_STARTTLS_POP3] = "pop3" };

static const struct
{
  unsigned port;
  enum cw_starttls starttls;
} well_known[] = {
  { 25, CW_STARTTLS_SMTP }, { 587, CW_STARTTLS_SMTP },
  { 143, CW_STARTTLS_IMAP }, { 110, CW_STARTTLS_POP3 },
  { 443, CW_STARTTLS_NONE }, { 465, CW_STARTTLS_NONE },
  { 993, CW_STARTTLS_NONE }, { 995, CW_STARTTLS_NONE },
};

enum cw_starttls
cw_starttls_of_port (unsigned port)
{
  for (size_t i = 0; i < sizeof well_known / sizeof well_known[0]; i++)
    if (well_known[i].port == port)
      return well_known[i].starttls;
  return CW_STARTTLS_AUTO;
}

const char *
cw_starttls_name (enum cw_starttls starttls)
{
  return protocol_names[starttls];
}

static enum cw_status
timed_out (struct cw_diags *diags, const char *protocol)
{
  cw_diag_add (diags, CW_ERROR, "timeout", "starttls",
               _("The server did not answer in time during the %s "
                 "exchange before STARTTLS. Check the port and the "
                 "protocol, or allow more time."), protocol);
  return CW_FAILED;
}

/* One line of the server into LINE (without its CR LF); CW_OK, or
   CW_FAILED after a diagnostic when it closed or took too long. */
static enum cw_status
read_line (struct cw_conn *conn, char *line, size_t size,
           const char *protocol, struct cw_diags *diags)
{
  for (;;)
    {
      char *newline = memchr (conn->buf, '\n', conn->length);
      if (newline || conn->length == sizeof conn->buf)
        {
          size_t n = newline ? (size_t) (newline - conn->buf) + 1
                             : conn->length;
          size_t keep = n - (newline ? 1 : 0);
          if (keep && conn->buf[keep - 1] == '\r')
            keep--;
          keep = keep < size - 1 ? keep : size - 1;
          memcpy (line, conn->buf, keep);
          line[keep] = '\0';
          memmove (conn->buf, conn->buf + n, conn->length - n);
          conn->length -= n;
          return CW_OK;
        }
      if (!cw_conn_wait (conn, false))
        return timed_out (diags, protocol);
      ssize_t got = recv (conn->fd, conn->buf + conn->length,
                          sizeof conn->buf - conn->length, 0);
      if (got < 0 && (errno == EINTR || errno == EAGAIN))
        continue;
      if (got <= 0)
        {
          cw_diag_add (diags, CW_ERROR, "starttls-closed", "starttls",
                       _("The server closed the connection during the %s "
                         "exchange before STARTTLS. Check that the port "
                         "serves %s, or choose another protocol."),
                       protocol, protocol);
          return CW_FAILED;
        }
      conn->length += (size_t) got;
    }
}

static enum cw_status
send_text (struct cw_conn *conn, const char *text, const char *protocol,
           struct cw_diags *diags)
{
  size_t sent = 0, length = strlen (text);
  while (sent < length)
    {
      if (!cw_conn_wait (conn, true))
        return timed_out (diags, protocol);
      ssize_t n = send (conn->fd, text + sent, length - sent, MSG_NOSIGNAL);
      if (n < 0 && (errno == EINTR || errno == EAGAIN))
        continue;
      if (n < 0)
        {
          cw_diag_add (diags, CW_ERROR, "starttls-closed", "starttls",
                       _("The connection broke during the %s exchange "
                         "before STARTTLS: %s."), protocol, strerror (errno));
          return CW_FAILED;
        }
      sent += (size_t) n;
    }
  return CW_OK;
}

/* The server refused: what it said, made safe. */
static enum cw_status
refused (const char *protocol, const char *said, struct cw_diags *diags)
{
  char *safe = cw_safe_text (said, strlen (said), true);
  cw_diag_add (diags, CW_ERROR, "starttls-refused", "starttls",
               _("The server did not accept STARTTLS over %s; it answered "
                 "\"%s\". Check that the service offers TLS on this port "
                 "(for Postfix, smtpd_tls_security_level = may)."),
               protocol, safe);
  free (safe);
  return CW_REFUSED;
}

static enum cw_status
nothing_after (const struct cw_conn *conn, const char *protocol,
               struct cw_diags *diags)
{
  if (conn->length == 0)
    return CW_OK;
  cw_diag_add (diags, CW_ERROR, "starttls-extra-data", "starttls",
               _("The server sent more after its answer to STARTTLS over "
                 "%s, before the handshake. A client must not take those "
                 "bytes for encrypted ones: something between certwiz and "
                 "the server tampers with the connection, or the server is "
                 "broken."), protocol);
  return CW_REFUSED;
}

/* An SMTP reply: its lines until the one with a blank after the code.
   Whether the server offers STARTTLS is noted on the way. */
static enum cw_status
smtp_reply (struct cw_conn *conn, char *last, size_t size, bool *starttls,
            struct cw_diags *diags)
{
  for (;;)
    {
      enum cw_status status = read_line (conn, last, size, "SMTP", diags);
      if (status != CW_OK)
        return status;
      if (starttls && strlen (last) >= 12
          && strncasecmp (last + 4, "STARTTLS", 8) == 0)
        *starttls = true;
      if (strlen (last) < 4 || last[3] != '-')
        return CW_OK;
    }
}

static enum cw_status
smtp (struct cw_conn *conn, struct cw_diags *diags)
{
  char line[1024], hostname[256] = "";
  enum cw_status status = smtp_reply (conn, line, sizeof line, NULL, diags);
  if (status == CW_OK && strncmp (line, "220", 3) != 0)
    return refused ("SMTP", line, diags);
  if (gethostname (hostname, sizeof hostname - 1) != 0 || !strchr (hostname,
                                                                   '.'))
    strcpy (hostname, "localhost.localdomain");
  char *ehlo = xasprintf ("EHLO %s\r\n", hostname);
  bool offered = false;
  if (status == CW_OK)
    status = send_text (conn, ehlo, "SMTP", diags);
  free (ehlo);
  if (status == CW_OK)
    status = smtp_reply (conn, line, sizeof line, &offered, diags);
  if (status == CW_OK && (strncmp (line, "250", 3) != 0 || !offered))
    {
      cw_diag_add (diags, CW_ERROR, "starttls-not-offered", "starttls",
                   _("The SMTP server does not offer STARTTLS in its "
                     "answer to EHLO. Turn TLS on in the service (for "
                     "Postfix, smtpd_tls_security_level = may and a "
                     "certificate)."));
      return CW_REFUSED;
    }
  if (status == CW_OK)
    status = send_text (conn, "STARTTLS\r\n", "SMTP", diags);
  if (status == CW_OK)
    status = smtp_reply (conn, line, sizeof line, NULL, diags);
  if (status == CW_OK && strncmp (line, "220", 3) != 0)
    return refused ("SMTP", line, diags);
  return status == CW_OK ? nothing_after (conn, "SMTP", diags) : status;
}

static enum cw_status
imap (struct cw_conn *conn, struct cw_diags *diags)
{
  char line[1024];
  enum cw_status status = read_line (conn, line, sizeof line, "IMAP", diags);
  if (status == CW_OK && strncasecmp (line, "* OK", 4) != 0)
    return refused ("IMAP", line, diags);
  if (status == CW_OK)
    status = send_text (conn, "a001 STARTTLS\r\n", "IMAP", diags);
  /* Untagged lines may come before the tagged answer. */
  while (status == CW_OK
         && (status = read_line (conn, line, sizeof line, "IMAP", diags))
            == CW_OK
         && strncasecmp (line, "a001 ", 5) != 0)
    ;
  if (status == CW_OK && strncasecmp (line, "a001 OK", 7) != 0)
    return refused ("IMAP", line, diags);
  return status == CW_OK ? nothing_after (conn, "IMAP", diags) : status;
}

static enum cw_status
pop3 (struct cw_conn *conn, struct cw_diags *diags)
{
  char line[1024];
  enum cw_status status = read_line (conn, line, sizeof line, "POP3", diags);
  if (status == CW_OK && strncmp (line, "+OK", 3) != 0)
    return refused ("POP3", line, diags);
  if (status == CW_OK)
    status = send_text (conn, "STLS\r\n", "POP3", diags);
  if (status == CW_OK)
    status = read_line (conn, line, sizeof line, "POP3", diags);
  if (status == CW_OK && strncmp (line, "+OK", 3) != 0)
    return refused ("POP3", line, diags);
  return status == CW_OK ? nothing_after (conn, "POP3", diags) : status;
}

enum cw_status
cw_starttls_run (struct cw_conn *conn, enum cw_starttls protocol,
                 struct cw_diags *diags)
{
  switch (protocol)
    {
    case CW_STARTTLS_SMTP:
      return smtp (conn, diags);
    case CW_STARTTLS_IMAP:
      return imap (conn, diags);
    case CW_STARTTLS_POP3:
      return pop3 (conn, diags);
    case CW_STARTTLS_AUTO:
    case CW_STARTTLS_NONE:
    default:
      return CW_OK;
    }
}

enum cw_starttls
cw_starttls_of_greeting (const char *bytes, size_t length)
{
  static const struct
  {
    const char *start;
    enum cw_starttls protocol;
  } greetings[] = {
    { "220", CW_STARTTLS_SMTP }, { "* OK", CW_STARTTLS_IMAP },
    { "+OK", CW_STARTTLS_POP3 } };
  for (size_t i = 0; i < sizeof greetings / sizeof greetings[0]; i++)
    {
      size_t n = strlen (greetings[i].start);
      if (length >= n && strncasecmp (bytes, greetings[i].start, n) == 0)
        return greetings[i].protocol;
    }
  return CW_STARTTLS_NONE;
}
