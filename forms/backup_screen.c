/* Back up: which certificate (forms/cert_picker.c), then one form for
   the profile, the password twice and the file, then the core's
   cw_export_open and cw_export_write, which writes the file and opens it
   again to prove it restores. */
#include <config.h>

#include <curses.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cert_picker.h"
#include "dialog.h"
#include "pki/export.h"
#include "file_picker.h"
#include "base/i18n.h"
#include "password_entry.h"
#include "report_screen.h"
#include "report_view.h"
#include "base/safetext.h"
#include "loop.h"
#include "progress.h"
#include "screen_frame.h"
#include "term.h"
#include "text.h"
#include "wizard_ui.h"
#include "base/xalloc.h"

enum { FOCUS_PROFILE, FOCUS_PASSWORD, FOCUS_AGAIN, FOCUS_PATH, FOCUS_COUNT };

#define LABELS 16
#define CERT_ROW WZ_TOP
#define PROFILE_ROW (WZ_TOP + 2)
#define PASSWORD_ROW (PROFILE_ROW + 3)
#define AGAIN_ROW (PASSWORD_ROW + 2)
#define PATH_ROW (AGAIN_ROW + 2)
#define ABOUT_ROW (PATH_ROW + 4)

struct backup
{
  struct wz_ui *ui;
  char *id;
  char *label;
  int focus;
  enum cw_p12_profile profile;
  struct wz_secret password;
  struct wz_secret again;
  struct ui_field path;
  size_t written_certs;    /* what the backup holds, once written */
};

/* ------------------------------------------------------------- drawing */

static void
draw_profile (const struct backup *b)
{
  const char *on = cw_locale_is_utf8 () ? "(\xe2\x80\xa2)" : "(*)";
  bool modern = b->profile == CW_P12_MODERN;
  char *line = xasprintf (_("%s modern (AES-256)     %s legacy (3DES)"),
                          modern ? on : "( )", modern ? "( )" : on);
  ui_put (PROFILE_ROW, 2, _("Profile"), LABELS, UI_LABEL);
  ui_put (PROFILE_ROW, 2 + LABELS, line, 0,
          b->focus == FOCUS_PROFILE ? UI_SELECTED : UI_NORMAL);
  ui_put (PROFILE_ROW + 1, 2 + LABELS,
          _("Choose legacy only for Windows Server 2016 and older."), 0,
          UI_DIM);
  free (line);
}

static void
draw_passwords (const struct backup *b)
{
  size_t chars;
  unsigned kinds;
  enum wz_strength strength = wz_password_strength (b->password.text, &chars,
                                                    &kinds);
  char *hint = wz_strength_text (b->password.text);
  ui_put (PASSWORD_ROW, 2, _("Password"), LABELS, UI_LABEL);
  ui_put (PASSWORD_ROW + 1, 2 + LABELS, hint, 0,
          wz_strength_role (strength));
  ui_put (AGAIN_ROW, 2, _("Again"), LABELS, UI_LABEL);
  if (b->again.len && b->password.len)
    ui_put (AGAIN_ROW, 2 + LABELS + 42,
            wz_secret_same (&b->password, &b->again) ? _("the same")
                                                     : _("not the same"),
            0, wz_secret_same (&b->password, &b->again) ? UI_NOTE
                                                        : UI_WARNING);
  free (hint);
}

static void
draw_path (const struct backup *b)
{
  ui_put (PATH_ROW, 2, _("File"), LABELS, UI_LABEL);
  char *cwd = getcwd (NULL, 0);
  char *where = xasprintf (_("A name without a folder is written in %s. "
                             "Only you will be able to read the file."),
                           cwd ? cwd : ".");
  struct wz_report hint = WZ_REPORT_INIT;
  wz_report_add (&hint, UI_DIM, LABELS, where);
  wz_report_draw (&hint, PATH_ROW + 1, 2);
  wz_report_free (&hint);
  free (where);
  free (cwd);
}

static void
draw_about (void)
{
  struct wz_report about = WZ_REPORT_INIT;
  wz_report_add (&about, UI_DIM, 0,
                 _("The file will hold the certificate, its chain and its "
                   "private key, encrypted with the password. Anyone with "
                   "both can use the certificate as your server: keep them "
                   "apart."));
  wz_report_draw (&about, ABOUT_ROW, WZ_STATUS_ROW - ABOUT_ROW - 1);
  wz_report_free (&about);
}

