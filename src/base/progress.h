/* Long work (making an RSA key, waiting on a server) tells whoever
   watches it what it is doing, and learns that it should stop.  The
   command line passes NULL or prints the steps; the screens run the work
   on a worker thread and draw the steps while the user may press Esc.
   The work calls these from its own thread: SAY must be thread-safe. */
#ifndef CERTWIZ_PROGRESS_H
#define CERTWIZ_PROGRESS_H

#include <stdatomic.h>
#include <stdbool.h>

struct cw_progress
{
  /* Called with each step, translated ("Making an RSA 3072 key"); may be
     NULL. */
  void (*say) (void *state, const char *step);
  void *state;
  /* Set by the watcher; the work looks at it between steps and inside
     waits, stops as soon as it can, and leaves nothing half-written. */
  atomic_bool cancel;
};

/* Whether PROGRESS (which may be NULL) was asked to stop. */
bool cw_progress_cancelled (struct cw_progress *progress);
/* Asks the work to stop. */
void cw_progress_cancel (struct cw_progress *progress);
/* Tells the watcher the step, formatted as printf; nothing when PROGRESS
   or its SAY is NULL. */
void cw_progress_say (struct cw_progress *progress, const char *fmt, ...)
  __attribute__ ((format (printf, 2, 3)));

#endif
