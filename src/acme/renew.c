#include <config.h>

#include "acme/renew.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "acme/accounts.h"
#include "acme/ari.h"
#include "acme/enroll.h"
#include "acme/pending.h"
#include "base/i18n.h"
#include "base/xalloc.h"
#include "pki/certinfo.h"

struct renewal
{
  const struct cw_renew_options *o;
  struct cw_store *store;
  struct cw_renew_item *item;
  const struct cw_record *record;
  gnutls_x509_crt_t crt;
  char *cert_id;
  struct cw_account account;
  struct cw_acme acme;
  bool connected;
  bool ari_offered;        /* the directory lists renewalInfo */
};

time_t
cw_renew_backoff (int failures)
{
  int hours = 1;
  for (int i = 1; i < failures && hours < 24; i++)
    hours *= 2;
  return (time_t) (hours > 24 ? 24 : hours) * 3600;
}

static bool
enrolled_here (const struct cw_record *record)
{
  return cw_record_get (record, "acme-account")
         && cw_record_get (record, "acme-server")
         && !cw_record_get (record, "acme-replaced-by");
}

static long
record_long (const struct cw_record *record, const char *name)
{
  const char *v = cw_record_get (record, name);
  return v ? strtol (v, NULL, 10) : 0;
}

static time_t
record_time (const struct cw_record *record, const char *name)
{
  const char *v = cw_record_get (record, name);
  time_t t = v ? cw_time_parse (v) : (time_t) -1;
  return t == (time_t) -1 ? 0 : t;
}

static enum cw_status
load_cert (struct renewal *r, struct cw_diags *diags)
{
  gnutls_datum_t pem;
  enum cw_status status = cw_store_read (r->store, CW_STORE_INSTALLED,
                                         r->item->id, "cert.pem", &pem,
                                         false, diags);
  if (status != CW_OK)
    return status;
  int ret = gnutls_x509_crt_init (&r->crt);
  if (ret >= 0)
    ret = gnutls_x509_crt_import (r->crt, &pem, GNUTLS_X509_FMT_PEM);
  free (pem.data);
  if (ret < 0)
    {
      cw_diag_add (diags, CW_ERROR, "store-entry-damaged", "store",
                   _("The certificate %s of the store cannot be read: %s."),
                   r->item->id, gnutls_strerror (ret));
      return CW_FAILED;
    }
  r->cert_id = cw_ari_cert_id (r->crt);
  return CW_OK;
}

static enum cw_status
connect_account (struct renewal *r, struct cw_diags *diags)
{
  enum cw_status status = cw_account_load (r->store,
                                           cw_record_get (r->record,
                                                          "acme-account"),
                                           r->o->pin, &r->account, diags);
  if (status == CW_OK)
    status = cw_account_connect (&r->account, r->o->ca_bundle,
                                 r->o->timeout_ms, r->o->progress, &r->acme,
                                 diags);
  r->connected = status == CW_OK;
  size_t n;
  const char **contacts = cw_account_contacts (&r->account.record, &n);
  for (size_t i = 0; i < n && !r->item->mail_to; i++)
    if (strncmp (contacts[i], "mailto:", 7) == 0)
      r->item->mail_to = xstrdup (contacts[i] + 7);
  free (contacts);
  return status;
}

/* The moment picked in the CA's window: the one picked before while it
   is still inside the window, else a new one. */
static time_t
pick_in_window (struct renewal *r, const struct cw_ari_window *w)
{
  time_t before = record_time (r->record, "acme-renew-at");
  if (before >= w->start && before <= w->end)
    return before;
  return cw_ari_pick (w->start, w->end);
}

static void
schedule (struct renewal *r, struct cw_diags *diags)
{
  struct cw_renew_item *it = r->item;
  time_t nb = gnutls_x509_crt_get_activation_time (r->crt);
  time_t na = gnutls_x509_crt_get_expiration_time (r->crt);
  struct cw_ari_window w;
  if (cw_ari_fetch (&r->acme, r->cert_id, &w, diags))
    {
      it->ari = true;
      it->window_start = w.start;
      it->window_end = w.end;
      it->due = pick_in_window (r, &w);
      it->explanation = w.explanation ? xstrdup (w.explanation) : NULL;
    }
  else
    it->due = cw_renew_time_from_lifetime (nb, na);
  cw_ari_window_free (&w);
}

