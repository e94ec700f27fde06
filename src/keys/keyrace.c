/* An RSA key is found by trying random numbers until two are prime: how
   long that takes is chance, from a tenth of a second to well over one
   for 3072 bits.  With two processors, two searches run at once, each
   with its own random numbers, and the first key found is kept: the wait
   is the shorter of two draws, which is on average a third less.

   Each search runs in a child process rather than a thread because a
   search that lost cannot be stopped inside GnuTLS; a process can be
   killed.  The winner hands its key over through a pipe, which only this
   process can read; the children inherit the protection of its memory
   (no core dump, not dumpable) and die with it. */
#include <config.h>

#include "keys/keyrace.h"

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>
#ifdef __linux__
# include <sys/prctl.h>
#endif

#include "base/atomicfile.h"
#include "base/processors.h"
#include "base/xalloc.h"

#define RACERS 2
/* How often a cancelled search is noticed, in milliseconds. */
#define CANCEL_POLL_MS 50
/* A DER RSA private key of 16384 bits is under 10 KiB. */
#define KEY_MAX_BYTES (64 * 1024)

struct racer
{
  pid_t pid;
  int fd;                  /* the read end of its pipe; -1 once done */
  unsigned char *der;
  size_t len;
};

int
cw_key_race_size (gnutls_pk_algorithm_t algorithm)
{
  if (algorithm != GNUTLS_PK_RSA)
    return 1;
  size_t n = cw_processors ();
  return n < RACERS ? (int) n : RACERS;
}

/* The child: one search, its key written to FD as DER.  It never
   returns, and leaves through _exit: the parent's exit handlers, stdio
   buffers and terminal are not its own. */
static _Noreturn void
search (int fd, pid_t parent, gnutls_pk_algorithm_t algorithm,
        unsigned bits)
{
#ifdef PR_SET_PDEATHSIG
  prctl (PR_SET_PDEATHSIG, SIGKILL, 0, 0, 0);
#endif
  if (getppid () != parent)
    _exit (1);
  signal (SIGPIPE, SIG_DFL);
  gnutls_x509_privkey_t key = NULL;
  gnutls_datum_t der = { NULL, 0 };
  bool ok = gnutls_x509_privkey_init (&key) == 0;
  ok = ok && gnutls_x509_privkey_generate (key, algorithm, bits, 0) == 0
       && gnutls_x509_privkey_export2 (key, GNUTLS_X509_FMT_DER, &der) == 0
       && cw_write_all (fd, der.data, der.size) == 0;
  if (der.data)
    {
      gnutls_memset (der.data, 0, der.size);
      gnutls_free (der.data);
    }
  if (key)
    gnutls_x509_privkey_deinit (key);
  _exit (ok ? 0 : 1);
}

static void
wipe_free (struct racer *r)
{
  if (r->der)
    gnutls_memset (r->der, 0, r->len);
  free (r->der);
  r->der = NULL;
  r->len = 0;
}

/* Reads what is there from R; true once R's pipe is at its end. */
static bool
read_some (struct racer *r)
{
  unsigned char chunk[4096];
  ssize_t n = read (r->fd, chunk, sizeof chunk);
  if (n < 0)
    return errno != EINTR && errno != EAGAIN;
  if (n == 0)
    return true;
  if (r->len + (size_t) n > KEY_MAX_BYTES)
    {
      wipe_free (r);
      return true;
    }
  r->der = xreallocarray (r->der, r->len + (size_t) n, 1);
  memcpy (r->der + r->len, chunk, (size_t) n);
  r->len += (size_t) n;
  gnutls_memset (chunk, 0, (size_t) n);
  return false;
}

static void
close_racer (struct racer *r)
{
  if (r->fd >= 0)
    close (r->fd);
  r->fd = -1;
}

/* Starts COUNT searches; how many started. */
static int
start (struct racer *racers, int count, gnutls_pk_algorithm_t algorithm,
       unsigned bits)
{
  pid_t parent = getpid ();
  int started = 0;
  for (int i = 0; i < count; i++)
    {
      int fds[2];
      if (pipe2 (fds, O_CLOEXEC) != 0)
        break;
      pid_t pid = fork ();
      if (pid == 0)
        {
          close (fds[0]);
          search (fds[1], parent, algorithm, bits);
        }
      close (fds[1]);
      if (pid < 0)
        {
          close (fds[0]);
          break;
        }
      racers[started++] = (struct racer) { pid, fds[0], NULL, 0 };
    }
  return started;
}

#define CANCELLED (-2)

/* Waits for the first search to hand over a whole key; its index, -1
   when every search failed, CANCELLED when PROGRESS was. */
static int
first_key (struct racer *racers, int count, struct cw_progress *progress)
{
  for (;;)
    {
      if (cw_progress_cancelled (progress))
        return CANCELLED;
      struct pollfd fds[RACERS];
      int open = 0;
      for (int i = 0; i < count; i++)
        if (racers[i].fd >= 0)
          fds[open++] = (struct pollfd) { racers[i].fd, POLLIN, 0 };
      if (open == 0)
        return -1;
      int ready = poll (fds, (nfds_t) open, progress ? CANCEL_POLL_MS : -1);
      if (ready < 0 && errno != EINTR)
        return -1;
      if (ready <= 0)
        continue;
      for (int i = 0, k = 0; i < count; i++)
        {
          if (racers[i].fd < 0)
            continue;
          if (!(fds[k++].revents & (POLLIN | POLLHUP | POLLERR)))
            continue;
          if (!read_some (&racers[i]))
            continue;
          close_racer (&racers[i]);
          int status = -1;
          while (waitpid (racers[i].pid, &status, 0) < 0 && errno == EINTR)
            ;
          racers[i].pid = -1;
          /* A whole key is one whose search ended well. */
          if (racers[i].len > 0 && WIFEXITED (status)
              && WEXITSTATUS (status) == 0)
            return i;
          wipe_free (&racers[i]);
        }
    }
}

/* The searches still running are killed, every child is waited for. */
static void
stop_all (struct racer *racers, int count)
{
  for (int i = 0; i < count; i++)
    {
      close_racer (&racers[i]);
      if (racers[i].pid > 0)
        {
          kill (racers[i].pid, SIGKILL);
          while (waitpid (racers[i].pid, NULL, 0) < 0 && errno == EINTR)
            ;
        }
      wipe_free (&racers[i]);
    }
}

int
cw_key_race (gnutls_x509_privkey_t key, gnutls_pk_algorithm_t algorithm,
             unsigned bits, int searches, struct cw_progress *progress)
{
  struct racer racers[RACERS];
  int count = searches < RACERS ? searches : RACERS;
  /* A search that may be cancelled runs in a child even alone: only a
     process can be stopped in the middle of it. */
  bool in_children = count > 1
                     || (progress && algorithm == GNUTLS_PK_RSA);
  int started = in_children ? start (racers, count, algorithm, bits) : 0;
  int winner = started > 0 ? first_key (racers, started, progress) : -1;
  int ret = GNUTLS_E_INTERNAL_ERROR;
  if (winner >= 0)
    {
      gnutls_datum_t der = { racers[winner].der,
                             (unsigned) racers[winner].len };
      ret = gnutls_x509_privkey_import (key, &der, GNUTLS_X509_FMT_DER);
    }
  stop_all (racers, started);
  if (winner == CANCELLED)
    return CW_KEY_RACE_CANCELLED;
  /* No child could be started, or none found a key: the search is done
     here, as it would be on one processor. */
  if (ret < 0)
    ret = gnutls_x509_privkey_generate (key, algorithm, bits, 0);
  return ret;
}
