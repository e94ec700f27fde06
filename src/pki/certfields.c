#include <config.h>

#include "pki/certfields.h"

#include <stdlib.h>
#include <string.h>

#include "base/i18n.h"
#include "base/xalloc.h"
#include "store/listing.h"

static void
string (struct cw_field_value *value, const char *text)
{
  value->text = text ? xstrdup (text) : NULL;
}

static void
strings (struct cw_field_value *value, char *const *items, size_t count)
{
  value->items = xcalloc (count + 1, sizeof *value->items);
  for (size_t i = 0; i < count; i++)
    value->items[i] = xstrdup (items[i]);
  value->count = count;
}

static const char *
record (const struct cw_field_source *source, const char *name)
{
  return cw_record_get (&source->entry->record, name);
}

/* ---------------------------------------------------- a certificate */

#define INFO_STRING(member)                                              \
  static void get_##member (const struct cw_field_source *source,        \
                            struct cw_field_value *value)                \
  {                                                                      \
    string (value, source->info->member);                                \
  }

INFO_STRING (subject)
INFO_STRING (cn)
INFO_STRING (issuer)
INFO_STRING (key)
INFO_STRING (sha1)
INFO_STRING (sha256)
INFO_STRING (serial)
INFO_STRING (usage)
INFO_STRING (ext_usage)
INFO_STRING (key_id)

static void
get_names (const struct cw_field_source *source, struct cw_field_value *value)
{
  strings (value, source->info->names, source->info->name_count);
}

static void
get_validity (const struct cw_field_source *source,
              struct cw_field_value *value)
{
  value->text = cw_validity_text (source->info->not_before,
                                  source->info->not_after);
}

static void
get_not_before (const struct cw_field_source *source,
                struct cw_field_value *value)
{
  value->text = cw_time_format (source->info->not_before);
}

static void
get_not_after (const struct cw_field_source *source,
               struct cw_field_value *value)
{
  value->text = cw_time_format (source->info->not_after);
}

static void
get_days_left (const struct cw_field_source *source,
               struct cw_field_value *value)
{
  value->number = cw_days_left (source->info->not_after);
}

#define ALL (CW_FIELD_SUMMARY | CW_FIELD_TEXT | CW_FIELD_JSON)
#define SHOWN (CW_FIELD_TEXT | CW_FIELD_JSON)

static const struct cw_certfield cert_fields[] = {
  { N_("Subject"), "subject", ALL, CW_FIELD_STRING, get_subject },
  { NULL, "cn", CW_FIELD_JSON, CW_FIELD_STRING, get_cn },
  { N_("Name"), "names", ALL, CW_FIELD_STRINGS, get_names },
  { N_("Issuer"), "issuer", ALL, CW_FIELD_STRING, get_issuer },
  { N_("Valid"), NULL, CW_FIELD_SUMMARY | CW_FIELD_TEXT, CW_FIELD_STRING,
    get_validity },
  { NULL, "not_before", CW_FIELD_JSON, CW_FIELD_STRING, get_not_before },
  { NULL, "not_after", CW_FIELD_JSON, CW_FIELD_STRING, get_not_after },
  { NULL, "days_left", CW_FIELD_JSON, CW_FIELD_NUMBER, get_days_left },
  { N_("Key"), "key", ALL, CW_FIELD_STRING, get_key },
  { N_("Thumbprint"), "sha1", ALL, CW_FIELD_STRING, get_sha1 },
  { N_("SHA-256"), "sha256", ALL, CW_FIELD_STRING, get_sha256 },
  { N_("Serial"), "serial", SHOWN, CW_FIELD_STRING, get_serial },
  { N_("Key usage"), "key_usage", SHOWN, CW_FIELD_STRING, get_usage },
  /* TRANSLATORS: label of show: the extended key usage, such as
     serverAuth; at most 14 columns. */
  { N_("Ext. usage"), "extended_key_usage", SHOWN, CW_FIELD_STRING,
    get_ext_usage },
  { N_("Key ID"), "key_id", SHOWN, CW_FIELD_STRING, get_key_id },
};

/* ----------------------------------------- what an entry's record adds */

static void
get_friendly_name (const struct cw_field_source *source,
                   struct cw_field_value *value)
{
  const char *name = record (source, "friendly-name");
  string (value, name ? name : "");
}

static void
get_key_place (const struct cw_field_source *source,
               struct cw_field_value *value)
{
  const char *token = cw_store_entry_token (source->entry);
  if (token)
    value->text = xasprintf (_("on the token \"%s\", which it never "
                               "leaves"), token);
  else
    string (value, source->entry->has_key ? _("yes") : _("no"));
}

static void
get_key_here (const struct cw_field_source *source,
              struct cw_field_value *value)
{
  value->flag = source->entry->has_key;
}

static void
get_key_token (const struct cw_field_source *source,
               struct cw_field_value *value)
{
  string (value, cw_store_entry_token (source->entry));
}