static void
add_name_input (const struct cw_record *record, struct cw_request_options *ro,
                char ***sans, size_t *count)
{
  for (size_t i = 0; i < record->count; i++)
    if (strcmp (record->fields[i].name, "san") == 0
        && strncmp (record->fields[i].value, "DNS:", 4) == 0)
      {
        *sans = xreallocarray (*sans, *count + 1, sizeof **sans);
        (*sans)[(*count)++] = record->fields[i].value + 4;
      }
  ro->names.subject = cw_record_get (record, "subject");
  ro->names.sans = (const char *const *) *sans;
  ro->names.san_count = *count;
  /* A key on a token stays there: the renewal is signed by the same
     key, as a hardware token's few slots would not hold a new one at
     every renewal. */
  ro->key_uri = cw_record_get (record, "key-uri");
  ro->key_type = ro->key_uri ? NULL : cw_record_get (record, "key");
  const char *fn = cw_record_get (record, "friendly-name");
  ro->friendly_name = fn && *fn ? fn : NULL;
  ro->exportable = true;
}

static void
solve_from_record (const struct cw_record *rec,
                   struct cw_acme_solve_options *s)
{
  s->challenge = cw_record_get (rec, "acme-challenge");
  s->webroot = cw_record_get (rec, "acme-webroot");
  s->standalone = cw_record_get (rec, "acme-standalone");
  s->dns_hook = cw_record_get (rec, "acme-dns-hook");
  s->manual = cw_record_get (rec, "acme-dns-manual") != NULL;
  s->dns_server = cw_record_get (rec, "acme-dns-server");
}

static enum cw_status
read_old_key (struct renewal *r, gnutls_datum_t *pem, struct cw_diags *diags)
{
  return cw_store_read (r->store, CW_STORE_INSTALLED, r->item->id,
                        "key.pem", pem, false, diags);
}

static enum cw_status
order_again (struct renewal *r, struct cw_diags *diags)
{
  struct cw_request_options ro = { .exportable = true };
  char **sans = NULL;
  size_t count = 0;
  add_name_input (r->record, &ro, &sans, &count);
  struct cw_enroll_options eo = {
    .request = &ro, .pin = r->o->pin,
    .account = cw_record_get (r->record, "acme-account"),
    .profile = cw_record_get (r->record, "acme-profile"),
    .ca_bundle = r->o->ca_bundle, .timeout_ms = r->o->timeout_ms,
    .progress = r->o->progress, .renews = r->item->id,
    .replaces = r->ari_offered ? r->cert_id : NULL,
  };
  eo.solve.progress = r->o->progress;
  solve_from_record (r->record, &eo.solve);
  gnutls_datum_t old_key = { NULL, 0 };
  enum cw_status status = CW_OK;
  if (r->o->reuse_key && !ro.key_uri)
    {
      status = read_old_key (r, &old_key, diags);
      eo.reuse_key = &old_key;
    }
  struct cw_enroll_result result;
  if (status == CW_OK)
    {
      status = cw_enroll (r->store, &eo, &result, diags);
      if (status == CW_OK)
        {
          r->item->new_id = xstrdup (result.import.info.sha1);
          r->item->replaces_dropped = result.replaces_dropped;
        }
      cw_enroll_result_free (&result);
    }
  if (old_key.data)
    {
      gnutls_memset (old_key.data, 0, old_key.size);
      free (old_key.data);
    }
  free (sans);
  return status;
}

/* The item's first error, for the failure hook and the record. */
static void
keep_first_error (struct cw_renew_item *it)
{
  for (size_t i = 0; i < it->diags.count && !it->error_code; i++)
    if (it->diags.items[i].severity == CW_ERROR)
      {
        it->error_code = it->diags.items[i].code;
        it->error_message = xstrdup (it->diags.items[i].message);
      }
}

