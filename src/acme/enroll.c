#include <config.h>

#include "acme/enroll.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "acme/accounts.h"
#include "acme/jsonutil.h"
#include "acme/order.h"
#include "acme/pending.h"
#include "base/i18n.h"
#include "base/xalloc.h"
#include "names/match.h"
#include "store/listing.h"

struct enrolment
{
  const struct cw_enroll_options *o;
  struct cw_enroll_result *result;
  struct cw_diags *diags;
  struct cw_store *store;
  struct cw_account account;
  struct cw_acme acme;
  struct cw_request request;         /* a new one, prepared */
  char **dns;                        /* the names ordered */
  size_t dns_count;
  bool have_pending;                 /* result->request_id is an entry */
  struct cw_record pending_record;
  struct cw_acme_order order;
  char *found_webroot;               /* found for http-01, not given */
};

void
cw_enroll_describe (const struct cw_enroll_options *o, const char *server,
                    const char *account, struct cw_record *record)
{
  const struct cw_acme_solve_options *s = &o->solve;
  cw_record_set (record, "acme-server", server);
  cw_record_set (record, "acme-account", account);
  cw_record_set (record, "acme-challenge",
                 s->challenge ? s->challenge : "http-01");
  if (s->webroot)
    cw_record_set (record, "acme-webroot", s->webroot);
  if (s->standalone)
    cw_record_set (record, "acme-standalone", s->standalone);
  if (s->dns_hook)
    cw_record_set (record, "acme-dns-hook", s->dns_hook);
  if (s->manual)
    cw_record_set (record, "acme-dns-manual", "yes");
  if (s->dns_server)
    cw_record_set (record, "acme-dns-server", s->dns_server);
  if (o->profile)
    cw_record_set (record, "acme-profile", o->profile);
  if (o->renews)
    cw_record_set (record, "acme-renews", o->renews);
}

static bool
same_names (char **a, size_t na, char **b, size_t nb)
{
  if (na != nb)
    return false;
  for (size_t i = 0; i < na; i++)
    {
      bool found = false;
      for (size_t j = 0; j < nb && !found; j++)
        found = strcmp (a[i], b[j]) == 0;
      if (!found)
        return false;
    }
  return true;
}

static enum cw_status
read_pending_record (struct enrolment *e, const struct cw_record *record)
{
  cw_record_free (&e->pending_record);
  for (size_t i = 0; i < record->count; i++)
    cw_record_add (&e->pending_record, record->fields[i].name,
                   record->fields[i].value);
  cw_names_list_free (e->dns, e->dns_count);
  e->dns = cw_record_dns_names (record, &e->dns_count);
  return CW_OK;
}

/* An earlier enrolment of the same names with the same account, left
   pending by a run that was stopped: its key is used again. */
static void
find_earlier (struct enrolment *e)
{
  struct cw_store_entries entries = CW_STORE_ENTRIES_INIT;
  struct cw_diags ignored = CW_DIAGS_INIT;
  cw_store_list (e->store, CW_STORE_PENDING, &entries, &ignored);
  for (size_t i = 0; i < entries.count && !e->have_pending; i++)
    {
      const struct cw_record *r = &entries.items[i].record;
      const char *acct = cw_record_get (r, "acme-account");
      size_t n;
      char **names = cw_record_dns_names (r, &n);
      if (acct && strcmp (acct, e->account.name) == 0
          && entries.items[i].has_key
          && same_names (names, n, e->dns, e->dns_count))
        {
          snprintf (e->result->request_id, sizeof e->result->request_id,
                    "%s", entries.items[i].id);
          e->have_pending = true;
          read_pending_record (e, r);
        }
      cw_names_list_free (names, n);
    }
  cw_store_entries_free (&entries);
  cw_diags_free (&ignored);
}

static enum cw_status
refuse_ip (const char *name, struct cw_diags *diags)
{
  cw_diag_add (diags, CW_ERROR, "acme-ip-name", "SAN",
               _("The request names the IP address %s: ACME CAs issue for "
                 "DNS names. Remove it, or send the request to your CA by "
                 "other means."), name);
  return CW_REFUSED;
}

