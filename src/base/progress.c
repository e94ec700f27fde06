#include <config.h>

#include "base/progress.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>

bool
cw_progress_cancelled (struct cw_progress *progress)
{
  return progress && atomic_load (&progress->cancel);
}

void
cw_progress_cancel (struct cw_progress *progress)
{
  if (progress)
    atomic_store (&progress->cancel, true);
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
