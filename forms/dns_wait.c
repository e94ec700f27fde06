/* dns-01 by hand, in the wizard: the TXT records to create (each name
   and value on a line of its own, to copy), a countdown to the next
   look and a key to look now.  The waiting is the event loop's: a tick
   each second, and each look at the DNS servers on a thread of its own
   that wakes the loop when done, so the screen never freezes.  The
   look is the core's (acme/dnscheck.h): the zone's authoritative
   servers, asked directly, as the command line's --manual does. */
#include <config.h>

#include <curses.h>
#include <pthread.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <time.h>

#include "acme/dnscheck.h"
#include "base/i18n.h"
#include "base/xalloc.h"
#include "loop.h"
#include "report_view.h"
#include "screen_frame.h"
#include "send.h"
#include "text.h"
#include "wizard_ui.h"

#define LOOK_EVERY_S 30
#define LABELS 8
#define ABOUT_ROWS 4
#define WAIT_SERVED 1

struct dns_wait
{
  const struct wz_dns_records *records;
  const char *dns_server;
  time_t next_look;          /* when the countdown ends */
  bool looked;               /* *served says what the last look saw */
  bool looking;              /* a look runs on THREAD */
  atomic_bool look_done;
  pthread_t thread;
  bool *served;              /* one per record, written by the look */
  size_t first;              /* the first record shown */
  size_t shown;              /* how many the last frame had room for */
};

/* ------------------------------------------------------------- looking */

static void *
look (void *state)
{
  struct dns_wait *w = state;
  for (size_t i = 0; i < w->records->count; i++)
    {
      int asked = 0;
      w->served[i] = cw_dns_txt_served (w->records->names[i],
                                        w->records->values[i],
                                        w->dns_server, &asked);
    }
  atomic_store (&w->look_done, true);
  ui_wake ();
  return NULL;
}

static void
start_look (struct dns_wait *w)
{
  if (w->looking)
    return;
  atomic_store (&w->look_done, false);
  /* Signals stay with the loop's thread. */
  sigset_t all, old;
  sigfillset (&all);
  pthread_sigmask (SIG_BLOCK, &all, &old);
  w->looking = pthread_create (&w->thread, NULL, look, w) == 0;
  pthread_sigmask (SIG_SETMASK, &old, NULL);
  if (!w->looking)
    w->next_look = time (NULL) + LOOK_EVERY_S;
}

static void
end_look (struct dns_wait *w)
{
  if (!w->looking)
    return;
  pthread_join (w->thread, NULL);
  w->looking = false;
  w->looked = true;
  w->next_look = time (NULL) + LOOK_EVERY_S;
}

static bool
all_served (const struct dns_wait *w)
{
  for (size_t i = 0; i < w->records->count; i++)
    if (!w->served[i])
      return false;
  return w->looked;
}

/* ------------------------------------------------------------- drawing */

static int
draw_record (const struct dns_wait *w, size_t i, int row)
{
  ui_put (row, 2, _("Name"), LABELS, UI_LABEL);
  ui_put (row, 2 + LABELS, w->records->names[i], COLS - 4 - LABELS,
          UI_NORMAL);
  ui_put (row + 1, 2, _("Value"), LABELS, UI_LABEL);
  ui_put (row + 1, 2 + LABELS, w->records->values[i], COLS - 4 - LABELS,
          UI_NORMAL);
  /* The same as a zone file's line, to paste into one. */
  char *zone = xasprintf ("%s 300 IN TXT \"%s\"", w->records->names[i],
                          w->records->values[i]);
  ui_put (row + 2, 2 + LABELS, zone, COLS - 4 - LABELS, UI_DIM);
  free (zone);
  if (w->looked)
    ui_put (row + 3, 2 + LABELS,
            w->served[i] ? _("served") : _("not served yet"),
            COLS - 4 - LABELS, w->served[i] ? UI_NOTE : UI_WARNING);
  return row + 5;
}

static void
draw_countdown (const struct dns_wait *w, int row)
{
  char *text;
  if (w->looking)
    text = xstrdup (_("Looking at the DNS servers..."));
  else
    {
      long left = (long) (w->next_look - time (NULL));
      text = xasprintf (_("Next look in %ld s; r looks now."),
                        left > 0 ? left : 0);
    }
  ui_put (row, 2, text, COLS - 4, UI_DIM);
  free (text);
}

/* As many records as fit from w->first, and a row that says which are
   shown when they do not all fit: every record must be created. */
