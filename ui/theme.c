#include <config.h>

#include "theme.h"

#include <curses.h>
#include <stdlib.h>

static bool colors;
/* The terminal cannot underline in color (its ncv, as TERM=linux says):
   an empty field would not show at all, so fields are underlined
   without a color pair. */
static bool plain_underline;

/* Foreground and background of each role when colors are used. */
static const struct
{
  short fg, bg;
  int extra;
} palette[UI_ROLE_COUNT] = {
  [UI_NORMAL] = { -1, -1, 0 },
  [UI_TITLE] = { COLOR_WHITE, COLOR_BLUE, A_BOLD },
  [UI_KEYBAR] = { COLOR_BLACK, COLOR_CYAN, 0 },
  [UI_KEY] = { COLOR_WHITE, COLOR_CYAN, A_BOLD },
  [UI_LABEL] = { -1, -1, A_BOLD },
  [UI_FIELD] = { -1, -1, A_UNDERLINE },
  [UI_FIELD_FOCUS] = { COLOR_BLACK, COLOR_WHITE, 0 },
  [UI_SELECTED] = { COLOR_WHITE, COLOR_BLUE, A_BOLD },
  [UI_ERROR] = { COLOR_RED, -1, A_BOLD },
  [UI_WARNING] = { COLOR_YELLOW, -1, A_BOLD },
  [UI_NOTE] = { COLOR_CYAN, -1, 0 },
  [UI_DIM] = { -1, -1, A_DIM },
};

/* Without colors every role still stands apart from the others. */
static const int mono[UI_ROLE_COUNT] = {
  [UI_NORMAL] = A_NORMAL,
  [UI_TITLE] = A_REVERSE | A_BOLD,
  [UI_KEYBAR] = A_REVERSE,
  [UI_KEY] = A_REVERSE | A_BOLD,
  [UI_LABEL] = A_BOLD,
  [UI_FIELD] = A_UNDERLINE,
  [UI_FIELD_FOCUS] = A_REVERSE,
  [UI_SELECTED] = A_REVERSE | A_BOLD,
  [UI_ERROR] = A_BOLD,
  [UI_WARNING] = A_BOLD,
  [UI_NOTE] = A_NORMAL,
  [UI_DIM] = A_DIM,
};

void
ui_theme_init (void)
{
  const char *no_color = getenv ("NO_COLOR");
  colors = has_colors () && !(no_color && *no_color);
  if (!colors)
    return;
  /* ncv's bit 2 is underline (terminfo(5), no_color_video). */
  int ncv = tigetnum ((char *) "ncv");
  plain_underline = ncv > 0 && (ncv & 2);
  start_color ();
  use_default_colors ();
  for (short i = 1; i < UI_ROLE_COUNT; i++)
    init_pair (i, palette[i].fg, palette[i].bg);
}

bool
ui_theme_has_colors (void)
{
  return colors;
}

int
ui_attr (enum ui_role role)
{
  if (!colors || (plain_underline && role == UI_FIELD))
    return mono[role];
  return (int) (COLOR_PAIR (role) | (attr_t) palette[role].extra);
}
