/* Import: the file the CA sent (or a backup, with its password), handed
   to the core's cw_import, then what happened (forms/import_result.c). */
#include <config.h>

#include <curses.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "store/store.h"
#include "pki/pemwindow.h"
#include "pki/certset.h"
#include "dialog.h"
#include "file_picker.h"
#include "base/i18n.h"
#include "pki/import.h"
#include "import_result.h"
#include "password_entry.h"
#include "report_view.h"
#include "loop.h"
#include "screen_frame.h"
#include "term.h"
#include "text.h"
#include "wizard_ui.h"
#include "base/xalloc.h"

#define PROMPT_ROW WZ_TOP
#define PATH_ROW (WZ_TOP + 2)
#define HINT_ROW (PATH_ROW + 1)
#define MATCH_ROW (PATH_ROW + 3)
#define MATCH_ROWS 7
#define ABOUT_ROW (MATCH_ROW + MATCH_ROWS + 1)

struct import_form
{
  struct wz_ui *ui;
  struct ui_field path;
  struct wz_completion shown;   /* what a second Tab listed */
  bool tabbed;                  /* the last key was Tab */
};

/* ------------------------------------------------------------- drawing */

static int
widest_match (const struct wz_completion *c)
{
  int widest = 1;
  for (size_t i = 0; i < c->count; i++)
    if (ui_width (c->matches[i]) > widest)
      widest = ui_width (c->matches[i]);
  return widest;
}

/* The names a second Tab listed, in columns, as a shell shows them. */
static void
draw_matches (const struct wz_completion *c)
{
  int width = COLS - 6, column = widest_match (c) + 2;
  if (column > width)
    column = width;
  size_t per_row = (size_t) (width / column), shown = 0;
  for (int row = 0; row < MATCH_ROWS && shown < c->count; row++)
    for (size_t i = 0; i < per_row && shown < c->count; i++, shown++)
      {
        bool last = row == MATCH_ROWS - 1 && i == per_row - 1
                    && shown + 1 < c->count;
        char *more = last ? xasprintf (_("(%zu more)"), c->count - shown)
                          : NULL;
        ui_put (MATCH_ROW + row, 4 + (int) i * column,
                more ? more : c->matches[shown], column - 1,
                more ? UI_DIM : UI_NORMAL);
        free (more);
      }
}

static void
draw_about (const struct wz_ui *ui)
{
  struct wz_report about = WZ_REPORT_INIT;
  wz_report_add (&about, UI_DIM, 0,
                 _("A certificate from your CA (.cer .crt .pem .der .p7b) "
                   "goes onto the private key this store kept when its "
                   "request was made: import it on the machine that made "
                   "the request. A backup (.pfx .p12) brings its own key "
                   "and asks for its password."));
  char *store = xasprintf (_("Store: %s"), cw_store_path (ui->store));
  wz_report_add (&about, UI_DIM, 0, store);
  free (store);
  wz_report_draw (&about, ABOUT_ROW, WZ_STATUS_ROW - ABOUT_ROW - 1);
  wz_report_free (&about);
}

static void
draw_form (struct ui_screen *screen)
{
  struct import_form *form = screen->state;
  wz_frame_draw (screen, _("Import"), _("Choose the file"), form->ui->status,
                 form->ui->status_role);
  ui_put (PROMPT_ROW, 2, _("The certificate file your CA sent, or a backup "
                           "(.pfx) to restore:"), 0, UI_LABEL);
  ui_put (HINT_ROW, 2, _("Tab completes the name; F2 lists the files of a "
                         "folder."), 0, UI_DIM);
  if (form->shown.count)
    draw_matches (&form->shown);
  draw_about (form->ui);
  /* Last: the field leaves the cursor where typing goes. */
  ui_field_draw (&form->path, PATH_ROW, 2, COLS - 4, true);
}

/* ---------------------------------------------------------- completion */

static void
forget_matches (struct import_form *form)
{
  wz_completion_free (&form->shown);
}

