/* http-01 through a small server of certwiz's own: it listens only on
   the address it is given, answers only GET of the expected tokens'
   paths (404 for anything else), and stops when the order is done. */
#include <config.h>

#include <errno.h>
#include <fcntl.h>
#include <netdb.h>
#include <poll.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include "acme/solver.h"
#include "base/i18n.h"
#include "base/xalloc.h"

#define PREFIX "/.well-known/acme-challenge/"
#define MAX_TOKENS 100
#define REQUEST_MAX 4096
#define CLIENT_TIMEOUT_MS 5000

struct answer
{
  char *token;
  char *key_authorization;
};

struct standalone
{
  int listen_fd;
  int stop_pipe[2];
  pthread_t thread;
  bool running;
  pthread_mutex_t lock;
  struct answer answers[MAX_TOKENS];
  size_t count;
};

/* "ADDR:PORT", "[V6]:PORT", ":PORT", "PORT" or "" (port 80, every
   address). */
static bool
split_address (const char *text, char **host, char **port)
{
  const char *colon = strrchr (text, ':');
  *host = NULL;
  if (!*text)
    {
      *port = xstrdup ("80");
      return true;
    }
  if (!colon)
    {
      *port = xstrdup (text);
      return true;
    }
  const char *h = text, *hend = colon;
  if (*h == '[' && hend > h && hend[-1] == ']')
    h++, hend--;
  if (hend > h)
    *host = xstrndup (h, (size_t) (hend - h));
  *port = xstrdup (colon + 1);
  return **port != '\0';
}

static enum cw_status
listen_error (const char *where, const char *why, struct cw_diags *diags)
{
  cw_diag_add (diags, CW_ERROR, "acme-standalone", "standalone",
               _("certwiz's own web server cannot listen on %s: %s. Port "
                 "80 needs root and must be free (stop the web server, or "
                 "use its webroot instead)."), where, why);
  return CW_FAILED;
}

