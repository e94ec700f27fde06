/* The frame of the screens outside the request steps. */
#include <config.h>

#include "screen_frame.h"

#include <curses.h>
#include <stdlib.h>

#include "keybar.h"
#include "base/xalloc.h"

void
wz_frame_draw (struct ui_screen *screen, const char *left,
               const char *right, const char *status, enum ui_role role)
{
  char *title = xasprintf ("certwiz - %s", left);
  ui_titlebar (title, right);
  ui_draw_keybar (screen);
  ui_statusline (status, role);
  free (title);
}

bool
wz_frame_help (enum wz_xhelp topic, const char **title, const char **text)
{
  *title = wz_xhelp_title (topic);
  *text = wz_xhelp_text (topic);
  return true;
}
