/* Runs commands and prints how long they took and how much memory they
   needed, for tests/bench/bench.sh.

   Usage: timeit [--out FILE] [--err FILE] CMD [ARG]... [:: CMD [ARG]...]...
            prints "MICROSECONDS MAX-RSS-KB": the commands run one after
            the other (stopping at the first that fails), the wall-clock
            times added up and the largest resident set of any of them.
            Their standard output goes to FILE (default /dev/null), their
            errors to --err FILE (default: inherited); standard input is
            /dev/null.  Exits 1 when a command fails.
          timeit --stamp TRACE CMD [ARG]...
            appends "MICROSECONDS exec" (CLOCK_MONOTONIC) to TRACE, then
            becomes CMD: the moment certwiz's own trace (CERTWIZ_TRACE)
            counts its start-up from. */
#include <config.h>

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

static long long
now_us (void)
{
  struct timespec t;
  clock_gettime (CLOCK_MONOTONIC, &t);
  return (long long) t.tv_sec * 1000000 + t.tv_nsec / 1000;
}

static void
redirect (int fd, const char *path, int flags)
{
  int opened = open (path, flags, 0600);
  if (opened < 0 || dup2 (opened, fd) < 0)
    {
      fprintf (stderr, "timeit: %s: %s\n", path, strerror (errno));
      _exit (127);
    }
  close (opened);
}

/* Runs ARGV; false when it could not start or did not exit with 0. */
static int
run_one (char **argv, const char *out, const char *err, long long *us,
         long *rss_kb)
{
  long long start = now_us ();
  pid_t pid = fork ();
  if (pid < 0)
    return 0;
  if (pid == 0)
    {
      redirect (STDIN_FILENO, "/dev/null", O_RDONLY);
      redirect (STDOUT_FILENO, out, O_WRONLY | O_CREAT | O_TRUNC);
      if (err)
        redirect (STDERR_FILENO, err, O_WRONLY | O_CREAT | O_APPEND);
      execvp (argv[0], argv);
      fprintf (stderr, "timeit: %s: %s\n", argv[0], strerror (errno));
      _exit (127);
    }
  int status;
  struct rusage usage;
  while (wait4 (pid, &status, 0, &usage) < 0)
    if (errno != EINTR)
      return 0;
  *us += now_us () - start;
  if (usage.ru_maxrss > *rss_kb)
    *rss_kb = usage.ru_maxrss;
  if (WIFEXITED (status) && WEXITSTATUS (status) == 0)
    return 1;
  fprintf (stderr, "timeit: %s failed (status %d)\n", argv[0], status);
  return 0;
}

static int
stamp (int argc, char **argv)
{
  if (argc < 4)
    return 2;
  FILE *trace = fopen (argv[2], "a");
  if (!trace)
    {
      fprintf (stderr, "timeit: %s: %s\n", argv[2], strerror (errno));
      return 1;
    }
  fprintf (trace, "%lld exec\n", now_us ());
  fclose (trace);
  execvp (argv[3], argv + 3);
  fprintf (stderr, "timeit: %s: %s\n", argv[3], strerror (errno));
  return 127;
}

int
main (int argc, char **argv)
{
  if (argc > 1 && strcmp (argv[1], "--stamp") == 0)
    return stamp (argc, argv);
  const char *out = "/dev/null", *err = NULL;
  int i = 1;
  for (; i + 1 < argc && strncmp (argv[i], "--", 2) == 0; i += 2)
    if (strcmp (argv[i], "--out") == 0)
      out = argv[i + 1];
    else if (strcmp (argv[i], "--err") == 0)
      err = argv[i + 1];
    else
      break;
  if (i >= argc)
    {
      fprintf (stderr, "usage: timeit [--out FILE] [--err FILE] CMD [ARG]... "
                       "[:: CMD [ARG]...]...\n"
                       "       timeit --stamp TRACE CMD [ARG]...\n");
      return 2;
    }
  long long us = 0;
  long rss_kb = 0;
  int ok = 1;
  while (ok && i < argc)
    {
      int end = i;
      while (end < argc && strcmp (argv[end], "::") != 0)
        end++;
      argv[end] = NULL;
      ok = run_one (argv + i, out, err, &us, &rss_kb);
      i = end + 1;
    }
  printf ("%lld %ld\n", us, rss_kb);
  return ok ? 0 : 1;
}
