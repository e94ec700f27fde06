/* The wizard's loop: the main menu, then the steps, each screen drawn
   inside the same frame (top bar, status line, key bar). */
#include <config.h>

#include <curses.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "dialog.h"
#include "draft.h"
#include "help.h"
#include "base/i18n.h"
#include "screen.h"
#include "screen_frame.h"
#include "wizard_ui.h"
#include "store/store.h"
#include "term.h"
#include "text.h"
#include "tui.h"
#include "base/xalloc.h"

/* The state the signal path saves: set while the wizard runs. */
static struct wz_ui *running;

static void
save_on_signal (void)
{
  if (running && running->wz.step < WZ_STEP_COUNT
      && wz_has_input (&running->wz))
    wz_draft_save (&running->wz, running->store);
}

static void
draw_frame (struct wz_ui *ui, const struct wz_screen *screen)
{
  char *right = ui->wz.step < WZ_STEP_COUNT
    ? xasprintf (_("Step %d of %d: %s"), (int) ui->wz.step + 1,
                 (int) WZ_STEP_COUNT, wz_step_title (ui, ui->wz.step))
    : xstrdup (_(screen->title));
  erase ();
  wz_frame_draw (ui->wz.self_signed ? _("New self-signed certificate")
                                    : _("New certificate request"),
                 right, ui->status, ui->status_role, screen->keys,
                 screen->key_count);
  free (right);
}

static void
redraw_step (void *state)
{
  struct wz_ui *ui = state;
  const struct wz_screen *screen = wz_screen_of (ui->wz.step);
  draw_frame (ui, screen);
  screen->draw (ui);
  refresh ();
}

static void
show_help (struct wz_ui *ui, const struct wz_screen *screen)
{
  enum wz_help topic = screen->help (ui);
  ui_help (wz_help_title (topic), wz_help_text (topic));
}

/* Asks before what was typed is lost: when quitting (F10) or leaving
   the request (Esc on its first step). */