static void
draw_entry (struct backup *b, int which, bool focused)
{
  if (which == FOCUS_PASSWORD)
    wz_secret_draw (&b->password, PASSWORD_ROW, 2 + LABELS, 40, focused);
  else if (which == FOCUS_AGAIN)
    wz_secret_draw (&b->again, AGAIN_ROW, 2 + LABELS, 40, focused);
  else if (which == FOCUS_PATH)
    ui_field_draw (&b->path, PATH_ROW, 2 + LABELS, COLS - 4 - LABELS,
                   focused);
}

/* The focused one last: it leaves the cursor where typing goes. */
static void
draw_entries (struct backup *b)
{
  for (int which = FOCUS_PASSWORD; which <= FOCUS_PATH; which++)
    if (which != b->focus)
      draw_entry (b, which, false);
  draw_entry (b, b->focus, true);
}

static void
draw_form (struct ui_screen *screen)
{
  struct backup *b = screen->state;
  wz_frame_draw (screen, _("Back up a certificate"), _("Password and file"),
                 b->ui->status, b->ui->status_role);
  char *cert = xasprintf (_("%s (thumbprint %.8s)"), b->label, b->id);
  ui_put (CERT_ROW, 2, _("Certificate"), LABELS, UI_LABEL);
  ui_put (CERT_ROW, 2 + LABELS, cert, 0, UI_NORMAL);
  free (cert);
  draw_profile (b);
  draw_passwords (b);
  draw_path (b);
  draw_about ();
  draw_entries (b);
}

/* ---------------------------------------------------------------- keys */

static void
move_focus (struct backup *b, int by)
{
  b->focus = (b->focus + by + FOCUS_COUNT) % FOCUS_COUNT;
}

static void
entry_key (struct backup *b, int key)
{
  enum ui_field_result done = UI_FIELD_NOT_MINE;
  if (b->focus == FOCUS_PROFILE
      && (key == ' ' || key == UI_KEY (KEY_LEFT)
          || key == UI_KEY (KEY_RIGHT)))
    b->profile = b->profile == CW_P12_MODERN ? CW_P12_LEGACY : CW_P12_MODERN;
  else if (b->focus == FOCUS_PASSWORD)
    done = wz_secret_key (&b->password, key);
  else if (b->focus == FOCUS_AGAIN)
    done = wz_secret_key (&b->again, key);
  else if (b->focus == FOCUS_PATH)
    done = ui_field_key (&b->path, key);
  if (done == UI_FIELD_REFUSED)
    beep ();
}

/* False, after saying why and moving to the field, when something keeps
   the form from being written.  The strength is only a hint: an empty
   password alone is refused. */
static bool
form_ready (struct backup *b)
{
  if (b->password.len == 0)
    {
      wz_say (b->ui, _("Type a password: the backup holds the private key "
                       "and must be locked."), UI_WARNING);
      b->focus = FOCUS_PASSWORD;
      return false;
    }
  if (!wz_secret_same (&b->password, &b->again))
    {
      wz_say (b->ui, _("The two passwords are not the same: type the second "
                       "one again."), UI_WARNING);
      wz_secret_wipe (&b->again);
      b->focus = FOCUS_AGAIN;
      return false;
    }
  if (b->path.len == 0)
    {
      wz_say (b->ui, _("Type the name of the file to write."), UI_WARNING);
      b->focus = FOCUS_PATH;
      return false;
    }
  return true;
}

/* ------------------------------------------------------------- writing */

static void
say_failure (const char *title, const struct cw_diags *diags)
{
  char *text = wz_diags_text (diags);
  ui_message (title, text, UI_ERROR);
  free (text);
}

/* Asks before replacing OUT; *FORCE says whether it exists. */
static bool
may_write (struct backup *b, const char *out, bool *force)
{
  struct stat st;
  *force = lstat (out, &st) == 0;
  if (!*force)
    return true;
  if (S_ISDIR (st.st_mode))
    {
      wz_say (b->ui, _("That is a folder: add the name of the file, such "
                       "as mail.pfx."), UI_WARNING);
      return false;
    }
  char *text = xasprintf (_("The file %s exists already. Replace it with "
                            "this backup?"), out);
  bool yes = ui_confirm (_("Replace the file?"), text, false);
  free (text);
  return yes;
}

struct backup_work
{
  struct cw_export export;
  struct backup *b;
  struct cw_diags *diags;
};

/* On the progress screen's worker: 600,000 rounds of PBKDF2 to lock the
   file, as many again to open it and check it. */
static int
write_work (void *state, struct cw_progress *progress)
{
  struct backup_work *work = state;
  return cw_export_write (&work->export, work->b->profile,
                          work->b->password.text, progress, work->diags);
}

