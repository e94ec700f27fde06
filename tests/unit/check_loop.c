/* Unit tests of the one loop (ui/loop.c): what a key does on a screen
   comes from its key table, and so does the key bar; the shared keys
   (F1, Esc, F10), ticks, waking up from another thread, and the progress
   screen.  Curses runs on a vt100 of 80x24 that writes to /dev/null: the
   screen's contents are read back from curses itself. */
#include <config.h>

#include <check.h>
#include <curses.h>
#include <locale.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "ui/keybar.h"
#include "ui/keymap.h"
#include "ui/loop.h"
#include "ui/progress.h"
#include "ui/term.h"
#include "unit.h"

/* ------------------------------------------------------------ curses */

static SCREEN *term;
static FILE *term_out, *term_in;

static void
curses_setup (void)
{
  /* The loop polls stdin: never the test's terminal, never a closed
     pipe. */
  ck_assert_ptr_nonnull (freopen ("/dev/null", "r", stdin));
  term_out = fopen ("/dev/null", "w");
  term_in = fopen ("/dev/null", "r");
  ck_assert_ptr_nonnull (term_out);
  term = newterm ("vt100", term_out, term_in);
  ck_assert_ptr_nonnull (term);
  set_term (term);
  keypad (stdscr, TRUE);
  timeout (0);
  ck_assert_int_eq (COLS, 80);
  ck_assert_int_eq (LINES, 24);
}

static void
curses_teardown (void)
{
  endwin ();
  delscreen (term);
  fclose (term_out);
  fclose (term_in);
}

/* Row Y of the screen as text, blanks at the end removed. */
static char *
row_text (int y)
{
  static char text[256];
  mvinnstr (y, 0, text, COLS);
  for (size_t n = strlen (text); n > 0 && text[n - 1] == ' '; n--)
    text[n - 1] = '\0';
  return text;
}

/* ------------------------------------------------------- a test screen */

enum { ACT_ADD = 1, ACT_REMOVE };

struct probe
{
  int added;
  int removed;
  int typed[16];
  size_t typed_count;
  int helps;
  int ticks;
  int close_after;         /* ticks before it closes itself; 0: never */
  bool take_back;          /* act takes Esc itself */
  int backs;
  bool hide_remove;        /* the hint leaves Remove out */
};

static void
probe_draw (struct ui_screen *screen)
{
  ui_draw_keybar (screen);
}

static bool
probe_act (struct ui_screen *screen, int action, int key)
{
  struct probe *p = screen->state;
  (void) key;
  if (action == ACT_ADD)
    p->added++;
  else if (action == ACT_REMOVE)
    p->removed++;
  else if (action == UI_ACT_BACK && p->take_back)
    p->backs++;
  else
    return false;
  return true;
}

static void
probe_key (struct ui_screen *screen, int key)
{
  struct probe *p = screen->state;
  if (p->typed_count < 16)
    p->typed[p->typed_count++] = key;
}

static bool
probe_help (struct ui_screen *screen, const char **title, const char **text)
{
  struct probe *p = screen->state;
  p->helps++;
  *title = "Probe";
  *text = "The probe's help.";
  return true;
}

static int
probe_tick (struct ui_screen *screen)
{
  struct probe *p = screen->state;
  p->ticks++;
  if (p->close_after && p->ticks >= p->close_after)
    ui_close (screen, 7);
  return 0;
}

static bool
probe_hint (struct ui_screen *screen, const struct ui_key *key,
            struct ui_keyhint *out)
{
  struct probe *p = screen->state;
  (void) out;
  return !(p->hide_remove && key->action == ACT_REMOVE);
}

static const struct ui_screen_ops probe_ops = {
  .draw = probe_draw, .act = probe_act, .key = probe_key,
  .help = probe_help, .tick = probe_tick, .hint = probe_hint,
};

static const struct ui_key full_keys[] = {
  { 'a', ACT_ADD, "a", "Add" },
  { UI_KEY (KEY_IC), ACT_ADD, NULL, NULL },
  { 'd', ACT_REMOVE, "d", "Remove" },
};

