/* The dialogs, each an overlay screen run by the loop over the screen
   that asks. */
#include <config.h>

#include "dialog.h"

#include <curses.h>
#include <stdlib.h>

#include "box.h"
#include "buttons.h"
#include "field.h"
#include "base/i18n.h"
#include "loop.h"
#include "term.h"
#include "text.h"
#include "base/xalloc.h"

enum { DIALOG_ENTER = 1 };

/* Esc is the shared Back: the loop closes the dialog with UI_BACK. */
static const struct ui_key dialog_keys[] = {
  UI_ENTER_KEYS (DIALOG_ENTER, NULL, NULL),
};

static void
draw_box (struct ui_screen *screen)
{
  ui_box_draw (screen->state);
}

static void
dialog_screen (struct ui_screen *screen, const struct ui_screen_ops *ops,
               struct ui_box *box)
{
  ui_box_init (box);
  *screen = (struct ui_screen) {
    .ops = ops, .keys = UI_KEYMAP (dialog_keys, UI_SHARE_BACK),
    .overlay = true, .first_tick = -1, .state = box,
  };
}

/* ------------------------------------------------------------ message */

static void
draw_ok (struct ui_box *box, int y, int x, int width)
{
  (void) box;
  /* TRANSLATORS: the button that closes a message. */
  const char *ok[] = { _("OK") };
  ui_buttons_draw (y, x, width, ok, 1, 0);
}

static bool
act_message (struct ui_screen *screen, int action, int key)
{
  (void) key;
  if (action != DIALOG_ENTER)
    return false;
  ui_close (screen, 0);
  return true;
}

static void
scroll_key (struct ui_screen *screen, int key)
{
  ui_box_scroll (screen->state, key);
}

static const struct ui_screen_ops message_ops = {
  .draw = draw_box, .act = act_message, .key = scroll_key,
};

void
ui_message (const char *title, const char *text, enum ui_role role)
{
  struct ui_box box = { .title = title, .title_role = role, .text = text,
                        .footer_rows = 1, .draw_footer = draw_ok };
  struct ui_screen screen;
  dialog_screen (&screen, &message_ops, &box);
  ui_run (&screen);
  ui_box_free (&box);
}

/* ------------------------------------------------------------- choose */

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

static bool
act_choice (struct ui_screen *screen, int action, int key)
{
  (void) key;
  struct ui_box *box = screen->state;
  struct choice *c = box->data;
  if (action != DIALOG_ENTER)
    return false;
  ui_close (screen, (int) c->focus);
  return true;
}

static void
choice_key (struct ui_screen *screen, int key)
{
  struct ui_box *box = screen->state;
  struct choice *c = box->data;
  if (ui_box_scroll (box, key))
    return;
  int chosen = ui_buttons_key (c->buttons, c->count, &c->focus, key);
  if (chosen != UI_BUTTONS_NONE)
    ui_close (screen, chosen);
}

static const struct ui_screen_ops choice_ops = {
  .draw = draw_box, .act = act_choice, .key = choice_key,
};

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
  struct ui_screen screen;
  dialog_screen (&screen, &choice_ops, &box);
  int chosen = ui_run (&screen);
  ui_box_free (&box);
  return chosen < 0 ? -1 : chosen;
}

bool
ui_confirm (const char *title, const char *text, bool default_yes)
{
  const char *const buttons[] = { _("Yes"), _("No") };
  return ui_choose (title, text, buttons, 2, default_yes ? 0 : 1) == 0;
}

/* ---------------------------------------------------------------- ask */

struct ask
{
  struct ui_field field;
  char *answer;
};

static void
draw_ask (struct ui_box *box, int y, int x, int width)
{
  struct ask *a = box->data;
  /* TRANSLATORS: under a text box: Enter accepts what was typed, Esc
     gives up.  Keep the key names as printed on keyboards. */
  ui_put_text (y + 2, x, _("Enter: OK    Esc: cancel"), width, UI_DIM);
  /* Last: the field leaves the cursor where typing goes. */
  ui_field_draw (&a->field, y, x, width, true);
}

static bool
act_ask (struct ui_screen *screen, int action, int key)
{
  (void) key;
  struct ui_box *box = screen->state;
  struct ask *a = box->data;
  if (action != DIALOG_ENTER)
    return false;
  a->answer = xstrdup (a->field.text);
  ui_close (screen, 0);
  return true;
}

static void
ask_key (struct ui_screen *screen, int key)
{
  struct ui_box *box = screen->state;
  struct ask *a = box->data;
  if (!ui_box_scroll (box, key)
      && ui_field_key (&a->field, key) == UI_FIELD_REFUSED)
    beep ();
}

static const struct ui_screen_ops ask_ops = {
  .draw = draw_box, .act = act_ask, .key = ask_key,
};

char *
ui_ask (const char *title, const char *text, const char *initial,
        size_t max_chars)
{
  struct ask a = { .answer = NULL };
  ui_field_init (&a.field, max_chars);
  if (initial)
    ui_field_set (&a.field, initial);
  struct ui_box box = { .title = title, .title_role = UI_LABEL,
                        .text = text, .footer_rows = 3,
                        .draw_footer = draw_ask, .data = &a,
                        .has_field = true };
  struct ui_screen screen;
  dialog_screen (&screen, &ask_ops, &box);
  ui_run (&screen);
  ui_box_free (&box);
  ui_field_free (&a.field);
  return a.answer;
}