static enum cw_status
write_backup (struct backup *b, const char *out, bool force,
              struct cw_diags *diags)
{
  struct backup_work work = { .b = b, .diags = diags };
  enum cw_status status = cw_export_open (&work.export, b->ui->store, b->id,
                                          out, force, diags);
  if (status == CW_OK)
    {
      status = ui_progress_run (_("Writing the backup"),
                                _("Encrypting the key and the certificates "
                                  "with the password"), write_work, &work,
                                NULL);
      b->written_certs = work.export.certs.count;
    }
  cw_export_close (&work.export);
  return status;
}

static enum wz_action backup_done (struct backup *b, const char *out,
                                   const struct cw_diags *diags);

static enum wz_action
write_form (struct backup *b)
{
  if (!form_ready (b))
    return WZ_STAY;
  char *out = wz_expand_path (b->path.text);
  struct cw_diags diags = CW_DIAGS_INIT;
  enum wz_action action = WZ_STAY;
  bool force;
  if (may_write (b, out, &force))
    {
      if (write_backup (b, out, force, &diags) == CW_OK)
        {
          /* Done with: nothing needs the password any more. */
          wz_secret_wipe (&b->password);
          wz_secret_wipe (&b->again);
          action = backup_done (b, out, &diags);
        }
      else
        say_failure (_("The backup was not written"), &diags);
    }
  cw_diags_free (&diags);
  free (out);
  return action;
}

/* ----------------------------------------------------------------- done */

static void
done_report (struct wz_report *r, const struct backup *b, const char *out,
             const struct cw_diags *diags)
{
  char *path = realpath (out, NULL);
  /* One certificate, or the certificate and its chain: two messages,
     since a plural form must only change with the number. */
  char *holds = b->written_certs == 1
    ? xstrdup (_("the private key and the certificate"))
    : xasprintf (_("the private key and %zu certificates (the certificate "
                   "and its chain)"), b->written_certs);
  char *cert = xasprintf (_("%s (thumbprint %.8s)"), b->label, b->id);
  wz_report_add (r, UI_NOTE, 0, _("The backup is written and checked: "
                                  "certwiz opened it again with the "
                                  "password, and it holds the same key."));
  wz_report_blank (r);
  wz_report_field (r, _("File"), path ? path : out);
  wz_report_field (r, _("Profile"), b->profile == CW_P12_MODERN
                                      ? _("modern (AES-256, SHA-256 MAC)")
                                      : _("legacy (3DES, SHA-1 MAC)"));
  wz_report_field (r, _("Holds"), holds);
  wz_report_field (r, _("Certificate"), cert);
  for (size_t i = 0; i < diags->count; i++)
    wz_report_diag (r, &diags->items[i], 0);
  wz_report_blank (r);
  wz_report_add (r, UI_NORMAL, 0,
                 _("Only you can read the file. Copy it off this server and "
                   "keep the password somewhere else: anyone with both can "
                   "use the certificate."));
  wz_report_add (r, UI_NORMAL, 0,
                 _("To restore it, here or on a new server: main menu, "
                   "\"Import the CA's answer\", choose the file and type the "
                   "password (or run certwiz import FILE)."));
  free (cert);
  free (holds);
  free (path);
}

static enum wz_action
backup_done (struct backup *b, const char *out, const struct cw_diags *diags)
{
  struct wz_report report = WZ_REPORT_INIT;
  done_report (&report, b, out, diags);
  struct wz_report_screen screen = {
    _("Back up a certificate"), _("Written"), &report, WZ_XHELP_BACKUP_DONE,
    0, NULL, NULL, NULL, NULL };
  enum wz_action done = wz_report_screen_run (&screen);
  wz_report_free (&report);
  return done;
}

/* ------------------------------------------------------------------ run */

enum
{
  FORM_NEXT_FIELD = 1,
  FORM_PREVIOUS_FIELD,
  FORM_ENTER
};

static bool
act_form (struct ui_screen *screen, int action, int key)
{
  struct backup *b = screen->state;
  (void) key;
  wz_say (b->ui, NULL, UI_NORMAL);
  if (action == FORM_NEXT_FIELD)
    move_focus (b, 1);
  else if (action == FORM_PREVIOUS_FIELD)
    move_focus (b, -1);
  else if (action == FORM_ENTER && b->focus != FOCUS_PATH)
    move_focus (b, 1);
  else if (action == FORM_ENTER)
    {
      enum wz_action done = write_form (b);
      if (done == WZ_QUIT)
        ui_quit ();
      else if (done != WZ_STAY)
        ui_close (screen, done);
    }
  else
    return false;
  return true;
}