/* The same table, the entry of 'a' taken out. */
static const struct ui_key without_add[] = {
  { UI_KEY (KEY_IC), ACT_ADD, NULL, NULL },
  { 'd', ACT_REMOVE, "d", "Remove" },
};

static struct probe probe;
static struct ui_screen screen;

static void
probe_screen (const struct ui_key *keys, size_t count, unsigned shared)
{
  memset (&probe, 0, sizeof probe);
  screen = (struct ui_screen) {
    .ops = &probe_ops, .keys = { keys, count, shared }, .first_tick = -1,
    .state = &probe,
  };
}

/* The key bar as "F1 Help|a Add|...". */
static char *
hints_text (void)
{
  static char text[512];
  struct ui_keyhint hints[16];
  size_t n = ui_keybar_hints (&screen, hints, 16);
  text[0] = '\0';
  for (size_t i = 0; i < n; i++)
    {
      if (i)
        strcat (text, "|");
      strcat (text, hints[i].key);
      strcat (text, " ");
      strcat (text, hints[i].label);
    }
  return text;
}

/* ----------------------------------------------------------- dispatch */

START_TEST (table_dispatches)
{
  probe_screen (full_keys, 3, UI_SHARE_ALL);
  ui_push (&screen);
  ui_dispatch ('a');
  ui_dispatch (UI_KEY (KEY_IC));
  ui_dispatch ('d');
  ui_dispatch ('x');
  ck_assert_int_eq (probe.added, 2);
  ck_assert_int_eq (probe.removed, 1);
  ck_assert_uint_eq (probe.typed_count, 1);
  ck_assert_int_eq (probe.typed[0], 'x');
  ui_pop ();
}
END_TEST

/* One entry fewer in the table: the key is typing now, and the bar no
   longer offers it. */
START_TEST (entry_removed)
{
  probe_screen (full_keys, 3, UI_SHARE_ALL);
  ck_assert_str_eq (hints_text (), "F1 Help|a Add|d Remove|Esc Back|F10 Quit");
  ui_push (&screen);
  probe_draw (&screen);
  ck_assert_ptr_nonnull (strstr (row_text (LINES - 1), "a Add"));
  ui_pop ();

  probe_screen (without_add, 2, UI_SHARE_ALL);
  ck_assert_str_eq (hints_text (), "F1 Help|d Remove|Esc Back|F10 Quit");
  ui_push (&screen);
  erase ();
  probe_draw (&screen);
  ck_assert_ptr_null (strstr (row_text (LINES - 1), "Add"));
  ck_assert_ptr_nonnull (strstr (row_text (LINES - 1), "d Remove"));
  ui_dispatch ('a');
  ck_assert_int_eq (probe.added, 0);
  ck_assert_uint_eq (probe.typed_count, 1);
  ck_assert_int_eq (probe.typed[0], 'a');
  /* Its other key still adds. */
  ui_dispatch (UI_KEY (KEY_IC));
  ck_assert_int_eq (probe.added, 1);
  ui_pop ();
}
END_TEST

START_TEST (hint_hides_but_key_works)
{
  probe_screen (full_keys, 3, UI_SHARE_ALL);
  probe.hide_remove = true;
  ck_assert_str_eq (hints_text (), "F1 Help|a Add|Esc Back|F10 Quit");
  ui_push (&screen);
  ui_dispatch ('d');
  ck_assert_int_eq (probe.removed, 1);
  ui_pop ();
}
END_TEST

/* ---------------------------------------------------------- shared keys */

START_TEST (shared_back_closes)
{
  probe_screen (full_keys, 3, UI_SHARE_ALL);
  ui_push (&screen);
  ui_dispatch (UI_ESC);
  ck_assert (screen.closed);
  ck_assert_int_eq (screen.result, UI_BACK);
  ui_pop ();
}
END_TEST

START_TEST (act_takes_shared_key)
{
  probe_screen (full_keys, 3, UI_SHARE_ALL);
  probe.take_back = true;
  ui_push (&screen);
  ui_dispatch (UI_ESC);
  ck_assert (!screen.closed);
  ck_assert_int_eq (probe.backs, 1);
  ui_pop ();
}
END_TEST