static bool
confirm_leaving (struct wz_ui *ui, bool quitting)
{
  if (!wz_has_input (&ui->wz) || ui->wz.step >= WZ_STEP_COUNT)
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
go_to (struct wz_ui *ui, enum wz_step step)
{
  ui->wz.step = step;
  ui->focus = 0;
  const struct wz_screen *screen = wz_screen_of (step);
  if (screen->enter)
    screen->enter (ui);
  /* Once the request is written there is nothing left to resume. */
  if (step < WZ_STEP_COUNT)
    wz_save_draft (ui);
  else
    wz_draft_discard (ui->store);
}

/* One key on a step: the frame's own keys first, then the screen's. */
static enum wz_action
step_key (struct wz_ui *ui, const struct wz_screen *screen, int key)
{
  if (key == UI_KEY (KEY_F (1)))
    {
      show_help (ui, screen);
      return WZ_STAY;
    }
  if (key == UI_KEY (KEY_F (10)))
    return confirm_leaving (ui, true) ? WZ_QUIT : WZ_STAY;
  if (key == UI_ESC)
    return WZ_BACK;
  return screen->key (ui, key);
}

static enum wz_action
follow (struct wz_ui *ui, enum wz_action action)
{
  switch (action)
    {
    case WZ_NEXT:
      if (!wz_step_complete (&ui->wz))
        wz_say (ui, _("Fix the errors shown before going on."), UI_ERROR);
      else
        go_to (ui, ui->wz.step + 1);
      return WZ_STAY;
    case WZ_BACK:
      if (ui->wz.step >= WZ_STEP_COUNT)
        return WZ_MENU;
      if (ui->wz.step == WZ_STEP_SUBJECT)
        return confirm_leaving (ui, false) ? WZ_MENU : WZ_STAY;
      go_to (ui, ui->wz.step - 1);
      return WZ_STAY;
    case WZ_GOTO:
      go_to (ui, ui->go_to);
      return WZ_STAY;
    default:
      return action;
    }
}

enum wz_action
wz_run_steps (struct wz_ui *ui)
{
  struct ui_screen previous = ui_screen_set (redraw_step, ui);
  enum wz_action action = WZ_STAY;
  go_to (ui, ui->wz.step);
  while (action == WZ_STAY)
    {
      const struct wz_screen *screen = wz_screen_of (ui->wz.step);
      ui_screen_redraw ();
      int key = ui_screen_key (NULL, NULL);
      wz_say (ui, NULL, UI_NORMAL);
      action = follow (ui, step_key (ui, screen, key));
    }
  ui_screen_restore (previous);
  return action;
}

/* ---------------------------------------------------------------- menu */

enum menu_choice
{
  MENU_REQUEST,
  MENU_SELF_SIGNED,
  MENU_IMPORT,
  MENU_BACKUP,
  MENU_BROWSE,
  MENU_QUIT,
  MENU_COUNT
};

static const struct
{
  const char *label;
  const char *explain;
} menu_items[MENU_COUNT] = {
  { N_("New certificate request"),
    N_("make a key and a request to send to your CA") },
  { N_("New self-signed certificate"),
    N_("for tests and internal services") },
  { N_("Import the CA's answer"),
    N_("or restore a backup (.pfx)") },
  { N_("Back up a certificate"),
    N_("with its key, as a .pfx file") },
  { N_("Browse certificates"),
    N_("what is on this machine") },
  { N_("Quit"), "" },
};

static void
draw_menu_item (int y, int x, int width, size_t index, bool selected,
                void *state)
{
  (void) state;
  char *line = wz_labeled (_(menu_items[index].label), 29,
                           *menu_items[index].explain
                             ? _(menu_items[index].explain) : "");
  ui_put (y, x, line, width, selected ? UI_SELECTED : UI_NORMAL);
  free (line);
}

static void
redraw_menu (void *state)
{
  static const struct ui_keyhint keys[] = {
    { "Enter", N_("Choose") }, { "F1", N_("Help") }, { "F10", N_("Quit") },
  };
  struct wz_ui *ui = state;
  char *store = xasprintf (_("store: %s"), cw_store_path (ui->store));
  erase ();
  ui_titlebar ("certwiz", store);
  ui_put (WZ_TOP + 1, 4, _("What do you want to do?"), 0, UI_LABEL);
  ui_list_draw (&ui->list, WZ_TOP + 3, 4, COLS - 8, MENU_COUNT,
                draw_menu_item, NULL);
  wz_draw_keys (keys, 3);
  refresh ();
  free (store);
}

static enum menu_choice
run_menu (struct wz_ui *ui)
{
  struct ui_screen previous = ui_screen_set (redraw_menu, ui);
  ui_list_init (&ui->list, MENU_COUNT);
  int key;
  for (;;)
    {
      ui_screen_redraw ();
      key = ui_screen_key (NULL, NULL);
      if (key == UI_KEY (KEY_F (10)) || key == UI_ESC || key == 'q')
        break;
      if (key == UI_KEY (KEY_F (1)))
        ui_help (wz_help_title (WZ_HELP_MENU), wz_help_text (WZ_HELP_MENU));
      else if (ui_is_enter (key))
        break;
      else
        ui_list_key (&ui->list, key, MENU_COUNT);
    }
  ui_screen_restore (previous);
  return ui_is_enter (key) ? (enum menu_choice) ui->list.selected
                           : MENU_QUIT;
}

/* An interrupted request is offered back before anything else. */
static bool
resume_draft (struct wz_ui *ui)
{
  char *saved_at = NULL;
  struct wizard draft;
  wz_init (&draft);
  if (!wz_draft_load (&draft, ui->store, &saved_at)
      || !wz_has_input (&draft))
    {
      free (saved_at);
      wz_free (&draft);
      return false;
    }
  char *text = xasprintf (_("A request you were writing was kept when "
                            "certwiz stopped (saved %s). Resume it?"),
                          saved_at ? saved_at : "?");
  const char *buttons[] = { _("Resume"), _("Start over") };
  bool resume = ui_choose (_("Resume?"), text, buttons, 2, 0) == 0;
  free (text);
  free (saved_at);
  if (resume)
    {
      wz_free (&ui->wz);
      ui->wz = draft;
      return true;
    }
  wz_free (&draft);
  wz_draft_discard (ui->store);
  return false;
}

static void
ui_free (struct wz_ui *ui)
{
  wz_free (&ui->wz);
  free (ui->warned_cn);
  free (ui->done_path);
}

static enum wz_action
new_key (struct wz_ui *ui, bool self_signed)
{
  wz_free (&ui->wz);
  wz_init (&ui->wz);
  ui->wz.self_signed = self_signed;
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

static enum wz_action
from_menu (struct wz_ui *ui, enum menu_choice choice)
{
  switch (choice)
    {
    case MENU_REQUEST:
    case MENU_SELF_SIGNED:
      return new_key (ui, choice == MENU_SELF_SIGNED);
    case MENU_IMPORT:
      return wz_run_import (ui);
    case MENU_BACKUP:
      return wz_run_backup (ui, NULL);
    case MENU_BROWSE:
      return wz_browse (ui, NULL, 0);
    default:
      return WZ_QUIT;
    }
}

static void
run (struct wz_ui *ui)
{
  enum wz_action left = WZ_MENU;
  if (resume_draft (ui))
    {
      left = wz_run_steps (ui);
      wz_draft_discard (ui->store);
      wz_free (&ui->wz);
      wz_init (&ui->wz);
    }
  while (left != WZ_QUIT)
    left = from_menu (ui, run_menu (ui));
}

bool
wz_session_start (struct wz_ui *ui, struct cw_store *store)
{
  *ui = (struct wz_ui) { .status_role = UI_NORMAL, .store = store };
  wz_init (&ui->wz);
  running = ui;
  if (ui_term_start (save_on_signal))
    {
      ui_screen_set (NULL, NULL);
      return true;
    }
  running = NULL;
  return false;
}

void
wz_session_end (struct wz_ui *ui)
{
  ui_term_stop ();
  running = NULL;
  ui_free (ui);
}

/* Why the store cannot be used, said before the screens take over. */
static void
say_store_refused (const struct cw_diags *diags)
{
  char *text = cw_diags_text (diags, CW_DIAG_LINE, "\n", true);
  fprintf (stderr, "%s\n", text);
  free (text);
}

int
cw_wizard_run (const char *store_option)
{
  if (!isatty (STDIN_FILENO) || !isatty (STDOUT_FILENO))
    return -1;
  struct cw_diags diags = CW_DIAGS_INIT;
  struct cw_store *store;
  enum cw_status status = cw_store_open (&store, store_option, &diags);
  /* Without a place for the store, the usage says how to name one. */
  bool unknown = cw_diags_find (&diags, "store-unknown") != NULL;
  if (status != CW_OK && !unknown)
    say_store_refused (&diags);
  cw_diags_free (&diags);
  if (status != CW_OK)
    return unknown ? -1 : (int) status;
  struct wz_ui ui;
  int result = 0;
  if (wz_session_start (&ui, store))
    run (&ui);
  else
    result = -1;
  wz_session_end (&ui);
  cw_store_close (store);
  return result;
}