static void
get_requested (const struct cw_field_source *source,
               struct cw_field_value *value)
{
  const char *created = record (source, "created");
  const char *host = record (source, "host");
  /* TRANSLATORS: when a request was made (a UTC time), on which computer
     (its host name). */
  if (created)
    value->text = xasprintf (_("%s on %s"), created, host ? host : "?");
}

/* -------------------------------- what an ACME enrolment adds (acme/) */

static void
get_acme_ca (const struct cw_field_source *source,
             struct cw_field_value *value)
{
  const char *server = record (source, "acme-server");
  const char *account = record (source, "acme-account");
  if (server && account)
    /* TRANSLATORS: the ACME CA's directory URL, then the account's name
       in certwiz's store. */
    value->text = xasprintf (_("%s (account %s)"), server, account);
  else
    string (value, server);
}

static void
get_acme_server (const struct cw_field_source *source,
                 struct cw_field_value *value)
{
  string (value, record (source, "acme-server"));
}

static void
get_acme_account (const struct cw_field_source *source,
                  struct cw_field_value *value)
{
  string (value, record (source, "acme-server")
                   ? record (source, "acme-account") : NULL);
}

/* When renew will renew it: the time picked in the CA's window, which
   renew keeps in the record, else the time the lifetime gives. */
static char *
next_renewal (const struct cw_field_source *source, bool *from_window)
{
  const char *at = record (source, "acme-renew-at");
  *from_window = at != NULL;
  if (at)
    return xstrdup (at);
  if (!source->info)
    return NULL;
  return cw_time_format (cw_renew_time_from_lifetime (
    source->info->not_before, source->info->not_after));
}

static void
get_next_renewal_text (const struct cw_field_source *source,
                       struct cw_field_value *value)
{
  if (!record (source, "acme-server"))
    return;
  const char *by = record (source, "acme-replaced-by");
  if (by)
    {
      value->text = xasprintf (_("done: renewed as %.8s"), by);
      return;
    }
  bool from_window;
  char *at = next_renewal (source, &from_window);
  const char *start = record (source, "acme-window-start");
  const char *end = record (source, "acme-window-end");
  if (!at)
    return;
  if (from_window && start && end)
    value->text = xasprintf (_("%s, picked in the CA's window (%s to %s)"),
                             at, start, end);
  else
    value->text = xasprintf (_("%s, from its lifetime (the CA's window, "
                               "if it offers one, is asked at each renew)"),
                             at);
  free (at);
}

static void
get_next_renewal (const struct cw_field_source *source,
                  struct cw_field_value *value)
{
  bool from_window;
  if (record (source, "acme-server") && !record (source, "acme-replaced-by"))
    value->text = next_renewal (source, &from_window);
}

static long
failures (const struct cw_field_source *source)
{
  const char *count = record (source, "acme-failures");
  return count ? strtol (count, NULL, 10) : 0;
}

static void
get_last_error_text (const struct cw_field_source *source,
                     struct cw_field_value *value)
{
  long count = failures (source);
  const char *code = record (source, "acme-last-error");
  if (count <= 0 || !code)
    return;
  const char *message = record (source, "acme-last-error-message");
  const char *next = record (source, "acme-next-try");
  char *tries = xasprintf (ngettext ("%ld failed attempt",
                                     "%ld failed attempts in a row",
                                     (unsigned long) count), count);
  /* TRANSLATORS: the CA's or certwiz's message, its code, then how many
     attempts failed and when renew tries again. */
  value->text = xasprintf (_("%s [%s]; %s, next try after %s"),
                           message ? message : "", code, tries,
                           next ? next : "?");
  free (tries);
}

static void
get_last_error (const struct cw_field_source *source,
                struct cw_field_value *value)
{
  if (failures (source) > 0)
    string (value, record (source, "acme-last-error"));
}

static void
get_failures (const struct cw_field_source *source,
              struct cw_field_value *value)
{
  value->number = failures (source);
}

static const struct cw_certfield entry_fields[] = {
  { N_("Friendly name"), "friendly_name", SHOWN, CW_FIELD_STRING,
    get_friendly_name },
  /* TRANSLATORS: label of show: whether the private key is in this
     store; at most 14 columns. */
  { N_("Key here"), NULL, CW_FIELD_TEXT, CW_FIELD_STRING, get_key_place },
  { NULL, "key_here", CW_FIELD_JSON, CW_FIELD_BOOLEAN, get_key_here },
  { NULL, "key_token", CW_FIELD_JSON, CW_FIELD_STRING, get_key_token },
  { N_("Requested"), NULL, CW_FIELD_TEXT, CW_FIELD_STRING, get_requested },
  /* TRANSLATORS: labels of show, at most 14 columns: the ACME CA that
     issued the certificate, when renew renews it, what went wrong at the
     last attempt. */
  { N_("CA"), NULL, CW_FIELD_TEXT, CW_FIELD_STRING, get_acme_ca },
  { NULL, "acme_server", CW_FIELD_JSON, CW_FIELD_STRING, get_acme_server },
  { NULL, "acme_account", CW_FIELD_JSON, CW_FIELD_STRING, get_acme_account },
  { N_("Next renewal"), NULL, CW_FIELD_TEXT, CW_FIELD_STRING,
    get_next_renewal_text },
  { NULL, "next_renewal", CW_FIELD_JSON, CW_FIELD_STRING, get_next_renewal },
  { N_("Last error"), NULL, CW_FIELD_TEXT, CW_FIELD_STRING,
    get_last_error_text },
  { NULL, "last_error", CW_FIELD_JSON, CW_FIELD_STRING, get_last_error },
  { NULL, "renewal_failures", CW_FIELD_JSON, CW_FIELD_NUMBER, get_failures },
};

