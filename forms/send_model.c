/* The model of the "Send the request to a CA" form (see send.h). */
#include <config.h>

#include "send.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/i18n.h"
#include "base/xalloc.h"
#include "file_picker.h"
#include "pki/certinfo.h"
#include "services/enable.h"
#include "wizard_ui.h"

static void
load_accounts (struct wz_send *s)
{
  struct cw_diags quiet = CW_DIAGS_INIT;
  s->accounts = (struct cw_store_entries) CW_STORE_ENTRIES_INIT;
  cw_account_list (s->ui->store, &s->accounts, &quiet);
  cw_diags_free (&quiet);
  s->account = 0;
}

static void
take_names (struct wz_send *s, const struct cw_record *record)
{
  for (size_t i = 0; i < record->count; i++)
    if (strcmp (record->fields[i].name, "san") == 0
        && strncmp (record->fields[i].value, "DNS:", 4) == 0)
      {
        s->names = xreallocarray (s->names, s->name_count + 1,
                                  sizeof *s->names);
        s->names[s->name_count++] = xstrdup (record->fields[i].value + 4);
      }
}

bool
wz_send_init (struct wz_send *s, struct wz_ui *ui, const char *id,
              struct cw_diags *diags)
{
  memset (s, 0, sizeof *s);
  s->ui = ui;
  struct cw_store_entry entry;
  if (cw_store_get (ui->store, CW_STORE_PENDING, id, &entry, diags) != CW_OK)
    return false;
  snprintf (s->id, sizeof s->id, "%s", entry.id);
  const char *name = cw_record_get (&entry.record, "friendly-name");
  if (!name || !*name)
    name = cw_record_get (&entry.record, "cn");
  s->label = xstrdup (name && *name ? name : entry.id);
  take_names (s, &entry.record);
  cw_store_entry_free (&entry);
  load_accounts (s);
  struct cw_diags quiet = CW_DIAGS_INIT;
  cw_tokens_list (&s->tokens, NULL, &quiet);
  cw_diags_free (&quiet);
  ui_field_init (&s->server, 0);
  ui_field_init (&s->email, 0);
  ui_field_init (&s->folder, 0);
  ui_field_init (&s->listen, 0);
  ui_field_init (&s->eab_kid, 0);
  ui_field_init (&s->eab_file, 0);
  wz_secret_init (&s->eab_key);
  ui_field_set (&s->server, "letsencrypt");
  s->webroot_found = cw_svc_find_webroot ((const char *const *) s->names,
                                          s->name_count);
  if (s->webroot_found)
    ui_field_set (&s->folder, s->webroot_found);
  return true;
}

void
wz_send_free (struct wz_send *s)
{
  for (size_t i = 0; i < s->name_count; i++)
    free (s->names[i]);
  free (s->names);
  free (s->label);
  free (s->webroot_found);
  cw_store_entries_free (&s->accounts);
  ui_field_free (&s->server);
  ui_field_free (&s->email);
  ui_field_free (&s->folder);
  ui_field_free (&s->listen);
  ui_field_free (&s->eab_kid);
  ui_field_free (&s->eab_file);
  wz_secret_free (&s->eab_key);
  free (s->agreed);
  cw_tokens_free (&s->tokens);
  wz_dns_records_free (&s->records);
}

void
wz_send_reload_accounts (struct wz_send *s)
{
  cw_store_entries_free (&s->accounts);
  load_accounts (s);
}

bool
wz_send_new_account (const struct wz_send *s)
{
  return s->account >= s->accounts.count;
}

struct ui_field *
wz_send_where (struct wz_send *s)
{
  switch (s->check)
    {
    case WZ_CHECK_PORT:
      return &s->listen;
    case WZ_CHECK_FOLDER:
      return &s->folder;
    default:
      return NULL;
    }
}

bool
wz_send_shown (const struct wz_send *s, int which)
{
  if (which == WZ_SEND_SERVER || which == WZ_SEND_EMAIL)
    return wz_send_new_account (s);
  if (which == WZ_SEND_ACCOUNT_KEY)
    return wz_send_new_account (s) && s->tokens.count > 0;
  if (which >= WZ_SEND_EAB_KID && which <= WZ_SEND_EAB_FILE)
    return wz_send_new_account (s) && s->eab;
  if (which == WZ_SEND_WHERE)
    return s->check != WZ_CHECK_DNS;
  return which >= 0 && which < WZ_SEND_FOCUS_COUNT;
}

int
wz_send_last (const struct wz_send *s)
{
  int last = WZ_SEND_FOCUS_COUNT - 1;
  while (last > 0 && !wz_send_shown (s, last))
    last--;
  return last;
}

