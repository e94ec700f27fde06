#include <config.h>

#include "textview.h"

#include <curses.h>

#include "list.h"
#include "term.h"
#include "text.h"

void
ui_textview_init (struct ui_textview *view, const char *text)
{
  *view = (struct ui_textview) { text, { NULL, 0 }, 0, 0 };
}

size_t
ui_textview_wrap (struct ui_textview *view, int width)
{
  if (width != view->width)
    {
      ui_lines_free (&view->lines);
      ui_wrap (view->text, width, &view->lines);
      view->width = width;
    }
  return view->lines.count;
}

static size_t
last_top (const struct ui_textview *view, int rows)
{
  size_t shown = rows > 0 ? (size_t) rows : 1;
  return view->lines.count > shown ? view->lines.count - shown : 0;
}

bool
ui_textview_key (struct ui_textview *view, int key, int rows)
{
  size_t last = last_top (view, rows);
  /* A page keeps one line of the previous page in sight. */
  size_t page = rows > 2 ? (size_t) rows - 1 : 1;
  switch (key)
    {
    case UI_KEY (KEY_UP):
      if (view->top > 0)
        view->top--;
      break;
    case UI_KEY (KEY_DOWN):
      if (view->top < last)
        view->top++;
      break;
    case UI_KEY (KEY_PPAGE):
      view->top = view->top > page ? view->top - page : 0;
      break;
    case UI_KEY (KEY_NPAGE):
      view->top = view->top + page < last ? view->top + page : last;
      break;
    case UI_KEY (KEY_HOME):
      view->top = 0;
      break;
    case UI_KEY (KEY_END):
      view->top = last;
      break;
    default:
      return false;
    }
  return true;
}

void
ui_textview_draw (struct ui_textview *view, int y, int x, int rows,
                  enum ui_role role)
{
  /* A wider window after a resize may now show the end of the text. */
  if (view->top > last_top (view, rows))
    view->top = last_top (view, rows);
  for (int row = 0; row < rows; row++)
    {
      size_t i = view->top + (size_t) row;
      const char *line = i < view->lines.count ? view->lines.lines[i] : "";
      ui_put (y + row, x, line, view->width, role);
    }
}

char *
ui_textview_position (const struct ui_textview *view, int rows)
{
  if (rows < 0 || view->lines.count <= (size_t) rows)
    return NULL;
  return ui_range_text (view->top, (size_t) rows, view->lines.count);
}

void
ui_textview_free (struct ui_textview *view)
{
  ui_lines_free (&view->lines);
}