/* ------------------------------------------------- a pending request */

static void
get_state_text (const struct cw_field_source *source,
                struct cw_field_value *value)
{
  (void) source;
  string (value, _("pending: waiting for the CA's certificate"));
}

static void
get_state (const struct cw_field_source *source, struct cw_field_value *value)
{
  (void) source;
  string (value, "pending");
}

static void
get_id (const struct cw_field_source *source, struct cw_field_value *value)
{
  string (value, source->entry->id);
}

static void
get_san_lines (const struct cw_field_source *source,
               struct cw_field_value *value)
{
  const struct cw_record *r = &source->entry->record;
  value->items = xcalloc (r->count + 1, sizeof *value->items);
  for (size_t i = 0; i < r->count; i++)
    if (strcmp (r->fields[i].name, "san") == 0)
      value->items[value->count++] = xstrdup (r->fields[i].value);
}

/* A field of the request's record, as it is written. */
#define RECORD_STRING(name, field)                                       \
  static void get_##name (const struct cw_field_source *source,          \
                          struct cw_field_value *value)                  \
  {                                                                      \
    string (value, record (source, field));                              \
  }

RECORD_STRING (request_subject, "subject")
RECORD_STRING (request_key, "key")
RECORD_STRING (fingerprint, "request-fingerprint")
RECORD_STRING (request_file, "request-file")
RECORD_STRING (created, "created")
RECORD_STRING (host, "host")
RECORD_STRING (record_friendly_name, "friendly-name")
RECORD_STRING (exportable, "exportable")
RECORD_STRING (key_token_line, "key-token")
RECORD_STRING (key_uri, "key-uri")

/* The request's JSON names are its record's own, as they always were. */
static const struct cw_certfield request_fields[] = {
  { N_("State"), NULL, CW_FIELD_TEXT, CW_FIELD_STRING, get_state_text },
  { NULL, "state", CW_FIELD_JSON, CW_FIELD_STRING, get_state },
  { N_("Subject"), "subject", SHOWN, CW_FIELD_STRING, get_request_subject },
  { N_("Name"), "names", SHOWN, CW_FIELD_STRINGS, get_san_lines },
  { N_("Key"), "key", SHOWN, CW_FIELD_STRING, get_request_key },
  { N_("ID"), "id", SHOWN, CW_FIELD_STRING, get_id },
  { N_("SHA-256"), "request-fingerprint", SHOWN, CW_FIELD_STRING,
    get_fingerprint },
  { N_("Request file"), "request-file", SHOWN, CW_FIELD_STRING,
    get_request_file },
  { NULL, "created", CW_FIELD_JSON, CW_FIELD_STRING, get_created },
  { NULL, "host", CW_FIELD_JSON, CW_FIELD_STRING, get_host },
  { NULL, "friendly-name", CW_FIELD_JSON, CW_FIELD_STRING,
    get_record_friendly_name },
  { NULL, "exportable", CW_FIELD_JSON, CW_FIELD_STRING, get_exportable },
  { NULL, "key-token", CW_FIELD_JSON, CW_FIELD_STRING, get_key_token_line },
  { NULL, "key-uri", CW_FIELD_JSON, CW_FIELD_STRING, get_key_uri },
};

#define COUNT(table) (sizeof table / sizeof table[0])

const struct cw_certfield *
cw_certfields (enum cw_field_table table, size_t *count)
{
  switch (table)
    {
    case CW_FIELDS_CERT:
      *count = COUNT (cert_fields);
      return cert_fields;
    case CW_FIELDS_ENTRY:
      *count = COUNT (entry_fields);
      return entry_fields;
    case CW_FIELDS_REQUEST:
      *count = COUNT (request_fields);
      return request_fields;
    }
  *count = 0;
  return NULL;
}

void
cw_certfield_get (const struct cw_certfield *field,
                  const struct cw_field_source *source,
                  struct cw_field_value *value)
{
  *value = (struct cw_field_value) { .type = field->type };
  field->get (source, value);
}

void
cw_field_value_free (struct cw_field_value *value)
{
  free (value->text);
  for (size_t i = 0; i < value->count; i++)
    free (value->items[i]);
  free (value->items);
  *value = (struct cw_field_value) { .type = value->type };
}
