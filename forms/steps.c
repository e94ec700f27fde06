/* The frame the steps of a flow run in: the top bar (the flow's title,
   "Step 2 of 5: Names (SAN)"), the status line and the key bar, around
   the screen of the current step, which the flow's table names.  It is
   one screen of the loop; going from step to step changes what it
   shows and its keys. */
#include <config.h>

#include <curses.h>
#include <stdlib.h>

#include "dialog.h"
#include "draft.h"
#include "flow.h"
#include "base/i18n.h"
#include "keybar.h"
#include "loop.h"
#include "screen_frame.h"
#include "wizard_ui.h"
#include "base/xalloc.h"

/* The screen of each kind of step: a flow's table names kinds. */
static const struct wz_screen *
screen_of (enum wz_step step)
{
  static const struct wz_screen *const screens[WZ_STEP_COUNT] = {
    [WZ_STEP_SUBJECT] = &wz_subject_screen,
    [WZ_STEP_NAMES] = &wz_names_screen,
    [WZ_STEP_KEY] = &wz_key_screen,
    [WZ_STEP_REVIEW] = &wz_review_screen,
    [WZ_STEP_WRITE] = &wz_write_screen,
    [WZ_STEP_VALIDITY] = &wz_validity_screen,
    [WZ_STEP_WRITTEN] = &wz_written_screen,
    [WZ_STEP_INSTALLED] = &wz_installed_screen,
  };
  return screens[step < WZ_STEP_COUNT ? step : WZ_STEP_SUBJECT];
}

static const struct wz_screen *
current (const struct wz_ui *ui)
{
  return screen_of (ui->wz.step);
}

static size_t
position (const struct wz_ui *ui)
{
  return wz_flow_index (ui->wz.flow, ui->wz.step);
}

static void
draw_steps (struct ui_screen *screen)
{
  struct wz_ui *ui = screen->state;
  size_t at = position (ui);
  char *right = at < ui->wz.flow->count
    ? xasprintf (_("Step %d of %d: %s"), (int) at + 1,
                 (int) ui->wz.flow->count, wz_step_title (ui, at))
    : xstrdup (wz_step_title (ui, at));
  wz_frame_draw (screen, _(ui->wz.flow->title), right, ui->status,
                 ui->status_role);
  free (right);
  current (ui)->draw (ui);
}

/* Asks before what was typed is lost: when quitting (F10) or leaving
   the flow (Esc on its first step). */
static bool
confirm_leaving (struct wz_ui *ui, bool quitting)
{
  if (!wz_has_input (&ui->wz) || !wz_in_steps (&ui->wz))
    return true;
  if (quitting)
    return ui_confirm (_("Quit certwiz?"),
                       _("What you typed will be lost. Quit anyway?"),
                       false);
  return ui_confirm (_("Leave this request?"),
                     _("What you typed will be lost. Leave it anyway?"),
                     false);
}

static void
go_to (struct ui_screen *screen, enum wz_step step)
{
  struct wz_ui *ui = screen->state;
  ui->wz.step = step;
  ui->focus = 0;
  if (current (ui)->enter)
    current (ui)->enter (ui);
  screen->keys = current (ui)->keys;
  /* Once the flow's work is done there is nothing left to resume. */
  if (wz_in_steps (&ui->wz))
    wz_save_draft (ui);
  else
    wz_draft_discard (ui->store);
}

static void
step_by (struct ui_screen *screen, int by)
{
  struct wz_ui *ui = screen->state;
  const struct wz_flow *flow = ui->wz.flow;
  size_t next = position (ui) + (size_t) by;
  go_to (screen, next < flow->count ? flow->steps[next].step
                                    : flow->end.step);
}

static void
follow (struct ui_screen *screen, enum wz_action action)
{
  struct wz_ui *ui = screen->state;
  switch (action)
    {
    case WZ_NEXT:
      if (!wz_step_complete (&ui->wz))
        wz_say (ui, _("Fix the errors shown before going on."), UI_ERROR);
      else
        step_by (screen, 1);
      break;
    case WZ_BACK:
      if (!wz_in_steps (&ui->wz))
        ui_close (screen, WZ_MENU);
      else if (position (ui) == 0)
        {
          if (confirm_leaving (ui, false))
            ui_close (screen, WZ_MENU);
        }
      else
        step_by (screen, -1);
      break;
    case WZ_GOTO:
      go_to (screen, ui->go_to);
      break;
    case WZ_MENU:
      ui_close (screen, WZ_MENU);
      break;
    case WZ_QUIT:
      ui_quit ();
      break;
    default:
      break;
    }
}

static void
key_steps (struct ui_screen *screen, int key)
{
  struct wz_ui *ui = screen->state;
  wz_say (ui, NULL, UI_NORMAL);
  if (current (ui)->key_typed)
    follow (screen, current (ui)->key_typed (ui, key));
}

static bool
act_steps (struct ui_screen *screen, int action, int key)
{
  struct wz_ui *ui = screen->state;
  wz_say (ui, NULL, UI_NORMAL);
  if (action == UI_ACT_HELP)
    return false;
  if (action == UI_ACT_QUIT)
    {
      if (confirm_leaving (ui, true))
        ui_quit ();
      return true;
    }
  enum wz_action done = action == UI_ACT_BACK
    ? WZ_BACK : current (ui)->act (ui, action, key);
  if (done == WZ_TYPE)
    key_steps (screen, key);
  else
    follow (screen, done);
  return true;
}

static bool
help_steps (struct ui_screen *screen, const char **title, const char **text)
{
  struct wz_ui *ui = screen->state;
  enum wz_help topic = current (ui)->help (ui);
  *title = wz_help_title (topic);
  *text = wz_help_text (topic);
  return true;
}

static const struct ui_screen_ops steps_ops = {
  .draw = draw_steps, .act = act_steps, .key = key_steps,
  .help = help_steps,
};

enum wz_action
wz_run_steps (struct wz_ui *ui)
{
  struct ui_screen screen = { .ops = &steps_ops, .first_tick = -1,
                              .state = ui };
  go_to (&screen, ui->wz.step);
  ui_run (&screen);
  return ui_quitting () ? WZ_QUIT : WZ_MENU;
}

enum wz_action
wz_run_flow (struct wz_ui *ui, const struct wz_flow *flow)
{
  wz_free (&ui->wz);
  wz_init (&ui->wz);
  ui->wz.flow = flow;
  free (ui->warned_cn);
  ui->warned_cn = NULL;
  enum wz_action left = wz_run_steps (ui);
  /* Leaving on purpose drops the draft, and what was typed with it: only
     a lost connection or a signal during the steps keeps one. */
  wz_draft_discard (ui->store);
  wz_free (&ui->wz);
  wz_init (&ui->wz);
  return left;
}
