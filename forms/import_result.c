/* The screen after an import.  Its words are the core's diagnostics,
   grouped under plain headings: the chain, what the CA changed, and,
   when the key is not here, the pitfall of importing on the wrong
   machine.  It offers no way to install without the key. */
#include <config.h>

#include "import_result.h"

#include <curses.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "base/i18n.h"
#include "store/listing.h"
#include "loop.h"
#include "screen_frame.h"
#include "store/store.h"
#include "term.h"
#include "base/xalloc.h"

typedef bool (*diag_filter) (const struct cw_diag *diag);

static bool
is_chain (const struct cw_diag *diag)
{
  return strncmp (diag->code, "chain-", 6) == 0;
}

static bool
is_ca_change (const struct cw_diag *diag)
{
  return strncmp (diag->code, "ca-", 3) == 0;
}

static bool
is_pending (const struct cw_diag *diag)
{
  return strcmp (diag->code, "pending-here") == 0
         || strcmp (diag->code, "pending-same-names") == 0
         || strcmp (diag->code, "no-pending") == 0;
}

static bool
is_key_not_here (const struct cw_diag *diag)
{
  return strcmp (diag->code, "key-not-here") == 0
         || strcmp (diag->code, "key-not-here-fix") == 0 || is_pending (diag);
}

static bool
is_other (const struct cw_diag *diag)
{
  return !is_chain (diag) && !is_ca_change (diag) && !is_key_not_here (diag);
}

static size_t
add_diags (struct wz_report *report, const struct cw_diags *diags,
           diag_filter keep, int indent)
{
  size_t added = 0;
  for (size_t i = 0; i < diags->count; i++)
    if (keep (&diags->items[i]))
      {
        wz_report_diag (report, &diags->items[i], indent);
        added++;
      }
  return added;
}

static size_t
count_diags (const struct cw_diags *diags, diag_filter keep)
{
  size_t n = 0;
  for (size_t i = 0; i < diags->count; i++)
    n += keep (&diags->items[i]);
  return n;
}

/* ---------------------------------------------------------- the facts */

/* "mail.contoso.com, IP:192.0.2.1": host names need no "DNS:". */
static char *
names_text (const struct cw_certinfo *info)
{
  char *text = xstrdup ("");
  for (size_t i = 0; i < info->name_count; i++)
    {
      const char *name = info->names[i];
      if (strncmp (name, "DNS:", 4) == 0)
        name += 4;
      char *joined = xasprintf ("%s%s%s", text, *text ? ", " : "", name);
      free (text);
      text = joined;
    }
  return text;
}

static char *
validity_text (time_t not_after)
{
  char when[40] = "?";
  struct tm tm;
  if (gmtime_r (&not_after, &tm))
    strftime (when, sizeof when, "%Y-%m-%d %H:%M UTC", &tm);
  long days = cw_days_left (not_after);
  if (days < 0)
    return xasprintf (ngettext ("%s (expired %ld day ago)",
                                "%s (expired %ld days ago)",
                                (unsigned long) -days), when, -days);
  return xasprintf (ngettext ("%s (in %ld day)", "%s (in %ld days)",
                              (unsigned long) days), when, days);
}

static void
add_facts (struct wz_report *report, const struct cw_certinfo *info)
{
  char *names = names_text (info);
  char *until = validity_text (info->not_after);
  wz_report_field (report, _("Subject"), info->subject);
  wz_report_field (report, _("Names"), *names ? names : _("(none)"));
  wz_report_field (report, _("Issued by"), info->issuer_name);
  wz_report_field (report, _("Valid until"), until);
  wz_report_field (report, _("Thumbprint"), info->sha1);
  wz_report_field (report, _("Key"), info->key);
  free (until);
  free (names);
}

/* When and where the request was made, from the installed entry's
   record, which keeps the request's. */
static char *
request_text (struct cw_store *store, const struct cw_import_result *result)
{
  struct cw_store_entry entry = { .id = NULL };
  struct cw_diags ignored = CW_DIAGS_INIT;
  char *text = NULL;
  if (store
      && cw_store_find (store, result->info.sha1, &entry, &ignored) == CW_OK)
    {
      const char *created = cw_record_get (&entry.record, "created");
      const char *host = cw_record_get (&entry.record, "host");
      if (created && host)
        text = xasprintf (_("%.8s, made %s on %s"), result->request_id,
                          created, host);
    }
  if (entry.id)
    cw_store_entry_free (&entry);
  cw_diags_free (&ignored);
  return text ? text : xasprintf ("%.8s", result->request_id);
}

static void
add_request (struct wz_report *report, const struct cw_import_result *result,
             struct cw_store *store)
{
  if (!result->bound)
    return;
  char *request = request_text (store, result);
  wz_report_field (report, _("Request"), request);
  free (request);
}

