#include <config.h>

#include "pki/clone.h"

#include <stdlib.h>
#include <string.h>

#include "names/attr.h"
#include "pki/certinfo.h"
#include "pki/certset.h"
#include "base/i18n.h"
#include "keys/keytypes.h"
#include "names/subject.h"
#include "base/xalloc.h"

static const struct cw_attr_info *
attr_by_oid (const char *oid)
{
  for (int i = 0; i < CW_ATTR_COUNT; i++)
    if (strcmp (cw_attr_info ((enum cw_attr) i)->oid, oid) == 0)
      return cw_attr_info ((enum cw_attr) i);
  return NULL;
}

static void
note_dropped (const char *what, struct cw_diags *diags)
{
  cw_diag_add (diags, CW_NOTE, "clone-left-out", "clone",
               _("%s is left out of the new request: certwiz writes only the "
                 "attributes C, DC, ST, L, O, OU and CN, which is what CAs "
                 "ask for. No action is needed."), what);
}

struct subject_copy
{
  struct cw_subject subject;
  struct cw_diags *diags;
};

static void
copy_attribute (const char *oid, const char *value, void *state)
{
  struct subject_copy *copy = state;
  const struct cw_attr_info *attr = attr_by_oid (oid);
  if (attr)
    {
      cw_subject_add (&copy->subject, attr->attr, value);
      return;
    }
  const char *name = gnutls_x509_dn_oid_name (oid,
                                              GNUTLS_X509_DN_OID_RETURN_OID);
  char *what = xasprintf ("%s=%s", name, value);
  note_dropped (what, copy->diags);
  free (what);
}

/* The certificate's subject, with the attributes certwiz writes. */
static char *
cert_subject (gnutls_x509_crt_t crt, struct cw_diags *diags)
{
  struct subject_copy copy = { CW_SUBJECT_INIT, diags };
  cw_cert_dn_each (crt, false, copy_attribute, &copy);
  char *text = cw_subject_format (&copy.subject);
  cw_subject_free (&copy.subject);
  return text;
}

static void
push_san (struct cw_clone_names *names, const char *name,
          struct cw_diags *diags)
{
  const char *colon = strchr (name, ':');
  if (!colon || (strncmp (name, "DNS:", 4) && strncmp (name, "IP:", 3)))
    {
      note_dropped (name, diags);
      return;
    }
  names->sans = xreallocarray (names->sans, names->san_count + 1,
                               sizeof *names->sans);
  names->sans[names->san_count++] = xstrdup (colon + 1);
}

/* The kind of key to make again, by its key type's name. */
static char *
key_type_of (gnutls_x509_crt_t crt)
{
  unsigned bits;
  int algorithm = cw_cert_key_kind (crt, &bits);
  return cw_key_kind_name ((gnutls_pk_algorithm_t) algorithm, bits);
}

void
cw_clone_names_of_cert (gnutls_x509_crt_t crt, struct cw_clone_names *names,
                        struct cw_diags *diags)
{
  struct cw_certinfo info;
  *names = (struct cw_clone_names) { NULL, NULL, 0, xstrdup (""),
                                     key_type_of (crt) };
  names->subject = cert_subject (crt, diags);
  if (cw_certinfo_get (crt, &info) < 0)
    return;
  for (size_t i = 0; i < info.name_count; i++)
    push_san (names, info.names[i], diags);
  cw_certinfo_free (&info);
}

static enum cw_status
from_certificate (struct cw_store *store, const struct cw_store_entry *entry,
                  struct cw_clone_names *names, struct cw_diags *diags)
{
  struct cw_certs certs = CW_CERTS_INIT;
  enum cw_status status = cw_store_entry_certs (store, entry, &certs, diags);
  if (status != CW_OK)
    return status;
  char *friendly = names->friendly_name, *key = names->key_type;
  cw_clone_names_of_cert (certs.items[0], names, diags);
  /* What the store recorded wins over what the certificate suggests. */
  free (names->friendly_name);
  names->friendly_name = friendly;
  if (*key)
    {
      free (names->key_type);
      names->key_type = key;
    }
  else
    free (key);
  cw_certs_free (&certs);
  return CW_OK;
}

static void
from_request (const struct cw_record *record, struct cw_clone_names *names,
              struct cw_diags *diags)
{
  const char *subject = cw_record_get (record, "subject");
  names->subject = xstrdup (subject ? subject : "");
  for (size_t i = 0; i < record->count; i++)
    if (strcmp (record->fields[i].name, "san") == 0)
      push_san (names, record->fields[i].value, diags);
}

enum cw_status
cw_clone_names (struct cw_store *store, const struct cw_store_entry *entry,
                struct cw_clone_names *names, struct cw_diags *diags)
{
  *names = (struct cw_clone_names) { NULL, NULL, 0, NULL, NULL };
  const char *friendly = cw_record_get (&entry->record, "friendly-name");
  const char *key = cw_record_get (&entry->record, "key");
  names->friendly_name = xstrdup (friendly ? friendly : "");
  names->key_type = xstrdup (key ? key : "");
  if (strcmp (entry->area, CW_STORE_PENDING) == 0)
    {
      from_request (&entry->record, names, diags);
      return CW_OK;
    }
  return from_certificate (store, entry, names, diags);
}

void
cw_clone_names_free (struct cw_clone_names *names)
{
  free (names->subject);
  for (size_t i = 0; i < names->san_count; i++)
    free (names->sans[i]);
  free (names->sans);
  free (names->friendly_name);
  free (names->key_type);
}
