/* Send a request to a CA now, through ACME: which account (one of the
   store's, or a new one: the CA and an e-mail address, its terms agreed
   to in a dialog), how the CA checks the names (http-01, from the web
   server's folder or with certwiz answering on a port), then the core's
   cw_account_add and cw_enroll on the progress screen.  The certificate
   comes back installed on the key kept in the store. */
#include <config.h>

#include <curses.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "acme/accounts.h"
#include "acme/enroll.h"
#include "acme/http.h"
#include "pki/target.h"
#include "base/i18n.h"
#include "base/safetext.h"
#include "base/xalloc.h"
#include "browser.h"
#include "dialog.h"
#include "file_picker.h"
#include "import_backup_help.h"
#include "loop.h"
#include "progress.h"
#include "report_screen.h"
#include "report_view.h"
#include "screen_frame.h"
#include "send.h"
#include "services/enable.h"
#include "text.h"
#include "wizard_ui.h"

#define LABELS 14
#define ACCOUNT_ROW (WZ_TOP + 2)
#define SERVER_ROW (ACCOUNT_ROW + 2)
#define EMAIL_ROW (SERVER_ROW + 2)
#define CHECK_ROW (EMAIL_ROW + 2)
#define WHERE_ROW (CHECK_ROW + 2)
#define ABOUT_ROW (WHERE_ROW + 3)

/* ------------------------------------------------------------- drawing */

static const char *
chosen_mark (bool on)
{
  return on ? (cw_locale_is_utf8 () ? "(\xe2\x80\xa2)" : "(*)") : "( )";
}

static void
draw_account (const struct wz_send *s)
{
  char *choice;
  if (wz_send_new_account (s))
    choice = xstrdup (_("a new account"));
  else
    {
      const struct cw_store_entry *a = &s->accounts.items[s->account];
      const char *server = cw_record_get (&a->record, "server");
      choice = xasprintf (_("%s (%s)"), a->id, server ? server : "?");
    }
  char *line = xasprintf ("< %s >", choice);
  ui_put (ACCOUNT_ROW, 2, _("Account"), LABELS, UI_LABEL);
  ui_put (ACCOUNT_ROW, 2 + LABELS, line, COLS - 4 - LABELS,
          s->focus == WZ_SEND_ACCOUNT ? UI_SELECTED : UI_NORMAL);
  ui_put (ACCOUNT_ROW + 1, 2 + LABELS,
          _("Left and Right choose; an account is made once per CA."), 0,
          UI_DIM);
  free (line);
  free (choice);
}

static void
draw_new_account (const struct wz_send *s)
{
  if (!wz_send_new_account (s))
    return;
  ui_put (SERVER_ROW, 2, _("CA"), LABELS, UI_LABEL);
  ui_put (SERVER_ROW + 1, 2 + LABELS,
          _("letsencrypt, letsencrypt-staging, or an ACME directory URL"),
          COLS - 4 - LABELS, UI_DIM);
  ui_put (EMAIL_ROW, 2, _("E-mail"), LABELS, UI_LABEL);
  ui_put (EMAIL_ROW + 1, 2 + LABELS,
          _("where the CA sends its notices (may stay empty)"), 0, UI_DIM);
}

static void
draw_check (const struct wz_send *s)
{
  char *line = xasprintf (_("%s the web server's folder   %s certwiz on a "
                            "port"), chosen_mark (!s->standalone),
                          chosen_mark (s->standalone));
  ui_put (CHECK_ROW, 2, _("Check"), LABELS, UI_LABEL);
  ui_put (CHECK_ROW, 2 + LABELS, line, COLS - 4 - LABELS,
          s->focus == WZ_SEND_CHECK ? UI_SELECTED : UI_NORMAL);
  free (line);
  ui_put (WHERE_ROW, 2, s->standalone ? _("Listen on") : _("Folder"), LABELS,
          UI_LABEL);
  const char *hint = s->standalone
    ? _("ADDRESS:PORT; empty: port 80 on every address")
    : s->webroot_found ? _("found from the web site that serves the names")
                       : _("the folder your web server serves the names "
                           "from");
  ui_put (WHERE_ROW + 1, 2 + LABELS, hint, COLS - 4 - LABELS, UI_DIM);
}

static void
draw_about (const struct wz_send *s)
{
  struct wz_report about = WZ_REPORT_INIT;
  char *names = wz_send_names_text (s);
  char *text = xasprintf (_("The CA checks that you control %s by fetching "
                            "a file from each over plain HTTP, on port 80. "
                            "Only the request is sent: the private key stays "
                            "in the store."), names);
  wz_report_add (&about, UI_DIM, 0, text);
  wz_report_draw (&about, ABOUT_ROW, WZ_STATUS_ROW - ABOUT_ROW - 1);
  wz_report_free (&about);
  free (text);
  free (names);
}