/* ---------------------------------------------------------- sections */

static void
add_chain (struct wz_report *report, const struct cw_import_result *result,
           const struct cw_diags *diags)
{
  wz_report_add (report, UI_LABEL, 0, _("The chain, as the server will send "
                                        "it:"));
  char *line = xasprintf (_("1. %s (this certificate)"),
                          *result->info.cn ? result->info.cn
                                           : result->info.subject);
  wz_report_add (report, UI_NORMAL, 2, line);
  free (line);
  for (size_t i = 0; i < result->chain_count; i++)
    {
      line = xasprintf ("%zu. %s", i + 2, result->chain[i]);
      wz_report_add (report, UI_NORMAL, 2, line);
      free (line);
    }
  if (add_diags (report, diags, is_chain, 2) == 0)
    wz_report_add (report, UI_DIM, 2, _("Nothing was missing or out of "
                                        "order."));
}

static void
add_ca_changes (struct wz_report *report, const struct cw_diags *diags)
{
  wz_report_add (report, UI_LABEL, 0, _("What the CA changed from the "
                                        "request:"));
  if (add_diags (report, diags, is_ca_change, 2) == 0)
    wz_report_add (report, UI_DIM, 2, _("Nothing: the certificate has the "
                                        "names and the subject the request "
                                        "asked for."));
}

static void
add_others (struct wz_report *report, const struct cw_diags *diags)
{
  if (count_diags (diags, is_other) == 0)
    return;
  wz_report_blank (report);
  wz_report_add (report, UI_LABEL, 0, _("Also:"));
  add_diags (report, diags, is_other, 2);
}

/* ---------------------------------------------------------- outcomes */

static void
installed_report (struct wz_report *report,
                  const struct cw_import_result *result,
                  const struct cw_diags *diags, struct cw_store *store)
{
  wz_report_add (report, UI_NOTE, 0,
                 result->restored
                   ? _("The backup is restored: the certificate and its "
                       "private key are installed.")
                   : result->shared_with
                   ? _("The certificate is installed, with the private key "
                       "of a certificate installed before it.")
                   : _("The certificate is installed, with the private key "
                       "kept for its request."));
  wz_report_blank (report);
  add_facts (report, &result->info);
  add_request (report, result, store);
  wz_report_blank (report);
  add_chain (report, result, diags);
  if (result->bound)
    {
      wz_report_blank (report);
      add_ca_changes (report, diags);
    }
  add_others (report, diags);
  wz_report_blank (report);
  wz_report_add (report, UI_NORMAL, 0,
                 result->restored
                   ? _("A server on this machine can use it now. Keep the "
                       "backup file and its password somewhere safe, away "
                       "from this server.")
                   : _("A server on this machine can use it now. Next, back "
                       "it up with its key (main menu, \"Back up a "
                       "certificate\") and keep the file away from this "
                       "server."));
}

static bool
is_key_not_here_itself (const struct cw_diag *diag)
{
  return strcmp (diag->code, "key-not-here") == 0;
}

static bool
is_fix (const struct cw_diag *diag)
{
  return strcmp (diag->code, "key-not-here-fix") == 0;
}

/* What matters first: the words of the pitfall, the requests that are
   waiting here, and what to do; the certificate's facts after them. */
static void
key_not_here_report (struct wz_report *report,
                     const struct cw_import_result *result,
                     const struct cw_diags *diags)
{
  wz_report_add (report, UI_ERROR, 0, _("This certificate's private key is "
                                        "not on this machine"));
  wz_report_add (report, UI_NORMAL, 0, _("Nothing was installed: the store "
                                         "is as it was."));
  wz_report_blank (report);
  add_diags (report, diags, is_key_not_here_itself, 0);
  wz_report_blank (report);
  wz_report_add (report, UI_LABEL, 0, _("Requests waiting in this store:"));
  add_diags (report, diags, is_pending, 2);
  wz_report_blank (report);
  add_diags (report, diags, is_fix, 0);
  add_others (report, diags);
  if (result->info.subject)
    {
      wz_report_blank (report);
      wz_report_add (report, UI_LABEL, 0, _("The certificate in the file:"));
      add_facts (report, &result->info);
    }
  wz_report_blank (report);
  wz_report_add (report, UI_DIM, 0,
                 _("Why nothing was installed: a server can use a "
                   "certificate only with its private key. Installed "
                   "without it, the certificate would show in the list, "
                   "and the server would fail later, when it is enabled. "
                   "(--cert-only is an option of the certwiz command, for "
                   "scripts; this wizard never installs a certificate "
                   "without its key.)"));
}