static void
say_fit (struct wz_ui *ui, size_t count)
{
  /* The status line keeps a pointer until the next key: static. */
  static char text[160];
  snprintf (text, sizeof text,
            ngettext ("%zu name fits: press Tab again to list it.",
                      "%zu names fit: press Tab again to list them.", count),
            count);
  wz_say (ui, text, UI_NOTE);
}

static void
complete (struct import_form *form)
{
  struct wz_completion c;
  wz_complete_path (form->path.text, &c);
  bool added = strcmp (c.text, form->path.text) != 0;
  forget_matches (form);
  if (c.count == 0)
    wz_say (form->ui, _("No file or folder starts with that name."),
            UI_WARNING);
  else if (added)
    ui_field_set (&form->path, c.text);
  if (c.count > 1 && form->tabbed && !added)
    form->shown = c;
  else
    {
      if (c.count > 1)
        say_fit (form->ui, c.count);
      wz_completion_free (&c);
    }
}

static enum wz_action
pick (struct import_form *form)
{
  char *chosen;
  enum wz_pick picked = wz_pick_file (form->path.text, &chosen);
  if (picked == WZ_PICK_CHOSEN)
    {
      ui_field_set (&form->path, chosen);
      forget_matches (form);
      free (chosen);
      /* Choosing from the list is asking for the import. */
      return WZ_NEXT;
    }
  return picked == WZ_PICK_QUIT ? WZ_QUIT : WZ_STAY;
}

/* ---------------------------------------------------------- importing */

/* Opening a backup takes a moment: the status line says so meanwhile. */
static void
show_working (struct wz_ui *ui, const char *text)
{
  wz_say (ui, text, UI_NOTE);
  ui_redraw_now ();
}

static enum wz_action
import_data (struct import_form *form, const char *file,
             const gnutls_datum_t *data, const char *password,
             struct cw_diags *diags, bool *bad_password)
{
  struct cw_import_options options = {
    .file = file, .data = data, .password = password,
  };
  struct cw_import_result result;
  show_working (form->ui, password ? _("Opening the backup...")
                                   : _("Importing..."));
  enum cw_status status = cw_import (form->ui->store, &options, &result,
                                     diags);
  wz_say (form->ui, NULL, UI_NORMAL);
  *bad_password = status != CW_OK
                  && cw_diags_find (diags, "p12-bad-password") != NULL;
  enum wz_action action = *bad_password
    ? WZ_STAY : wz_import_outcome (form->ui->store, file, status, &result,
                                   diags);
  cw_import_result_free (&result);
  return action;
}

/* Asks for the backup's password until it opens the file or the user
   gives up; a wrong one is said in the next question. */
static enum wz_action
import_backup (struct import_form *form, const char *file,
               const gnutls_datum_t *data)
{
  struct wz_secret secret;
  wz_secret_init (&secret);
  char *question = xstrdup (_("This file is a backup (PKCS#12). Type the "
                              "password it was made with:"));
  enum wz_action action = WZ_STAY;
  bool bad = true;
  const char *title = _("Backup password");
  while (bad && wz_ask_password (title, question,
                                 wz_xhelp_title (WZ_XHELP_IMPORT_PASSWORD),
                                 wz_xhelp_text (WZ_XHELP_IMPORT_PASSWORD),
                                 &secret))
    {
      struct cw_diags diags = CW_DIAGS_INIT;
      action = import_data (form, file, data, secret.text, &diags, &bad);
      wz_secret_wipe (&secret);
      if (bad)
        {
          title = _("Wrong password");
          free (question);
          question = xasprintf ("%s\n\n%s", cw_diags_find
                                  (&diags, "p12-bad-password")->message,
                                _("Type it again, or press Esc to go "
                                  "back."));
        }
      cw_diags_free (&diags);
    }
  free (question);
  wz_secret_free (&secret);
  return action;
}

