/* Step 5: where to write the request; then the key is made, kept in the
   store, and the request written. */
#include <config.h>

#include <curses.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "dialog.h"
#include "base/i18n.h"
#include "report_view.h"
#include "pki/request.h"
#include "pki/selfsign.h"
#include "store/store.h"
#include "wizard_ui.h"
#include "term.h"
#include "text.h"
#include "wrap.h"
#include "base/xalloc.h"

#define PATH_ROW (WZ_TOP + 2)

/* A self-signed certificate is installed, not written: its last step
   asks for how long it is valid instead of for a file. */
static void
days_text (const struct wz_ui *ui, struct ui_field *days)
{
  char *text = xasprintf ("%u", ui->wz.days);
  ui_field_init (days, 5);
  ui_field_set (days, text);
  free (text);
}

static struct ui_field days_field;

static void
write_enter (struct wz_ui *ui)
{
  if (ui->wz.self_signed)
    {
      ui_field_free (&days_field);
      days_text (ui, &days_field);
      return;
    }
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
selfsign_draw (struct wz_ui *ui)
{
  ui_put (WZ_TOP, 2, _("How many days the certificate is valid (Exchange "
                       "makes its own for 365):"), 0, UI_LABEL);
  char *where = xasprintf (_("The key and the certificate will be installed "
                             "in the store %s."), cw_store_path (ui->store));
  ui_put (PATH_ROW + 2, 2, where, 0, UI_DIM);
  ui_put (PATH_ROW + 3, 2, _("Press Enter to make the key and the "
                             "certificate."), 0, UI_DIM);
  free (where);
  ui_field_draw (&days_field, PATH_ROW, 2, 8, true);
}

static void
write_draw (struct wz_ui *ui)
{
  if (ui->wz.self_signed)
    {
      selfsign_draw (ui);
      return;
    }
  ui_put (WZ_TOP, 2, _("Where to write the request (a PKCS#10 file for "
                       "your CA):"), 0, UI_LABEL);
  char *where = xasprintf (_("The private key will stay in the store %s, "
                             "on this machine."), cw_store_path (ui->store));
  ui_put (PATH_ROW + 2, 2, where, 0, UI_DIM);
  ui_put (PATH_ROW + 3, 2, _("Press Enter to make the key and write the "
                             "request."), 0, UI_DIM);
  free (where);
  ui_field_draw (&ui->wz.out_path, PATH_ROW, 2, COLS - 4, true);
}

static void
say_failure (const struct cw_diags *diags, const char *title)
{
  char *text = wz_diags_text (diags);
  ui_message (title, text, UI_ERROR);
  free (text);
}

static void
request_options (struct wz_ui *ui, struct cw_request_options *options,
                 char *subject, bool force)
{
  *options = (struct cw_request_options) {
    .names = { subject, (const char *const *) ui->wz.sans, ui->wz.san_count,
               ui->wz.max_sans },
    .key_type = wz_key_choice (ui->wz.key)->name,
    .friendly_name = ui->wz.friendly_name.len ? ui->wz.friendly_name.text
                                              : NULL,
    .exportable = ui->wz.exportable,
    .out = ui->wz.out_path.text, .force = force,
  };
}

static void
keep_result (struct wz_ui *ui, const struct cw_request *result)
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
  struct cw_request_options options;
  request_options (ui, &options, subject, force);
  struct cw_request result = CW_REQUEST_INIT;
  struct cw_diags diags = CW_DIAGS_INIT;
  wz_say (ui, _("Making the key; this can take a few seconds..."), UI_NOTE);
  ui_statusline (ui->status, ui->status_role);
  refresh ();
  enum cw_status status = cw_request_create (ui->store, &options, NULL, NULL,
                                             &result, &diags);
  wz_say (ui, NULL, UI_NORMAL);
  ui_statusline (NULL, UI_NORMAL);
  if (status == CW_OK)
    keep_result (ui, &result);
  else
    say_failure (&diags, _("The request was not written"));
  cw_request_free (&result);
  cw_diags_free (&diags);
  free (subject);
  return status == CW_OK ? WZ_NEXT : WZ_STAY;
}

