/* Wrapped text seen through a window of rows and scrolled by keys: the
   body of the dialogs and of the help. */
#ifndef CERTWIZ_UI_TEXTVIEW_H
#define CERTWIZ_UI_TEXTVIEW_H

#include <stdbool.h>
#include <stddef.h>

#include "theme.h"
#include "wrap.h"

struct ui_textview
{
  const char *text;         /* not owned; must outlive the view */
  struct ui_lines lines;
  int width;                /* what LINES was wrapped to; 0: not yet */
  size_t top;               /* the first line shown */
};

void ui_textview_init (struct ui_textview *view, const char *text);
/* Wraps the text to WIDTH unless it already is; returns the line count. */
size_t ui_textview_wrap (struct ui_textview *view, int width);
/* Up, Down, PgUp, PgDn, Home, End for a window ROWS tall; true when KEY
   was one of them. */
bool ui_textview_key (struct ui_textview *view, int key, int rows);
/* Draws ROWS lines from Y, X in ROLE, each padded to the wrap width. */
void ui_textview_draw (struct ui_textview *view, int y, int x, int rows,
                       enum ui_role role);
/* "3-20 of 250" when the text is longer than ROWS, else NULL; owned by
   the caller. */
char *ui_textview_position (const struct ui_textview *view, int rows);
void ui_textview_free (struct ui_textview *view);

#endif