/* Reads the file, then imports it: WZ_STAY to come back to the form. */
static enum wz_action
import_file (struct import_form *form)
{
  char *file = wz_expand_path (form->path.text);
  gnutls_datum_t data = { NULL, 0 };
  struct cw_diags diags = CW_DIAGS_INIT;
  enum wz_action action = WZ_STAY;
  bool bad;
  /* A bundle of PEM certificates is read a window at a time by the
     import itself, as on the command line: a large one is never held
     whole. */
  struct cw_pem_window window;
  bool windowed = cw_pem_window_open (&window, file, CW_PEM_WINDOW_BYTES);
  if (windowed)
    {
      cw_pem_window_close (&window);
      action = import_data (form, file, NULL, NULL, &diags, &bad);
    }
  else if (cw_input_read (file, &data, &diags) != CW_OK)
    {
      char *text = wz_diags_text (&diags);
      ui_message (_("The file was not read"), text, UI_ERROR);
      free (text);
    }
  else if (cw_file_detect (&data) == CW_FILE_PKCS12)
    action = import_backup (form, file, &data);
  else
    action = import_data (form, file, &data, NULL, &diags, &bad);
  /* The file may hold a private key beside the certificates. */
  if (data.data)
    explicit_bzero (data.data, data.size);
  free (data.data);
  cw_diags_free (&diags);
  free (file);
  return action == WZ_BACK ? WZ_STAY : action;
}

/* ---------------------------------------------------------------- keys */

enum
{
  IMPORT_COMPLETE = 1,
  IMPORT_LIST,
  IMPORT_ENTER
};

static void
end_with (struct ui_screen *screen, enum wz_action action)
{
  if (action == WZ_QUIT)
    ui_quit ();
  else if (action != WZ_STAY)
    ui_close (screen, action);
}

static bool
act_form (struct ui_screen *screen, int action, int key)
{
  struct import_form *form = screen->state;
  (void) key;
  wz_say (form->ui, NULL, UI_NORMAL);
  enum wz_action next = WZ_STAY;
  if (action == UI_ACT_BACK)
    next = WZ_MENU;
  else if (action == IMPORT_COMPLETE)
    complete (form);
  else if (action == IMPORT_LIST)
    next = pick (form);
  else if (action == IMPORT_ENTER && form->path.len)
    next = WZ_NEXT;
  else if (action == IMPORT_ENTER)
    wz_say (form->ui, _("Type the file's name, or press F2 to choose it "
                        "from a list."), UI_WARNING);
  else
    return false;
  form->tabbed = action == IMPORT_COMPLETE;
  if (next == WZ_NEXT)
    next = import_file (form);
  end_with (screen, next);
  return true;
}

static void
typed (struct ui_screen *screen, int key)
{
  struct import_form *form = screen->state;
  wz_say (form->ui, NULL, UI_NORMAL);
  if (ui_field_key (&form->path, key) == UI_FIELD_CHANGED)
    forget_matches (form);
  form->tabbed = false;
}

static bool
help_form (struct ui_screen *screen, const char **title, const char **text)
{
  (void) screen;
  return wz_frame_help (WZ_XHELP_IMPORT_FILE, title, text);
}

static const struct ui_key form_keys[] = {
  { UI_TAB, IMPORT_COMPLETE, "Tab", N_("Complete") },
  { UI_KEY (KEY_F (2)), IMPORT_LIST, "F2", N_("List files") },
  UI_ENTER_KEYS (IMPORT_ENTER, "Enter", N_("Import")),
};

static const struct ui_screen_ops form_ops = {
  .draw = draw_form, .act = act_form, .key = typed, .help = help_form,
};

/* ---------------------------------------------------------------- run */

enum wz_action
wz_run_import (struct wz_ui *ui)
{
  struct import_form form = { .ui = ui, .shown = { NULL, NULL, 0 } };
  ui_field_init (&form.path, 0);
  struct ui_screen screen = { .ops = &form_ops,
                              .keys = UI_KEYMAP (form_keys, UI_SHARE_ALL),
                              .first_tick = -1, .state = &form };
  ui_run (&screen);
  forget_matches (&form);
  ui_field_free (&form.path);
  wz_say (ui, NULL, UI_NORMAL);
  return ui_quitting () ? WZ_QUIT : WZ_MENU;
}