static enum cw_status
names_of_request (struct enrolment *e)
{
  struct cw_store_entry entry;
  enum cw_status status = cw_store_find (e->store, e->o->request_id, &entry,
                                         e->diags);
  if (status != CW_OK)
    return status;
  if (strcmp (entry.area, CW_STORE_PENDING) != 0 || !entry.has_key)
    {
      cw_diag_add (e->diags, CW_ERROR, "acme-not-pending", "request",
                   _("%.8s is not a pending request with its key in this "
                     "store, so there is nothing to send. Give the ID of a "
                     "pending request (certwiz list shows them)."),
                   entry.id);
      cw_store_entry_free (&entry);
      return CW_REFUSED;
    }
  snprintf (e->result->request_id, sizeof e->result->request_id, "%s",
            entry.id);
  e->have_pending = true;
  read_pending_record (e, &entry.record);
  for (size_t i = 0; i < entry.record.count; i++)
    if (strcmp (entry.record.fields[i].name, "san") == 0
        && strncmp (entry.record.fields[i].value, "IP:", 3) == 0)
      status = refuse_ip (entry.record.fields[i].value + 3, e->diags);
  cw_store_entry_free (&entry);
  return status;
}

static enum cw_status
names_of_options (struct enrolment *e)
{
  enum cw_status status = cw_request_prepare (e->o->request, &e->request,
                                              e->diags);
  if (status != CW_OK)
    return status;
  for (size_t i = 0; i < e->request.names.sans.count; i++)
    {
      const struct cw_san *san = &e->request.names.sans.items[i];
      if (san->type == CW_SAN_IP)
        return refuse_ip (san->name, e->diags);
      e->dns = xreallocarray (e->dns, e->dns_count + 1, sizeof *e->dns);
      e->dns[e->dns_count++] = xstrdup (san->name);
    }
  find_earlier (e);
  return CW_OK;
}

/* Records the order in the pending entry, as soon as both exist. */
static enum cw_status
record_order (struct enrolment *e)
{
  if (!e->have_pending)
    return CW_OK;
  struct cw_record set = CW_RECORD_INIT;
  cw_enroll_describe (e->o, e->acme.directory_url, e->account.name, &set);
  cw_record_set (&set, "acme-order", e->order.url);
  if (e->order.replaces)
    cw_record_set (&set, "acme-replaces", e->order.replaces);
  enum cw_status status = cw_acme_record_update (e->store, CW_STORE_PENDING,
                                                 e->result->request_id, &set,
                                                 e->diags);
  cw_record_free (&set);
  return status;
}

static bool
refused_replaces (const struct cw_acme *acme)
{
  return (acme->problem && strcmp (acme->problem, "alreadyReplaced") == 0)
         || acme->status == 403 || acme->status == 400
         || acme->status == 409;
}

static enum cw_status
new_order (struct enrolment *e)
{
  struct cw_diags first = CW_DIAGS_INIT;
  enum cw_status status = cw_acme_order_new (&e->acme,
                                             (const char *const *) e->dns,
                                             e->dns_count, e->o->profile,
                                             e->o->replaces, &e->order,
                                             &first);
  /* CAs refuse "replaces" in cases clients meet in the wild: once more
     without it. */
  if (status != CW_OK && e->o->replaces && refused_replaces (&e->acme))
    {
      cw_diags_free (&first);
      cw_acme_order_free (&e->order);
      e->result->replaces_dropped = true;
      status = cw_acme_order_new (&e->acme, (const char *const *) e->dns,
                                  e->dns_count, e->o->profile, NULL,
                                  &e->order, &first);
    }
  cw_diags_move (e->diags, &first);
  /* The CA took the order with "replaces", whether or not it echoes it. */
  if (status == CW_OK && e->o->replaces && !e->result->replaces_dropped
      && !e->order.replaces)
    e->order.replaces = xstrdup (e->o->replaces);
  return status;
}

/* The recorded order when it can still lead to a certificate; else a new
   one. */
static enum cw_status
take_order (struct enrolment *e)
{
  const char *url = cw_record_get (&e->pending_record, "acme-order");
  const char *server = cw_record_get (&e->pending_record, "acme-server");
  if (url && server && strcmp (server, e->acme.directory_url) == 0)
    {
      struct cw_diags ignored = CW_DIAGS_INIT;
      if (cw_acme_order_fetch (&e->acme, url, &e->order, &ignored) == CW_OK
          && cw_acme_order_usable (&e->order))
        e->result->resumed = true;
      else
        cw_acme_order_free (&e->order);
      cw_diags_free (&ignored);
    }
  enum cw_status status = e->result->resumed ? CW_OK : new_order (e);
  if (status == CW_OK)
    {
      e->result->order_url = xstrdup (e->order.url);
      status = record_order (e);
    }
  return status;
}

