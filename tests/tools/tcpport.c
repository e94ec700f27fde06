/* Ports for the daemon tests (tests/services/lib.sh).

   Usage: tcpport free N         prints N distinct free TCP ports of
                                 127.0.0.1, chosen by the kernel
          tcpport open PORT MS   waits until 127.0.0.1:PORT accepts a
                                 connection, polling; exits 1 after MS
          tcpport closed PORT MS waits until it refuses them; exits 1
                                 after MS
          tcpport silent PORT    listens on PORT and never answers: the
                                 kernel completes connections that no one
                                 accepts (a server that hangs); runs
                                 until killed */
#include <config.h>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

static long long
now_ms (void)
{
  struct timespec t;
  clock_gettime (CLOCK_MONOTONIC, &t);
  return (long long) t.tv_sec * 1000 + t.tv_nsec / 1000000;
}

static struct sockaddr_in
loopback (unsigned port)
{
  struct sockaddr_in a;
  memset (&a, 0, sizeof a);
  a.sin_family = AF_INET;
  a.sin_port = htons ((uint16_t) port);
  a.sin_addr.s_addr = htonl (INADDR_LOOPBACK);
  return a;
}

static int
free_ports (int count)
{
  int *fds = calloc ((size_t) count, sizeof *fds);
  for (int i = 0; fds && i < count; i++)
    {
      struct sockaddr_in a = loopback (0);
      socklen_t len = sizeof a;
      fds[i] = socket (AF_INET, SOCK_STREAM, 0);
      if (fds[i] < 0 || bind (fds[i], (struct sockaddr *) &a, sizeof a) < 0
          || getsockname (fds[i], (struct sockaddr *) &a, &len) < 0)
        {
          perror ("tcpport");
          return 1;
        }
      printf ("%s%u", i ? " " : "", ntohs (a.sin_port));
    }
  printf ("\n");
  for (int i = 0; fds && i < count; i++)
    close (fds[i]);
  free (fds);
  return 0;
}

static bool
accepts (unsigned port)
{
  struct sockaddr_in a = loopback (port);
  int fd = socket (AF_INET, SOCK_STREAM, 0);
  bool ok = fd >= 0 && connect (fd, (struct sockaddr *) &a, sizeof a) == 0;
  if (fd >= 0)
    close (fd);
  return ok;
}

static int
wait_for (unsigned port, long long ms, bool open)
{
  long long end = now_ms () + ms;
  for (;;)
    {
      if (accepts (port) == open)
        return 0;
      if (now_ms () >= end)
        return 1;
      usleep (20 * 1000);
    }
}

static int
silent (unsigned port)
{
  struct sockaddr_in a = loopback (port);
  int fd = socket (AF_INET, SOCK_STREAM, 0);
  int one = 1;
  setsockopt (fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
  if (fd < 0 || bind (fd, (struct sockaddr *) &a, sizeof a) < 0
      || listen (fd, 16) < 0)
    {
      perror ("tcpport");
      return 1;
    }
  for (;;)
    pause ();
}

int
main (int argc, char **argv)
{
  if (argc == 3 && strcmp (argv[1], "silent") == 0)
    return silent ((unsigned) atoi (argv[2]));
  if (argc == 3 && strcmp (argv[1], "free") == 0)
    return free_ports (atoi (argv[2]));
  if (argc == 4 && (strcmp (argv[1], "open") == 0
                    || strcmp (argv[1], "closed") == 0))
    return wait_for ((unsigned) atoi (argv[2]), atoll (argv[3]),
                     strcmp (argv[1], "open") == 0);
  fprintf (stderr, "usage: tcpport free N | open PORT MS | closed PORT MS\n");
  return 2;
}
