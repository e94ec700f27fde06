/* Dialogs: centered boxes over the current screen (overlay screens run
   by the loop, ui/loop.h), 72 columns wide or
   less on a narrower terminal, their text wrapped and scrolled with Up,
   Down, PgUp and PgDn when longer than the box.  A resize redraws the
   screen underneath, then the dialog; closing one redraws the screen. */
#ifndef CERTWIZ_UI_DIALOG_H
#define CERTWIZ_UI_DIALOG_H

#include <stdbool.h>
#include <stddef.h>

#include "theme.h"

/* TITLE and TEXT; waits for Enter or Esc.  ROLE colors the title
   (UI_WARNING for a warning panel). */
void ui_message (const char *title, const char *text, enum ui_role role);
/* A question with buttons (translated labels, e.g. _("Yes"), _("No")):
   Left, Right, Tab and Shift-Tab move between them, Enter chooses, Esc
   returns -1, and the first letter of a button (case-insensitive)
   chooses it directly; a letter that starts several labels moves to the
   next of them instead.  Returns the index. */
int ui_choose (const char *title, const char *text,
               const char *const *buttons, size_t count,
               size_t default_index);
/* Yes / No via ui_choose; Esc is No. */
bool ui_confirm (const char *title, const char *text, bool default_yes);
/* A one-line input box: returns a malloc'd string on Enter, NULL on Esc.
   INITIAL may be NULL; MAX_CHARS 0 means no limit. */
char *ui_ask (const char *title, const char *text, const char *initial,
              size_t max_chars);

#endif
