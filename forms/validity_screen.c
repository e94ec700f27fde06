/* The self-signed certificate's last step: how many days it is valid;
   then the key and the certificate are made and installed, on the
   progress screen.  Then what was installed. */
#include <config.h>

#include <curses.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/i18n.h"
#include "new_key.h"
#include "pki/selfsign.h"
#include "store/store.h"
#include "progress.h"
#include "wizard_ui.h"
#include "term.h"
#include "text.h"
#include "wrap.h"
#include "base/xalloc.h"

#define DAYS_ROW (WZ_TOP + 2)

static struct ui_field days_field;

static void
validity_enter (struct wz_ui *ui)
{
  char *text = xasprintf ("%u", ui->wz.days);
  ui_field_free (&days_field);
  ui_field_init (&days_field, 5);
  ui_field_set (&days_field, text);
  free (text);
}

static void
validity_draw (struct wz_ui *ui)
{
  ui_put (WZ_TOP, 2, _("How many days the certificate is valid (Exchange "
                       "makes its own for 365):"), 0, UI_LABEL);
  char *where = xasprintf (_("The key and the certificate will be installed "
                             "in the store %s."), cw_store_path (ui->store));
  ui_put (DAYS_ROW + 2, 2, where, 0, UI_DIM);
  ui_put (DAYS_ROW + 3, 2, _("Press Enter to make the key and the "
                             "certificate."), 0, UI_DIM);
  free (where);
  ui_field_draw (&days_field, DAYS_ROW, 2, 8, true);
}

/* ------------------------------------------------------------ the work */

struct selfsign_work
{
  struct wz_new_key key;
  unsigned days;
  struct cw_selfsign_result result;
};

/* On the progress screen's worker: the key, the certificate, the
   store, each said as it starts; stopped before the store, nothing is
   left. */
static int
make_selfsigned (void *state, struct cw_progress *progress)
{
  struct selfsign_work *work = state;
  return cw_selfsign_create (work->key.ui->store, &work->key.options,
                             work->days, &work->key.pin, progress,
                             &work->result, &work->key.diags);
}

static enum wz_action
install (struct wz_ui *ui)
{
  struct selfsign_work work = { .days = ui->wz.days };
  wz_new_key_init (&work.key, ui, false);
  enum cw_status status = ui_progress_run (_("Making the certificate"),
                                           work.key.first_step,
                                           make_selfsigned, &work, NULL);
  if (status == CW_OK)
    {
      free (ui->done_path);
      ui->done_path = NULL;
      memcpy (ui->done_id, work.result.info.sha1, sizeof ui->done_id);
      memcpy (ui->done_fingerprint, work.result.info.sha256,
              sizeof ui->done_fingerprint);
    }
  else
    wz_new_key_failed (&work.key, status, _("The certificate was not made"));
  cw_selfsign_result_free (&work.result);
  wz_new_key_free (&work.key);
  return status == CW_OK ? WZ_NEXT : WZ_STAY;
}

/* --------------------------------------------------------------- keys */

enum { VALIDITY_MAKE = 1 };

static enum wz_action
validity_act (struct wz_ui *ui, int action, int key)
{
  (void) action, (void) key;
  char *end;
  unsigned long days = strtoul (days_field.text, &end, 10);
  if (*end || days == 0 || days > CW_SELFSIGN_MAX_DAYS)
    {
      wz_say (ui, _("Type a number of days from 1 to 36500."), UI_WARNING);
      return WZ_STAY;
    }
  ui->wz.days = (unsigned) days;
  return install (ui);
}

static enum wz_action
validity_typed (struct wz_ui *ui, int key)
{
  (void) ui;
  ui_field_key (&days_field, key);
  return WZ_STAY;
}

static enum wz_help
validity_help (struct wz_ui *ui)
{
  (void) ui;
  return WZ_HELP_DAYS;
}

static const struct ui_key validity_keys[] = {
  UI_ENTER_KEYS (VALIDITY_MAKE, "Enter", N_("Write")),
};

const struct wz_screen wz_validity_screen = {
  .enter = validity_enter, .draw = validity_draw, .act = validity_act,
  .key_typed = validity_typed, .help = validity_help,
  .keys = UI_KEYMAP (validity_keys, UI_SHARE_ALL),
};

/* -------------------------------------------------------- installed */

static void
installed_draw (struct wz_ui *ui)
{
  int y = WZ_TOP;
  char days[16];
  curs_set (0);
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

const struct wz_screen wz_installed_screen = {
  .draw = installed_draw, .act = wz_end_act, .help = validity_help,
  .keys = WZ_END_KEYMAP,
};