static enum wz_action
make_selfsigned (struct wz_ui *ui)
{
  char *end;
  unsigned long days = strtoul (days_field.text, &end, 10);
  if (*end || days == 0 || days > 36500)
    {
      wz_say (ui, _("Type a number of days from 1 to 36500."), UI_WARNING);
      return WZ_STAY;
    }
  ui->wz.days = (unsigned) days;
  char *subject = wz_subject_text (&ui->wz);
  struct cw_request_options options;
  struct cw_selfsign_result result;
  struct cw_diags diags = CW_DIAGS_INIT;
  request_options (ui, &options, subject, false);
  wz_say (ui, _("Making the key; this can take a few seconds..."), UI_NOTE);
  ui_statusline (ui->status, ui->status_role);
  refresh ();
  enum cw_status status = cw_selfsign_create (ui->store, &options,
                                              ui->wz.days, NULL, NULL,
                                              &result, &diags);
  wz_say (ui, NULL, UI_NORMAL);
  ui_statusline (NULL, UI_NORMAL);
  if (status == CW_OK)
    {
      free (ui->done_path);
      ui->done_path = NULL;
      memcpy (ui->done_id, result.info.sha1, sizeof ui->done_id);
      memcpy (ui->done_fingerprint, result.info.sha256,
              sizeof ui->done_fingerprint);
    }
  else
    say_failure (&diags, _("The certificate was not made"));
  wz_say (ui, NULL, UI_NORMAL);
  cw_selfsign_result_free (&result);
  cw_diags_free (&diags);
  free (subject);
  return status == CW_OK ? WZ_NEXT : WZ_STAY;
}

static enum wz_action
write_key (struct wz_ui *ui, int key)
{
  if (ui->wz.self_signed)
    return ui_is_enter (key) ? make_selfsigned (ui)
           : (ui_field_key (&days_field, key), WZ_STAY);
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
  return ui->wz.self_signed ? WZ_HELP_DAYS : WZ_HELP_WRITE;
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
done_selfsigned_draw (struct wz_ui *ui)
{
  int y = WZ_TOP;
  char days[16];
  snprintf (days, sizeof days, "%u", ui->wz.days);
  ui_put (y++, 2, _("The self-signed certificate and its key are installed "
                    "in the store."), 0, UI_NOTE);
  y++;
  char *lines[] = {
    wz_labeled (_("Thumbprint"), 14, ui->done_id),
    wz_labeled (_("SHA-256"), 14, ui->done_fingerprint),
    wz_labeled (_("Days"), 14, days),
  };
  for (size_t i = 0; i < 3; i++)
    {
      ui_put (y++, 2, lines[i], 0, UI_NORMAL);
      free (lines[i]);
    }
  y++;
  struct ui_lines advice;
  ui_wrap (_("Clients will not trust it unless you tell them to: use it "
             "for tests and internal services. Back it up from the main "
             "menu."), COLS - 4, &advice);
  for (size_t i = 0; i < advice.count; i++)
    ui_put (y++, 2, advice.lines[i], 0, UI_NORMAL);
  ui_lines_free (&advice);
}

static void
done_draw (struct wz_ui *ui)
{
  int y = WZ_TOP;
  curs_set (0);
  if (ui->wz.self_signed)
    {
      done_selfsigned_draw (ui);
      return;
    }
  ui_put (y++, 2, _("The request is written, and its private key is kept "
                    "in the store."), 0, UI_NOTE);
  y++;
  char *lines[] = {
    wz_labeled (_("File"), 14, ui->done_path ? ui->done_path : ""),
    wz_labeled (_("ID"), 14, ui->done_id),
    wz_labeled (_("SHA-256"), 14, ui->done_fingerprint),
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
  char *store = xasprintf (_("   Store: %s"), cw_store_path (ui->store));
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
