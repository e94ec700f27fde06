#include <config.h>

#include "store/listing.h"

#include <stdlib.h>
#include <string.h>

#include "pki/certinfo.h"
#include "pki/certscan.h"
#include "pki/certset.h"
#include "base/i18n.h"
#include "store/store.h"
#include "base/xalloc.h"

long
cw_days_left (time_t t)
{
  time_t now = time (NULL);
  long seconds = (long) (t - now);
  /* Rounded down, also below zero: a day past expiry is day -1. */
  return seconds >= 0 ? seconds / 86400 : -((-seconds + 86399) / 86400);
}

const char *
cw_validity_state (time_t not_after, const char **code)
{
  const char *ignored;
  if (!code)
    code = &ignored;
  if (time (NULL) > not_after)
    {
      *code = "expired";
      /* TRANSLATORS: a certificate's state in lists; keep it short. */
      return _("expired");
    }
  if (cw_days_left (not_after) < CW_EXPIRING_DAYS)
    {
      *code = "expiring";
      /* TRANSLATORS: a certificate's state in lists; keep it short. */
      return _("expiring");
    }
  *code = "valid";
  /* TRANSLATORS: a certificate's state in lists; keep it short. */
  return _("valid");
}

const char *
cw_chain_state (const struct cw_record *record, time_t not_after,
                const char **code)
{
  const char *state = cw_validity_state (not_after, code);
  const char *chain = cw_record_get (record, "chain");
  if (strcmp (*code, "expired") == 0 || !chain
      || strcmp (chain, "incomplete") != 0)
    return state;
  *code = "chain-incomplete";
  /* TRANSLATORS: a certificate's state in lists, when its intermediate
     certificate is missing; keep it short. */
  return _("chain incomplete");
}

char *
cw_validity_text (time_t not_before, time_t not_after)
{
  char *from = cw_time_format (not_before);
  char *to = cw_time_format (not_after);
  long days = cw_days_left (not_after);
  char *text = days >= 0
    ? xasprintf (ngettext ("%s to %s (%ld day left)",
                           "%s to %s (%ld days left)", (unsigned long) days),
                 from, to, days)
    : xasprintf (_("%s to %s (expired)"), from, to);
  free (from), free (to);
  return text;
}

char **
cw_record_dns_names (const struct cw_record *record, size_t *count)
{
  char **names = NULL;
  *count = 0;
  for (size_t i = 0; i < record->count; i++)
    if (strcmp (record->fields[i].name, "san") == 0
        && strncmp (record->fields[i].value, "DNS:", 4) == 0)
      {
        names = xreallocarray (names, *count + 1, sizeof *names);
        names[(*count)++] = xstrdup (record->fields[i].value + 4);
      }
  return names;
}

static void
push (const char ***list, size_t *count, const char *value)
{
  *list = xreallocarray (*list, *count + 1, sizeof **list);
  (*list)[(*count)++] = value;
}

static bool
contains (const char **list, size_t count, const char *value)
{
  for (size_t i = 0; i < count; i++)
    if (strcmp (list[i], value) == 0)
      return true;
  return false;
}

static void
add_name (struct cw_listing_row *row, const char *name)
{
  push (&row->names, &row->name_count, name);
  if (strncmp (name, "DNS:", 4) == 0
      && !contains (row->dns, row->dns_count, name + 4))
    push (&row->dns, &row->dns_count, name + 4);
}

static struct cw_listing_row *
new_row (struct cw_listing *listing)
{
  if (listing->count == listing->capacity)
    {
      listing->capacity = listing->capacity ? 2 * listing->capacity : 64;
      listing->rows = xreallocarray (listing->rows, listing->capacity,
                                     sizeof *listing->rows);
    }
  struct cw_listing_row *row = &listing->rows[listing->count++];
  *row = (struct cw_listing_row) { .texts = CW_RECORD_INIT };
  return row;
}

static void
first (const char **place, const char *value)
{
  if (!*place)
    *place = value;
}

/* Points the row's strings at its texts, read in one pass; the time
   field (created, not-after) in *TIME_TEXT. */
static void
point_at_texts (struct cw_listing_row *row, const char **time_text)
{
  const char *names_field = row->pending ? "san" : "cert-san";
  const char *time_field = row->pending ? "created" : "not-after";
  for (size_t i = 0; i < row->texts.count; i++)
    {
      const char *name = row->texts.fields[i].name;
      const char *value = row->texts.fields[i].value;
      if (strcmp (name, names_field) == 0)
        add_name (row, value);
      else if (strcmp (name, "cn") == 0)
        first (&row->cn, value);
      else if (strcmp (name, "friendly-name") == 0)
        first (&row->friendly_name, value);
      else if (strcmp (name, "issuer-name") == 0)
        first (&row->issuer, value);
      else if (strcmp (name, row->pending ? "subject" : "cert-subject") == 0)
        first (&row->subject, value);
      else if (strcmp (name, "sha256") == 0)
        first (&row->sha256, value);
      else if (strcmp (name, "key-token") == 0)
        first (&row->key_token, value);
      else if (strcmp (name, time_field) == 0)
        first (time_text, value);
    }
  first (&row->cn, "");
  first (&row->friendly_name, "");
  first (&row->issuer, "");
  first (&row->subject, "");
  first (&row->sha256, "");
  first (time_text, "");
  if (row->pending)
    row->issuer = row->sha256 = "";
  row->label = *row->friendly_name ? row->friendly_name : row->cn;
  if (*row->cn && !contains (row->dns, row->dns_count, row->cn))
    push (&row->dns, &row->dns_count, row->cn);
}

