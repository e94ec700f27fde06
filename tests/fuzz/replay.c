/* Replays files through a fuzzing harness without fuzzing, as libFuzzer
   does with a corpus: LLVMFuzzerTestOneInput once for every file of the
   folders (or files) given, in name order.  make check links it with
   each harness, so the corpora run in every build, with the sanitizers
   in the sanitizer build.

   Usage: replay_NAME FOLDER|FILE...
   Prints "replayed N files through NAME"; a broken promise aborts, after
   naming the file that caused it. */
#include <config.h>

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "fuzz.h"
#include "base/xalloc.h"

/* The file being replayed, for the crash message. */
static const char *current;

/* Set in sanitizer builds: called before a sanitizer ends the process. */
void __sanitizer_set_death_callback (void (*callback) (void))
  __attribute__ ((weak));

static void
say_current (void)
{
  static const char prefix[] = "replay: the input was ";
  if (!current)
    return;
  /* Only async-signal-safe calls: this runs in a signal handler. */
  if (write (STDERR_FILENO, prefix, sizeof prefix - 1) < 0
      || write (STDERR_FILENO, current, strlen (current)) < 0
      || write (STDERR_FILENO, "\n", 1) < 0)
    return;
  current = NULL;
}

static void
on_crash (int sig)
{
  say_current ();
  signal (sig, SIG_DFL);
  raise (sig);
}

static void
catch_crashes (void)
{
  static const int signals[] = { SIGABRT, SIGSEGV, SIGBUS, SIGFPE, SIGILL };
  for (size_t i = 0; i < sizeof signals / sizeof signals[0]; i++)
    signal (signals[i], on_crash);
  if (__sanitizer_set_death_callback)
    __sanitizer_set_death_callback (say_current);
}

/* Reads FILE into a buffer of exactly its size, so that a sanitizer
   sees any read past its end. */
static uint8_t *
read_file (const char *file, size_t *size)
{
  int fd = open (file, O_RDONLY | O_CLOEXEC);
  struct stat st;
  if (fd < 0 || fstat (fd, &st) < 0)
    {
      fprintf (stderr, "replay: %s: %s\n", file, strerror (errno));
      exit (1);
    }
  *size = (size_t) st.st_size;
  uint8_t *data = xmalloc (*size ? *size : 1);
  size_t done = 0;
  while (done < *size)
    {
      ssize_t n = read (fd, data + done, *size - done);
      if (n <= 0)
        {
          fprintf (stderr, "replay: %s: cannot read it whole\n", file);
          exit (1);
        }
      done += (size_t) n;
    }
  close (fd);
  return data;
}

static void
replay_file (const char *file, size_t *count)
{
  size_t size;
  uint8_t *data = read_file (file, &size);
  current = file;
  LLVMFuzzerTestOneInput (data, size);
  current = NULL;
  free (data);
  (*count)++;
}

static int
skip_hidden (const struct dirent *d)
{
  return d->d_name[0] != '.';
}

/* Every file of PATH, in name order, below its subfolders too. */
static void
replay_path (const char *path, size_t *count)
{
  struct stat st;
  if (stat (path, &st) < 0)
    {
      fprintf (stderr, "replay: %s: %s\n", path, strerror (errno));
      exit (1);
    }
  if (!S_ISDIR (st.st_mode))
    {
      replay_file (path, count);
      return;
    }
  struct dirent **names;
  int n = scandir (path, &names, skip_hidden, alphasort);
  if (n < 0)
    {
      fprintf (stderr, "replay: %s: %s\n", path, strerror (errno));
      exit (1);
    }
  for (int i = 0; i < n; i++)
    {
      char *sub = xasprintf ("%s/%s", path, names[i]->d_name);
      replay_path (sub, count);
      free (sub);
      free (names[i]);
    }
  free (names);
}

/* "subject" for ".../replay_subject" (or libtool's "lt-replay_subject"). */
static const char *
harness_name (const char *argv0)
{
  const char *name = strrchr (argv0, '/');
  name = name ? name + 1 : argv0;
  const char *under = strstr (name, "replay_");
  return under ? under + strlen ("replay_") : name;
}

int
main (int argc, char **argv)
{
  if (argc < 2)
    {
      fprintf (stderr, "usage: %s FOLDER|FILE...\n", argv[0]);
      return 2;
    }
  catch_crashes ();
  size_t count = 0;
  for (int i = 1; i < argc; i++)
    replay_path (argv[i], &count);
  printf ("replayed %zu files through %s\n", count, harness_name (argv[0]));
  return 0;
}
