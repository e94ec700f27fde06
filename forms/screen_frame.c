/* The frame of the import and backup screens. */
#include <config.h>

#include "screen_frame.h"

#include <curses.h>
#include <stdlib.h>

#include "help.h"
#include "term.h"
#include "wizard_ui.h"
#include "base/xalloc.h"

void
wz_frame_draw (const char *left, const char *right, const char *status,
               enum ui_role role, const struct ui_keyhint *keys,
               size_t count)
{
  char *title = xasprintf ("certwiz - %s", left);
  ui_titlebar (title, right);
  wz_draw_keys (keys, count);
  ui_statusline (status, role);
  free (title);
}

enum wz_frame_key
wz_frame_key (int key, enum wz_xhelp topic)
{
  if (key == UI_KEY (KEY_F (1)))
    {
      ui_help (wz_xhelp_title (topic), wz_xhelp_text (topic));
      return WZ_FRAME_DONE;
    }
  if (key == UI_KEY (KEY_F (10)))
    return WZ_FRAME_QUIT;
  if (key == UI_ESC)
    return WZ_FRAME_BACK;
  return WZ_FRAME_OTHER;
}