static struct ui_field *
field_of (struct wz_send *s, int which, int *row)
{
  switch (which)
    {
    case WZ_SEND_SERVER:
      *row = SERVER_ROW;
      return &s->server;
    case WZ_SEND_EMAIL:
      *row = EMAIL_ROW;
      return &s->email;
    case WZ_SEND_WHERE:
      *row = WHERE_ROW;
      return wz_send_where (s);
    default:
      return NULL;
    }
}

/* The focused one last: it leaves the cursor where typing goes. */
static void
draw_fields (struct wz_send *s)
{
  for (int pass = 0; pass < 2; pass++)
    for (int which = 0; which < WZ_SEND_FOCUS_COUNT; which++)
      {
        int row;
        struct ui_field *f = field_of (s, which, &row);
        bool focused = which == s->focus;
        if (!f || focused != (pass == 1) || !wz_send_shown (s, which))
          continue;
        ui_field_draw (f, row, 2 + LABELS, COLS - 4 - LABELS, focused);
      }
  if (!field_of (s, s->focus, &(int) { 0 }))
    curs_set (0);
}

static void
draw_form (struct ui_screen *screen)
{
  struct wz_send *s = screen->state;
  wz_frame_draw (screen, _("Send the request to a CA"), _("Account and check"),
                 s->ui->status, s->ui->status_role);
  char *request = xasprintf (_("%s (ID %.8s)"), s->label, s->id);
  ui_put (WZ_TOP, 2, _("Request"), LABELS, UI_LABEL);
  ui_put (WZ_TOP, 2 + LABELS, request, COLS - 4 - LABELS, UI_NORMAL);
  free (request);
  draw_account (s);
  draw_new_account (s);
  draw_check (s);
  draw_about (s);
  draw_fields (s);
}

/* ------------------------------------------------------------- sending */

struct send_work
{
  struct wz_send *s;
  struct cw_account_add_options add;
  bool adding;
  struct cw_account_add_result added;
  struct cw_enroll_options enroll;
  struct cw_enroll_result result;
  struct cw_diags *diags;
};

/* On the progress screen's worker: the account, when a new one is
   asked for, then the order, the challenges, the certificate. */
static int
send_work (void *state, struct cw_progress *progress)
{
  struct send_work *w = state;
  struct cw_store *store = w->s->ui->store;
  if (w->adding)
    {
      w->add.progress = progress;
      enum cw_status status = cw_account_add (store, &w->add, &w->added,
                                              w->diags);
      if (status != CW_OK)
        return status;
      w->enroll.account = w->added.name;
    }
  w->enroll.progress = progress;
  w->enroll.solve.progress = progress;
  return cw_enroll (store, &w->enroll, &w->result, w->diags);
}

static enum cw_status
run_send (struct send_work *w)
{
  bool stopped = false;
  enum cw_status status = ui_progress_run (_("Sending the request"),
                                           _("Asking the CA"), send_work, w,
                                           &stopped);
  return status;
}

/* When the CA has terms, the user reads where they are and agrees (or
   not) in a dialog; then the account is asked for again. */
static bool
agree_to_terms (const char *url)
{
  char *text = xasprintf (_("To open an account, this CA asks you to agree "
                            "to its terms of service:\n\n%s\n\nRead them "
                            "(in a browser, on any machine). Do you "
                            "agree?"), url);
  bool yes = ui_confirm (_("The CA's terms of service"), text, false);
  free (text);
  return yes;
}

static enum wz_action send_done (struct wz_send *s,
                                 const struct cw_enroll_result *result,
                                 const struct cw_diags *diags);

static enum wz_action
send_form (struct wz_send *s)
{
  if (!wz_send_ready (s))
    return WZ_STAY;
  struct cw_diags diags = CW_DIAGS_INIT;
  struct send_work w = { .s = s, .diags = &diags };
  const char *emails[1];
  char *where = wz_send_options (s, &w.add, emails, &w.enroll);
  w.adding = wz_send_new_account (s);
  enum cw_status status = run_send (&w);
  if (status != CW_OK && w.adding && w.added.terms_of_service
      && wz_diags_have (&diags, "acme-terms-not-agreed")
      && agree_to_terms (w.added.terms_of_service))
    {
      cw_diags_free (&diags);
      cw_account_add_result_free (&w.added);
      w.added = (struct cw_account_add_result) { NULL };
      w.add.agree_tos = true;
      status = run_send (&w);
    }
  enum wz_action action = WZ_STAY;
  if (status == CW_OK)
    action = send_done (s, &w.result, &diags);
  else if (!wz_diags_have (&diags, "acme-terms-not-agreed") || !w.adding)
    {
      char *text = wz_diags_text (&diags);
      ui_message (_("The certificate was not issued"), text, UI_ERROR);
      free (text);
    }
  if (status == CW_OK || w.added.name)
    wz_send_reload_accounts (s);
  if (status == CW_OK)
    cw_enroll_result_free (&w.result);
  cw_account_add_result_free (&w.added);
  cw_diags_free (&diags);
  free (where);
  return action;
}

