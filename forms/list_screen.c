/* A screen to choose one row of a list. */
#include <config.h>

#include "list_screen.h"

#include <curses.h>

#include "base/i18n.h"
#include "loop.h"
#include "screen_frame.h"
#include "term.h"
#include "text.h"

#define LIST_ROW (WZ_TOP + 3)

struct chooser
{
  struct wz_list_screen *spec;
  struct ui_list list;
};

static int
list_rows (void)
{
  return WZ_STATUS_ROW - LIST_ROW - 1;
}

static void
draw (struct ui_screen *screen)
{
  struct chooser *c = screen->state;
  const struct wz_list_screen *spec = c->spec;
  wz_frame_draw (screen, spec->title, spec->subtitle, spec->ui->status,
                 spec->ui->status_role);
  ui_put (WZ_TOP, 2, spec->question, 0, UI_LABEL);
  ui_put (WZ_TOP + 1, 2, spec->note, 0, UI_DIM);
  ui_list_draw (&c->list, LIST_ROW, 2, COLS - 4, list_rows (),
                spec->draw_row, spec->row_state);
}

enum { LIST_CHOOSE = 1 };

static bool
act (struct ui_screen *screen, int action, int key)
{
  (void) key;
  if (action != LIST_CHOOSE)
    return false;
  ui_close (screen, WZ_NEXT);
  return true;
}

static void
typed (struct ui_screen *screen, int key)
{
  struct chooser *c = screen->state;
  ui_list_key (&c->list, key, list_rows ());
}

static bool
help (struct ui_screen *screen, const char **title, const char **text)
{
  const struct chooser *c = screen->state;
  *title = c->spec->help_title;
  *text = c->spec->help_text;
  return *title != NULL;
}

static const struct ui_key keys[] = {
  UI_ENTER_KEYS (LIST_CHOOSE, "Enter", N_("Choose")),
};

static const struct ui_screen_ops ops = {
  .draw = draw, .act = act, .key = typed, .help = help,
};

enum wz_action
wz_list_screen_run (struct wz_list_screen *spec)
{
  struct chooser c = { .spec = spec };
  ui_list_init (&c.list, spec->count);
  if (spec->selected < spec->count)
    c.list.selected = spec->selected;
  struct ui_screen screen = { .ops = &ops,
                              .keys = UI_KEYMAP (keys, UI_SHARE_ALL),
                              .first_tick = -1, .state = &c };
  int result = ui_run (&screen);
  spec->selected = c.list.selected;
  return result == WZ_NEXT ? WZ_NEXT : ui_quitting () ? WZ_QUIT : WZ_BACK;
}
