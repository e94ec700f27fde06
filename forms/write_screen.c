/* Step 5: where to write the request; then the key is made, kept in the
   store, and the request written. */
#include <config.h>

#include <curses.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "dialog.h"
#include "i18n.h"
#include "request.h"
#include "wizard_ui.h"
#include "term.h"
#include "text.h"
#include "xalloc.h"

#define PATH_ROW (WZ_TOP + 2)

static void
write_enter (struct wz_ui *ui)
{
  if (ui->wz.out_path.len)
    return;
  struct cw_names names = CW_NAMES_INIT;
  struct cw_diags diags = CW_DIAGS_INIT;
  wz_check_all (&ui->wz, &names, &diags);
  char *path = cw_request_default_path (&names);
  ui_field_set (&ui->wz.out_path, path);
  free (path);
  cw_names_free (&names);
  cw_diags_free (&diags);
}

static void
write_draw (struct wz_ui *ui)
{
  ui_put (WZ_TOP, 2, _("Where to write the request (a PKCS#10 file for "
                       "your CA):"), 0, UI_LABEL);
  char *where = xasprintf (_("The private key will stay in the store %s, "
                             "on this machine."), ui->store_path);
  ui_put (PATH_ROW + 2, 2, where, 0, UI_DIM);
  ui_put (PATH_ROW + 3, 2, _("Press Enter to make the key and write the "
                             "request."), 0, UI_DIM);
  free (where);
  ui_field_draw (&ui->wz.out_path, PATH_ROW, 2, COLS - 4, true);
}

static char *
diags_text (const struct cw_diags *diags)
{
  char *text = xstrdup ("");
  for (size_t i = 0; i < diags->count; i++)
    {
      char *joined = xasprintf ("%s%s%s", text, *text ? "\n\n" : "",
                                diags->items[i].message);
      free (text);
      text = joined;
    }
  return text;
}

static void
keep_result (struct wz_ui *ui, const struct cw_request_result *result)
{
  free (ui->done_path);
  ui->done_path = xstrdup (result->out_path);
  memcpy (ui->done_id, result->id, sizeof ui->done_id);
  memcpy (ui->done_fingerprint, result->fingerprint,
          sizeof ui->done_fingerprint);
}

static enum wz_action
write_request (struct wz_ui *ui, bool force)
{
  char *subject = wz_subject_text (&ui->wz);
  struct cw_request_options options = {
    .names = { subject, (const char *const *) ui->wz.sans, ui->wz.san_count,
               ui->wz.max_sans },
    .key_type = wz_key_choice (ui->wz.key)->name,
    .friendly_name = ui->wz.friendly_name.len ? ui->wz.friendly_name.text
                                              : NULL,
    .exportable = ui->wz.exportable,
    .out = ui->wz.out_path.text, .force = force, .store = ui->store_path,
  };
  struct cw_request_result result;
  struct cw_diags diags = CW_DIAGS_INIT;
  wz_say (ui, _("Making the key; this can take a few seconds..."), UI_NOTE);
  ui_statusline (ui->status, ui->status_role);
  refresh ();
  enum cw_status status = cw_request_create (&options, &result, &diags);
  if (status == CW_OK)
    keep_result (ui, &result);
  else
    {
      char *text = diags_text (&diags);
      ui_message (_("The request was not written"), text, UI_ERROR);
      free (text);
    }
  wz_say (ui, NULL, UI_NORMAL);
  cw_request_result_free (&result);
  cw_diags_free (&diags);
  free (subject);
  return status == CW_OK ? WZ_NEXT : WZ_STAY;
}

static enum wz_action
write_key (struct wz_ui *ui, int key)
{
  if (!ui_is_enter (key))
    {
      ui_field_key (&ui->wz.out_path, key);
      return WZ_STAY;
    }
  if (ui->wz.out_path.len == 0)
    {
      wz_say (ui, _("Type the name of the file to write."), UI_WARNING);
      return WZ_STAY;
    }
  struct stat st;
  bool exists = lstat (ui->wz.out_path.text, &st) == 0;
  if (exists && !ui_confirm (_("Replace the file?"),
                             _("A file of that name exists already. "
                               "Replace it with the new request?"), false))
    return WZ_STAY;
  return write_request (ui, exists);
}

static enum wz_help
write_help (struct wz_ui *ui)
{
  (void) ui;
  return WZ_HELP_WRITE;
}

static const struct ui_keyhint write_keys[] = {
  { "F1", N_("Help") }, { "Enter", N_("Write") }, { "Esc", N_("Back") },
  { "F10", N_("Quit") },
};

const struct wz_screen wz_write_screen = {
  N_("Write the request"), write_enter, write_draw, write_key, write_help,
  write_keys, sizeof write_keys / sizeof write_keys[0],
};

/* ---------------------------------------------------------------- done */

static void
done_draw (struct wz_ui *ui)
{
  int y = WZ_TOP;
  curs_set (0);
  ui_put (y++, 2, _("The request is written, and its private key is kept "
                    "in the store."), 0, UI_NOTE);
  y++;
  char *lines[] = {
    xasprintf ("%-12s%s", _("File"), ui->done_path ? ui->done_path : ""),
    xasprintf ("%-12s%s", _("ID"), ui->done_id),
    xasprintf ("%-12s%s", _("SHA-256"), ui->done_fingerprint),
  };
  for (size_t i = 0; i < 3; i++)
    {
      ui_put (y++, 2, lines[i], 0, UI_NORMAL);
      free (lines[i]);
    }
  y++;
  ui_put (y++, 2, _("What happens next:"), 0, UI_LABEL);
  ui_put (y++, 2, _("1. Send this file to your certificate authority (CA)."),
          0, UI_NORMAL);
  ui_put (y++, 2, _("2. The CA checks that you own the names and sends a "
                    "certificate back."), 0, UI_NORMAL);
  ui_put (y++, 2, _("3. Import that certificate HERE, on this machine and "
                    "into this same store:"), 0, UI_NORMAL);
  ui_put (y++, 5, _("the private key stays here and nowhere else."), 0,
          UI_WARNING);
  char *store = xasprintf (_("   Store: %s"), ui->store_path);
  ui_put (y++, 2, store, 0, UI_DIM);
  free (store);
}

static enum wz_action
done_key (struct wz_ui *ui, int key)
{
  (void) ui;
  return ui_is_enter (key) || key == UI_ESC ? WZ_MENU : WZ_STAY;
}

static enum wz_help
done_help (struct wz_ui *ui)
{
  (void) ui;
  return WZ_HELP_WRITE;
}

static const struct ui_keyhint done_keys[] = {
  { "Enter", N_("Main menu") }, { "F10", N_("Quit") },
};

const struct wz_screen wz_done_screen = {
  N_("Done"), NULL, done_draw, done_key, done_help,
  done_keys, sizeof done_keys / sizeof done_keys[0],
};