const struct cw_token *
wz_send_key_token (const struct wz_send *s)
{
  if (!wz_send_shown (s, WZ_SEND_ACCOUNT_KEY) || s->key_place == 0
      || s->key_place > s->tokens.count)
    return NULL;
  return &s->tokens.items[s->key_place - 1];
}

const char *
wz_send_pin_token (const struct wz_send *s)
{
  if (!wz_send_new_account (s))
    return cw_record_get (&s->accounts.items[s->account].record,
                          "key-token");
  const struct cw_token *token = wz_send_key_token (s);
  return token ? token->label : NULL;
}

int
wz_send_row (const struct wz_send *s, int which)
{
  int row = WZ_TOP + 2;
  for (int i = 0; i < which; i++)
    {
      bool optional = i >= WZ_SEND_ACCOUNT_KEY && i <= WZ_SEND_EAB_FILE;
      if (!optional || wz_send_shown (s, i))
        row += 2;
    }
  return row;
}

void
wz_send_ask_eab (struct wz_send *s)
{
  s->eab = true;
  s->focus = WZ_SEND_EAB_KID;
  wz_say (s->ui, _("This CA asks for an external account: type the key ID "
                   "and HMAC key it gave."), UI_WARNING);
}

void
wz_send_move (struct wz_send *s, int by)
{
  do
    s->focus = (s->focus + by + WZ_SEND_FOCUS_COUNT) % WZ_SEND_FOCUS_COUNT;
  while (!wz_send_shown (s, s->focus));
}

void
wz_send_choose (struct wz_send *s, int by)
{
  if (s->focus == WZ_SEND_ACCOUNT)
    {
      size_t choices = s->accounts.count + 1;
      s->account = (s->account + (by > 0 ? 1 : choices - 1)) % choices;
    }
  else if (s->focus == WZ_SEND_ACCOUNT_KEY)
    {
      size_t choices = s->tokens.count + 1;
      s->key_place = (s->key_place + (by > 0 ? 1 : choices - 1)) % choices;
    }
  else if (s->focus == WZ_SEND_CHECK)
    s->check = (s->check + (by > 0 ? 1 : WZ_CHECK_COUNT - 1))
               % WZ_CHECK_COUNT;
}

bool
wz_send_ready (struct wz_send *s)
{
  if (wz_send_new_account (s) && s->server.len == 0)
    {
      wz_say (s->ui, _("Type the CA: letsencrypt, letsencrypt-staging, or "
                       "the URL of its ACME directory."), UI_WARNING);
      s->focus = WZ_SEND_SERVER;
      return false;
    }
  bool one_key = (s->eab_key.len == 0) != (s->eab_file.len == 0);
  if (wz_send_shown (s, WZ_SEND_EAB_KID) && (s->eab_kid.len == 0 || !one_key))
    {
      wz_say (s->ui, s->eab_kid.len == 0
                       ? _("Type the key ID the CA gave you.")
                       : _("Type the HMAC key the CA gave you, or name the "
                           "file that holds it: one of them."), UI_WARNING);
      s->focus = s->eab_kid.len == 0 ? WZ_SEND_EAB_KID : WZ_SEND_EAB_KEY;
      return false;
    }
  if (s->check == WZ_CHECK_FOLDER && s->folder.len == 0)
    {
      wz_say (s->ui, _("Type the folder your web server serves the names "
                       "from, or let certwiz answer on a port."), UI_WARNING);
      s->focus = WZ_SEND_WHERE;
      return false;
    }
  return true;
}

/* The EAB fields of ADD, when the form shows them; the key file's path
   expanded into *FILE (the caller frees it). */
static void
eab_options (const struct wz_send *s, struct cw_account_add_options *add,
             char **file)
{
  *file = NULL;
  if (!wz_send_shown (s, WZ_SEND_EAB_KID))
    return;
  add->eab_kid = s->eab_kid.text;
  if (s->eab_key.len)
    add->eab_key = s->eab_key.text;
  else
    add->eab_key_file = *file = wz_expand_path (s->eab_file.text);
}

