/* Frames around boxes. */
#ifndef CERTWIZ_UI_BORDER_H
#define CERTWIZ_UI_BORDER_H

#include "theme.h"

/* Draws a frame of HEIGHT rows and WIDTH columns at Y, X in ROLE and
   clears what is inside it. */
void ui_border (int y, int x, int height, int width, enum ui_role role);

#endif
