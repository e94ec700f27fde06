#include <config.h>

#include "country_picker.h"

#include <curses.h>
#include <stdlib.h>
#include <string.h>

#include "names/country.h"
#include "field.h"
#include "base/i18n.h"
#include "keybar.h"
#include "list.h"
#include "loop.h"
#include "wizard_ui.h"
#include "term.h"
#include "text.h"
#include "base/xalloc.h"

struct picker
{
  const struct cw_country **all;   /* sorted by name in the user's
                                      language */
  const struct cw_country **shown; /* those the filter keeps */
  size_t count;
  size_t shown_count;
  struct ui_field filter;
  struct ui_list list;
  char *chosen;
};

static int
by_name (const void *a, const void *b)
{
  const struct cw_country *const *x = a, *const *y = b;
  return strcoll (cw_country_name (*x), cw_country_name (*y));
}

static bool
keeps (const struct cw_country *country, const char *filter)
{
  size_t n = strlen (filter);
  return n == 0 || strncasecmp (country->alpha2, filter, n) == 0
         || strcasestr (cw_country_name (country), filter)
         || strcasestr (country->name, filter);
}

static void
apply_filter (struct picker *p)
{
  p->shown_count = 0;
  for (size_t i = 0; i < p->count; i++)
    if (keeps (p->all[i], p->filter.text))
      p->shown[p->shown_count++] = p->all[i];
  ui_list_set_count (&p->list, p->shown_count);
}

static void
draw_item (int y, int x, int width, size_t index, bool selected, void *state)
{
  struct picker *p = state;
  char *line = xasprintf ("%s  %s", p->shown[index]->alpha2,
                          cw_country_name (p->shown[index]));
  ui_put (y, x, line, width, selected ? UI_SELECTED : UI_NORMAL);
  free (line);
}

static void
draw (struct ui_screen *screen)
{
  struct picker *p = screen->state;
  ui_titlebar (_("certwiz - Countries"), "");
  ui_put (WZ_TOP, 2, _("Search:"), 10, UI_LABEL);
  ui_draw_keybar (screen);
  ui_list_draw (&p->list, WZ_TOP + 2, 2, COLS - 4, LINES - WZ_TOP - 4,
                draw_item, p);
  ui_field_draw (&p->filter, WZ_TOP, 12, 30, true);
}

enum { PICKER_CHOOSE = 1 };

static bool
act (struct ui_screen *screen, int action, int key)
{
  struct picker *p = screen->state;
  (void) key;
  if (action != PICKER_CHOOSE)
    return false;
  if (p->shown_count > 0)
    {
      p->chosen = xstrdup (p->shown[p->list.selected]->alpha2);
      ui_close (screen, 0);
    }
  return true;
}

static void
typed (struct ui_screen *screen, int key)
{
  struct picker *p = screen->state;
  if (!ui_list_key (&p->list, key, LINES - WZ_TOP - 4)
      && ui_field_key (&p->filter, key) == UI_FIELD_CHANGED)
    apply_filter (p);
}

/* Esc, the shared Back, gives up; no help, no F10 here. */
static const struct ui_key keys[] = {
  UI_ENTER_KEYS (PICKER_CHOOSE, "Enter", N_("Choose")),
};

static const struct ui_screen_ops ops = {
  .draw = draw, .act = act, .key = typed,
};

static void
picker_init (struct picker *p, const char *current)
{
  p->count = cw_country_count ();
  p->all = xcalloc (p->count, sizeof *p->all);
  p->shown = xcalloc (p->count, sizeof *p->shown);
  for (size_t i = 0; i < p->count; i++)
    p->all[i] = cw_country_at (i);
  qsort (p->all, p->count, sizeof *p->all, by_name);
  p->chosen = NULL;
  ui_field_init (&p->filter, 40);
  ui_list_init (&p->list, 0);
  apply_filter (p);
  for (size_t i = 0; current && i < p->shown_count; i++)
    if (strcasecmp (p->shown[i]->alpha2, current) == 0)
      p->list.selected = i;
}

char *
wz_pick_country (const char *current)
{
  struct picker p;
  picker_init (&p, current);
  struct ui_screen screen = { .ops = &ops,
                              .keys = UI_KEYMAP (keys, UI_SHARE_BACK),
                              .first_tick = -1, .state = &p };
  ui_run (&screen);
  ui_field_free (&p.filter);
  free (p.all);
  free (p.shown);
  return p.chosen;
}
