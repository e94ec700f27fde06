#include <config.h>

#include "base/trace.h"

#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/resource.h>
#include <time.h>
#include <unistd.h>

static int trace_fd = -1;

static void
trace_exit (void)
{
  struct rusage usage;
  if (getrusage (RUSAGE_SELF, &usage) == 0)
    cw_trace ("exit", "maxrss_kb=%ld", usage.ru_maxrss);
}

void
cw_trace_start (void)
{
  const char *path = getenv ("CERTWIZ_TRACE");
  if (!path || !*path || trace_fd >= 0)
    return;
  trace_fd = open (path, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0600);
  if (trace_fd < 0)
    return;
  cw_trace ("start", NULL);
  atexit (trace_exit);
}

bool
cw_tracing (void)
{
  return trace_fd >= 0;
}

void
cw_trace (const char *event, const char *format, ...)
{
  if (trace_fd < 0)
    return;
  struct timespec t;
  clock_gettime (CLOCK_MONOTONIC, &t);
  char line[256];
  /* Room is kept for the newline. */
  size_t room = sizeof line - 1;
  int n = snprintf (line, room, "%lld %s",
                    (long long) t.tv_sec * 1000000 + t.tv_nsec / 1000, event);
  size_t len = n < 0 ? 0 : (size_t) n < room ? (size_t) n : room - 1;
  if (format && len + 1 < room)
    {
      va_list ap;
      va_start (ap, format);
      line[len++] = ' ';
      n = vsnprintf (line + len, room - len, format, ap);
      va_end (ap);
      len += n < 0 ? 0 : (size_t) n < room - len ? (size_t) n
                                                  : room - len - 1;
    }
  line[len++] = '\n';
  /* One write per line: lines are never interleaved. */
  if (write (trace_fd, line, len) < 0)
    return;
}