char *
wz_send_options (const struct wz_send *s, struct cw_account_add_options *add,
                 const char **emails, char **eab_file,
                 struct cw_enroll_options *enroll)
{
  memset (add, 0, sizeof *add);
  memset (enroll, 0, sizeof *enroll);
  add->server = s->server.text;
  add->agree_tos = s->agreed && strcmp (s->agreed, s->server.text) == 0;
  const struct cw_token *token = wz_send_key_token (s);
  if (token)
    add->key_uri = token->uri;
  eab_options (s, add, eab_file);
  if (s->email.len)
    {
      emails[0] = s->email.text;
      add->emails = emails;
      add->email_count = 1;
    }
  /* A test or private CA's HTTPS server, as --ca-bundle gives it; an
     account keeps the one it was added with. */
  add->ca_bundle = getenv ("CERTWIZ_CA_BUNDLE");
  if (add->ca_bundle && !*add->ca_bundle)
    add->ca_bundle = NULL;
  enroll->request_id = s->id;
  if (!wz_send_new_account (s))
    enroll->account = s->accounts.items[s->account].id;
  if (s->check == WZ_CHECK_DNS)
    {
      /* The wizard waits for the records on a screen of its own: the
         core looks once, and the order waits in the store meanwhile. */
      enroll->solve.challenge = "dns-01";
      enroll->solve.manual = true;
      enroll->solve.look_once = true;
      enroll->solve.dns_server = wz_send_dns_server ();
      return NULL;
    }
  enroll->solve.challenge = "http-01";
  char *where = s->check == WZ_CHECK_PORT ? xstrdup (s->listen.text)
                                          : wz_expand_path (s->folder.text);
  if (s->check == WZ_CHECK_PORT)
    enroll->solve.standalone = where;
  else
    enroll->solve.webroot = where;
  return where;
}

const char *
wz_send_dns_server (void)
{
  const char *server = getenv ("CERTWIZ_DNS_SERVER");
  return server && *server ? server : NULL;
}

void
wz_dns_records_keep (void *state, const char *name, const char *value)
{
  struct wz_dns_records *r = state;
  for (size_t i = 0; i < r->count; i++)
    if (strcmp (r->names[i], name) == 0 && strcmp (r->values[i], value) == 0)
      return;
  r->names = xreallocarray (r->names, r->count + 1, sizeof *r->names);
  r->values = xreallocarray (r->values, r->count + 1, sizeof *r->values);
  r->names[r->count] = xstrdup (name);
  r->values[r->count++] = xstrdup (value);
}

void
wz_dns_records_free (struct wz_dns_records *r)
{
  for (size_t i = 0; i < r->count; i++)
    {
      free (r->names[i]);
      free (r->values[i]);
    }
  free (r->names);
  free (r->values);
  *r = (struct wz_dns_records) { NULL, NULL, 0 };
}

char *
wz_send_names_text (const struct wz_send *s)
{
  if (s->name_count == 0)
    return xstrdup (_("the names"));
  char *text = xstrdup (s->names[0]);
  for (size_t i = 1; i < s->name_count; i++)
    {
      /* TRANSLATORS: joins the last name of a list ("a, b and c") and
         the others. */
      char *next = xasprintf (i + 1 == s->name_count ? _("%s and %s")
                                                     : _("%s, %s"),
                              text, s->names[i]);
      free (text);
      text = next;
    }
  return text;
}

void
wz_send_report (struct wz_report *r, const struct wz_send *s,
                const struct cw_enroll_result *result,
                const struct cw_diags *diags)
{
  const struct cw_certinfo *info = &result->import.info;
  wz_report_add (r, UI_NOTE, 0, _("The CA issued the certificate, and it is "
                                  "installed on the key kept in the store."));
  wz_report_blank (r);
  wz_report_field (r, _("Certificate"), s->label);
  wz_report_field (r, _("Thumbprint"), info->sha1);
  wz_report_field (r, _("Issuer"), info->issuer_name);
  char *until = cw_time_format (info->not_after);
  char *renew = cw_time_format (cw_renew_time_from_lifetime (
    info->not_before, info->not_after));
  wz_report_field (r, _("Valid until"), until);
  wz_report_field (r, _("Next renewal"), renew);
  free (until);
  free (renew);
  for (size_t i = 0; i < diags->count; i++)
    wz_report_diag (r, &diags->items[i], 0);
  wz_report_blank (r);
  wz_report_add (r, UI_NORMAL, 0,
                 _("certwiz renew renews it before it expires, with the "
                   "same account and the same check: the timer "
                   "certwiz-renew.timer runs it twice a day (or a cron "
                   "line: see the manual)."));
  char *next = xasprintf (_("Press u to put it to work in a mail or web "
                            "server now (or later: certwiz enable %.8s "
                            "--service nginx, postfix, dovecot, apache or "
                            "haproxy)."), info->sha1);
  wz_report_add (r, UI_NORMAL, 0, next);
  free (next);
}

bool
wz_diags_have (const struct cw_diags *diags, const char *code)
{
  for (size_t i = 0; i < diags->count; i++)
    if (diags->items[i].code && strcmp (diags->items[i].code, code) == 0)
      return true;
  return false;
}
