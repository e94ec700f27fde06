/* Import: the file the CA sent (or a backup, with its password), handed
   to the core's cw_import, then what happened (forms/import_result.c). */
#include <config.h>

#include <curses.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "store/store.h"
#include "pki/certset.h"
#include "dialog.h"
#include "file_picker.h"
#include "base/i18n.h"
#include "pki/import.h"
#include "import_result.h"
#include "password_entry.h"
#include "report_view.h"
#include "screen.h"
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
draw_form (void *state)
{
  static const struct ui_keyhint keys[] = {
    { "F1", N_("Help") }, { "Tab", N_("Complete") },
    { "F2", N_("List files") }, { "Enter", N_("Import") },
    { "Esc", N_("Back") }, { "F10", N_("Quit") },
  };
  struct import_form *form = state;
  wz_frame_draw (_("Import"), _("Choose the file"), form->ui->status,
                 form->ui->status_role, keys, sizeof keys / sizeof keys[0]);
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

static enum wz_action
form_key (struct import_form *form, int key)
{
  bool tab = key == UI_TAB;
  if (tab)
    complete (form);
  else if (key == UI_KEY (KEY_F (2)))
    return pick (form);
  else if (ui_is_enter (key))
    {
      if (form->path.len)
        return WZ_NEXT;
      wz_say (form->ui, _("Type the file's name, or press F2 to choose it "
                          "from a list."), UI_WARNING);
    }
  else if (ui_field_key (&form->path, key) == UI_FIELD_CHANGED)
    forget_matches (form);
  form->tabbed = tab;
  return WZ_STAY;
}

/* ---------------------------------------------------------- importing */

static void
show_working (struct wz_ui *ui, const char *text)
{
  wz_say (ui, text, UI_NOTE);
  ui_statusline (ui->status, ui->status_role);
  refresh ();
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
  if (cw_file_read (file, CW_ANSWER_MAX_BYTES, &data, &diags) != CW_OK)
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

/* ---------------------------------------------------------------- run */

static enum wz_action
run_form (struct import_form *form)
{
  for (;;)
    {
      ui_screen_redraw ();
      int key = ui_screen_key (NULL, NULL);
      wz_say (form->ui, NULL, UI_NORMAL);
      switch (wz_frame_key (key, WZ_XHELP_IMPORT_FILE))
        {
        case WZ_FRAME_QUIT:
          return WZ_QUIT;
        case WZ_FRAME_BACK:
          return WZ_MENU;
        case WZ_FRAME_DONE:
          continue;
        default:
          break;
        }
      enum wz_action action = form_key (form, key);
      if (action == WZ_NEXT)
        action = import_file (form);
      if (action != WZ_STAY)
        return action;
    }
}

enum wz_action
wz_run_import (struct wz_ui *ui)
{
  struct import_form form = { .ui = ui, .shown = { NULL, NULL, 0 } };
  ui_field_init (&form.path, 0);
  struct ui_screen previous = ui_screen_set (draw_form, &form);
  enum wz_action action = run_form (&form);
  ui_screen_restore (previous);
  forget_matches (&form);
  ui_field_free (&form.path);
  wz_say (ui, NULL, UI_NORMAL);
  return action;
}
