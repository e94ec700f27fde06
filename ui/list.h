/* A scrolling list: which row is selected and which is at the top.  The
   model needs no terminal; ui_list_draw shows it through a callback that
   draws one item. */
#ifndef CERTWIZ_UI_LIST_H
#define CERTWIZ_UI_LIST_H

#include <stdbool.h>
#include <stddef.h>

struct ui_list
{
  size_t count;
  size_t selected;          /* 0 when the list is empty */
  size_t top;               /* the first item shown */
};

void ui_list_init (struct ui_list *list, size_t count);
/* Keeps the selection in range when items come or go. */
void ui_list_set_count (struct ui_list *list, size_t count);
/* Up, Down, PgUp, PgDn, Home, End for a list HEIGHT rows tall; true when
   KEY was one of them, even at an end of the list. */
bool ui_list_key (struct ui_list *list, int key, int height);

typedef void (*ui_list_draw_item) (int y, int x, int width, size_t index,
                                   bool selected, void *state);
/* Draws the visible rows (scrolling so the selection shows).  When not
   everything fits, the last row is the scroll marker (ui_scroll_marker)
   and the items take the rows above it. */
void ui_list_draw (struct ui_list *list, int y, int x, int width, int height,
                   ui_list_draw_item draw, void *state);

/* "3-20 of 250" for SHOWN rows from row FIRST (counting from 0) of COUNT,
   as lists and scrolled text show it; owned by the caller. */
char *ui_range_text (size_t first, size_t shown, size_t count);
/* The row Y of WIDTH columns from X that says a list or text scrolls:
   "more below" or "more above" with the keys that scroll, and at the
   right "3-20 of 250", for SHOWN rows from FIRST of COUNT.  A row of its
   own: it never covers a row of the list. */
void ui_scroll_marker (int y, int x, int width, size_t first, size_t shown,
                       size_t count);

#endif
