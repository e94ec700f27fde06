/* A screen that asks the user to choose one row of a list: a title, a
   question with a note under it, the rows, Enter to choose, Esc to go
   back.  The pickers (a certificate to back up, a key on a token) are
   each one of these with their own rows. */
#ifndef CERTWIZ_FORMS_LIST_SCREEN_H
#define CERTWIZ_FORMS_LIST_SCREEN_H

#include <stddef.h>

#include "list.h"
#include "wizard_ui.h"

struct wz_list_screen
{
  struct wz_ui *ui;
  const char *title;        /* the frame's left and right titles */
  const char *subtitle;
  const char *question;     /* above the rows */
  const char *note;         /* under the question, dimmed */
  const char *help_title;   /* F1 */
  const char *help_text;
  size_t count;             /* the rows */
  size_t selected;          /* in: the row selected first; out: chosen */
  ui_list_draw_item draw_row;
  void *row_state;          /* given to DRAW_ROW */
};

/* Runs SCREEN: WZ_NEXT with the row chosen in screen->selected; WZ_QUIT
   when the user quits; WZ_BACK on Esc. */
enum wz_action wz_list_screen_run (struct wz_list_screen *screen);

#endif
