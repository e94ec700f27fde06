/* The frame of the screens outside the request steps (import, backup,
   the pickers, the browser): their title bar, status line and key bar. */
#ifndef CERTWIZ_FORMS_SCREEN_FRAME_H
#define CERTWIZ_FORMS_SCREEN_FRAME_H

#include <stdbool.h>

#include "import_backup_help.h"
#include "loop.h"
#include "theme.h"

/* Draws "certwiz - LEFT" and RIGHT on the top bar, STATUS (may be NULL)
   in ROLE above the keys, and SCREEN's key bar, drawn from its key table.
   LEFT and RIGHT are already translated. */
void wz_frame_draw (struct ui_screen *screen, const char *left,
                    const char *right, const char *status,
                    enum ui_role role);

/* TOPIC's help, as a screen's help operation gives it. */
bool wz_frame_help (enum wz_xhelp topic, const char **title,
                    const char **text);

#endif
