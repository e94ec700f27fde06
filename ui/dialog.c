#include <config.h>

#include "dialog.h"

#include <curses.h>
#include <stdlib.h>

#include "box.h"
#include "buttons.h"
#include "field.h"
#include "base/i18n.h"
#include "term.h"
#include "text.h"
#include "base/xalloc.h"

static void
draw_ok (struct ui_box *box, int y, int x, int width)
{
  (void) box;
  /* TRANSLATORS: the button that closes a message. */
  const char *ok[] = { _("OK") };
  ui_buttons_draw (y, x, width, ok, 1, 0);
}

void
ui_message (const char *title, const char *text, enum ui_role role)
{
  struct ui_box box = { .title = title, .title_role = role, .text = text,
                        .footer_rows = 1, .draw_footer = draw_ok };
  ui_box_open (&box);
  for (;;)
    {
      int key = ui_box_key (&box);
      if (ui_is_enter (key) || key == UI_ESC)
        break;
    }
  ui_box_close (&box);
}

struct choice
{
  const char *const *buttons;
  size_t count;
  size_t focus;
};

static void
draw_choice (struct ui_box *box, int y, int x, int width)
{
  struct choice *c = box->data;
  ui_buttons_draw (y, x, width, c->buttons, c->count, c->focus);
}

int
ui_choose (const char *title, const char *text, const char *const *buttons,
           size_t count, size_t default_index)
{
  if (count == 0)
    return -1;
  struct choice c = { buttons, count, default_index };
  if (c.focus >= count)
    c.focus = 0;
  struct ui_box box = { .title = title, .title_role = UI_LABEL,
                        .text = text, .footer_rows = 1,
                        .draw_footer = draw_choice, .data = &c };
  ui_box_open (&box);
  int chosen;
  for (;;)
    {
      int key = ui_box_key (&box);
      if (ui_is_enter (key))
        chosen = (int) c.focus;
      else if (key == UI_ESC)
        chosen = -1;
      else
        chosen = ui_buttons_key (buttons, count, &c.focus, key);
      if (chosen != UI_BUTTONS_NONE)
        break;
      ui_box_draw (&box);
    }
  ui_box_close (&box);
  return chosen;
}

bool
ui_confirm (const char *title, const char *text, bool default_yes)
{
  const char *const buttons[] = { _("Yes"), _("No") };
  return ui_choose (title, text, buttons, 2, default_yes ? 0 : 1) == 0;
}

static void
draw_ask (struct ui_box *box, int y, int x, int width)
{
  struct ui_field *field = box->data;
  /* TRANSLATORS: under a text box: Enter accepts what was typed, Esc
     gives up.  Keep the key names as printed on keyboards. */
  ui_put_text (y + 2, x, _("Enter: OK    Esc: cancel"), width, UI_DIM);
  /* Last: the field leaves the cursor where typing goes. */
  ui_field_draw (field, y, x, width, true);
}

char *
ui_ask (const char *title, const char *text, const char *initial,
        size_t max_chars)
{
  struct ui_field field;
  ui_field_init (&field, max_chars);
  if (initial)
    ui_field_set (&field, initial);
  struct ui_box box = { .title = title, .title_role = UI_LABEL,
                        .text = text, .footer_rows = 3,
                        .draw_footer = draw_ask, .data = &field };
  ui_box_open (&box);
  char *answer = NULL;
  for (;;)
    {
      int key = ui_box_key (&box);
      if (ui_is_enter (key))
        answer = xstrdup (field.text);
      if (answer || key == UI_ESC)
        break;
      if (ui_field_key (&field, key) == UI_FIELD_REFUSED)
        beep ();
      ui_box_draw (&box);
    }
  ui_box_close (&box);
  ui_field_free (&field);
  return answer;
}
