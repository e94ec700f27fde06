/* How each kind of text looks: colors when the terminal has them and
   NO_COLOR is not set, else bold, reverse and underline alone. */
#ifndef CERTWIZ_UI_THEME_H
#define CERTWIZ_UI_THEME_H

#include <stdbool.h>

enum ui_role
{
  UI_NORMAL,
  UI_TITLE,          /* the top bar */
  UI_KEYBAR,         /* the bottom bar */
  UI_KEY,            /* a key's name in the bottom bar */
  UI_LABEL,
  UI_FIELD,          /* an input field */
  UI_FIELD_FOCUS,    /* the field being edited */
  UI_SELECTED,       /* the chosen line of a list */
  UI_ERROR,
  UI_WARNING,
  UI_NOTE,
  UI_DIM,            /* hints and counters */
  UI_ROLE_COUNT
};

/* Decides between colors and monochrome; call after initscr. */
void ui_theme_init (void);
bool ui_theme_has_colors (void);
/* The curses attributes for ROLE (an attr_t, as int to keep this header
   free of curses). */
int ui_attr (enum ui_role role);

#endif
