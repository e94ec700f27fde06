#include <config.h>

#include "buttons.h"

#include <curses.h>
#include <stdlib.h>
#include <string.h>
#include <unicase.h>
#include <unistr.h>

#include "term.h"
#include "text.h"
#include "base/xalloc.h"

#define GAP 2

/* Columns of each button, all the same when they must share too little
   room; 0 means each takes its natural width. */
static int
shared_width (int width, const char *const *labels, size_t count,
              int *total)
{
  int gaps = GAP * (int) (count - 1);
  *total = gaps;
  for (size_t i = 0; i < count; i++)
    *total += ui_width (labels[i]) + 4;
  if (*total <= width)
    return 0;
  int each = (width - gaps) / (int) count;
  if (each < 1)
    each = 1;
  *total = each * (int) count + gaps;
  return each;
}

void
ui_buttons_draw (int y, int x, int width, const char *const *labels,
                 size_t count, size_t focus)
{
  if (count == 0)
    return;
  int total;
  int each = shared_width (width, labels, count, &total);
  int col = x + (total < width ? (width - total) / 2 : 0);
  for (size_t i = 0; i < count; i++)
    {
      char *button = xasprintf ("[ %s ]", labels[i]);
      int w = each ? each : ui_width (button);
      ui_put (y, col, button, w, i == focus ? UI_SELECTED : UI_NORMAL);
      col += w + GAP;
      free (button);
    }
}

static ucs4_t
first_letter (const char *label)
{
  ucs4_t c = 0;
  if (*label)
    u8_mbtouc (&c, (const uint8_t *) label, strlen (label));
  return uc_tolower (c);
}

/* The buttons starting with LETTER, looked for from the one after the
   focus so that typing the letter again moves on. */
static int
by_letter (const char *const *labels, size_t count, size_t *focus,
           ucs4_t letter)
{
  size_t matches = 0, next = count;
  for (size_t k = 1; k <= count; k++)
    {
      size_t i = (*focus + k) % count;
      if (first_letter (labels[i]) != letter)
        continue;
      if (matches++ == 0)
        next = i;
    }
  if (matches == 0)
    return UI_BUTTONS_NONE;
  *focus = next;
  return matches == 1 ? (int) next : UI_BUTTONS_NONE;
}

int
ui_buttons_key (const char *const *labels, size_t count, size_t *focus,
                int key)
{
  if (count == 0)
    return UI_BUTTONS_NONE;
  switch (key)
    {
    case UI_KEY (KEY_LEFT):
    case UI_KEY (KEY_BTAB):
      *focus = (*focus + count - 1) % count;
      return UI_BUTTONS_NONE;
    case UI_KEY (KEY_RIGHT):
    case UI_TAB:
      *focus = (*focus + 1) % count;
      return UI_BUTTONS_NONE;
    }
  if (!UI_IS_CHAR (key) || key <= ' ')
    return UI_BUTTONS_NONE;
  return by_letter (labels, count, focus, uc_tolower ((ucs4_t) key));
}