struct answers
{
  struct cw_acme_authz *items;
  size_t count;
};

static enum cw_status
deploy_all (struct enrolment *e, struct cw_acme_solver *solver,
            struct answers *a)
{
  const char *type = e->o->solve.challenge ? e->o->solve.challenge
                                           : "http-01";
  enum cw_status status = CW_OK;
  a->items = xcalloc (e->order.authorization_count + 1, sizeof *a->items);
  for (size_t i = 0; status == CW_OK && i < e->order.authorization_count;
       i++)
    {
      struct cw_acme_authz *z = &a->items[a->count++];
      status = cw_acme_authz_fetch (&e->acme, e->order.authorizations[i],
                                    type, z, e->diags);
      if (status == CW_OK && z->challenge_url)
        status = solver->kind->deploy (solver, z, e->diags);
    }
  return status;
}

static enum cw_status
prove_all (struct enrolment *e, struct cw_acme_solver *solver,
           struct answers *a)
{
  enum cw_status status = CW_OK;
  for (size_t i = 0; status == CW_OK && i < a->count; i++)
    if (a->items[i].challenge_url && solver->kind->check)
      status = solver->kind->check (solver, &a->items[i], e->diags);
  if (status == CW_OK)
    cw_progress_say (e->o->progress, _("Waiting for the CA to check the "
                                       "challenges"));
  for (size_t i = 0; status == CW_OK && i < a->count; i++)
    if (a->items[i].challenge_url)
      status = cw_acme_challenge_ready (&e->acme, &a->items[i], e->diags);
  for (size_t i = 0; status == CW_OK && i < a->count; i++)
    if (a->items[i].challenge_url)
      status = cw_acme_authz_wait (&e->acme, &a->items[i], e->diags);
  return status;
}

/* http-01 with no way to answer given: the webroot of the site that
   serves the names, when one is found. */
static const struct cw_acme_solve_options *
solve_options (struct enrolment *e, struct cw_acme_solve_options *found)
{
  const struct cw_acme_solve_options *s = &e->o->solve;
  bool http = !s->challenge || strcmp (s->challenge, "http-01") == 0;
  if (!http || s->webroot || s->standalone || s->dns_hook || s->manual)
    return s;
  *found = *s;
  found->webroot = e->found_webroot
    = cw_acme_find_webroot ((const char *const *) e->dns, e->dns_count);
  return found->webroot ? found : s;
}

static enum cw_status
authorize (struct enrolment *e)
{
  if (strcmp (e->order.status, "pending") != 0)
    return CW_OK;
  struct cw_acme_solver solver;
  struct cw_acme_solve_options found;
  enum cw_status status = cw_acme_solver_pick (solve_options (e, &found),
                                               &solver, e->diags);
  if (status == CW_OK)
    status = solver.kind->start (&solver, e->diags);
  struct answers a = { NULL, 0 };
  if (status == CW_OK)
    status = deploy_all (e, &solver, &a);
  if (status == CW_OK)
    status = prove_all (e, &solver, &a);
  for (size_t i = 0; i < a.count; i++)
    {
      if (solver.kind && a.items[i].challenge_url)
        solver.kind->cleanup (&solver, &a.items[i]);
      cw_acme_authz_free (&a.items[i]);
    }
  free (a.items);
  if (solver.kind)
    solver.kind->stop (&solver);
  return status;
}

static enum cw_status
make_pending (struct enrolment *e)
{
  if (e->have_pending)
    return CW_OK;
  struct cw_record extra = CW_RECORD_INIT;
  cw_enroll_describe (e->o, e->acme.directory_url, e->account.name, &extra);
  cw_record_set (&extra, "acme-order", e->order.url);
  if (e->order.replaces)
    cw_record_set (&extra, "acme-replaces", e->order.replaces);
  enum cw_status status = cw_acme_pending_create (e->store, &e->request,
                                                  e->o->reuse_key, e->o->pin,
                                                  &extra,
                                                  e->o->progress, e->diags);
  cw_record_free (&extra);
  e->have_pending = status == CW_OK;
  if (e->have_pending)
    snprintf (e->result->request_id, sizeof e->result->request_id, "%s",
              e->request.id);
  return status;
}

