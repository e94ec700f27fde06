/* The F1 help viewer: a screen of its own (ui/loop.h), which the loop
   opens on F1 over any screen that has help. */
#ifndef CERTWIZ_UI_HELP_H
#define CERTWIZ_UI_HELP_H

#include "loop.h"
#include "textview.h"

struct ui_help
{
  char *title;
  char *text;
  struct ui_textview view;
};

/* Makes SCREEN the viewer of TITLE and TEXT (both copied into HELP):
   full screen and scrollable, TEXT wrapped to the screen's width
   (paragraphs separated by blank lines), the keys in the bottom bar.
   Esc, F1, q or Enter closes it. */
void ui_help_screen (struct ui_screen *screen, struct ui_help *help,
                     const char *title, const char *text);
void ui_help_free (struct ui_help *help);

#endif
