/* The loop: one wait for a key, a wake-up or a tick; one dispatch of
   what came; one drawing of the whole stack. */
#include <config.h>

#include "loop.h"

#include <curses.h>
#include <errno.h>
#include <poll.h>
#include <time.h>

#include "help.h"
#include "term.h"
#include "base/trace.h"

static struct ui_screen *top;
static bool quitting;

static long long
now_ms (void)
{
  struct timespec t;
  clock_gettime (CLOCK_MONOTONIC, &t);
  return (long long) t.tv_sec * 1000 + t.tv_nsec / 1000000;
}

static void
schedule (struct ui_screen *screen, int delay)
{
  screen->tick_at = delay >= 0 ? now_ms () + delay : -1;
}

void
ui_push (struct ui_screen *screen)
{
  screen->below = top;
  screen->closed = false;
  screen->result = UI_BACK;
  screen->asked_small = screen->overlay && !ui_term_big_enough ();
  schedule (screen, screen->first_tick);
  top = screen;
}

void
ui_pop (void)
{
  if (top)
    top = top->below;
}

struct ui_screen *
ui_top (void)
{
  return top;
}

void
ui_close (struct ui_screen *screen, int result)
{
  screen->closed = true;
  screen->result = result;
}

void
ui_quit (void)
{
  quitting = true;
}

bool
ui_quitting (void)
{
  return quitting;
}

void
ui_wake (void)
{
  ui_term_wake ();
}

/* ------------------------------------------------------------ drawing */

static void
draw_up (struct ui_screen *screen, const struct ui_screen *base)
{
  if (screen != base)
    draw_up (screen->below, base);
  screen->ops->draw (screen);
}

static void
draw_stack (void)
{
  /* Only a text field shows the cursor, and it turns it on again. */
  curs_set (0);
  if (!ui_term_big_enough ())
    {
      ui_term_draw_too_small ();
      /* A question asked from there (quit and lose what was typed?). */
      if (top && top->asked_small)
        top->ops->draw (top);
      return;
    }
  erase ();
  if (!top)
    return;
  const struct ui_screen *base = top;
  while (base->overlay && base->below)
    base = base->below;
  draw_up (top, base);
}

void
ui_redraw_now (void)
{
  draw_stack ();
  refresh ();
}

/* ----------------------------------------------------------- dispatch */

static void
show_help (struct ui_screen *screen)
{
  const char *title, *text;
  if (screen->ops->help && screen->ops->help (screen, &title, &text))
    {
      struct ui_help help;
      struct ui_screen viewer;
      ui_help_screen (&viewer, &help, title, text);
      ui_run (&viewer);
      ui_help_free (&help);
    }
}

static void
shared_default (struct ui_screen *screen, int action)
{
  if (action == UI_ACT_HELP)
    show_help (screen);
  else if (action == UI_ACT_BACK)
    ui_close (screen, UI_BACK);
  else if (action == UI_ACT_QUIT)
    ui_quit ();
}

static void
resize_all (void)
{
  for (struct ui_screen *s = top; s; s = s->below)
    if (s->ops->resize)
      s->ops->resize (s);
}

void
ui_dispatch (int key)
{
  struct ui_screen *screen = top;
  if (!screen || key == UI_NO_KEY)
    return;
  if (key == UI_KEY (KEY_RESIZE))
    {
      resize_all ();
      return;
    }
  /* Keys typed at the "make the window larger" message would act on a
     screen the user cannot see; but q, Esc and F10 quit, as F10 does
     (a dialog asking first shows over the message). */
  if (!ui_term_big_enough () && !screen->asked_small)
    {
      if (key != 'q' && key != 'Q' && key != UI_ESC
          && key != UI_KEY (KEY_F (10)))
        return;
      key = UI_KEY (KEY_F (10));
    }
  const struct ui_key *entry = ui_keymap_find (&screen->keys, key);
  if (!entry)
    {
      if (screen->ops->key)
        screen->ops->key (screen, key);
      return;
    }
  if (screen->ops->act && screen->ops->act (screen, entry->action, key))
    return;
  shared_default (screen, entry->action);
}

/* ------------------------------------------------------------ waiting */

static bool
tick_due (const struct ui_screen *screen)
{
  return screen->tick_at >= 0 && now_ms () >= screen->tick_at;
}

static void
tick (struct ui_screen *screen)
{
  if (screen->ops->tick)
    schedule (screen, screen->ops->tick (screen));
  else
    screen->tick_at = -1;
}

/* How long the wait may last: until the screen's tick, and never so
   long that a lost wake-up would go unnoticed. */
static int
wait_ms (const struct ui_screen *screen)
{
  if (screen->tick_at < 0)
    return 1000;
  long long left = screen->tick_at - now_ms ();
  return left <= 0 ? 0 : left < 1000 ? (int) left : 1000;
}

/* Waits for a key, a wake-up or SCREEN's tick, and handles what came;
   true when the screen must be drawn again. */
static bool
wait_once (struct ui_screen *screen)
{
  ui_term_check_signals (false);
  int key = ui_term_key ();
  if (key != UI_NO_KEY)
    {
      ui_dispatch (key);
      return true;
    }
  struct pollfd fds[2] = {
    { ui_term_input_fd (), POLLIN, 0 },
    { ui_term_wake_fd (), POLLIN, 0 },
  };
  int n = poll (fds, fds[1].fd >= 0 ? 2 : 1, wait_ms (screen));
  if (n < 0)
    return false;
  bool woken = n > 0 && fds[1].revents && ui_term_drain ();
  ui_term_check_signals (fds[0].revents & (POLLHUP | POLLERR | POLLNVAL));
  if (woken || tick_due (screen))
    {
      tick (screen);
      return true;
    }
  return false;
}

int
ui_run (struct ui_screen *screen)
{
  if (quitting)
    return UI_BACK;
  ui_push (screen);
  bool dirty = true;
  while (!screen->closed && !quitting)
    {
      if (dirty)
        {
          draw_stack ();
          refresh ();
          cw_trace ("frame", tick_due (top) ? "loading" : NULL);
        }
      dirty = wait_once (top);
    }
  top = screen->below;
  return quitting ? UI_BACK : screen->result;
}