static enum cw_status
finalize (struct enrolment *e)
{
  if (strcmp (e->order.status, "pending") == 0)
    {
      /* The authorizations are valid: the order follows shortly. */
      enum cw_status status = cw_acme_order_wait (&e->acme, &e->order,
                                                  e->diags);
      if (status != CW_OK)
        return status;
    }
  if (strcmp (e->order.status, "ready") == 0)
    {
      gnutls_datum_t der;
      enum cw_status status = cw_acme_pending_csr (e->store,
                                                   e->result->request_id,
                                                   &der, e->diags);
      if (status == CW_OK)
        status = cw_acme_order_finalize (&e->acme, &e->order, der.data,
                                         der.size, e->diags);
      if (status == CW_OK)
        gnutls_free (der.data);
      return status;
    }
  if (strcmp (e->order.status, "processing") == 0)
    return cw_acme_order_wait (&e->acme, &e->order, e->diags);
  return e->order.certificate ? CW_OK
                              : cw_acme_order_wait (&e->acme, &e->order,
                                                    e->diags);
}

static void
keep_alternates (struct enrolment *e, const struct cw_acme_chains *chains)
{
  struct cw_store_file files[4];
  char names[4][24];
  size_t n = 0;
  for (size_t i = 0; i < chains->alternate_count && n < 4; i++, n++)
    {
      snprintf (names[n], sizeof names[n], "alternate-%zu.pem", i + 1);
      files[n] = (struct cw_store_file) { names[n], chains->alternates[i],
                                          strlen (chains->alternates[i]) };
    }
  if (n == 0 || cw_store_lock (e->store, e->diags) != CW_OK)
    return;
  if (cw_store_update (e->store, CW_STORE_INSTALLED,
                       e->result->import.info.sha1, files, n, NULL, NULL,
                       e->diags) == CW_OK)
    e->result->alternate_count = n;
  cw_store_unlock (e->store);
}

static enum cw_status
install (struct enrolment *e)
{
  struct cw_acme_chains chains;
  enum cw_status status = cw_acme_order_download (&e->acme, &e->order,
                                                  &chains, e->diags);
  if (status != CW_OK)
    return status;
  gnutls_datum_t data = { (unsigned char *) chains.pem,
                          (unsigned) strlen (chains.pem) };
  struct cw_import_options io = { .file = e->order.certificate,
                                  .data = &data };
  status = cw_import (e->store, &io, &e->result->import, e->diags);
  e->result->installed = status == CW_OK;
  if (status == CW_OK)
    keep_alternates (e, &chains);
  cw_acme_chains_free (&chains);
  return status;
}

static enum cw_status
enrol (struct enrolment *e)
{
  enum cw_status status = cw_account_load (e->store, e->o->account,
                                           e->o->pin, &e->account, e->diags);
  if (status == CW_OK)
    status = e->o->request_id ? names_of_request (e) : names_of_options (e);
  if (status == CW_OK)
    status = cw_account_connect (&e->account, e->o->ca_bundle,
                                 e->o->timeout_ms, e->o->progress, &e->acme,
                                 e->diags);
  if (status == CW_OK)
    status = take_order (e);
  if (status == CW_OK && strcmp (e->order.status, "invalid") != 0)
    status = authorize (e);
  if (status == CW_OK)
    status = make_pending (e);
  if (status == CW_OK)
    status = finalize (e);
  if (status == CW_OK)
    status = install (e);
  return status;
}

enum cw_status
cw_enroll (struct cw_store *store, const struct cw_enroll_options *options,
           struct cw_enroll_result *result, struct cw_diags *diags)
{
  *result = (struct cw_enroll_result) { 0 };
  struct enrolment e = { .o = options, .result = result, .diags = diags,
                         .request = CW_REQUEST_INIT,
                         .pending_record = CW_RECORD_INIT };
  e.store = store;
  e.account = (struct cw_account) { NULL, CW_RECORD_INIT, { NULL, NULL } };
  enum cw_status status = enrol (&e);
  cw_acme_order_free (&e.order);
  cw_acme_close (&e.acme);
  cw_account_free (&e.account);
  cw_request_free (&e.request);
  cw_names_list_free (e.dns, e.dns_count);
  cw_record_free (&e.pending_record);
  free (e.found_webroot);
  return status;
}

void
cw_enroll_result_free (struct cw_enroll_result *result)
{
  cw_import_result_free (&result->import);
  free (result->order_url);
  *result = (struct cw_enroll_result) { 0 };
}
