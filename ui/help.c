#include <config.h>

#include "help.h"

#include <curses.h>
#include <stdbool.h>
#include <stdlib.h>

#include "base/i18n.h"
#include "keybar.h"
#include "base/safetext.h"
#include "term.h"
#include "base/xalloc.h"

enum { HELP_SCROLL = 1 };

static const struct ui_key help_keys[] = {
  /* Every way out is Back: the loop closes the viewer. */
  { UI_ESC, UI_ACT_BACK, "Esc", N_("Back") },
  { UI_KEY (KEY_UP), HELP_SCROLL, "Up/Down", N_("Scroll") },
  { UI_KEY (KEY_DOWN), HELP_SCROLL, NULL, NULL },
  { UI_KEY (KEY_PPAGE), HELP_SCROLL, NULL, NULL },
  { UI_KEY (KEY_NPAGE), HELP_SCROLL, NULL, NULL },
  { UI_KEY (KEY_HOME), HELP_SCROLL, NULL, NULL },
  { UI_KEY (KEY_END), HELP_SCROLL, NULL, NULL },
  { UI_KEY (KEY_F (1)), UI_ACT_BACK, NULL, NULL },
  { 'q', UI_ACT_BACK, NULL, NULL },
  { 'Q', UI_ACT_BACK, NULL, NULL },
  { UI_RETURN, UI_ACT_BACK, NULL, NULL },
  { '\n', UI_ACT_BACK, NULL, NULL },
  { UI_KEY (KEY_ENTER), UI_ACT_BACK, NULL, NULL },
};

/* A blank row under the title bar and one above the key bar. */
static int
text_rows (void)
{
  return LINES - 4;
}

static void
draw_help (struct ui_screen *screen)
{
  struct ui_help *help = screen->state;
  ui_textview_wrap (&help->view, COLS - 2);
  ui_textview_draw (&help->view, 2, 1, text_rows (), UI_NORMAL);
  char *position = ui_textview_position (&help->view, text_rows ());
  ui_titlebar (help->title, position);
  free (position);
  ui_draw_keybar (screen);
}

static bool
act_help (struct ui_screen *screen, int action, int key)
{
  struct ui_help *help = screen->state;
  if (action != HELP_SCROLL)
    return false;
  ui_textview_key (&help->view, key, text_rows ());
  return true;
}

/* Arrows are symbols, not words; terminals without UTF-8 get words. */
static bool
hint_help (struct ui_screen *screen, const struct ui_key *key,
           struct ui_keyhint *out)
{
  (void) screen;
  if (key->action == UI_ACT_BACK)
    /* TRANSLATORS: the name of the key as printed on keyboards. */
    *out = (struct ui_keyhint) { _("Esc"), _(key->label), true };
  else if (cw_locale_is_utf8 ())
    *out = (struct ui_keyhint) { "\xe2\x86\x91\xe2\x86\x93", _(key->label),
                                   false };
  else
    /* TRANSLATORS: the arrow keys, named where arrows cannot be shown. */
    *out = (struct ui_keyhint) { _("Up/Down"), _(key->label), false };
  return true;
}

static const struct ui_screen_ops help_ops = {
  .draw = draw_help, .act = act_help, .hint = hint_help,
};

void
ui_help_screen (struct ui_screen *screen, struct ui_help *help,
                const char *title, const char *text)
{
  help->title = xstrdup (title);
  help->text = xstrdup (text);
  ui_textview_init (&help->view, help->text);
  *screen = (struct ui_screen) {
    .ops = &help_ops, .keys = UI_KEYMAP (help_keys, 0), .first_tick = -1,
    .state = help,
  };
}

void
ui_help_free (struct ui_help *help)
{
  ui_textview_free (&help->view);
  free (help->title);
  free (help->text);
}
