/* The request's last step: where to write it; then the key is made,
   kept in the store, and the request written, on the progress screen.
   Then what was written and what comes next. */
#include <config.h>

#include <curses.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "dialog.h"
#include "base/i18n.h"
#include "new_key.h"
#include "pki/request.h"
#include "progress.h"
#include "report_view.h"
#include "store/store.h"
#include "wizard_ui.h"
#include "term.h"
#include "text.h"
#include "base/xalloc.h"

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
                             "on this machine."), cw_store_path (ui->store));
  if (ui->wz.out_path.len)
    {
      char *full = wz_full_path (ui->wz.out_path.text);
      char *line = xasprintf (_("Full path: %s"), full);
      ui_put (PATH_ROW + 1, 2, line, 0, UI_DIM);
      free (line), free (full);
    }
  ui_put (PATH_ROW + 2, 2, where, 0, UI_DIM);
  ui_put (PATH_ROW + 3, 2, _("Press Enter to make the key and write the "
                             "request."), 0, UI_DIM);
  ui_put (PATH_ROW + 4, 2, _("Or F5 to write it and send it to a CA now "
                             "(ACME: Let's Encrypt, or your own)."), 0,
          UI_DIM);
  free (where);
  ui_field_draw (&ui->wz.out_path, PATH_ROW, 2, COLS - 4, true);
}

/* ------------------------------------------------------------ the work */

struct request_work
{
  struct wz_new_key key;
  struct cw_request request;
};

/* On the progress screen's worker: the request's steps (the key, the
   signature, the store, the file), each said as it starts.  Stopped
   before the store, nothing is left: no key, no entry, no file. */
static int
make_request (void *state, struct cw_progress *progress)
{
  struct request_work *work = state;
  return cw_request_create (work->key.ui->store, &work->key.options,
                            &work->key.pin,
                            progress, &work->request, &work->key.diags);
}

static void
keep_result (struct wz_ui *ui, const struct cw_request *result)
{
  free (ui->done_path);
  ui->done_path = wz_full_path (result->out_path);
  memcpy (ui->done_id, result->id, sizeof ui->done_id);
  memcpy (ui->done_fingerprint, result->fingerprint,
          sizeof ui->done_fingerprint);
}

static enum wz_action
write_request (struct wz_ui *ui, bool force)
{
  struct request_work work = { .request = CW_REQUEST_INIT };
  wz_new_key_init (&work.key, ui, force);
  enum cw_status status = ui_progress_run (_("Making the request"),
                                           work.key.first_step,
                                           make_request, &work, NULL);
  if (status == CW_OK)
    keep_result (ui, &work.request);
  else
    wz_new_key_failed (&work.key, status, _("The request was not written"));
  cw_request_free (&work.request);
  wz_new_key_free (&work.key);
  return status == CW_OK ? WZ_NEXT : WZ_STAY;
}

/* --------------------------------------------------------------- keys */

enum { WRITE_WRITE = 1, WRITE_SEND };

/* The request made and written, then sent to a CA at once; back out of
   that, the written request's screen follows as after Enter. */
static enum wz_action
send_now (struct wz_ui *ui, enum wz_action written)
{
  if (written != WZ_NEXT)
    return written;
  enum wz_action sent = wz_run_send (ui, ui->done_id);
  return sent == WZ_BACK ? WZ_NEXT : sent;
}

static enum wz_action
write_act (struct wz_ui *ui, int action, int key)
{
  (void) key;
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
  enum wz_action written = write_request (ui, exists);
  return action == WRITE_SEND ? send_now (ui, written) : written;
}

static enum wz_action
write_typed (struct wz_ui *ui, int key)
{
  ui_field_key (&ui->wz.out_path, key);
  return WZ_STAY;
}

static enum wz_help
write_help (struct wz_ui *ui)
{
  (void) ui;
  return WZ_HELP_WRITE;
}

static const struct ui_key write_keys[] = {
  UI_ENTER_KEYS (WRITE_WRITE, "Enter", N_("Write")),
  /* TRANSLATORS: a key bar label: the request is written, then sent to
     an ACME CA at once. */
  { UI_KEY (KEY_F (5)), WRITE_SEND, "F5", N_("Send to a CA") },
};

const struct wz_screen wz_write_screen = {
  .enter = write_enter, .draw = write_draw, .act = write_act,
  .key_typed = write_typed, .help = write_help,
  .keys = UI_KEYMAP (write_keys, UI_SHARE_ALL),
};

/* ---------------------------------------------------------- written */

static void
written_draw (struct wz_ui *ui)
{
  int y = WZ_TOP;
  curs_set (0);
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

static enum wz_help
written_help (struct wz_ui *ui)
{
  (void) ui;
  return WZ_HELP_WRITE;
}

enum { WRITTEN_SEND = 100 };

static enum wz_action
written_act (struct wz_ui *ui, int action, int key)
{
  if (action != WRITTEN_SEND)
    return wz_end_act (ui, action, key);
  enum wz_action sent = wz_run_send (ui, ui->done_id);
  return sent == WZ_BACK ? WZ_STAY : sent;
}

/* The end keys, and F5: the written request sent to a CA now. */
static const struct ui_key written_keys[] = {
  UI_ENTER_KEYS (WZ_END_MENU, "Enter", N_("Main menu")),
  { UI_ESC, WZ_END_MENU, NULL, NULL },
  { UI_KEY (KEY_F (1)), UI_ACT_HELP, NULL, NULL },
  { UI_KEY (KEY_F (5)), WRITTEN_SEND, "F5", N_("Send to a CA") },
};

const struct wz_screen wz_written_screen = {
  .draw = written_draw, .act = written_act, .help = written_help,
  .keys = UI_KEYMAP (written_keys, UI_SHARE_ALL),
};