START_TEST (shared_help_opens_viewer)
{
  probe_screen (full_keys, 3, UI_SHARE_ALL);
  ui_push (&screen);
  /* The viewer runs on top, reads Esc and closes. */
  ungetch (UI_ESC);
  ui_dispatch (UI_KEY (KEY_F (1)));
  ck_assert_int_eq (probe.helps, 1);
  ck_assert_ptr_eq (ui_top (), &screen);
  ck_assert (!screen.closed);
  ui_pop ();
}
END_TEST

START_TEST (shared_quit)
{
  probe_screen (full_keys, 3, UI_SHARE_ALL);
  ui_push (&screen);
  ck_assert (!ui_quitting ());
  ui_dispatch (UI_KEY (KEY_F (10)));
  ck_assert (ui_quitting ());
  ui_pop ();
  /* Quitting, nothing more is shown. */
  probe_screen (full_keys, 3, UI_SHARE_ALL);
  ck_assert_int_eq (ui_run (&screen), UI_BACK);
  ck_assert_int_eq (probe.ticks, 0);
}
END_TEST

/* A screen that takes no shared key gets them as typing, and its bar
   has none of them. */
START_TEST (shared_not_taken)
{
  probe_screen (full_keys, 3, 0);
  ck_assert_str_eq (hints_text (), "a Add|d Remove");
  ui_push (&screen);
  ui_dispatch (UI_KEY (KEY_F (10)));
  ui_dispatch (UI_ESC);
  ck_assert (!ui_quitting ());
  ck_assert (!screen.closed);
  ck_assert_uint_eq (probe.typed_count, 2);
  ui_pop ();
}
END_TEST

/* A shared key named in the screen's own table takes its place, or
   leaves the bar when it has no name. */
START_TEST (shared_overridden)
{
  static const struct ui_key keys[] = {
    { 'a', ACT_ADD, "a", "Add" },
    { UI_KEY (KEY_F (1)), UI_ACT_HELP, "F1", "Help" },
    { UI_ESC, ACT_REMOVE, NULL, NULL },
  };
  probe_screen (keys, 3, UI_SHARE_ALL);
  ck_assert_str_eq (hints_text (), "a Add|F1 Help|F10 Quit");
  ui_push (&screen);
  ui_dispatch (UI_ESC);
  ck_assert_int_eq (probe.removed, 1);
  ck_assert (!screen.closed);
  ui_pop ();
}
END_TEST

/* Keys typed while the terminal is too small act on nothing. */
START_TEST (too_small_drops_keys)
{
  probe_screen (full_keys, 3, UI_SHARE_ALL);
  ui_push (&screen);
  resizeterm (20, 60);
  ui_dispatch ('a');
  ui_dispatch ('x');
  ck_assert_int_eq (probe.added, 0);
  ck_assert_uint_eq (probe.typed_count, 0);
  resizeterm (24, 80);
  ui_dispatch ('a');
  ck_assert_int_eq (probe.added, 1);
  ui_pop ();
}
END_TEST

/* ---------------------------------------------------------------- ticks */

START_TEST (ticks_run_until_closed)
{
  probe_screen (full_keys, 3, UI_SHARE_ALL);
  screen.first_tick = 0;
  probe.close_after = 3;
  ck_assert_int_eq (ui_run (&screen), 7);
  ck_assert_int_eq (probe.ticks, 3);
  ck_assert_ptr_null (ui_top ());
}
END_TEST

/* Keys typed meanwhile are read between ticks. */
START_TEST (keys_between_ticks)
{
  probe_screen (full_keys, 3, UI_SHARE_ALL);
  screen.first_tick = 0;
  probe.close_after = 2;
  ungetch ('a');
  ck_assert_int_eq (ui_run (&screen), 7);
  ck_assert_int_eq (probe.added, 1);
}
END_TEST

static void *
wake_later (void *arg)
{
  (void) arg;
  usleep (50 * 1000);
  ui_wake ();
  return NULL;
}

/* No tick asked for: only ui_wake from another thread brings one. */
START_TEST (wake_from_thread)
{
  probe_screen (full_keys, 3, UI_SHARE_ALL);
  probe.close_after = 1;
  pthread_t thread;
  ck_assert_int_eq (pthread_create (&thread, NULL, wake_later, NULL), 0);
  ck_assert_int_eq (ui_run (&screen), 7);
  pthread_join (thread, NULL);
  ck_assert_int_eq (probe.ticks, 1);
}
END_TEST