static int
open_listener (const char *host, const char *port, const char **why)
{
  struct addrinfo hints = { .ai_flags = AI_PASSIVE | AI_NUMERICSERV,
                            .ai_family = AF_UNSPEC,
                            .ai_socktype = SOCK_STREAM }, *list;
  int ret = getaddrinfo (host, port, &hints, &list);
  if (ret)
    {
      *why = gai_strerror (ret);
      return -1;
    }
  int fd = -1;
  for (struct addrinfo *ai = list; ai && fd < 0; ai = ai->ai_next)
    {
      fd = socket (ai->ai_family, ai->ai_socktype | SOCK_CLOEXEC, 0);
      int one = 1;
      if (fd >= 0)
        setsockopt (fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
      if (fd >= 0 && (bind (fd, ai->ai_addr, ai->ai_addrlen) < 0
                      || listen (fd, 16) < 0))
        {
          *why = strerror (errno);
          close (fd);
          fd = -1;
        }
    }
  freeaddrinfo (list);
  return fd;
}

/* Reads the request head, up to REQUEST_MAX bytes, within the timeout. */
static size_t
read_head (int fd, char *buf)
{
  size_t used = 0;
  while (used < REQUEST_MAX - 1)
    {
      struct pollfd p = { fd, POLLIN, 0 };
      if (poll (&p, 1, CLIENT_TIMEOUT_MS) <= 0)
        break;
      ssize_t n = read (fd, buf + used, REQUEST_MAX - 1 - used);
      if (n <= 0)
        break;
      used += (size_t) n;
      buf[used] = '\0';
      if (strstr (buf, "\r\n\r\n") || strstr (buf, "\n\n"))
        break;
    }
  buf[used] = '\0';
  return used;
}

static char *
find_answer (struct standalone *s, const char *request)
{
  char method[8], target[512];
  if (sscanf (request, "%7s %511s", method, target) != 2
      || strcmp (method, "GET") != 0
      || strncmp (target, PREFIX, strlen (PREFIX)) != 0)
    return NULL;
  const char *token = target + strlen (PREFIX);
  char *found = NULL;
  pthread_mutex_lock (&s->lock);
  for (size_t i = 0; i < s->count && !found; i++)
    if (strcmp (s->answers[i].token, token) == 0)
      found = xstrdup (s->answers[i].key_authorization);
  pthread_mutex_unlock (&s->lock);
  return found;
}

static void
answer_client (struct standalone *s, int fd)
{
  char buf[REQUEST_MAX];
  read_head (fd, buf);
  char *body = find_answer (s, buf);
  char *reply = body
    ? xasprintf ("HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\n"
                 "Content-Length: %zu\r\nConnection: close\r\n\r\n%s",
                 strlen (body), body)
    : xstrdup ("HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\n"
               "Connection: close\r\n\r\n");
  size_t len = strlen (reply), done = 0;
  while (done < len)
    {
      ssize_t n = send (fd, reply + done, len - done, MSG_NOSIGNAL);
      if (n <= 0)
        break;
      done += (size_t) n;
    }
  free (reply);
  free (body);
}

static void *
serve (void *state)
{
  struct standalone *s = state;
  for (;;)
    {
      struct pollfd p[2] = { { s->listen_fd, POLLIN, 0 },
                             { s->stop_pipe[0], POLLIN, 0 } };
      if (poll (p, 2, -1) < 0 && errno != EINTR)
        break;
      if (p[1].revents)
        break;
      if (!(p[0].revents & POLLIN))
        continue;
      int fd = accept4 (s->listen_fd, NULL, NULL, SOCK_CLOEXEC);
      if (fd < 0)
        continue;
      answer_client (s, fd);
      close (fd);
    }
  return NULL;
}

static enum cw_status
standalone_start (struct cw_acme_solver *solver, struct cw_diags *diags)
{
  const char *where = solver->options->standalone;
  char *host, *port;
  const char *why = "";
  if (!split_address (where, &host, &port))
    {
      free (host), free (port);
      return listen_error (where, _("not an address and port"), diags);
    }
  int fd = open_listener (host, port, &why);
  free (host), free (port);
  if (fd < 0)
    return listen_error (*where ? where : ":80", why, diags);
  struct standalone *s = xcalloc (1, sizeof *s);
  s->listen_fd = fd;
  pthread_mutex_init (&s->lock, NULL);
  solver->state = s;
  if (pipe2 (s->stop_pipe, O_CLOEXEC) < 0
      || pthread_create (&s->thread, NULL, serve, s) != 0)
    return listen_error (*where ? where : ":80", strerror (errno), diags);
  s->running = true;
  return CW_OK;
}

static enum cw_status
standalone_deploy (struct cw_acme_solver *solver,
                   const struct cw_acme_authz *a, struct cw_diags *diags)
{
  struct standalone *s = solver->state;
  pthread_mutex_lock (&s->lock);
  bool room = s->count < MAX_TOKENS;
  if (room)
    s->answers[s->count++] = (struct answer) { xstrdup (a->token),
                                               xstrdup (a->key_authorization) };
  pthread_mutex_unlock (&s->lock);
  if (room)
    return CW_OK;
  return listen_error (solver->options->standalone, _("too many names"),
                       diags);
}

static void
standalone_cleanup (struct cw_acme_solver *solver,
                    const struct cw_acme_authz *a)
{
  (void) solver, (void) a;
}

static void
standalone_stop (struct cw_acme_solver *solver)
{
  struct standalone *s = solver->state;
  if (!s)
    return;
  if (s->running)
    {
      char byte = 0;
      if (write (s->stop_pipe[1], &byte, 1) == 1)
        pthread_join (s->thread, NULL);
    }
  if (s->stop_pipe[0] > 0)
    close (s->stop_pipe[0]), close (s->stop_pipe[1]);
  close (s->listen_fd);
  for (size_t i = 0; i < s->count; i++)
    free (s->answers[i].token), free (s->answers[i].key_authorization);
  pthread_mutex_destroy (&s->lock);
  free (s);
  solver->state = NULL;
}

const struct cw_acme_solver_kind cw_solver_standalone = {
  "standalone", "http-01", standalone_start, standalone_deploy, NULL,
  standalone_cleanup, standalone_stop
};
