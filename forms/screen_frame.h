/* The frame of the import and backup screens, which run outside the
   request steps: their title bar, status line and key bar, and the keys
   all of them treat alike. */
#ifndef CERTWIZ_FORMS_SCREEN_FRAME_H
#define CERTWIZ_FORMS_SCREEN_FRAME_H

#include <stddef.h>

#include "import_backup_help.h"
#include "keybar.h"
#include "theme.h"

/* Draws "certwiz - LEFT" and RIGHT on the top bar, STATUS (may be NULL)
   in ROLE above the keys, and the keys, whose labels are N_() strings.
   LEFT and RIGHT are already translated. */
void wz_frame_draw (const char *left, const char *right, const char *status,
                    enum ui_role role, const struct ui_keyhint *keys,
                    size_t count);

enum wz_frame_key
{
  WZ_FRAME_OTHER,          /* not a frame key: the screen's own */
  WZ_FRAME_DONE,           /* F1: the help was shown and closed */
  WZ_FRAME_BACK,           /* Esc */
  WZ_FRAME_QUIT            /* F10 */
};

/* F1 shows TOPIC's help; Esc and F10 are only recognized. */
enum wz_frame_key wz_frame_key (int key, enum wz_xhelp topic);

#endif
