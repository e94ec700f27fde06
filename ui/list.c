#include <config.h>

#include "list.h"

#include <curses.h>
#include <stdlib.h>

#include "base/i18n.h"
#include "base/safetext.h"
#include "term.h"
#include "text.h"
#include "base/xalloc.h"

void
ui_list_init (struct ui_list *list, size_t count)
{
  *list = (struct ui_list) { count, 0, 0 };
}

void
ui_list_set_count (struct ui_list *list, size_t count)
{
  list->count = count;
  if (list->selected >= count)
    list->selected = count ? count - 1 : 0;
  if (list->top > list->selected)
    list->top = list->selected;
}

/* Moves the top so the selection shows, and so that a list that shrank
   leaves no empty rows at the bottom while it could fill them. */
static void
scroll_to_selection (struct ui_list *list, size_t height)
{
  if (height == 0)
    return;
  if (list->selected < list->top)
    list->top = list->selected;
  else if (list->selected >= list->top + height)
    list->top = list->selected - height + 1;
  if (list->count > height && list->top > list->count - height)
    list->top = list->count - height;
  else if (list->count <= height)
    list->top = 0;
}

static void
move_up (struct ui_list *list, size_t rows)
{
  list->selected = rows < list->selected ? list->selected - rows : 0;
}

static void
move_down (struct ui_list *list, size_t rows)
{
  if (list->count == 0)
    return;
  size_t last = list->count - 1;
  list->selected = rows < last - list->selected ? list->selected + rows
                                                 : last;
}

bool
ui_list_key (struct ui_list *list, int key, int height)
{
  /* A page keeps one row of the previous page in sight. */
  size_t page = height > 2 ? (size_t) height - 1 : 1;
  switch (key)
    {
    case UI_KEY (KEY_UP):
      move_up (list, 1);
      break;
    case UI_KEY (KEY_DOWN):
      move_down (list, 1);
      break;
    case UI_KEY (KEY_PPAGE):
      move_up (list, page);
      break;
    case UI_KEY (KEY_NPAGE):
      move_down (list, page);
      break;
    case UI_KEY (KEY_HOME):
      list->selected = 0;
      break;
    case UI_KEY (KEY_END):
      list->selected = list->count ? list->count - 1 : 0;
      break;
    default:
      return false;
    }
  scroll_to_selection (list, height > 0 ? (size_t) height : 0);
  return true;
}

char *
ui_range_text (size_t first, size_t shown, size_t count)
{
  size_t last = first + shown < count ? first + shown : count;
  /* TRANSLATORS: the rows shown and how many there are in all, as in
     "3-20 of 250", at the corner of a list or text that scrolls. */
  return xasprintf (_("%zu-%zu of %zu"), first + 1, last, count);
}

void
ui_scroll_marker (int y, int x, int width, size_t first, size_t shown,
                  size_t count)
{
  bool utf8 = cw_locale_is_utf8 ();
  const char *text = first + shown < count
    /* TRANSLATORS: below a list or text that goes on below; the arrow
       keys and PgDn scroll it. */
    ? (utf8 ? _("\xe2\x96\xbc more below: \xe2\x86\x93 or PgDn")
            : _("v more below: Down or PgDn"))
    /* TRANSLATORS: below a list or text scrolled to its end. */
    : (utf8 ? _("\xe2\x96\xb2 more above: \xe2\x86\x91 or PgUp")
            : _("^ more above: Up or PgUp"));
  char *range = ui_range_text (first, shown, count);
  int w = ui_width (range);
  ui_put (y, x, "", width, UI_NORMAL);
  if (w + 2 < width)
    {
      ui_put_text (y, x, text, width - w - 2, UI_DIM);
      ui_put_text (y, x + width - w, range, w, UI_DIM);
    }
  else
    ui_put_text (y, x, range, width, UI_DIM);
  free (range);
}

void
ui_list_draw (struct ui_list *list, int y, int x, int width, int height,
              ui_list_draw_item draw, void *state)
{
  if (height <= 0 || width <= 0)
    return;
  bool marker = list->count > (size_t) height && height > 1;
  if (marker)
    height--;
  scroll_to_selection (list, (size_t) height);
  for (int row = 0; row < height; row++)
    {
      size_t index = list->top + (size_t) row;
      if (index < list->count)
        draw (y + row, x, width, index, index == list->selected, state);
      else
        ui_put (y + row, x, "", width, UI_NORMAL);
    }
  if (marker)
    ui_scroll_marker (y + height, x, width, list->top, (size_t) height,
                      list->count);
}
