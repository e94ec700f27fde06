/* A session on the terminal: the wizard from its main menu, or the
   browser alone (certwiz browse), on one store opened for the session.
   What was typed is saved as a draft when a signal ends certwiz.
   Nothing here prints: what keeps a session from starting goes back to
   the command line in a cw_diags. */
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
    wz_draft_save (&running->wz, running->store);
}

static void
ui_free (struct wz_ui *ui)
{
  wz_free (&ui->wz);
  free (ui->warned_cn);
  free (ui->done_path);
  cw_tokens_free (&ui->tokens);
}

bool
wz_session_start (struct wz_ui *ui, struct cw_store *store)
{
  *ui = (struct wz_ui) { .status_role = UI_NORMAL, .store = store };
  wz_init (&ui->wz);
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

static bool
on_terminal (void)
{
  return isatty (STDIN_FILENO) && isatty (STDOUT_FILENO);
}

int
cw_wizard_run (const char *store_option, struct cw_diags *diags)
{
  if (!on_terminal ())
    return -1;
  struct cw_store *store;
  enum cw_status status = cw_store_open (&store, store_option, diags);
  if (status != CW_OK)
    {
      /* Without a place for the store, the usage says how to name one. */
      bool unknown = cw_diags_find (diags, "store-unknown") != NULL;
      if (unknown)
        cw_diags_clear (diags);
      return unknown ? -1 : (int) status;
    }
  struct wz_ui ui;
  int result = 0;
  if (wz_session_start (&ui, store))
    wz_run_menu (&ui);
  else
    result = -1;
  wz_session_end (&ui);
  cw_store_close (store);
  return result;
}

int
cw_browse_run (const char *store_option, const char *const *files,
               size_t count, struct cw_diags *diags)
{
  /* Without a terminal the command line explains; reading the files
     first would only delay that. */
  if (!on_terminal ())
    return -1;
  struct wz_ui ui = { .status_role = UI_NORMAL };
  struct browser b;
  struct cw_store *store = NULL;
  bool opened = cw_store_open (&store, store_option, diags) == CW_OK;
  ui.store = store;
  bool ready = opened && bw_open (&b, &ui, store, files, count, diags);
  int status = ready ? 0 : 1;
  if (ready && wz_session_start (&ui, store))
    bw_run (&b);
  else if (ready)
    status = -1;
  wz_session_end (&ui);
  if (opened)
    bw_close (&b);
  cw_store_close (opened ? store : NULL);
  return status;
}
