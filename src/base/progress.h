/* Long work (making an RSA key, waiting on a server) tells whoever
   watches it what it is doing, and learns that it should stop.  The
   command line passes NULL or prints the steps; the screens run the work
   on a worker thread and draw the steps while the user may press Esc.
   The work calls these from its own thread: SAY must be thread-safe.

   Work that reaches a point of no return (a change that, once begun,
   runs to its end or its undoing) says so with cw_progress_commit; from
   then on a cancellation is refused, and the watcher tells the user it
   is too late to stop. */
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
  /* CW_PROGRESS_RUNNING (0), then _CANCELLED, set by the watcher, or
     _COMMITTED, set by the work; never both.  The work looks at it
     between steps and inside waits, stops as soon as it can, and leaves
     nothing half-written. */
  atomic_int phase;
};

enum
{
  CW_PROGRESS_RUNNING = 0,
  CW_PROGRESS_CANCELLED,
  CW_PROGRESS_COMMITTED
};

/* Whether PROGRESS (which may be NULL) was asked to stop. */
bool cw_progress_cancelled (struct cw_progress *progress);
/* Asks the work to stop: false when it is past its point of no return
   (it runs to its end), true otherwise. */
bool cw_progress_cancel (struct cw_progress *progress);
/* The work's point of no return: false when it was asked to stop before
   (it must stop now), true otherwise (also when PROGRESS is NULL). */
bool cw_progress_commit (struct cw_progress *progress);
/* Whether the work said it is past its point of no return. */
bool cw_progress_committed (struct cw_progress *progress);
/* Tells the watcher the step, formatted as printf; nothing when PROGRESS
   or its SAY is NULL. */
void cw_progress_say (struct cw_progress *progress, const char *fmt, ...)
  __attribute__ ((format (printf, 2, 3)));

#endif