/* Takes the entry's ID and record. */
static void
row_from_entry (struct cw_listing_row *row, struct cw_store_entry *entry)
{
  const char *time_text = NULL;
  row->pending = strcmp (entry->area, CW_STORE_PENDING) == 0;
  row->id = entry->id;
  row->has_key = entry->has_key;
  row->key_token = NULL;
  row->texts = entry->record;
  entry->id = NULL;
  entry->record = (struct cw_record) CW_RECORD_INIT;
  point_at_texts (row, &time_text);
  row->not_after = cw_time_parse (time_text);
  if (row->pending)
    {
      row->state_code = "pending";
      /* TRANSLATORS: a request's state in lists; keep it short. */
      row->state = _("pending");
    }
  else
    row->state = cw_chain_state (&row->texts, row->not_after,
                                 &row->state_code);
}

static int
compare_rows (const void *a, const void *b)
{
  const struct cw_listing_row *x = a, *y = b;
  if (x->pending != y->pending)
    return x->pending ? -1 : 1;
  if (x->not_after != y->not_after)
    return x->not_after < y->not_after ? -1 : 1;
  return strcmp (x->id, y->id);
}

enum cw_status
cw_listing_from_store (struct cw_listing *listing, struct cw_store *store,
                       struct cw_diags *diags)
{
  struct cw_store_entries entries = CW_STORE_ENTRIES_INIT;
  enum cw_status status = cw_store_list_summaries (store, &entries, diags);
  for (size_t i = 0; status == CW_OK && i < entries.count; i++)
    row_from_entry (new_row (listing), &entries.items[i]);
  /* An empty store has no rows at all: qsort wants an array. */
  if (listing->count > 1)
    qsort (listing->rows, listing->count, sizeof *listing->rows,
           compare_rows);
  cw_store_entries_free (&entries);
  return status;
}

static void
row_from_summary (struct cw_listing_row *row,
                  const struct cw_cert_summary *summary)
{
  const char *time_text = NULL;
  row->id = xstrdup (summary->sha1);
  cw_record_add (&row->texts, "cn", summary->cn);
  cw_record_add (&row->texts, "issuer-name", summary->issuer_name);
  cw_record_add (&row->texts, "sha256", summary->sha256);
  for (size_t i = 0; i < summary->name_count; i++)
    cw_record_add (&row->texts, "cert-san", summary->names[i]);
  point_at_texts (row, &time_text);
  row->not_after = summary->not_after;
  row->state = cw_validity_state (summary->not_after, &row->state_code);
}

static void
add_summary (const struct cw_cert_summary *summary, void *state)
{
  row_from_summary (new_row (state), summary);
}

enum cw_status
cw_listing_from_files (struct cw_listing *listing, const char *const *files,
                       size_t count, struct cw_diags *diags)
{
  enum cw_status status = CW_OK;
  for (size_t i = 0; i < count && status == CW_OK; i++)
    status = cw_scan_each (files[i], add_summary, listing, diags);
  return status;
}

static void
row_free (struct cw_listing_row *row)
{
  free (row->id);
  free (row->names);
  free (row->dns);
  cw_record_free (&row->texts);
}

struct each_row
{
  cw_listing_row_fn each;
  void *state;
};

static void
give_summary (const struct cw_cert_summary *summary, void *state)
{
  struct each_row *e = state;
  struct cw_listing_row row = { .texts = CW_RECORD_INIT };
  row_from_summary (&row, summary);
  e->each (&row, e->state);
  row_free (&row);
}

enum cw_status
cw_listing_each_file (const char *const *files, size_t count,
                      cw_listing_row_fn each, void *state,
                      struct cw_diags *diags)
{
  struct each_row e = { each, state };
  enum cw_status status = CW_OK;
  for (size_t i = 0; i < count && status == CW_OK; i++)
    status = cw_scan_each (files[i], give_summary, &e, diags);
  return status;
}

void
cw_listing_free (struct cw_listing *listing)
{
  for (size_t i = 0; i < listing->count; i++)
    row_free (&listing->rows[i]);
  free (listing->rows);
  *listing = (struct cw_listing) CW_LISTING_INIT;
}
