#include <config.h>

#include "text.h"

#include <curses.h>
#include <stdlib.h>
#include <string.h>

#include "base/safetext.h"
#include "base/textwidth.h"

char *
ui_safe (const char *text)
{
  return cw_safe_text (text, strlen (text), cw_locale_is_utf8 ());
}

int
ui_width (const char *text)
{
  char *safe = ui_safe (text);
  int width = (int) cw_text_width (safe);
  free (safe);
  return width;
}

static int
room (int x, int width)
{
  int left = COLS - x;
  return width <= 0 || width > left ? left : width;
}

void
ui_put (int y, int x, const char *text, int width, enum ui_role role)
{
  width = room (x, width);
  if (width <= 0 || y < 0 || y >= LINES)
    return;
  char *safe = ui_safe (text);
  char *fitted = cw_text_fit (safe, (size_t) width);
  attrset ((attr_t) ui_attr (role));
  mvaddstr (y, x, fitted);
  attrset (A_NORMAL);
  free (fitted);
  free (safe);
}

int
ui_put_text (int y, int x, const char *text, int width, enum ui_role role)
{
  width = room (x, width);
  if (width <= 0 || y < 0 || y >= LINES)
    return 0;
  char *safe = ui_safe (text);
  int used = (int) cw_text_width (safe);
  if (used > width)
    used = width;
  char *fitted = cw_text_fit (safe, (size_t) used);
  attrset ((attr_t) ui_attr (role));
  mvaddstr (y, x, fitted);
  attrset (A_NORMAL);
  free (fitted);
  free (safe);
  return used;
}
