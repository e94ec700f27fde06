/* A session on the terminal: the wizard from its main menu, or the
   browser alone (certwiz browse).  What was typed is saved as a draft
   when a signal ends certwiz. */
#include <config.h>

#include <stdlib.h>
#include <unistd.h>

#include "browser.h"
#include "draft.h"
#include "loop.h"
#include "store/store.h"
#include "term.h"
#include "tui.h"
#include "wizard_ui.h"

/* The state the signal path saves: set while the wizard runs. */
static struct wz_ui *running;

static void
save_on_signal (void)
{
  if (running && wz_in_steps (&running->wz) && wz_has_input (&running->wz))
    wz_draft_save (&running->wz, running->store_path);
}

static void
ui_free (struct wz_ui *ui)
{
  wz_free (&ui->wz);
  free (ui->store_path);
  free (ui->warned_cn);
  free (ui->done_path);
}

bool
wz_session_start (struct wz_ui *ui, const char *store_option)
{
  *ui = (struct wz_ui) { .status_role = UI_NORMAL };
  ui->store_path = cw_store_locate (store_option);
  wz_init (&ui->wz);
  if (!ui->store_path)
    return false;
  running = ui;
  if (ui_term_start (save_on_signal))
    return true;
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

int
cw_wizard_run (const char *store_option)
{
  struct wz_ui ui;
  if (!wz_session_start (&ui, store_option))
    {
      ui_free (&ui);
      return -1;
    }
  wz_run_menu (&ui);
  wz_session_end (&ui);
  return 0;
}

int
cw_browse_run (const char *store_option, const char *const *files,
               size_t count, struct cw_diags *diags)
{
  /* Without a terminal the command line explains; reading the files
     first would only delay that. */
  if (!isatty (STDIN_FILENO) || !isatty (STDOUT_FILENO))
    return -1;
  struct wz_ui ui = { .status_role = UI_NORMAL };
  struct browser b;
  char *store = cw_store_locate (store_option);
  if (!store)
    {
      /* Only to say why: no HOME, no --store. */
      struct cw_store none;
      cw_store_open_located (&none, store_option, diags);
      cw_store_close (&none);
    }
  bool ready = store && bw_open (&b, &ui, store, files, count, diags);
  int status = ready ? 0 : 1;
  if (ready && wz_session_start (&ui, store_option))
    bw_run (&b);
  else if (ready)
    status = -1;
  wz_session_end (&ui);
  if (store)
    bw_close (&b);
  free (store);
  return status;
}
