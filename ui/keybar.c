#include <config.h>

#include "keybar.h"

#include <curses.h>
#include <stdlib.h>

#include "base/i18n.h"
#include "keymap.h"
#include "loop.h"
#include "term.h"
#include "text.h"
#include "base/xalloc.h"

void
ui_titlebar (const char *left, const char *right)
{
  ui_put (0, 0, "", COLS, UI_TITLE);
  int rw = right ? ui_width (right) : 0;
  /* The left text names the screen: it keeps at least half the bar. */
  if (rw > COLS / 2 - 2)
    rw = COLS / 2 - 2;
  if (right && rw > 0)
    ui_put_text (0, COLS - 1 - rw, right, rw, UI_TITLE);
  int lw = COLS - 2 - (rw > 0 ? rw + 2 : 0);
  if (left && lw > 0)
    ui_put_text (0, 1, left, lw, UI_TITLE);
}

static int
hint_width (const struct ui_keyhint *hint)
{
  return ui_width (hint->key) + 1 + ui_width (hint->label);
}

void
ui_keybar (const struct ui_keyhint *hints, size_t count)
{
  /* Whole hints or none: half a hint would mislead.  When they do not
     all fit, the screen's own hints go first, from the last one back, so
     that every language shows the shared F1, Esc and F10 and Enter; only
     then the others before the last (the way out, F10). */
  bool *shown = xcalloc (count ? count : 1, sizeof *shown);
  int width = 1;
  for (size_t i = 0; i < count; i++)
    {
      shown[i] = true;
      width += hint_width (&hints[i]) + 2;
    }
  for (int pass = 0; pass < 2; pass++)
    for (size_t i = count > 1 ? count - 2 : 0; width > COLS && i > 0; i--)
      if (shown[i] && (pass == 1 || !hints[i].shared))
        {
          shown[i] = false;
          width -= hint_width (&hints[i]) + 2;
        }
  int y = LINES - 1, x = 1;
  ui_put (y, 0, "", COLS, UI_KEYBAR);
  for (size_t i = 0; i < count; i++)
    if (shown[i] && x + hint_width (&hints[i]) <= COLS - 1)
      {
        x += ui_put_text (y, x, hints[i].key, 0, UI_KEY);
        x += ui_put_text (y, x, " ", 1, UI_KEYBAR);
        x += ui_put_text (y, x, hints[i].label, 0, UI_KEYBAR);
        x += 2;
      }
  free (shown);
}

void
ui_statusline (const char *text, enum ui_role role)
{
  int y = LINES - 2;
  ui_put (y, 0, "", COLS, UI_NORMAL);
  if (text)
    ui_put_text (y, 1, text, COLS - 2, role);
}

#define MAX_HINTS 48

size_t
ui_keybar_hints (struct ui_screen *screen, struct ui_keyhint *out,
                 size_t max)
{
  const struct ui_key *shown[MAX_HINTS];
  size_t count = ui_keymap_shown (&screen->keys, shown, MAX_HINTS), n = 0;
  for (size_t i = 0; i < count && n < max; i++)
    {
      struct ui_keyhint hint = { shown[i]->name, _(shown[i]->label), false };
      if (screen->ops->hint && !screen->ops->hint (screen, shown[i], &hint))
        continue;
      /* Enter, the way on, is kept with them. */
      hint.shared = shown[i]->action == UI_ACT_HELP
                    || shown[i]->action == UI_ACT_BACK
                    || shown[i]->action == UI_ACT_QUIT
                    || ui_is_enter (shown[i]->key);
      out[n++] = hint;
    }
  return n;
}

void
ui_draw_keybar (struct ui_screen *screen)
{
  struct ui_keyhint hints[MAX_HINTS];
  ui_keybar (hints, ui_keybar_hints (screen, hints, MAX_HINTS));
}
