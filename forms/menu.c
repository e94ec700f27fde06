/* The main menu: one table, from which the items, their explanations,
   the help and what each opens all come. */
#include <config.h>

#include <curses.h>
#include <stdlib.h>
#include <string.h>

#include "dialog.h"
#include "draft.h"
#include "flow.h"
#include "base/i18n.h"
#include "keybar.h"
#include "loop.h"
#include "text.h"
#include "wizard_ui.h"
#include "base/xalloc.h"

struct menu_item
{
  const char *label;       /* N_() */
  const char *explain;     /* N_(), beside the label; may be "" */
  const char *help;        /* N_(), its paragraph of the menu's help */
  enum wz_action (*open) (struct wz_ui *ui);
};

static enum wz_action
new_request (struct wz_ui *ui)
{
  return wz_run_flow (ui, &wz_flow_request);
}

static enum wz_action
new_selfsigned (struct wz_ui *ui)
{
  return wz_run_flow (ui, &wz_flow_selfsign);
}

static enum wz_action
back_up (struct wz_ui *ui)
{
  return wz_run_backup (ui, NULL);
}

static enum wz_action
browse (struct wz_ui *ui)
{
  return wz_browse (ui, NULL, 0);
}

static enum wz_action
quit (struct wz_ui *ui)
{
  (void) ui;
  return WZ_QUIT;
}

static const struct menu_item items[] = {
  { N_("New certificate request"),
    N_("make a key and a request to send to your CA"),
    N_("the subject, the names, the key, a review, and the request file "
       "to send to your CA. The key stays in the store."), new_request },
  { N_("New self-signed certificate"),
    N_("for tests and internal services"),
    N_("the same steps, then the certificate is made and installed here "
       "at once, signed by its own key. Clients trust it only when told "
       "to."), new_selfsigned },
  { N_("Import the CA's answer"),
    N_("or restore a backup (.pfx)"),
    N_("the certificate your CA sent goes onto the key its request left "
       "in this store; a backup brings its own key and asks for its "
       "password."), wz_run_import },
  { N_("Back up a certificate"),
    N_("with its key, as a .pfx file"),
    N_("a certificate and its private key in one file locked with a "
       "password, checked once written."), back_up },
  { N_("Browse certificates"),
    N_("what is on this machine"),
    N_("every request and certificate of the store: sort, filter, read "
       "every field, test a domain, back up, clone or delete."), browse },
  { N_("Quit"), "", N_("leave certwiz; F10 does it from any screen."),
    quit },
};

#define ITEM_COUNT (sizeof items / sizeof items[0])

struct menu
{
  struct wz_ui *ui;
  char *help;              /* the help, made from the table once */
};

/* ------------------------------------------------------------- drawing */

static void
draw_item (int y, int x, int width, size_t index, bool selected,
           void *state)
{
  (void) state;
  char *line = wz_labeled (_(items[index].label), 29,
                           *items[index].explain
                             ? _(items[index].explain) : "");
  ui_put (y, x, line, width, selected ? UI_SELECTED : UI_NORMAL);
  free (line);
}

static void
draw_menu (struct ui_screen *screen)
{
  struct menu *m = screen->state;
  char *store = xasprintf (_("store: %s"), cw_store_path (m->ui->store));
  ui_titlebar ("certwiz", store);
  ui_put (WZ_TOP + 1, 4, _("What do you want to do?"), 0, UI_LABEL);
  ui_list_draw (&m->ui->list, WZ_TOP + 3, 4, COLS - 8, (int) ITEM_COUNT,
                draw_item, NULL);
  ui_draw_keybar (screen);
  free (store);
}

/* --------------------------------------------------------------- keys */

enum { MENU_OPEN = 1 };

static bool
act_menu (struct ui_screen *screen, int action, int key)
{
  struct menu *m = screen->state;
  (void) key;
  if (action != MENU_OPEN)
    return false;
  if (items[m->ui->list.selected].open (m->ui) == WZ_QUIT)
    ui_quit ();
  /* Each item left its own list behind; the menu starts again at the
     top. */
  ui_list_init (&m->ui->list, ITEM_COUNT);
  return true;
}

static void
key_menu (struct ui_screen *screen, int key)
{
  struct menu *m = screen->state;
  ui_list_key (&m->ui->list, key, (int) ITEM_COUNT);
}

/* The wizard's help, then a paragraph for each item. */
static char *
menu_help (void)
{
  char *text = xstrdup (wz_help_text (WZ_HELP_MENU));
  for (size_t i = 0; i < ITEM_COUNT; i++)
    {
      /* TRANSLATORS: a paragraph of the main menu's help: an item, then
         what it does. */
      char *joined = xasprintf (_("%s\n\n%s: %s"), text, _(items[i].label),
                                _(items[i].help));
      free (text);
      text = joined;
    }
  return text;
}

static bool
help_menu (struct ui_screen *screen, const char **title, const char **text)
{
  struct menu *m = screen->state;
  if (!m->help)
    m->help = menu_help ();
  *title = wz_help_title (WZ_HELP_MENU);
  *text = m->help;
  return true;
}

/* Esc and q quit too, at once: nothing is lost at the menu. */
static const struct ui_key menu_keys[] = {
  UI_ENTER_KEYS (MENU_OPEN, "Enter", N_("Choose")),
  { UI_KEY (KEY_F (1)), UI_ACT_HELP, "F1", N_("Help") },
  { UI_ESC, UI_ACT_QUIT, NULL, NULL },
  { 'q', UI_ACT_QUIT, NULL, NULL },
};

static const struct ui_screen_ops menu_ops = {
  .draw = draw_menu, .act = act_menu, .key = key_menu, .help = help_menu,
};

/* ------------------------------------------------------------- resume */

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
  int answer = ui_choose (_("Resume?"), text, buttons, 2, 0);
  free (text);
  free (saved_at);
  if (answer == 0)
    {
      wz_free (&ui->wz);
      ui->wz = draft;
      return true;
    }
  wz_free (&draft);
  wz_draft_discard (ui->store);
  return false;
}

void
wz_run_menu (struct wz_ui *ui)
{
  if (resume_draft (ui))
    {
      wz_run_steps (ui);
      wz_draft_discard (ui->store);
      wz_free (&ui->wz);
      wz_init (&ui->wz);
    }
  struct menu m = { .ui = ui };
  struct ui_screen screen = {
    .ops = &menu_ops, .keys = UI_KEYMAP (menu_keys, UI_SHARE_ALL),
    .first_tick = -1, .state = &m,
  };
  ui_list_init (&ui->list, ITEM_COUNT);
  ui_run (&screen);
  free (m.help);
}
