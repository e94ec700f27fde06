/* A row of buttons, one of them focused, as the dialogs show them. */
#ifndef CERTWIZ_UI_BUTTONS_H
#define CERTWIZ_UI_BUTTONS_H

#include <stddef.h>

/* No button chosen yet. */
#define UI_BUTTONS_NONE (-2)

/* Draws the COUNT labels as buttons centered in WIDTH columns at Y, X,
   the one at FOCUS highlighted. */
void ui_buttons_draw (int y, int x, int width, const char *const *labels,
                      size_t count, size_t focus);
/* Left, Right, Tab and Shift-Tab move *FOCUS (wrapping around); a letter
   that starts one label alone chooses it, one that starts several moves
   to the next of them.  Returns the index chosen or UI_BUTTONS_NONE. */
int ui_buttons_key (const char *const *labels, size_t count, size_t *focus,
                    int key);

#endif