static void
refused_report (struct wz_report *report, const char *file,
                const struct cw_diags *diags)
{
  bool again = cw_diags_find (diags, "already-installed") != NULL;
  wz_report_add (report, UI_ERROR, 0,
                 again ? _("This certificate is already installed")
                       : _("Nothing was installed"));
  char *said = xasprintf (_("The file %s was not imported; the store is as "
                            "it was."), file);
  wz_report_add (report, UI_NORMAL, 0, said);
  free (said);
  wz_report_blank (report);
  for (size_t i = 0; i < diags->count; i++)
    wz_report_diag (report, &diags->items[i], 0);
}

/* An installed certificate's chain completed: nothing else changed. */
static void
completed_report (struct wz_report *report, const struct cw_diags *diags)
{
  wz_report_add (report, UI_NOTE, 0,
                 _("The chain is complete now. The certificates and their "
                   "keys were kept as they were."));
  wz_report_blank (report);
  for (size_t i = 0; i < diags->count; i++)
    wz_report_diag (report, &diags->items[i], 0);
}

void
wz_import_report (struct wz_report *report, const char *file,
                  enum cw_status status,
                  const struct cw_import_result *result,
                  const struct cw_diags *diags, struct cw_store *store)
{
  if (status == CW_OK
      && (result->chain_completed || result->completed_count))
    completed_report (report, diags);
  else if (status == CW_OK)
    installed_report (report, result, diags, store);
  else if (cw_diags_find (diags, "key-not-here"))
    key_not_here_report (report, result, diags);
  else
    refused_report (report, file, diags);
}

/* ------------------------------------------------------------ screen */

struct outcome
{
  struct wz_report report;
  bool installed;
  bool restored;
  enum wz_xhelp topic;
};

static int
report_rows (void)
{
  return WZ_STATUS_ROW - WZ_TOP;
}

static void
draw_outcome (struct ui_screen *screen)
{
  struct outcome *o = screen->state;
  wz_report_draw (&o->report, WZ_TOP, report_rows ());
  wz_frame_draw (screen, _("Import"),
                 o->restored ? _("Restored")
                 : o->installed ? _("Installed") : _("Not installed"),
                 NULL, UI_NORMAL);
}

enum
{
  OUTCOME_SCROLL = 1,
  OUTCOME_ENTER
};

static bool
act_outcome (struct ui_screen *screen, int action, int key)
{
  struct outcome *o = screen->state;
  if (action == OUTCOME_ENTER)
    ui_close (screen, o->installed ? WZ_MENU : WZ_BACK);
  else if (action == OUTCOME_SCROLL)
    wz_report_key (&o->report, key, report_rows ());
  else
    return false;
  return true;
}

static void
typed (struct ui_screen *screen, int key)
{
  struct outcome *o = screen->state;
  wz_report_key (&o->report, key, report_rows ());
}

static bool
help_outcome (struct ui_screen *screen, const char **title,
              const char **text)
{
  struct outcome *o = screen->state;
  return wz_frame_help (o->topic, title, text);
}

/* Scroll only when there is more than the screen; Enter goes on to the
   menu after an import, back to the file after a refusal. */
static bool
hint_outcome (struct ui_screen *screen, const struct ui_key *key,
              struct ui_keyhint *out)
{
  struct outcome *o = screen->state;
  if (key->action == OUTCOME_SCROLL)
    return o->report.lines > (size_t) report_rows ();
  if (key->action == OUTCOME_ENTER)
    out->label = o->installed ? _("Main menu") : _("Choose another file");
  return true;
}

static const struct ui_key outcome_keys[] = {
  { UI_KEY (KEY_NPAGE), OUTCOME_SCROLL, "PgDn", N_("Scroll") },
  UI_ENTER_KEYS (OUTCOME_ENTER, "Enter", N_("Main menu")),
};

static const struct ui_screen_ops outcome_ops = {
  .draw = draw_outcome, .act = act_outcome, .key = typed,
  .help = help_outcome, .hint = hint_outcome,
};

enum wz_action
wz_import_outcome (struct cw_store *store, const char *file,
                   enum cw_status status,
                   const struct cw_import_result *result,
                   const struct cw_diags *diags)
{
  struct outcome o = { WZ_REPORT_INIT, status == CW_OK,
                       status == CW_OK && result->restored,
                       status == CW_OK ? WZ_XHELP_IMPORT_DONE
                       : cw_diags_find (diags, "key-not-here")
                         ? WZ_XHELP_KEY_NOT_HERE : WZ_XHELP_IMPORT_REFUSED };
  wz_import_report (&o.report, file, status, result, diags, store);
  struct ui_screen screen = { .ops = &outcome_ops,
                              .keys = UI_KEYMAP (outcome_keys, UI_SHARE_ALL),
                              .first_tick = -1, .state = &o };
  int action = ui_run (&screen);
  wz_report_free (&o.report);
  if (ui_quitting ())
    return WZ_QUIT;
  return action == WZ_MENU ? WZ_MENU : WZ_BACK;
}