static void
note_success (struct renewal *r, struct cw_diags *diags)
{
  struct cw_record set = CW_RECORD_INIT;
  char *now = cw_time_format (time (NULL));
  cw_record_set (&set, "acme-replaced-by", r->item->new_id);
  cw_record_set (&set, "acme-renewed", now);
  cw_record_set (&set, "acme-failures", "0");
  cw_acme_record_update (r->store, CW_STORE_INSTALLED, r->item->id, &set,
                         diags);
  cw_record_free (&set);
  free (now);
  r->item->not_enabled = cw_renew_reenable (r->store, r->item->id,
                                             r->item->new_id, diags)
                         != CW_OK;
  if (r->item->not_enabled)
    keep_first_error (r->item);
}

static void
note_failure (struct renewal *r, struct cw_diags *diags)
{
  struct cw_renew_item *it = r->item;
  keep_first_error (it);
  it->failures = (int) record_long (r->record, "acme-failures") + 1;
  it->next_try = time (NULL) + cw_renew_backoff (it->failures);
  struct cw_record set = CW_RECORD_INIT;
  char count[16], *next = cw_time_format (it->next_try);
  char *now = cw_time_format (time (NULL));
  snprintf (count, sizeof count, "%d", it->failures);
  cw_record_set (&set, "acme-failures", count);
  cw_record_set (&set, "acme-next-try", next);
  cw_record_set (&set, "acme-last-attempt", now);
  cw_record_set (&set, "acme-last-error", it->error_code ? it->error_code
                                                         : "unknown");
  if (it->error_message)
    cw_record_set (&set, "acme-last-error-message", it->error_message);
  cw_acme_record_update (r->store, CW_STORE_INSTALLED, it->id, &set, diags);
  cw_record_free (&set);
  free (next), free (now);
}

static void
keep_schedule (struct renewal *r, struct cw_diags *diags)
{
  if (!r->item->ari || r->o->dry_run
      || record_time (r->record, "acme-renew-at") == r->item->due)
    return;
  struct cw_record set = CW_RECORD_INIT;
  char *at = cw_time_format (r->item->due);
  char *start = cw_time_format (r->item->window_start);
  char *end = cw_time_format (r->item->window_end);
  cw_record_set (&set, "acme-renew-at", at);
  /* Kept for show and the browser, which do not ask the CA. */
  cw_record_set (&set, "acme-window-start", start);
  cw_record_set (&set, "acme-window-end", end);
  free (start), free (end);
  cw_acme_record_update (r->store, CW_STORE_INSTALLED, r->item->id, &set,
                         diags);
  cw_record_free (&set);
  free (at);
}

static void
renew_one (struct renewal *r)
{
  struct cw_renew_item *it = r->item;
  struct cw_diags *d = &it->diags;
  time_t now = time (NULL);
  it->failures = (int) record_long (r->record, "acme-failures");
  it->next_try = record_time (r->record, "acme-next-try");
  if (!r->o->force && it->failures > 0 && it->next_try > now)
    {
      it->outcome = CW_RENEW_BACKING_OFF;
      return;
    }
  enum cw_status status = load_cert (r, d);
  if (status == CW_OK)
    status = connect_account (r, d);
  if (status == CW_OK)
    {
      r->ari_offered = r->acme.dir.renewal_info != NULL;
      schedule (r, d);
      keep_schedule (r, d);
      long horizon = !it->ari ? 0
                     : r->o->interval_seconds ? r->o->interval_seconds
                     : CW_RENEW_INTERVAL;
      if (!r->o->force && it->due > now + horizon)
        {
          it->outcome = CW_RENEW_NOT_DUE;
          return;
        }
      if (r->o->dry_run)
        {
          it->outcome = CW_RENEW_DUE;
          return;
        }
      /* The enrolment opens its own conversation. */
      cw_acme_close (&r->acme);
      r->connected = false;
      status = order_again (r, d);
    }
  it->outcome = status == CW_OK ? CW_RENEW_DONE : CW_RENEW_FAILED;
  if (status == CW_OK)
    note_success (r, d);
  else if (!r->o->dry_run)
    note_failure (r, d);
}

