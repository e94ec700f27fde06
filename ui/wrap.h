/* Text folded into lines that fit a width in terminal columns, for
   dialogs and the help viewer.  No terminal needed. */
#ifndef CERTWIZ_UI_WRAP_H
#define CERTWIZ_UI_WRAP_H

#include <stddef.h>

struct ui_lines
{
  char **lines;
  size_t count;
};

/* Splits TEXT into lines of at most WIDTH display columns (a double-width
   character counts two), breaking at blanks; a word longer than WIDTH is
   cut.  "\n" starts a new line and "\n\n" leaves an empty one, so
   paragraphs stay apart; a final "\n" adds nothing.  The lines come back
   already made safe (as ui_safe does), because escaping changes the
   width: drawing them with ui_put shows them unchanged.  OUT is
   overwritten; free it with ui_lines_free. */
void ui_wrap (const char *text, int width, struct ui_lines *out);
void ui_lines_free (struct ui_lines *lines);

#endif
