#include <config.h>

#include "base/progress.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>

bool
cw_progress_cancelled (struct cw_progress *progress)
{
  return progress && atomic_load (&progress->phase) == CW_PROGRESS_CANCELLED;
}

/* RUNNING becomes TO once, and only RUNNING: the watcher's cancellation
   and the work's commitment race, and exactly one of them wins.  True
   when the state is TO now. */
static bool
settle (struct cw_progress *progress, int to)
{
  int expected = CW_PROGRESS_RUNNING;
  return atomic_compare_exchange_strong (&progress->phase, &expected, to)
         || expected == to;
}

bool
cw_progress_cancel (struct cw_progress *progress)
{
  return !progress || settle (progress, CW_PROGRESS_CANCELLED);
}

bool
cw_progress_commit (struct cw_progress *progress)
{
  return !progress || settle (progress, CW_PROGRESS_COMMITTED);
}

bool
cw_progress_committed (struct cw_progress *progress)
{
  return progress && atomic_load (&progress->phase) == CW_PROGRESS_COMMITTED;
}

void
cw_progress_say (struct cw_progress *progress, const char *fmt, ...)
{
  if (!progress || !progress->say)
    return;
  va_list ap;
  char *step;
  va_start (ap, fmt);
  int n = vasprintf (&step, fmt, ap);
  va_end (ap);
  if (n < 0)
    return;
  progress->say (progress->state, step);
  free (step);
}