/* ------------------------------------------------------------ progress */

static int
counted_work (void *state, struct cw_progress *progress)
{
  int *steps = state;
  for (int i = 0; i < 3; i++)
    {
      cw_progress_say (progress, "step %d", i + 1);
      (*steps)++;
      usleep (20 * 1000);
    }
  return 42;
}

START_TEST (progress_returns_work)
{
  int steps = 0;
  bool stopped = true;
  ck_assert_int_eq (ui_progress_run ("Working", "first", counted_work,
                                     &steps, &stopped), 42);
  ck_assert_int_eq (steps, 3);
  ck_assert (!stopped);
  ck_assert_ptr_null (ui_top ());
}
END_TEST

/* Works until asked to stop, for five seconds at most. */
static int
until_cancelled (void *state, struct cw_progress *progress)
{
  bool *saw = state;
  for (int i = 0; i < 500 && !cw_progress_cancelled (progress); i++)
    usleep (10 * 1000);
  *saw = cw_progress_cancelled (progress);
  return *saw ? 1 : 0;
}

START_TEST (progress_esc_cancels)
{
  bool saw = false, stopped = false;
  ungetch (UI_ESC);
  ck_assert_int_eq (ui_progress_run ("Working", "first", until_cancelled,
                                     &saw, &stopped), 1);
  ck_assert (saw);
  ck_assert (stopped);
}
END_TEST

/* The work's point of no return and the watcher's Esc: whichever comes
   first wins, and the other is refused. */
START_TEST (progress_commit_or_cancel)
{
  struct cw_progress committed = { .say = NULL };
  ck_assert (cw_progress_commit (&committed));
  ck_assert (cw_progress_committed (&committed));
  ck_assert (!cw_progress_cancel (&committed));
  ck_assert (!cw_progress_cancelled (&committed));
  ck_assert (cw_progress_commit (&committed));

  struct cw_progress cancelled = { .say = NULL };
  ck_assert (cw_progress_cancel (&cancelled));
  ck_assert (!cw_progress_commit (&cancelled));
  ck_assert (cw_progress_cancelled (&cancelled));
  ck_assert (!cw_progress_committed (&cancelled));
  ck_assert (cw_progress_cancel (&cancelled));

  /* Work no one watches is never stopped. */
  ck_assert (cw_progress_commit (NULL));
  ck_assert (!cw_progress_cancelled (NULL));
}
END_TEST

static Suite *
loop_suite (void)
{
  Suite *s = suite_create ("loop");
  TCase *tc = tcase_create ("dispatch");
  tcase_add_checked_fixture (tc, curses_setup, curses_teardown);
  tcase_add_test (tc, table_dispatches);
  tcase_add_test (tc, entry_removed);
  tcase_add_test (tc, hint_hides_but_key_works);
  tcase_add_test (tc, shared_back_closes);
  tcase_add_test (tc, act_takes_shared_key);
  tcase_add_test (tc, shared_help_opens_viewer);
  tcase_add_test (tc, shared_quit);
  tcase_add_test (tc, shared_not_taken);
  tcase_add_test (tc, shared_overridden);
  tcase_add_test (tc, too_small_drops_keys);
  suite_add_tcase (s, tc);
  tc = tcase_create ("waiting");
  tcase_add_checked_fixture (tc, curses_setup, curses_teardown);
  tcase_add_test (tc, ticks_run_until_closed);
  tcase_add_test (tc, keys_between_ticks);
  tcase_add_test (tc, wake_from_thread);
  tcase_add_test (tc, progress_returns_work);
  tcase_add_test (tc, progress_esc_cancels);
  tcase_add_test (tc, progress_commit_or_cancel);
  suite_add_tcase (s, tc);
  return s;
}

int
main (void)
{
  if (!setlocale (LC_ALL, "C.UTF-8"))
    return 77;
  /* The quit flag is the program's: each test in a process of its own. */
  setenv ("CK_FORK", "yes", 1);
  return unit_run (loop_suite (), NULL);
}
