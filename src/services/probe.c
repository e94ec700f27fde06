#include <config.h>

#include "services/probe.h"

#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <netdb.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/uio.h>
#include <time.h>
#include <unistd.h>

#include "base/i18n.h"
#include "base/safetext.h"
#include "base/xalloc.h"
#include "services/conn.h"

/* How much of what a server sends first is kept to recognize a
   greeting. */
#define GREETING_BYTES 16

bool
cw_probe_parse_target (const char *text, char **host, unsigned *port)
{
  const char *colon = NULL;
  const char *start = text, *end;
  if (text[0] == '[')
    {
      end = strchr (text, ']');
      if (!end || (end[1] && end[1] != ':'))
        return false;
      start = text + 1;
      colon = end[1] ? end + 1 : NULL;
    }
  else
    {
      colon = strchr (text, ':');
      if (colon && strchr (colon + 1, ':'))
        colon = NULL;        /* an IPv6 address without a port */
      end = colon ? colon : text + strlen (text);
    }
  if (end == start)
    return false;
  if (colon)
    {
      char *rest;
      unsigned long value = strtoul (colon + 1, &rest, 10);
      if (!colon[1] || *rest || value == 0 || value > 65535)
        return false;
      *port = (unsigned) value;
    }
  *host = xstrndup (start, (size_t) (end - start));
  return true;
}

/* ------------------------------------------------------- connecting */

static char *
address_text (const struct sockaddr *sa)
{
  char host[INET6_ADDRSTRLEN] = "?";
  unsigned port = 0;
  if (sa->sa_family == AF_INET)
    {
      const struct sockaddr_in *in = (const struct sockaddr_in *) sa;
      inet_ntop (AF_INET, &in->sin_addr, host, sizeof host);
      port = ntohs (in->sin_port);
      return xasprintf ("%s:%u", host, port);
    }
  const struct sockaddr_in6 *in6 = (const struct sockaddr_in6 *) sa;
  inet_ntop (AF_INET6, &in6->sin6_addr, host, sizeof host);
  port = ntohs (in6->sin6_port);
  return xasprintf ("[%s]:%u", host, port);
}

