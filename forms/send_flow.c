/* Sending the form of forms/send_screen.c: the core's cw_account_add
   and cw_enroll on the progress screen, the CA's terms agreed to in a
   dialog, and for a DNS check the records shown and waited for
   (forms/dns_wait.c) before the order is taken up again; then the
   screen that says the certificate is installed, and on to a service. */
#include <config.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "acme/accounts.h"
#include "acme/enroll.h"
#include "base/i18n.h"
#include "base/xalloc.h"
#include "browser.h"
#include "dialog.h"
#include "import_backup_help.h"
#include "keys/key.h"
#include "password_entry.h"
#include "pki/target.h"
#include "progress.h"
#include "report_screen.h"
#include "report_view.h"
#include "send.h"
#include "wizard_ui.h"

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

/* dns-01: the core looked once.  While the records are not served,
   they are shown and waited for, then the order is taken up again (the
   account made by the first run, if any, is the one used).  *KEPT says
   the user went back: the request and its order wait in the store. */
static enum cw_status
wait_for_records (struct send_work *w, enum cw_status status, bool *kept)
{
  while (status != CW_OK && wz_diags_have (w->diags, "acme-dns-not-yet"))
    {
      if (!wz_dns_wait (w->s->ui, &w->s->records,
                        w->enroll.solve.dns_server))
        {
          *kept = true;
          return status;
        }
      cw_diags_clear (w->diags);
      if (w->added.name)
        {
          w->adding = false;
          w->enroll.account = w->added.name;
        }
      wz_dns_records_free (&w->s->records);
      status = run_send (w);
    }
  return status;
}

static void
say_kept (const struct wz_send *s)
{
  char *text = xasprintf (_("The request %.8s is kept pending with its key, "
                            "and the CA keeps its order open for a while. "
                            "To go on, send it again with a DNS record as "
                            "the check (s in the browser): certwiz takes "
                            "the order up where it stopped, with the same "
                            "records."), s->id);
  ui_message (_("The order waits for the DNS records"), text, UI_NORMAL);
  free (text);
}

/* The core's messages, after a word on the key ID and HMAC key when the
   CA refused the account they were to bind. */
static void
say_not_issued (const struct send_work *w)
{
  bool no_account = w->adding && !w->added.url;
  char *text = wz_diags_text (w->diags);
  if (no_account && w->add.eab_kid
      && (wz_diags_have (w->diags, "acme-unauthorized")
          || wz_diags_have (w->diags, "acme-malformed")))
    {
      char *more = xasprintf ("%s\n\n%s",
                              _("The CA did not take the key ID and the "
                                "HMAC key: check both against what it "
                                "gave you, and send again. Nothing was "
                                "kept."), text);
      free (text);
      text = more;
    }
  ui_message (no_account ? _("The CA did not open the account")
                         : _("The certificate was not issued"), text,
              UI_ERROR);
  free (text);
}

/* The PIN of the token the account's key is (or is to be) on, when it
   is on one: false when the user goes back. */
static bool
ask_pin (const struct wz_send *s, struct wz_secret *pin)
{
  const char *label = wz_send_pin_token (s);
  if (!label)
    return true;
  char *text = xasprintf (_("The account's key is on the token \"%s\": "
                            "type its PIN. It is not shown, and certwiz "
                            "keeps it only while it sends."), label);
  bool given = wz_ask_password (_("The token's PIN"), text,
                                _("The token's PIN"), text, pin);
  free (text);
  return given;
}

enum wz_action
wz_send_submit (struct wz_send *s)
{
  if (!wz_send_ready (s))
    return WZ_STAY;
  struct wz_secret pin;
  wz_secret_init (&pin);
  if (!ask_pin (s, &pin))
    {
      wz_secret_free (&pin);
      return WZ_STAY;
    }
  struct cw_pin_source pins = wz_pin_typed (&pin.text);
  struct cw_diags diags = CW_DIAGS_INIT;
  struct send_work w = { .s = s, .diags = &diags };
  const char *emails[1];
  char *eab_file;
  char *where = wz_send_options (s, &w.add, emails, &eab_file, &w.enroll);
  w.add.pin = &pins;
  w.enroll.pin = &pins;
  w.enroll.solve.show_record = wz_dns_records_keep;
  w.enroll.solve.show_state = &s->records;
  wz_dns_records_free (&s->records);
  w.adding = wz_send_new_account (s);
  enum cw_status status = run_send (&w);
  if (status != CW_OK && w.adding && w.added.terms_of_service
      && wz_diags_have (&diags, "acme-terms-not-agreed")
      && agree_to_terms (w.added.terms_of_service))
    {
      free (s->agreed);
      s->agreed = xstrdup (s->server.text);
      cw_diags_free (&diags);
      cw_account_add_result_free (&w.added);
      w.added = (struct cw_account_add_result) { NULL };
      w.add.agree_tos = true;
      status = run_send (&w);
    }
  bool kept = false;
  status = wait_for_records (&w, status, &kept);
  enum wz_action action = WZ_STAY;
  if (status == CW_OK)
    action = send_done (s, &w.result, &diags);
  else if (kept)
    say_kept (s);
  else if (w.adding && !w.add.eab_kid
           && (wz_diags_have (&diags, "acme-eab-required")
               || wz_diags_have (&diags, "acme-external-account-required")))
    wz_send_ask_eab (s);
  else if (!wz_diags_have (&diags, "acme-terms-not-agreed") || !w.adding)
    say_not_issued (&w);
  if (status == CW_OK || w.added.name)
    wz_send_reload_accounts (s);
  if (status == CW_OK)
    cw_enroll_result_free (&w.result);
  cw_account_add_result_free (&w.added);
  cw_diags_free (&diags);
  free (eab_file);
  free (where);
  wz_secret_free (&pin);
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

