/* The frame the dialogs share: a box centered over the current screen
   with a title, its text scrolled when longer than the box, and rows
   under the text that each dialog fills (buttons, a field).  While open,
   the box is the current screen (ui/screen.h): it draws what was below
   it and then itself, so a resize or a dialog opened over it redraws
   everything. */
#ifndef CERTWIZ_UI_BOX_H
#define CERTWIZ_UI_BOX_H

#include "screen.h"
#include "textview.h"
#include "theme.h"

struct ui_box;
/* Draws the rows under the text, from Y, X, WIDTH columns wide. */
typedef void (*ui_box_footer_fn) (struct ui_box *box, int y, int x,
                                  int width);

struct ui_box
{
  /* Set by the caller before ui_box_open. */
  const char *title;
  enum ui_role title_role;
  const char *text;
  int footer_rows;
  ui_box_footer_fn draw_footer;
  void *data;               /* the dialog's own state */
  /* Kept by the box. */
  struct ui_textview view;
  struct ui_screen below;
  int text_rows;            /* rows of text shown, from the last layout */
};

/* Registers the box as the current screen and draws it. */
void ui_box_open (struct ui_box *box);
/* Draws the box again, over what is already on the screen. */
void ui_box_draw (struct ui_box *box);
/* The next key that is not a resize nor a key scrolling the text. */
int ui_box_key (struct ui_box *box);
/* Gives the screen back to what was below and redraws it. */
void ui_box_close (struct ui_box *box);

#endif
