/* The frame the dialogs share: a box centered over the screens below it
   with a title, its text scrolled when longer than the box, and rows
   under the text that each dialog fills (buttons, a field).  A dialog is
   an overlay screen (ui/loop.h) whose draw is ui_box_draw, so the loop
   draws what is below it first. */
#ifndef CERTWIZ_UI_BOX_H
#define CERTWIZ_UI_BOX_H

#include <stdbool.h>

#include "textview.h"
#include "theme.h"

struct ui_box;
/* Draws the rows under the text, from Y, X, WIDTH columns wide. */
typedef void (*ui_box_footer_fn) (struct ui_box *box, int y, int x,
                                  int width);

struct ui_box
{
  /* Set by the caller before ui_box_init. */
  const char *title;
  enum ui_role title_role;
  const char *text;
  int footer_rows;
  ui_box_footer_fn draw_footer;
  void *data;               /* the dialog's own state */
  bool has_field;           /* Home and End belong to a text field */
  /* Kept by the box. */
  struct ui_textview view;
  int text_rows;            /* rows of text shown, from the last layout */
};

void ui_box_init (struct ui_box *box);
/* Draws the box over what is already on the screen. */
void ui_box_draw (struct ui_box *box);
/* Up, Down, PgUp, PgDn (and Home, End without a field) scroll the text:
   true when KEY was one of them. */
bool ui_box_scroll (struct ui_box *box, int key);
void ui_box_free (struct ui_box *box);

#endif
