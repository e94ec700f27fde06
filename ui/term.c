#include <config.h>

#include "term.h"

#include <curses.h>
#include <locale.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "base/i18n.h"
#include "text.h"
#include "theme.h"
#include "base/trace.h"
#include "base/xalloc.h"

static volatile sig_atomic_t active;
static volatile sig_atomic_t caught;
static ui_emergency_fn emergency_hook;

/* How long a wait for a key lasts before a caught signal is looked at:
   ncurses may resume reading after a signal. */
#define POLL_MS 200

void
ui_term_stop (void)
{
  if (!active)
    return;
  active = 0;
  endwin ();
}

/* Only notes the signal: saving and restoring happen in ui_read_key,
   where it is safe to write files and call curses. */
static void
on_fatal_signal (int sig)
{
  caught = sig;
}

static void
finish_signal (void)
{
  int sig = caught;
  if (emergency_hook)
    emergency_hook ();
  ui_term_stop ();
  signal (sig, SIG_DFL);
  raise (sig);
  _exit (128 + sig);
}

int
ui_read_key (void)
{
  /* get_wch would draw the frame itself; drawn first, its end is
     known. */
  if (cw_tracing ())
    {
      refresh ();
      cw_trace ("frame", NULL);
    }
  for (;;)
    {
      wint_t key;
      int kind = get_wch (&key);
      if (caught)
        finish_signal ();
      if (kind == KEY_CODE_YES || kind == OK)
        {
          int read = kind == OK ? (int) key : UI_KEY ((int) key);
          cw_trace ("key", "%d", read);
          return read;
        }
    }
}

bool
ui_is_enter (int key)
{
  return key == UI_RETURN || key == '\n' || key == UI_KEY (KEY_ENTER);
}

bool
ui_is_backspace (int key)
{
  return key == 127 || key == 8 || key == UI_KEY (KEY_BACKSPACE);
}

static void
catch_signals (void)
{
  struct sigaction sa;
  memset (&sa, 0, sizeof sa);
  sa.sa_handler = on_fatal_signal;
  sigemptyset (&sa.sa_mask);
  int sigs[] = { SIGHUP, SIGINT, SIGTERM, SIGQUIT };
  for (size_t i = 0; i < sizeof sigs / sizeof sigs[0]; i++)
    sigaction (sigs[i], &sa, NULL);
}

bool
ui_term_start (ui_emergency_fn emergency)
{
  if (!isatty (STDIN_FILENO) || !isatty (STDOUT_FILENO))
    return false;
  emergency_hook = emergency;
  /* main sets only what every command needs; the screens also sort
     names (countries, files) in the user's language. */
  setlocale (LC_COLLATE, "");
  /* A terminal ncurses does not know ends the program inside initscr;
     newterm reports it instead. */
  if (!newterm (NULL, stdout, stdin))
    return false;
  active = 1;
  atexit (ui_term_stop);
  xalloc_set_die_hook (ui_term_stop);
  catch_signals ();
  cbreak ();
  noecho ();
  nonl ();
  keypad (stdscr, TRUE);
  set_escdelay (25);
  timeout (POLL_MS);
  ui_theme_init ();
  curs_set (0);
  return true;
}

bool
ui_term_big_enough (void)
{
  return COLS >= UI_MIN_COLS && LINES >= UI_MIN_LINES;
}

void
ui_term_draw_too_small (void)
{
  erase ();
  char *line1 = xasprintf (_("certwiz needs a terminal of at least %dx%d."),
                           UI_MIN_COLS, UI_MIN_LINES);
  char *line2 = xasprintf (_("This one is %dx%d: make the window larger."),
                           COLS, LINES);
  int y = LINES / 2 - 1;
  ui_put_text (y < 0 ? 0 : y, 0, line1, 0, UI_WARNING);
  ui_put_text (y + 1, 0, line2, 0, UI_NORMAL);
  free (line1);
  free (line2);
  refresh ();
}