static int
connect_one (const struct addrinfo *ai, struct cw_conn *conn, int *error)
{
  int fd = socket (ai->ai_family, ai->ai_socktype | SOCK_NONBLOCK
                                  | SOCK_CLOEXEC, ai->ai_protocol);
  if (fd < 0)
    {
      *error = errno;
      return -1;
    }
  conn->fd = fd;
  /* Requests are small and each waits for its answer. */
  int one = 1;
  setsockopt (fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
  if (connect (fd, ai->ai_addr, ai->ai_addrlen) == 0)
    return fd;
  if (errno != EINPROGRESS)
    *error = errno;
  else if (!cw_conn_wait (conn, true))
    *error = ETIMEDOUT;
  else
    {
      socklen_t len = sizeof *error;
      if (getsockopt (fd, SOL_SOCKET, SO_ERROR, error, &len) == 0
          && *error == 0)
        return fd;
    }
  close (fd);
  conn->fd = -1;
  return -1;
}

static enum cw_status
connect_to (const struct cw_probe_request *request, struct cw_conn *conn,
            char **address, struct cw_diags *diags)
{
  char port[8];
  snprintf (port, sizeof port, "%u", request->port);
  struct addrinfo hints = { .ai_family = AF_UNSPEC,
                            .ai_socktype = SOCK_STREAM }, *found;
  int ret = getaddrinfo (request->host, port, &hints, &found);
  if (ret != 0)
    {
      cw_diag_add (diags, CW_ERROR, "resolve-failed", "connect",
                   _("The name %s cannot be resolved: %s. Check the host "
                     "name, or give an address."), request->host,
                   gai_strerror (ret));
      return CW_FAILED;
    }
  int error = 0;
  for (const struct addrinfo *ai = found; ai; ai = ai->ai_next)
    if (connect_one (ai, conn, &error) >= 0)
      {
        *address = address_text (ai->ai_addr);
        freeaddrinfo (found);
        return CW_OK;
      }
  freeaddrinfo (found);
  if (error == ETIMEDOUT)
    cw_diag_add (diags, CW_ERROR, "timeout", "connect",
                 _("No connection to %s port %u in time. Check the host, "
                   "the port and the firewall, or allow more time."),
                 request->host, request->port);
  else
    cw_diag_add (diags, CW_ERROR, "connect-failed", "connect",
                 _("No connection to %s port %u: %s. Check that the "
                   "service runs and listens there."), request->host,
                 request->port, strerror (error));
  return CW_FAILED;
}

/* --------------------------------------------------------- handshake */

/* The transport: the connection, and the first bytes the server sent,
   in case they are a greeting instead of TLS. */
struct transport
{
  struct cw_conn *conn;
  char first[GREETING_BYTES];
  size_t first_length;
};

static ssize_t
pull (gnutls_transport_ptr_t ptr, void *data, size_t size)
{
  struct transport *t = ptr;
  ssize_t n = recv (t->conn->fd, data, size, 0);
  if (n > 0 && t->first_length < GREETING_BYTES)
    {
      size_t keep = GREETING_BYTES - t->first_length;
      keep = (size_t) n < keep ? (size_t) n : keep;
      memcpy (t->first + t->first_length, data, keep);
      t->first_length += keep;
    }
  return n;
}

/* All the records GnuTLS has for the wire in one send: written one by
   one, the second would wait for the server's delayed ACK (Nagle). */
static ssize_t
push (gnutls_transport_ptr_t ptr, const giovec_t *iov, int count)
{
  struct transport *t = ptr;
  struct msghdr msg = { .msg_iov = (struct iovec *) iov,
                        .msg_iovlen = (size_t) count };
  return sendmsg (t->conn->fd, &msg, MSG_NOSIGNAL);
}

static enum cw_status
handshake_failed (gnutls_session_t session, int ret, struct cw_diags *diags)
{
  const char *alert = ret == GNUTLS_E_FATAL_ALERT_RECEIVED
                      ? gnutls_alert_get_name (gnutls_alert_get (session))
                      : NULL;
  if (alert)
    cw_diag_add (diags, CW_ERROR, "handshake-failed", "tls",
                 _("The TLS handshake failed: the server sent the alert "
                   "\"%s\". Its error log says why; a key that does not "
                   "match the certificate, or no certificate for the name "
                   "asked, are the usual causes."), alert);
  else
    cw_diag_add (diags, CW_ERROR, "handshake-failed", "tls",
                 _("The TLS handshake failed: %s. Check that the port "
                   "serves TLS (or STARTTLS of the protocol asked for), "
                   "and the server's error log."), gnutls_strerror (ret));
  return CW_REFUSED;
}

static int
run_handshake (gnutls_session_t session, struct cw_conn *conn)
{
  for (;;)
    {
      int ret = gnutls_handshake (session);
      if (ret >= 0 || gnutls_error_is_fatal (ret))
        return ret;
      if (!cw_conn_wait (conn, gnutls_record_get_direction (session) == 1))
        return GNUTLS_E_TIMEDOUT;
    }
}

static void
keep_peer_certs (gnutls_session_t session, struct cw_probe *probe)
{
  unsigned count = 0;
  const gnutls_datum_t *ders = gnutls_certificate_get_peers (session, &count);
  for (unsigned i = 0; ders && i < count; i++)
    {
      gnutls_x509_crt_t crt;
      if (gnutls_x509_crt_init (&crt) < 0)
        continue;
      if (gnutls_x509_crt_import (crt, &ders[i], GNUTLS_X509_FMT_DER) >= 0)
        cw_certs_add (&probe->certs, crt);
      else
        gnutls_x509_crt_deinit (crt);
    }
}

static void
keep_session (gnutls_session_t session, struct cw_probe *probe)
{
  probe->protocol = xstrdup (gnutls_protocol_get_name (
                               gnutls_protocol_get_version (session)));
#if GNUTLS_VERSION_NUMBER >= 0x030704
  const char *suite = gnutls_ciphersuite_get (session);
  probe->cipher = xstrdup (suite ? suite : "?");
#else
  char *desc = gnutls_session_get_desc (session);
  probe->cipher = xstrdup (desc ? desc : "?");
  gnutls_free (desc);
#endif
  const char *group = gnutls_group_get_name (gnutls_group_get (session));
  probe->group = group ? xstrdup (group) : NULL;
  keep_peer_certs (session, probe);
}

/* SNI names a host, never an address (RFC 6066). */
static bool
is_address (const char *name)
{
  unsigned char buf[16];
  return inet_pton (AF_INET, name, buf) == 1
         || inet_pton (AF_INET6, name, buf) == 1;
}

static enum cw_status
tls (struct cw_conn *conn, const struct cw_probe_request *request,
     struct cw_probe *probe, struct transport *t, struct cw_diags *diags)
{
  gnutls_session_t session;
  gnutls_certificate_credentials_t credentials;
  if (gnutls_init (&session, GNUTLS_CLIENT) < 0)
    return CW_FAILED;
  if (gnutls_certificate_allocate_credentials (&credentials) < 0)
    {
      gnutls_deinit (session);
      return CW_FAILED;
    }
  gnutls_set_default_priority (session);
  gnutls_credentials_set (session, GNUTLS_CRD_CERTIFICATE, credentials);
  if (request->sni && *request->sni && !is_address (request->sni))
    gnutls_server_name_set (session, GNUTLS_NAME_DNS, request->sni,
                            strlen (request->sni));
  *t = (struct transport) { .conn = conn };
  gnutls_transport_set_ptr (session, t);
  gnutls_transport_set_pull_function (session, pull);
  gnutls_transport_set_vec_push_function (session, push);
  int ret = run_handshake (session, conn);
  enum cw_status status = CW_OK;
  if (ret == GNUTLS_E_TIMEDOUT)
    {
      cw_diag_add (diags, CW_ERROR, "timeout", "tls",
                   _("The TLS handshake with %s port %u did not end in "
                     "time. Check that the port serves TLS, or allow more "
                     "time."), request->host, request->port);
      status = CW_FAILED;
    }
  else if (ret < 0)
    status = handshake_failed (session, ret, diags);
  else
    {
      keep_session (session, probe);
      gnutls_bye (session, GNUTLS_SHUT_WR);
    }
  gnutls_deinit (session);
  gnutls_certificate_free_credentials (credentials);
  return status;
}

/* ------------------------------------------------------------ probe */

static enum cw_status
attempt (const struct cw_probe_request *request, enum cw_starttls starttls,
         struct cw_probe *probe, struct transport *t, struct cw_diags *diags)
{
  struct cw_conn conn = { .fd = -1 };
  conn.deadline_ms = cw_conn_now_ms () + request->timeout_ms;
  free (probe->address);
  probe->address = NULL;
  enum cw_status status = connect_to (request, &conn, &probe->address, diags);
  if (status == CW_OK)
    status = cw_starttls_run (&conn, starttls, diags);
  if (status == CW_OK)
    status = tls (&conn, request, probe, t, diags);
  if (conn.fd >= 0)
    close (conn.fd);
  probe->starttls = starttls;
  return status;
}

enum cw_status
cw_probe_run (const struct cw_probe_request *request, struct cw_probe *probe,
              struct cw_diags *diags)
{
  *probe = (struct cw_probe) { .certs = CW_CERTS_INIT };
  enum cw_starttls starttls = request->starttls;
  if (starttls == CW_STARTTLS_AUTO)
    starttls = cw_starttls_of_port (request->port);
  struct transport t;
  if (starttls != CW_STARTTLS_AUTO)
    return attempt (request, starttls, probe, &t, diags);
  /* A port of no known protocol: TLS at once.  A server that greets in
     plain text first answers the ClientHello with its greeting, which
     says which STARTTLS to use on a second connection. */
  struct cw_diags first = CW_DIAGS_INIT;
  enum cw_status status = attempt (request, CW_STARTTLS_NONE, probe, &t,
                                   &first);
  enum cw_starttls greeted = status == CW_REFUSED
                             ? cw_starttls_of_greeting (t.first,
                                                        t.first_length)
                             : CW_STARTTLS_NONE;
  if (greeted != CW_STARTTLS_NONE)
    {
      cw_diags_free (&first);
      return attempt (request, greeted, probe, &t, diags);
    }
  cw_diags_move (diags, &first);
  cw_diags_free (&first);
  return status;
}

void
cw_probe_free (struct cw_probe *probe)
{
  free (probe->address);
  free (probe->protocol);
  free (probe->cipher);
  free (probe->group);
  cw_certs_free (&probe->certs);
  *probe = (struct cw_probe) { .certs = CW_CERTS_INIT };
}
