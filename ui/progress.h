/* Long work without a frozen screen: the work runs on a worker thread
   with a struct cw_progress (src/base/progress.h) while a box over the
   current screen shows each step it says and a spinner.  Esc asks the
   work to stop; the box says it is stopping until the work returns, or,
   when the work is past its point of no return (cw_progress_commit),
   that it is too late to stop and the work is finishing.  A resize
   redraws it with the rest of the screen.

   The worker never touches the terminal: it hands its steps over under
   a mutex and wakes the loop (ui_wake), which draws them. */
#ifndef CERTWIZ_UI_PROGRESS_H
#define CERTWIZ_UI_PROGRESS_H

#include <stdbool.h>

#include "base/progress.h"

/* The work: runs on the worker thread, says its steps through PROGRESS
   and looks at cw_progress_cancelled between them. */
typedef int (*ui_work_fn) (void *state, struct cw_progress *progress);

/* Runs WORK (STATE) while the box titled TITLE shows FIRST, then each
   step the work says.  Returns what WORK returns, once it has; *STOPPED
   (when not NULL) says whether the user asked it to stop in time. */
int ui_progress_run (const char *title, const char *first, ui_work_fn work,
                     void *state, bool *stopped);

#endif
