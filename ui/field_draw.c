/* Showing a text field. */
#include <config.h>

#include <curses.h>
#include <stdlib.h>
#include <string.h>

#include "field.h"
#include "text.h"
#include "base/xalloc.h"

static char *
masked_copy (const char *text)
{
  size_t n = strlen (text), chars = 0;
  for (size_t i = 0; i < n; i++)
    chars += ((unsigned char) text[i] & 0xC0) != 0x80;
  char *stars = xmalloc (chars + 1);
  memset (stars, '*', chars);
  stars[chars] = '\0';
  return stars;
}

void
ui_field_draw (struct ui_field *field, int y, int x, int width, bool focused)
{
  ui_field_scroll_to_cursor (field, width);
  const char *shown = field->text + field->scroll;
  char *text = field->masked ? masked_copy (shown) : xstrdup (shown);
  ui_put (y, x, text, width, focused ? UI_FIELD_FOCUS : UI_FIELD);
  if (focused)
    {
      char *before = xstrndup (field->text + field->scroll,
                               field->cursor - field->scroll);
      char *shown_before = field->masked ? masked_copy (before)
                                         : xstrdup (before);
      int col = ui_width (shown_before);
      move (y, x + (col < width ? col : width - 1));
      curs_set (1);
      free (shown_before);
      free (before);
    }
  free (text);
}