static void
draw_records (struct dns_wait *w, int row)
{
  size_t count = w->records->count;
  int rows = WZ_STATUS_ROW - 1 - row;
  size_t fit = rows > 0 ? (size_t) rows / 5 : 0;
  if (fit < count && fit > 0)
    fit = (size_t) (rows - 1) / 5;
  if (fit == 0)
    fit = 1;
  if (w->first + fit > count)
    w->first = count > fit ? count - fit : 0;
  w->shown = fit < count ? fit : count;
  for (size_t i = w->first; i < w->first + w->shown; i++)
    row = draw_record (w, i, row);
  if (w->shown < count)
    {
      /* TRANSLATORS: under the DNS records when not all fit; %zu are
         the first and last shown and how many there are. */
      char *more = xasprintf (_("Records %zu-%zu of %zu: Up and Down show "
                                "the others."),
                              w->first + 1, w->first + w->shown, count);
      ui_put (WZ_STATUS_ROW - 2, 2, more, COLS - 4, UI_NOTE);
      free (more);
    }
}

static void
draw_wait (struct ui_screen *screen)
{
  struct dns_wait *w = screen->state;
  wz_frame_draw (screen, _("Send the request to a CA"), _("DNS records"),
                 NULL, UI_NORMAL);
  struct wz_report about = WZ_REPORT_INIT;
  wz_report_add (&about, UI_NORMAL, 0,
                 _("Create these TXT records in the DNS zone of the names "
                   "(a short TTL, such as 300 seconds, helps). certwiz "
                   "tells the CA to check once every server of the zone "
                   "answers them. Esc stops waiting: the request and its "
                   "key stay in the store."));
  wz_report_draw (&about, WZ_TOP, ABOUT_ROWS);
  int row = WZ_TOP + (about.lines < ABOUT_ROWS ? (int) about.lines
                                                : ABOUT_ROWS) + 1;
  wz_report_free (&about);
  draw_records (w, row);
  draw_countdown (w, WZ_STATUS_ROW - 1);
  curs_set (0);
}

/* ------------------------------------------------------------------ run */

enum
{
  WAIT_LOOK = 1
};

static bool
act_wait (struct ui_screen *screen, int action, int key)
{
  (void) key;
  if (action != WAIT_LOOK)
    return false;
  start_look (screen->state);
  return true;
}

static void
typed_wait (struct ui_screen *screen, int key)
{
  struct dns_wait *w = screen->state;
  if (key == UI_KEY (KEY_DOWN) && w->first + w->shown < w->records->count)
    w->first++;
  else if (key == UI_KEY (KEY_UP) && w->first > 0)
    w->first--;
}

static int
tick_wait (struct ui_screen *screen)
{
  struct dns_wait *w = screen->state;
  if (w->looking && atomic_load (&w->look_done))
    {
      end_look (w);
      if (all_served (w))
        {
          ui_close (screen, WAIT_SERVED);
          return -1;
        }
    }
  if (!w->looking && time (NULL) >= w->next_look)
    start_look (w);
  return 1000;
}

static bool
help_wait (struct ui_screen *screen, const char **title, const char **text)
{
  (void) screen;
  return wz_frame_help (WZ_XHELP_DNS_WAIT, title, text);
}

static const struct ui_key wait_keys[] = {
  /* TRANSLATORS: a key bar label: look at the DNS servers again now. */
  { 'r', WAIT_LOOK, "r", N_("Look now") },
};

static const struct ui_screen_ops wait_ops = {
  .draw = draw_wait, .act = act_wait, .key = typed_wait, .tick = tick_wait,
  .help = help_wait,
};

bool
wz_dns_wait (struct wz_ui *ui, const struct wz_dns_records *records,
             const char *dns_server)
{
  (void) ui;
  if (records->count == 0)
    return false;
  struct dns_wait w = { .records = records, .dns_server = dns_server,
                        .next_look = time (NULL) + LOOK_EVERY_S };
  atomic_init (&w.look_done, false);
  w.served = xcalloc (records->count, sizeof *w.served);
  struct ui_screen screen = { .ops = &wait_ops,
                              .keys = UI_KEYMAP (wait_keys, UI_SHARE_ALL),
                              .first_tick = 1000, .state = &w };
  int result = ui_run (&screen);
  end_look (&w);
  free (w.served);
  return result == WAIT_SERVED && !ui_quitting ();
}
