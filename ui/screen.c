#include <config.h>

#include "screen.h"

#include <curses.h>

#include "term.h"

static struct ui_screen current;

struct ui_screen
ui_screen_set (ui_redraw_fn redraw, void *state)
{
  struct ui_screen previous = current;
  current = (struct ui_screen) { redraw, state };
  return previous;
}

void
ui_screen_restore (struct ui_screen previous)
{
  current = previous;
}

void
ui_screen_redraw (void)
{
  /* Only a text field shows the cursor, and it turns it on again. */
  curs_set (0);
  if (!ui_term_big_enough ())
    {
      ui_term_draw_too_small ();
      return;
    }
  erase ();
  if (current.redraw)
    current.redraw (current.state);
}

int
ui_screen_key (void (*after_redraw) (void *state), void *state)
{
  for (;;)
    {
      int key = ui_read_key ();
      if (key != UI_KEY (KEY_RESIZE))
        {
          /* Keys typed at the "make the window larger" message would
             act on a screen the user cannot see. */
          if (ui_term_big_enough ())
            return key;
          continue;
        }
      ui_screen_redraw ();
      if (after_redraw && ui_term_big_enough ())
        after_redraw (state);
    }
}
