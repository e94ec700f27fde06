/* A report shown until Enter or Esc (see report_screen.h). */
#include <config.h>

#include "report_screen.h"

#include <curses.h>

#include "base/i18n.h"
#include "keymap.h"
#include "loop.h"
#include "screen_frame.h"

enum { DONE_MENU = 1, DONE_EXTRA };

static int
done_rows (void)
{
  return WZ_STATUS_ROW - WZ_TOP;
}

static void
draw_done (struct ui_screen *screen)
{
  const struct wz_report_screen *d = screen->state;
  wz_frame_draw (screen, d->title, d->right, NULL, UI_NORMAL);
  wz_report_draw (d->report, WZ_TOP, done_rows ());
}

static bool
act_done (struct ui_screen *screen, int action, int key)
{
  const struct wz_report_screen *d = screen->state;
  (void) key;
  if (action == DONE_EXTRA)
    d->run (d->state);
  else if (action == DONE_MENU)
    ui_close (screen, WZ_MENU);
  else
    return false;
  return true;
}

static void
done_typed (struct ui_screen *screen, int key)
{
  const struct wz_report_screen *d = screen->state;
  wz_report_key (d->report, key, done_rows ());
}

static bool
help_done (struct ui_screen *screen, const char **title, const char **text)
{
  const struct wz_report_screen *d = screen->state;
  return wz_frame_help (d->help, title, text);
}

static const struct ui_screen_ops done_ops = {
  .draw = draw_done, .act = act_done, .key = done_typed, .help = help_done,
};

enum wz_action
wz_report_screen_run (const struct wz_report_screen *d)
{
  /* Esc goes to the menu as well, without a word in the bar. */
  struct ui_key keys[] = {
    UI_ENTER_KEYS (DONE_MENU, "Enter", N_("Done")),
    { UI_ESC, DONE_MENU, NULL, NULL },
    { d->key, DONE_EXTRA, d->name, d->label },
  };
  size_t count = sizeof keys / sizeof keys[0] - (d->key ? 0 : 1);
  struct ui_screen screen = { .ops = &done_ops,
                              .keys = { keys, count, UI_SHARE_ALL },
                              .first_tick = -1, .state = (void *) d };
  ui_run (&screen);
  return ui_quitting () ? WZ_QUIT : WZ_MENU;
}