static void
finish_one (struct renewal *r)
{
  if (r->connected)
    cw_acme_close (&r->acme);
  r->connected = false;
  cw_account_free (&r->account);
  if (r->crt)
    gnutls_x509_crt_deinit (r->crt);
  r->crt = NULL;
  free (r->cert_id);
  r->cert_id = NULL;
}

static const char *
entry_label (const struct cw_record *record)
{
  const char *name = cw_record_get (record, "friendly-name");
  if (!name || !*name)
    name = cw_record_get (record, "cn");
  return name ? name : "";
}

static struct cw_renew_item *
add_item (struct cw_renew_report *report, const struct cw_store_entry *e)
{
  report->items = xreallocarray (report->items, report->count + 1,
                                 sizeof *report->items);
  struct cw_renew_item *it = &report->items[report->count++];
  *it = (struct cw_renew_item) { .id = xstrdup (e->id),
                                 .name = xstrdup (entry_label (&e->record)),
                                 .diags = CW_DIAGS_INIT };
  return it;
}

static enum cw_status
entries_to_renew (struct renewal *r, struct cw_store_entries *entries,
                  struct cw_diags *diags)
{
  if (!r->o->id)
    return cw_store_list (r->store, CW_STORE_INSTALLED, entries, diags);
  struct cw_store_entry entry;
  enum cw_status status = cw_store_find (r->store, r->o->id, &entry, diags);
  if (status != CW_OK)
    return status;
  if (strcmp (entry.area, CW_STORE_INSTALLED) != 0
      || !cw_record_get (&entry.record, "acme-account"))
    {
      cw_diag_add (diags, CW_ERROR, "renew-not-enrolled", "renew",
                   _("%.8s was not enrolled through ACME by certwiz, so it "
                     "cannot be renewed here. Enrol its names instead."),
                   entry.id);
      cw_store_entry_free (&entry);
      return CW_REFUSED;
    }
  entries->items = xcalloc (1, sizeof *entries->items);
  entries->items[0] = entry;
  entries->count = entries->capacity = 1;
  return CW_OK;
}

enum cw_status
cw_renew (struct cw_store *store, const struct cw_renew_options *o,
          struct cw_renew_report *report, struct cw_diags *diags)
{
  *report = (struct cw_renew_report) { NULL, 0 };
  struct renewal r = { .o = o, .store = store };
  struct cw_store_entries entries = CW_STORE_ENTRIES_INIT;
  enum cw_status status = entries_to_renew (&r, &entries, diags);
  for (size_t i = 0; status == CW_OK && i < entries.count; i++)
    {
      const struct cw_record *rec = &entries.items[i].record;
      if (!enrolled_here (rec))
        continue;
      r.item = add_item (report, &entries.items[i]);
      r.record = rec;
      r.ari_offered = false;
      r.account = (struct cw_account) { NULL, CW_RECORD_INIT,
                                        { NULL, NULL } };
      renew_one (&r);
      finish_one (&r);
    }
  for (size_t i = 0; status == CW_OK && i < report->count; i++)
    if (report->items[i].outcome == CW_RENEW_FAILED
        || report->items[i].outcome == CW_RENEW_BACKING_OFF
        || report->items[i].not_enabled)
      status = CW_FAILED;
  cw_store_entries_free (&entries);
  return status;
}

void
cw_renew_report_free (struct cw_renew_report *report)
{
  for (size_t i = 0; i < report->count; i++)
    {
      struct cw_renew_item *it = &report->items[i];
      free (it->id), free (it->name), free (it->explanation);
      free (it->new_id), free (it->error_message), free (it->mail_to);
      cw_diags_free (&it->diags);
    }
  free (report->items);
  *report = (struct cw_renew_report) { NULL, 0 };
}
