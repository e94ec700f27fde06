/* Text on the screen.  Everything shown goes through here, so that text
   from users, files and certificates is made safe (controls, escape
   sequences, bidirectional overrides and bad UTF-8 shown escaped, the
   same rule as the command line's) and fitted to its width by columns,
   not bytes. */
#ifndef CERTWIZ_UI_TEXT_H
#define CERTWIZ_UI_TEXT_H

#include <stddef.h>

#include "theme.h"

/* Draws TEXT at Y, X in ROLE, cut to WIDTH columns with a visible
   marker and padded with blanks to WIDTH.  WIDTH 0 means "to the right
   edge". */
void ui_put (int y, int x, const char *text, int width, enum ui_role role);
/* Like ui_put, without padding: returns the columns used. */
int ui_put_text (int y, int x, const char *text, int width,
                 enum ui_role role);
/* TEXT made safe for this terminal (owned by the caller). */
char *ui_safe (const char *text);
/* Columns TEXT takes once made safe. */
int ui_width (const char *text);

#endif
