/* HAProxy's runtime API on its stats socket: a certificate replaced in
   the running process, with no reload. */
#include <config.h>

#include "services/haproxy.h"

#include <errno.h>
#include <poll.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

#include "base/i18n.h"
#include "base/safetext.h"
#include "base/xalloc.h"

#define ANSWER_TIMEOUT_MS 5000
#define ANSWER_MAX 65536

/* A peer that closes early must not raise SIGPIPE. */
static bool
send_all (int fd, const char *data, size_t length)
{
  while (length)
    {
      ssize_t n = send (fd, data, length, MSG_NOSIGNAL);
      if (n < 0 && errno == EINTR)
        continue;
      if (n <= 0)
        return false;
      data += n;
      length -= (size_t) n;
    }
  return true;
}

/* Sends COMMAND on a new connection to SOCKET and returns HAProxy's
   whole answer (it closes the connection after one), or NULL. */
static char *
ask (const char *socket_path, const char *command, size_t length)
{
  struct sockaddr_un addr = { .sun_family = AF_UNIX };
  if (strlen (socket_path) >= sizeof addr.sun_path)
    return NULL;
  strcpy (addr.sun_path, socket_path);
  int fd = socket (AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
  if (fd < 0)
    return NULL;
  if (connect (fd, (struct sockaddr *) &addr, sizeof addr) != 0
      || !send_all (fd, command, length))
    {
      close (fd);
      return NULL;
    }
  char *answer = xmalloc (ANSWER_MAX + 1);
  size_t got = 0;
  for (;;)
    {
      struct pollfd p = { fd, POLLIN, 0 };
      int ready = poll (&p, 1, ANSWER_TIMEOUT_MS);
      if (ready < 0 && errno == EINTR)
        continue;
      ssize_t n = ready > 0 ? read (fd, answer + got, ANSWER_MAX - got) : -1;
      if (n < 0 && errno == EINTR)
        continue;
      if (n <= 0)
        break;
      got += (size_t) n;
      if (got == ANSWER_MAX)
        break;
    }
  close (fd);
  answer[got] = '\0';
  return answer;
}

static void
say_refused (const char *answer, struct cw_diags *diags)
{
  char *safe = cw_safe_text (answer, strlen (answer), cw_locale_is_utf8 ());
  cw_diag_add (diags, CW_WARNING, "haproxy-runtime", "service",
               _("HAProxy's runtime API did not take the certificate (%s); "
                 "certwiz reloads HAProxy instead."), safe);
  free (safe);
}

bool
cw_haproxy_set_cert (const char *socket_path, const char *crt,
                     const char *pem, struct cw_diags *diags)
{
  /* A word of the command may hold no blank; the payload ends at the
     first empty line. */
  if (strpbrk (crt, " \t\r\n\\") || strstr (pem, "\n\n"))
    return false;
  char *set = xasprintf ("set ssl cert %s <<\n%s%s\n", crt, pem,
                         pem[0] && pem[strlen (pem) - 1] == '\n' ? "" : "\n");
  char *answer = ask (socket_path, set, strlen (set));
  memset (set, 0, strlen (set));
  free (set);
  bool done = answer && strstr (answer, "Transaction ");
  if (done)
    {
      free (answer);
      char *commit = xasprintf ("commit ssl cert %s\n", crt);
      answer = ask (socket_path, commit, strlen (commit));
      free (commit);
      done = answer && strstr (answer, "Success!");
      if (!done)
        {
          char *abort = xasprintf ("abort ssl cert %s\n", crt);
          free (ask (socket_path, abort, strlen (abort)));
          free (abort);
        }
    }
  if (!done && answer)
    say_refused (answer, diags);
  free (answer);
  return done;
}
