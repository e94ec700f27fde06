#include <config.h>

#include "help.h"

#include <curses.h>
#include <stdbool.h>
#include <stdlib.h>

#include "base/i18n.h"
#include "keybar.h"
#include "base/safetext.h"
#include "screen.h"
#include "term.h"
#include "textview.h"

struct help
{
  const char *title;
  struct ui_textview view;
};

/* A blank row under the title bar and one above the key bar. */
static int
text_rows (void)
{
  return LINES - 4;
}

static const char *
arrow_keys (void)
{
  /* Arrows are symbols, not words; terminals without UTF-8 get words. */
  if (cw_locale_is_utf8 ())
    return "\xe2\x86\x91\xe2\x86\x93";
  /* TRANSLATORS: the arrow keys, named where arrows cannot be shown. */
  return _("Up/Down");
}

static void
draw_keys (void)
{
  const struct ui_keyhint hints[] = {
    /* TRANSLATORS: the name of the key as printed on keyboards. */
    { _("Esc"), _("Back") },
    { arrow_keys (), _("Scroll") },
  };
  ui_keybar (hints, sizeof hints / sizeof hints[0]);
}

static void
draw_help (void *state)
{
  struct help *help = state;
  ui_textview_wrap (&help->view, COLS - 2);
  ui_textview_draw (&help->view, 2, 1, text_rows (), UI_NORMAL);
  char *position = ui_textview_position (&help->view, text_rows ());
  ui_titlebar (help->title, position);
  free (position);
  draw_keys ();
}

static bool
closes (int key)
{
  return key == UI_ESC || key == UI_KEY (KEY_F (1)) || key == 'q'
         || key == 'Q' || ui_is_enter (key);
}

void
ui_help (const char *title, const char *text)
{
  struct help help = { .title = title };
  ui_textview_init (&help.view, text);
  /* Registered as the screen, so a resize or a dialog opened over the
     help draws the help again, not what is under it. */
  struct ui_screen below = ui_screen_set (draw_help, &help);
  ui_screen_redraw ();
  for (;;)
    {
      int key = ui_screen_key (NULL, NULL);
      if (closes (key))
        break;
      if (ui_textview_key (&help.view, key, text_rows ()))
        draw_help (&help);
    }
  ui_screen_restore (below);
  ui_textview_free (&help.view);
  ui_screen_redraw ();
}