/* ----------------------------------------------------------------- done */

/* Straight on to a service, as the Exchange workflow ends: ID is the
   certificate installed. */
static void
use_it (struct wz_ui *ui, const char *id)
{
  struct cw_target target = CW_TARGET_INIT;
  struct cw_diags diags = CW_DIAGS_INIT;
  bool changed;
  if (cw_target_load (&target, ui->store, id, &diags) == CW_OK
      && target.certs.count)
    wz_use_for (ui, id, target.certs.items[0], &changed);
  else
    bw_show_diags (_("The certificate cannot be read"), &diags);
  cw_target_free (&target);
  cw_diags_free (&diags);
}

struct issued
{
  struct wz_ui *ui;
  char id[41];
};

static void
use_issued (void *state)
{
  struct issued *i = state;
  use_it (i->ui, i->id);
}

static enum wz_action
send_done (struct wz_send *s, const struct cw_enroll_result *result,
           const struct cw_diags *diags)
{
  struct issued issued = { s->ui, "" };
  snprintf (issued.id, sizeof issued.id, "%s", result->import.info.sha1);
  struct wz_report report = WZ_REPORT_INIT;
  wz_send_report (&report, s, result, diags);
  struct wz_report_screen screen = {
    _("Send the request to a CA"), _("Issued"), &report, WZ_XHELP_SEND_DONE,
    /* TRANSLATORS: a key bar label: put the certificate to work in a mail
       or web server. */
    'u', "u", N_("Use it for a service"), use_issued, &issued };
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
  struct wz_send *s = screen->state;
  (void) key;
  wz_say (s->ui, NULL, UI_NORMAL);
  if (action == FORM_NEXT_FIELD)
    wz_send_move (s, 1);
  else if (action == FORM_PREVIOUS_FIELD)
    wz_send_move (s, -1);
  else if (action == FORM_ENTER && s->focus != WZ_SEND_WHERE)
    wz_send_move (s, 1);
  else if (action == FORM_ENTER)
    {
      enum wz_action done = send_form (s);
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
  struct wz_send *s = screen->state;
  wz_say (s->ui, NULL, UI_NORMAL);
  int row;
  struct ui_field *f = field_of (s, s->focus, &row);
  if (f)
    {
      if (ui_field_key (f, key) == UI_FIELD_REFUSED)
        beep ();
      return;
    }
  int by = key == UI_KEY (KEY_LEFT) ? -1
           : key == UI_KEY (KEY_RIGHT) || key == ' ' ? 1 : 0;
  if (by)
    wz_send_choose (s, by);
}

static bool
help_form (struct ui_screen *screen, const char **title, const char **text)
{
  (void) screen;
  return wz_frame_help (WZ_XHELP_SEND_FORM, title, text);
}

/* Enter says what it does: from the last field, it sends. */
static bool
hint_form (struct ui_screen *screen, const struct ui_key *key,
           struct ui_keyhint *out)
{
  struct wz_send *s = screen->state;
  if (key->action == FORM_ENTER && s->focus == WZ_SEND_WHERE)
    out->label = _("Send");
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

enum wz_action
wz_run_send (struct wz_ui *ui, const char *id)
{
  struct cw_diags diags = CW_DIAGS_INIT;
  struct wz_send s;
  bool ready = cw_http_global_init (&diags)
               && wz_send_init (&s, ui, id, &diags);
  if (!ready)
    {
      char *text = wz_diags_text (&diags);
      ui_message (_("The request cannot be sent"), text, UI_ERROR);
      free (text);
      cw_diags_free (&diags);
      return WZ_BACK;
    }
  cw_diags_free (&diags);
  struct ui_screen screen = { .ops = &form_ops,
                              .keys = UI_KEYMAP (form_keys, UI_SHARE_ALL),
                              .first_tick = -1, .state = &s };
  int result = ui_run (&screen);
  wz_send_free (&s);
  wz_say (ui, NULL, UI_NORMAL);
  if (ui_quitting ())
    return WZ_QUIT;
  return result == UI_BACK ? WZ_BACK : (enum wz_action) result;
}
