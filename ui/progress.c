#include <config.h>

#include "progress.h"

#include <curses.h>
#include <pthread.h>
#include <signal.h>
#include <stdlib.h>

#include "box.h"
#include "base/i18n.h"
#include "loop.h"
#include "base/safetext.h"
#include "term.h"
#include "text.h"
#include "base/xalloc.h"

/* How often the spinner turns. */
#define SPIN_MS 100

struct job
{
  ui_work_fn work;
  void *state;
  struct cw_progress progress;
  pthread_t thread;
  pthread_mutex_t lock;
  char *said;              /* the last step the work said; under LOCK */
  bool done;               /* under LOCK */
  int result;              /* once DONE */
  /* The loop's side. */
  bool joined;
  bool stopping;
  bool too_late;           /* Esc came after the work's point of no return */
  char *shown;             /* the step the box shows */
  unsigned turn;           /* of the spinner */
  struct ui_box box;
};

/* The job running now, for a fatal signal to stop first. */
static struct job *running;

/* ---------------------------------------------------------- the worker */

static void
say (void *state, const char *step)
{
  struct job *job = state;
  char *copy = xstrdup (step);
  pthread_mutex_lock (&job->lock);
  free (job->said);
  job->said = copy;
  pthread_mutex_unlock (&job->lock);
  ui_wake ();
}

static void *
work (void *arg)
{
  struct job *job = arg;
  int result = job->work (job->state, &job->progress);
  pthread_mutex_lock (&job->lock);
  job->result = result;
  job->done = true;
  pthread_mutex_unlock (&job->lock);
  ui_wake ();
  return NULL;
}

/* Signals are the loop's: the worker never takes one. */
static bool
start (struct job *job)
{
  sigset_t all, old;
  sigfillset (&all);
  pthread_sigmask (SIG_BLOCK, &all, &old);
  bool started = pthread_create (&job->thread, NULL, work, job) == 0;
  pthread_sigmask (SIG_SETMASK, &old, NULL);
  return started;
}

static void
join (struct job *job)
{
  if (job->joined)
    return;
  pthread_join (job->thread, NULL);
  job->joined = true;
}

/* On a fatal signal: the work stops, and the program ends only once it
   has, so that nothing is left half-written. */
static void
stop_running (void)
{
  if (!running)
    return;
  cw_progress_cancel (&running->progress);
  join (running);
}

/* ------------------------------------------------------------ the box */

static const char *
spinner (unsigned turn)
{
  static const char *const dots[] = {
    "\xe2\xa0\x8b", "\xe2\xa0\x99", "\xe2\xa0\xb9", "\xe2\xa0\xb8",
    "\xe2\xa0\xbc", "\xe2\xa0\xb4", "\xe2\xa0\xa6", "\xe2\xa0\xa7",
    "\xe2\xa0\x87", "\xe2\xa0\x8f",
  };
  static const char *const bars[] = { "|", "/", "-", "\\" };
  if (cw_locale_is_utf8 ())
    return dots[turn % (sizeof dots / sizeof dots[0])];
  return bars[turn % (sizeof bars / sizeof bars[0])];
}

static void
draw_footer (struct ui_box *box, int y, int x, int width)
{
  struct job *job = box->data;
  const char *state = job->stopping ? _("Stopping...")
                      : job->too_late ? _("Finishing...")
                                      : _("Working...");
  const char *hint
    = job->stopping ? _("Stopping: nothing is left half-written.")
      /* TRANSLATORS: under the steps of long work, once the change has
         begun: Esc no longer stops it; it ends, or is undone on a
         failure. */
      : job->too_late ? _("Too late to stop: finishing.")
      /* TRANSLATORS: under the steps of long work.  Keep the key name
         as printed on keyboards. */
                      : _("Esc: stop");
  char *line = xasprintf ("%s %s", spinner (job->turn), state);
  ui_put (y, x, line, width,
          job->stopping || job->too_late ? UI_WARNING : UI_NOTE);
  ui_put (y + 1, x, hint, width, UI_DIM);
  free (line);
}

static void
show (struct job *job, char *step)
{
  free (job->shown);
  job->shown = step;
  ui_box_free (&job->box);
  job->box.text = job->shown;
  ui_box_init (&job->box);
}

static void
draw_job (struct ui_screen *screen)
{
  struct job *job = screen->state;
  ui_box_draw (&job->box);
}

static bool
act_job (struct ui_screen *screen, int action, int key)
{
  (void) key;
  struct job *job = screen->state;
  /* Past its point of no return the work cannot stop: it says so
     rather than ignore the key. */
  if (action == UI_ACT_BACK && !job->stopping && !job->too_late)
    {
      if (cw_progress_cancel (&job->progress))
        job->stopping = true;
      else
        job->too_late = true;
    }
  return true;
}

static int
tick_job (struct ui_screen *screen)
{
  struct job *job = screen->state;
  pthread_mutex_lock (&job->lock);
  char *said = job->said;
  job->said = NULL;
  bool done = job->done;
  pthread_mutex_unlock (&job->lock);
  if (said)
    show (job, said);
  /* Once the work is past its point of no return, Esc is no longer
     offered: the box says so before the user tries. */
  if (!job->stopping && cw_progress_committed (&job->progress))
    job->too_late = true;
  if (done)
    {
      join (job);
      ui_close (screen, job->result);
      return -1;
    }
  job->turn++;
  return SPIN_MS;
}

static const struct ui_screen_ops job_ops = {
  .draw = draw_job, .act = act_job, .tick = tick_job,
};

/* Esc is the shared Back, taken by act_job to stop the work. */
static const struct ui_key job_keys[] = {
  { UI_ESC, UI_ACT_BACK, NULL, NULL },
};

int
ui_progress_run (const char *title, const char *first, ui_work_fn fn,
                 void *state, bool *stopped)
{
  struct job job = {
    .work = fn, .state = state,
    .progress = { .say = say },
    .box = { .title = title, .title_role = UI_LABEL, .footer_rows = 2,
             .draw_footer = draw_footer },
  };
  job.progress.state = &job;
  job.box.data = &job;
  atomic_init (&job.progress.phase, CW_PROGRESS_RUNNING);
  pthread_mutex_init (&job.lock, NULL);
  show (&job, xstrdup (first));
  if (!start (&job))
    {
      /* No thread: the work runs here, the screen as it is. */
      job.progress.say = NULL;
      job.result = fn (state, &job.progress);
      job.joined = true;
    }
  else
    {
      struct ui_screen screen = {
        .ops = &job_ops, .keys = UI_KEYMAP (job_keys, 0), .overlay = true,
        .first_tick = SPIN_MS, .state = &job,
      };
      running = &job;
      ui_term_set_stopper (stop_running);
      ui_run (&screen);
      /* Quitting: the work still ends before anything else happens. */
      join (&job);
      ui_term_set_stopper (NULL);
      running = NULL;
    }
  if (stopped)
    *stopped = job.stopping;
  ui_box_free (&job.box);
  free (job.shown);
  free (job.said);
  pthread_mutex_destroy (&job.lock);
  return job.result;
}
