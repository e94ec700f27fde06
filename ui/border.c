/* Box-drawing characters are written as text rather than with the
   terminal's alternate character set: terminals reached over SSH often
   ignore that set in UTF-8 mode and show "lqqk" instead of a frame. */
#include <config.h>

#include "border.h"

#include <stdlib.h>
#include <string.h>

#include "base/safetext.h"
#include "text.h"
#include "base/xalloc.h"

struct border_chars
{
  const char *horizontal, *vertical;
  const char *top_left, *top_right, *bottom_left, *bottom_right;
};

static const struct border_chars *
border_chars (void)
{
  static const struct border_chars unicode = {
    "\xe2\x94\x80", "\xe2\x94\x82",
    "\xe2\x94\x8c", "\xe2\x94\x90", "\xe2\x94\x94", "\xe2\x94\x98"
  };
  static const struct border_chars ascii = { "-", "|", "+", "+", "+", "+" };
  return cw_locale_is_utf8 () ? &unicode : &ascii;
}

/* LEFT, then MIDDLE repeated to make WIDTH columns, then RIGHT. */
static char *
border_row (const char *left, const char *middle, const char *right,
            int width)
{
  size_t n = width > 2 ? (size_t) width - 2 : 0;
  char *row = xmalloc (strlen (left) + n * strlen (middle) + strlen (right)
                       + 1);
  char *p = stpcpy (row, left);
  for (size_t i = 0; i < n; i++)
    p = stpcpy (p, middle);
  stpcpy (p, right);
  return row;
}

void
ui_border (int y, int x, int height, int width, enum ui_role role)
{
  const struct border_chars *c = border_chars ();
  if (height < 2 || width < 2)
    return;
  char *top = border_row (c->top_left, c->horizontal, c->top_right, width);
  char *middle = border_row (c->vertical, " ", c->vertical, width);
  char *bottom = border_row (c->bottom_left, c->horizontal,
                             c->bottom_right, width);
  ui_put (y, x, top, width, role);
  for (int row = 1; row < height - 1; row++)
    ui_put (y + row, x, middle, width, role);
  ui_put (y + height - 1, x, bottom, width, role);
  free (bottom);
  free (middle);
  free (top);
}
