#include <config.h>

#include "term.h"

#include <curses.h>
#include <errno.h>
#include <fcntl.h>
#include <langinfo.h>
#include <locale.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <wchar.h>

#include "base/i18n.h"
#include "keyseq.h"
#include "text.h"
#include "theme.h"
#include "wrap.h"
#include "base/trace.h"
#include "base/xalloc.h"

static volatile sig_atomic_t active;
static volatile sig_atomic_t caught;
static ui_emergency_fn emergency_hook;
static void (*stopper) (void);
/* The self-pipe: signal handlers and other threads write a byte to wake
   the loop out of its wait. */
static int wake_pipe[2] = { -1, -1 };
static atomic_bool woken;
/* What ncurses does on SIGWINCH (it notes the resize), called before the
   loop is woken to read the KEY_RESIZE. */
static struct sigaction curses_winch;

void
ui_term_stop (void)
{
  if (!active)
    return;
  active = 0;
  endwin ();
}

static void
poke (void)
{
  int saved = errno;
  if (wake_pipe[1] >= 0 && write (wake_pipe[1], "", 1) < 0)
    {
      /* A full pipe already wakes the loop. */
    }
  errno = saved;
}

/* Only notes the signal: saving and restoring happen in the loop,
   where it is safe to write files and call curses. */
static void
on_fatal_signal (int sig)
{
  caught = sig;
  poke ();
}

static void
on_winch (int sig)
{
  if (curses_winch.sa_flags & SA_SIGINFO)
    {
      if (curses_winch.sa_sigaction)
        curses_winch.sa_sigaction (sig, NULL, NULL);
    }
  else if (curses_winch.sa_handler != SIG_DFL
           && curses_winch.sa_handler != SIG_IGN)
    curses_winch.sa_handler (sig);
  poke ();
}

static void
make_pipe (void)
{
  if (wake_pipe[0] >= 0)
    return;
  if (pipe2 (wake_pipe, O_CLOEXEC | O_NONBLOCK) != 0)
    wake_pipe[0] = wake_pipe[1] = -1;
}

int
ui_term_input_fd (void)
{
  return STDIN_FILENO;
}

int
ui_term_wake_fd (void)
{
  make_pipe ();
  return wake_pipe[0];
}

void
ui_term_wake (void)
{
  atomic_store (&woken, true);
  poke ();
}

bool
ui_term_drain (void)
{
  char bytes[64];
  while (wake_pipe[0] >= 0 && read (wake_pipe[0], bytes, sizeof bytes) > 0)
    continue;
  return atomic_exchange (&woken, false);
}

void
ui_term_set_stopper (void (*stop) (void))
{
  stopper = stop;
}

static _Noreturn void
finish_signal (int sig)
{
  if (stopper)
    stopper ();
  if (emergency_hook)
    emergency_hook ();
  ui_term_stop ();
  signal (sig, SIG_DFL);
  raise (sig);
  _exit (128 + sig);
}

void
ui_term_check_signals (bool hangup)
{
  if (caught)
    finish_signal (caught);
  /* The terminal closed without a SIGHUP reaching certwiz: the same
     dropped connection. */
  if (hangup)
    finish_signal (SIGHUP);
}

/* In a locale of one byte a character, bytes are read one by one, so
   that one the locale cannot decode is refused alone: get_wch would
   wait for it to become a character and swallow every key after it. */
static int
single_byte_key (void)
{
  int c = getch ();
  if (c == ERR)
    return UI_NO_KEY;
  if (c >= KEY_MIN)
    return UI_KEY (c);
  if (c < 0x80)
    return c;
  wint_t w = btowc (c);
  return w == WEOF ? UI_UNTYPABLE : (int) w;
}

const char *
ui_term_untypable_text (void)
{
  static char text[400];
  snprintf (text, sizeof text,
            _("The terminal's locale (%s) cannot type such characters: "
              "they were left out. Start certwiz in a UTF-8 locale to type "
              "them, for instance: LANG=C.UTF-8 certwiz"),
            nl_langinfo (CODESET));
  return text;
}

int
ui_term_key (void)
{
  wint_t key;
  int read;
  if (MB_CUR_MAX == 1)
    read = single_byte_key ();
  else
    {
      int kind = get_wch (&key);
      if (kind != KEY_CODE_YES && kind != OK)
        return UI_NO_KEY;
      read = kind == OK ? (int) key : UI_KEY ((int) key);
    }
  if (read == UI_NO_KEY)
    return UI_NO_KEY;
  if (read == UI_ESC && ui_keyseq_skip_unknown ())
    return UI_NO_KEY;
  cw_trace ("key", "%d", read);
  return read;
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
  /* ncurses has installed its own handler by now: it is chained. */
  sa.sa_handler = on_winch;
  sigaction (SIGWINCH, &sa, &curses_winch);
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
  make_pipe ();
  atexit (ui_term_stop);
  xalloc_set_die_hook (ui_term_stop);
  catch_signals ();
  cbreak ();
  noecho ();
  nonl ();
  keypad (stdscr, TRUE);
  ui_keyseq_define ();
  /* Long enough for a sequence to arrive whole over a slow link; an
     unknown one is skipped whole (ui_keyseq_skip_unknown). */
  set_escdelay (100);
  /* Keys are read only once poll says there is one: never wait here. */
  timeout (0);
  ui_theme_init ();
  curs_set (0);
  return true;
}

bool
ui_term_big_enough (void)
{
  return COLS >= UI_MIN_COLS && LINES >= UI_MIN_LINES;
}

/* Lines of TEXT wrapped to the terminal from row *Y, in ROLE. */
static void
put_wrapped (int *y, const char *text, enum ui_role role)
{
  struct ui_lines lines;
  ui_wrap (text, COLS > 0 ? COLS : 1, &lines);
  for (size_t i = 0; i < lines.count; i++, (*y)++)
    ui_put_text (*y, 0, lines.lines[i], 0, role);
  ui_lines_free (&lines);
}

void
ui_term_draw_too_small (void)
{
  erase ();
  char *need = xasprintf (_("certwiz needs a terminal of at least %dx%d."),
                          UI_MIN_COLS, UI_MIN_LINES);
  char *have = xasprintf (_("This one is %dx%d: make the window larger."),
                          COLS, LINES);
  /* TRANSLATORS: q is the key, in every language (Esc and F10 too). */
  const char *quit = _("Or press q to quit.");
  struct ui_lines count;
  ui_wrap (need, COLS > 0 ? COLS : 1, &count);
  int rows = (int) count.count;
  ui_lines_free (&count);
  ui_wrap (have, COLS > 0 ? COLS : 1, &count);
  rows += (int) count.count + 1;
  ui_lines_free (&count);
  int y = (LINES - rows) / 2;
  if (y < 0)
    y = 0;
  put_wrapped (&y, need, UI_WARNING);
  put_wrapped (&y, have, UI_NORMAL);
  put_wrapped (&y, quit, UI_DIM);
  free (need);
  free (have);
}