static void
form_typed (struct ui_screen *screen, int key)
{
  struct backup *b = screen->state;
  wz_say (b->ui, NULL, UI_NORMAL);
  entry_key (b, key);
}

static bool
help_form (struct ui_screen *screen, const char **title, const char **text)
{
  (void) screen;
  return wz_frame_help (WZ_XHELP_BACKUP_FORM, title, text);
}

/* Enter says what it does: from the last field, it writes. */
static bool
hint_form (struct ui_screen *screen, const struct ui_key *key,
           struct ui_keyhint *out)
{
  struct backup *b = screen->state;
  if (key->action == FORM_ENTER && b->focus == FOCUS_PATH)
    out->label = _("Write the backup");
  return true;
}

static const struct ui_key form_keys[] = {
  { UI_TAB, FORM_NEXT_FIELD, "Tab", N_("Next field") },
  { UI_KEY (KEY_DOWN), FORM_NEXT_FIELD, NULL, NULL },
  { UI_KEY (KEY_BTAB), FORM_PREVIOUS_FIELD, NULL, NULL },
  { UI_KEY (KEY_UP), FORM_PREVIOUS_FIELD, NULL, NULL },
  UI_ENTER_KEYS (FORM_ENTER, "Enter", N_("Next")),
};

static const struct ui_screen_ops form_ops = {
  .draw = draw_form, .act = act_form, .key = form_typed, .help = help_form,
  .hint = hint_form,
};

static enum wz_action
run_form (struct backup *b)
{
  struct ui_screen screen = { .ops = &form_ops,
                              .keys = UI_KEYMAP (form_keys, UI_SHARE_ALL),
                              .first_tick = -1, .state = b };
  int result = ui_run (&screen);
  if (ui_quitting ())
    return WZ_QUIT;
  return result == UI_BACK ? WZ_BACK : (enum wz_action) result;
}

/* The friendly name, else the CN, else the ID. */
static char *
label_of (const struct cw_store_entry *entry)
{
  const char *name = cw_record_get (&entry->record, "friendly-name");
  if (!name || !*name)
    name = cw_record_get (&entry->record, "cn");
  return xstrdup (name && *name ? name : entry->id);
}

/* Before any password is typed: is the key here, and exportable?  Also
   makes B->id whole (the browser may give a prefix). */
static bool
check_exportable (struct backup *b)
{
  struct cw_export export;
  struct cw_diags diags = CW_DIAGS_INIT;
  /* With force, the file is not looked at yet: only the certificate. */
  bool ok = cw_export_open (&export, b->ui->store, b->id, "-", true,
                            &diags) == CW_OK;
  if (ok)
    {
      free (b->id);
      b->id = xstrdup (export.entry.id);
      if (!b->label)
        b->label = label_of (&export.entry);
    }
  else
    say_failure (_("This certificate cannot be backed up"), &diags);
  cw_export_close (&export);
  cw_diags_free (&diags);
  return ok;
}

/* The form for B->id: WZ_BACK to choose another certificate. */
static enum wz_action
back_up_chosen (struct backup *b)
{
  if (!check_exportable (b))
    return WZ_BACK;
  char *name = wz_safe_file_name (b->label, ".pfx");
  ui_field_set (&b->path, name);
  free (name);
  b->focus = FOCUS_PROFILE;
  b->profile = CW_P12_MODERN;
  enum wz_action action = run_form (b);
  wz_secret_wipe (&b->password);
  wz_secret_wipe (&b->again);
  return action;
}

enum wz_action
wz_run_backup (struct wz_ui *ui, const char *id)
{
  struct backup b = { .ui = ui, .profile = CW_P12_MODERN };
  wz_secret_init (&b.password);
  wz_secret_init (&b.again);
  ui_field_init (&b.path, 0);
  enum wz_action action = WZ_BACK;
  if (id)
    {
      b.id = xstrdup (id);
      action = back_up_chosen (&b);
    }
  else
    do
      {
        action = wz_pick_certificate (ui, &b.id, &b.label);
        if (action == WZ_NEXT)
          action = back_up_chosen (&b);
      }
    while (action == WZ_BACK && b.id);
  wz_secret_free (&b.password);
  wz_secret_free (&b.again);
  ui_field_free (&b.path);
  free (b.id);
  free (b.label);
  wz_say (ui, NULL, UI_NORMAL);
  /* From the browser, whatever happened, back to it unless quitting. */
  if (action == WZ_QUIT)
    return WZ_QUIT;
  return id ? WZ_BACK : WZ_MENU;
}
