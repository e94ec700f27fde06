#include <config.h>

#include "pki/import_report.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

#include "base/i18n.h"
#include "base/xalloc.h"

/* "a, b, c" from the record's values of NAME, without their "DNS:". */
static char *
joined_names (const struct cw_record *record, const char *name)
{
  size_t len = 1;
  for (size_t i = 0; i < record->count; i++)
    if (strcmp (record->fields[i].name, name) == 0)
      len += strlen (record->fields[i].value) + 2;
  char *text = xcalloc (1, len);
  for (size_t i = 0; i < record->count; i++)
    if (strcmp (record->fields[i].name, name) == 0)
      {
        const char *value = record->fields[i].value;
        const char *colon = strchr (value, ':');
        if (*text)
          strcat (text, ", ");
        strcat (text, colon ? colon + 1 : value);
      }
  return text;
}

/* "DNS:Mail.Contoso.com" and "DNS:mail.contoso.com" are one name: DNS
   ignores case, and CAs do not always keep it. */
static bool
same_name (const char *a, const char *b)
{
  return strcasecmp (a, b) == 0;
}

static bool
record_has (const struct cw_record *record, const char *name,
            const char *value)
{
  for (size_t i = 0; i < record->count; i++)
    if (strcmp (record->fields[i].name, name) == 0
        && same_name (record->fields[i].value, value))
      return true;
  return false;
}

static bool
info_has (const struct cw_certinfo *info, const char *name)
{
  for (size_t i = 0; i < info->name_count; i++)
    if (same_name (info->names[i], name))
      return true;
  return false;
}

static bool
same_names (const struct cw_record *request, const struct cw_certinfo *info)
{
  size_t requested = 0;
  for (size_t i = 0; i < request->count; i++)
    if (strcmp (request->fields[i].name, "san") == 0)
      {
        requested++;
        if (!info_has (info, request->fields[i].value))
          return false;
      }
  return requested == info->name_count;
}

static void
report_pending (const struct cw_store_entry *entry,
                const struct cw_certinfo *info, struct cw_diags *diags)
{
  const struct cw_record *r = &entry->record;
  const char *created = cw_record_get (r, "created");
  const char *host = cw_record_get (r, "host");
  char *names = joined_names (r, "san");
  if (same_names (r, info))
    cw_diag_add (diags, CW_WARNING, "pending-same-names", "import",
                 _("The request %.8s, made %s on %s, asks for the same "
                   "names but has another key: your CA was probably sent a "
                   "different request (an older one, or one made "
                   "elsewhere). Ask the CA to issue the certificate again "
                   "from the request %.8s."), entry->id,
                 created ? created : "?", host ? host : "?", entry->id);
  else
    cw_diag_add (diags, CW_NOTE, "pending-here", "import",
                 _("Pending here: request %.8s, made %s on %s, for %s."),
                 entry->id, created ? created : "?", host ? host : "?",
                 names);
  free (names);
}

void
cw_report_key_not_here (struct cw_store *store,
                        const struct cw_certinfo *info,
                        struct cw_diags *diags)
{
  struct cw_store_entries pending = CW_STORE_ENTRIES_INIT;
  struct cw_diags ignored = CW_DIAGS_INIT;
  cw_store_list (store, CW_STORE_PENDING, &pending, &ignored);
  cw_diags_free (&ignored);
  cw_diag_add (diags, CW_ERROR, "key-not-here", "import",
               _("The private key of this certificate (for \"%s\") is not "
                 "in this store, %s. Its request was probably made on "
                 "another machine, or with another store: a certificate "
                 "works only where its private key is. Nothing was "
                 "installed."), info->cn, cw_store_path (store));
  for (size_t i = 0; i < pending.count; i++)
    report_pending (&pending.items[i], info, diags);
  if (pending.count == 0)
    cw_diag_add (diags, CW_NOTE, "no-pending", "import",
                 _("There are no pending requests in this store at all."));
  cw_diag_add (diags, CW_NOTE, "key-not-here-fix", "import",
               _("What to do: import this file on the machine and into the "
                 "store where the request was made; or import a PKCS#12 "
                 "backup (.pfx) that holds the key; or, to keep the "
                 "certificate without its key on purpose, import it as a "
                 "certificate alone (a server cannot use it then)."));
  cw_store_entries_free (&pending);
}

void
cw_report_ca_changes (const struct cw_record *request,
                      const struct cw_certinfo *info, struct cw_diags *diags)
{
  for (size_t i = 0; i < request->count; i++)
    if (strcmp (request->fields[i].name, "san") == 0
        && !info_has (info, request->fields[i].value))
      cw_diag_add (diags, CW_WARNING, "ca-dropped-name", "import",
                   _("The CA did not include %s, which the request asked "
                     "for. TLS clients that connect by that name will "
                     "refuse the certificate; ask the CA why, or request "
                     "it again."),
                   request->fields[i].value);
  for (size_t i = 0; i < info->name_count; i++)
    if (!record_has (request, "san", info->names[i]))
      cw_diag_add (diags, CW_NOTE, "ca-added-name", "import",
                   _("The CA added %s, which the request did not ask for. "
                     "No action is needed."), info->names[i]);
  const char *subject = cw_record_get (request, "subject");
  if (subject && strcmp (subject, info->subject) != 0)
    cw_diag_add (diags, CW_NOTE, "ca-changed-subject", "import",
                 _("The CA wrote the subject as \"%s\"; the request asked "
                   "for \"%s\". CAs often adjust it; check that the "
                   "organization is right."), info->subject, subject);
}

void
cw_report_validity (const struct cw_certinfo *info, struct cw_diags *diags)
{
  time_t now = time (NULL);
  char *when = cw_time_format (now < info->not_before ? info->not_before
                                                      : info->not_after);
  if (now > info->not_after)
    cw_diag_add (diags, CW_WARNING, "cert-expired", "import",
                 _("This certificate expired on %s. Clients will refuse it; "
                   "request a new one."), when);
  else if (now < info->not_before)
    cw_diag_add (diags, CW_WARNING, "cert-not-yet-valid", "import",
                 _("This certificate is valid only from %s. Check the "
                   "clock of this machine, or wait until then."), when);
  free (when);
}
