#include <config.h>

#include "acme/accounts.h"

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

#include "acme/account.h"
#include "acme/b64url.h"
#include "acme/jsonutil.h"
#include "pki/certinfo.h"
#include "pki/certset.h"
#include "base/i18n.h"
#include "base/xalloc.h"

#define NAME_MAX_LEN 64
#define EAB_KEY_MAX 4096

static bool
name_valid (const char *name)
{
  size_t n = strlen (name);
  if (n == 0 || n > NAME_MAX_LEN || name[0] == '.' || name[0] == '-')
    return false;
  for (const char *p = name; *p; p++)
    if (!strchr ("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"
                 "0123456789.-_", *p))
      return false;
  return true;
}

/* "letsencrypt", else the server's host and port: "127.0.0.1-14000". */
static char *
default_name (const char *server, const char *url)
{
  if (strcmp (server, "letsencrypt") == 0
      || strcmp (server, "letsencrypt-staging") == 0)
    return xstrdup (server);
  const char *host = strstr (url, "://");
  host = host ? host + 3 : url;
  size_t n = strcspn (host, "/?#");
  char *name = xstrndup (host, n > NAME_MAX_LEN ? NAME_MAX_LEN : n);
  for (char *p = name; *p; p++)
    if (!strchr ("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"
                 "0123456789.-_", *p))
      *p = '-';
  return name;
}

static char *
accounts_path (const struct cw_store *store)
{
  return xasprintf ("%s/%s", cw_store_path (store), CW_STORE_ACCOUNTS);
}

static bool
account_exists_area (struct cw_store *store)
{
  struct stat st;
  char *path = accounts_path (store);
  bool exists = lstat (path, &st) == 0 && S_ISDIR (st.st_mode);
  free (path);
  return exists;
}

/* The store's area of accounts, made when missing: the store itself
   only knows requests and certificates. */
static int
make_accounts_area (struct cw_store *store)
{
  char *path = accounts_path (store);
  int err = mkdir (path, 0700) < 0 && errno != EEXIST ? errno : 0;
  free (path);
  return err;
}

static bool
account_exists (struct cw_store *store, const char *name)
{
  return account_exists_area (store)
         && cw_store_has (store, CW_STORE_ACCOUNTS, name);
}

static enum cw_status
refuse_name (const char *name, bool taken, struct cw_diags *diags)
{
  char *safe = cw_acme_safe (name);
  if (taken)
    cw_diag_add (diags, CW_ERROR, "acme-account-exists", "account",
                 _("The store already has an account named \"%s\". Give "
                   "the new account another name, or use that one."),
                 safe);
  else
    cw_diag_add (diags, CW_ERROR, "acme-account-name", "account",
                 _("\"%s\" cannot name an account: use up to %d letters, "
                   "digits, dots, dashes and underscores."), safe,
                 NAME_MAX_LEN);
  free (safe);
  return CW_REFUSED;
}

static enum cw_status
refuse_terms (const char *tos, struct cw_diags *diags)
{
  char *safe = cw_acme_safe (tos);
  cw_diag_add (diags, CW_ERROR, "acme-terms-not-agreed", "terms",
               _("This CA asks you to agree to its terms of service, at "
                 "%s. Read them; to agree, add the account again saying "
                 "so. Nothing was sent to the CA."), safe);
  free (safe);
  return CW_REFUSED;
}

static enum cw_status
refuse_no_eab (struct cw_diags *diags)
{
  cw_diag_add (diags, CW_ERROR, "acme-eab-required", "eab",
               _("This CA only opens accounts bound to an account you have "
                 "with it (external account binding). Get a key ID and an "
                 "HMAC key from the CA and give both. Nothing was sent to "
                 "the CA."));
  return CW_REFUSED;
}

static enum cw_status
typed_eab_key (const char *text, unsigned char **key, size_t *len,
               struct cw_diags *diags)
{
  if (cw_b64url_decode (text, key, len) && *len > 0)
    return CW_OK;
  free (*key);
  *key = NULL;
  cw_diag_add (diags, CW_ERROR, "acme-eab-key", "eab",
               _("The HMAC key typed is not one: type the key the CA gave, "
                 "in base64url (letters, digits, - and _), alone."));
  return CW_REFUSED;
}

static enum cw_status
read_eab_key (const char *file, unsigned char **key, size_t *len,
              struct cw_diags *diags)
{
  gnutls_datum_t data;
  enum cw_status status = cw_file_read (file, EAB_KEY_MAX, &data, diags);
  if (status != CW_OK)
    return status;
  char *text = xstrndup ((const char *) data.data, data.size);
  gnutls_memset (data.data, 0, data.size);
  free (data.data);
  bool ok = cw_b64url_decode (text, key, len) && *len > 0;
  gnutls_memset (text, 0, strlen (text));
  free (text);
  if (ok)
    return CW_OK;
  char *safe = cw_acme_safe (file);
  cw_diag_add (diags, CW_ERROR, "acme-eab-key", "eab",
               _("The file \"%s\" does not hold an HMAC key: it should hold "
                 "the key the CA gave, in base64url, alone."), safe);
  free (safe);
  return CW_REFUSED;
}

static enum cw_status
check_add (const struct cw_account_add_options *o, const struct cw_acme *acme,
           struct cw_diags *diags)
{
  if (acme->dir.terms_of_service && !o->agree_tos)
    return refuse_terms (acme->dir.terms_of_service, diags);
  bool have_key = o->eab_key_file || o->eab_key;
  if (acme->dir.eab_required && !(o->eab_kid && have_key))
    return refuse_no_eab (diags);
  if (!o->eab_kid != !have_key || (o->eab_key_file && o->eab_key))
    {
      cw_diag_add (diags, CW_ERROR, "acme-eab-incomplete", "eab",
                   _("External account binding needs both the key ID and "
                     "the file of the HMAC key."));
      return CW_REFUSED;
    }
  return CW_OK;
}

static void
describe (const struct cw_account_add_options *o, const struct cw_acme *acme,
          const char *name, struct cw_record *record)
{
  char *now = cw_time_format (time (NULL));
  cw_record_add (record, "name", name);
  cw_record_add (record, "server", acme->directory_url);
  cw_record_add (record, "url", acme->kid);
  for (size_t i = 0; i < o->email_count; i++)
    {
      char *mailto = xasprintf ("mailto:%s", o->emails[i]);
      cw_record_add (record, "contact", mailto);
      free (mailto);
    }
  cw_record_add (record, "key", o->key_type ? o->key_type
                                            : CW_ACME_KEY_DEFAULT);
  cw_record_add (record, "created", now);
  if (acme->dir.terms_of_service)
    cw_record_add (record, "terms-agreed", acme->dir.terms_of_service);
  if (o->eab_kid)
    cw_record_add (record, "eab-kid", o->eab_kid);
  if (o->ca_bundle)
    cw_record_add (record, "ca-bundle", o->ca_bundle);
  cw_record_add (record, "state", "valid");
  free (now);
}

static enum cw_status
put_account (struct cw_store *store, const char *name,
             const gnutls_datum_t *key_pem, const struct cw_record *record,
             struct cw_diags *diags)
{
  enum cw_status ready = cw_store_ready (store, diags);
  if (ready != CW_OK)
    return ready;
  int err = make_accounts_area (store);
  if (err)
    {
      cw_diag_add (diags, CW_ERROR, "store-io", "store",
                   _("The store %s cannot be written: %s. Check the disk "
                     "and the store's permissions."), cw_store_path (store),
                   strerror (err));
      return CW_FAILED;
    }
  char *text = cw_record_format (record);
  /* A key on a token has no file: the record names it. */
  struct cw_store_file files[2] = { { "record", text, strlen (text) } };
  size_t count = 1;
  if (key_pem)
    files[count++] = (struct cw_store_file) { "key.pem", key_pem->data,
                                              key_pem->size };
  enum cw_status status = cw_store_put (store, CW_STORE_ACCOUNTS, name, files,
                                        count, diags);
  free (text);
  return status;
}

static enum cw_status
register_account (const struct cw_account_add_options *o,
                  struct cw_acme *acme, struct cw_diags *diags)
{
  unsigned char *mac = NULL;
  size_t mac_len = 0;
  enum cw_status status = CW_OK;
  if (o->eab_key_file)
    status = read_eab_key (o->eab_key_file, &mac, &mac_len, diags);
  else if (o->eab_key)
    status = typed_eab_key (o->eab_key, &mac, &mac_len, diags);
  char **contacts = xcalloc (o->email_count + 1, sizeof *contacts);
  for (size_t i = 0; i < o->email_count; i++)
    contacts[i] = xasprintf ("mailto:%s", o->emails[i]);
  struct cw_acme_eab eab = { o->eab_kid, mac, mac_len };
  json_object *obj = NULL;
  if (status == CW_OK)
    status = cw_acme_account_create (acme, (const char *const *) contacts,
                                     o->email_count, o->agree_tos,
                                     o->eab_kid ? &eab : NULL, &obj, diags);
  json_object_put (obj);
  for (size_t i = 0; i < o->email_count; i++)
    free (contacts[i]);
  free (contacts);
  if (mac)
    gnutls_memset (mac, 0, mac_len);
  free (mac);
  return status;
}

static enum cw_status
add_in_store (const struct cw_account_add_options *o, struct cw_store *store,
              struct cw_acme *acme, struct cw_account_add_result *result,
              struct cw_diags *diags)
{
  enum cw_status status = check_add (o, acme, diags);
  if (status != CW_OK)
    {
      /* Where the terms are, for a caller that asks before trying again. */
      if (acme->dir.terms_of_service && !o->agree_tos)
        result->terms_of_service = xstrdup (acme->dir.terms_of_service);
      return status;
    }
  result->name = o->name ? xstrdup (o->name)
                         : default_name (o->server, acme->directory_url);
  if (!name_valid (result->name) || account_exists (store, result->name))
    return refuse_name (result->name, name_valid (result->name), diags);
  struct cw_acme_key key;
  gnutls_datum_t pem = { NULL, 0 };
  const char *type = o->key_type ? o->key_type : CW_ACME_KEY_DEFAULT;
  if (o->key_uri)
    {
      /* Labelled for the account, so that p11tool --list-all shows
         what the key is for. */
      char *label = xasprintf ("certwiz ACME %s", result->name);
      status = cw_acme_key_on_token (o->key_uri, type, label, o->pin, &key,
                                     diags);
      free (label);
    }
  else
    status = cw_acme_key_generate (type, &key, &pem, diags);
  if (status != CW_OK)
    return status;
  acme->key = &key;
  status = register_account (o, acme, diags);
  if (status == CW_OK)
    status = cw_store_lock (store, diags);
  if (status == CW_OK)
    {
      struct cw_record record = CW_RECORD_INIT;
      describe (o, acme, result->name, &record);
      if (cw_key_on_token (key.key))
        {
          cw_record_add (&record, "key-uri", cw_key_uri (key.key));
          cw_record_add (&record, "key-token", cw_key_token_label (key.key));
        }
      status = put_account (store, result->name, pem.data ? &pem : NULL,
                            &record, diags);
      cw_record_free (&record);
    }
  if (status == CW_OK)
    {
      result->url = xstrdup (acme->kid);
      result->server = xstrdup (acme->directory_url);
      result->terms_of_service = acme->dir.terms_of_service
                                   ? xstrdup (acme->dir.terms_of_service)
                                   : NULL;
      result->eab = o->eab_kid != NULL;
    }
  acme->key = NULL;
  cw_acme_key_free (&key);
  if (pem.data)
    gnutls_memset (pem.data, 0, pem.size);
  gnutls_free (pem.data);
  return status;
}

enum cw_status
cw_account_add (struct cw_store *store,
                const struct cw_account_add_options *o,
                struct cw_account_add_result *result, struct cw_diags *diags)
{
  *result = (struct cw_account_add_result) { 0 };
  if (o->name && !name_valid (o->name))
    return refuse_name (o->name, false, diags);
  enum cw_status status = CW_OK;
  struct cw_acme acme = { 0 };
  if (status == CW_OK)
    {
      struct cw_acme_options ao = { o->server, o->ca_bundle, o->timeout_ms,
                                    o->progress };
      status = cw_acme_open (&acme, &ao, diags);
    }
  if (status == CW_OK)
    status = add_in_store (o, store, &acme, result, diags);
  cw_acme_close (&acme);
  return status;
}

void
cw_account_add_result_free (struct cw_account_add_result *result)
{
  free (result->name), free (result->url), free (result->server);
  free (result->terms_of_service);
  *result = (struct cw_account_add_result) { 0 };
}

enum cw_status
cw_account_list (struct cw_store *store, struct cw_store_entries *entries,
                 struct cw_diags *diags)
{
  if (!account_exists_area (store))
    return CW_OK;
  return cw_store_list (store, CW_STORE_ACCOUNTS, entries, diags);
}

static enum cw_status
no_account (struct cw_store *store, const char *name, size_t count,
            struct cw_diags *diags)
{
  if (name)
    {
      char *safe = cw_acme_safe (name);
      cw_diag_add (diags, CW_ERROR, "acme-no-such-account", "account",
                   _("The store %s has no ACME account named \"%s\". List "
                     "the accounts, or add one."), cw_store_path (store), safe);
      free (safe);
    }
  else if (count == 0)
    cw_diag_add (diags, CW_ERROR, "acme-no-account", "account",
                 _("The store %s has no ACME account yet. Add one first, "
                   "with the CA's address."), cw_store_path (store));
  else
    cw_diag_add (diags, CW_ERROR, "acme-which-account", "account",
                 _("The store %s has %zu ACME accounts. Say which one to "
                   "use."), cw_store_path (store), count);
  return CW_REFUSED;
}

/* The only account's name, or NULL. */
static char *
only_account (struct cw_store *store, size_t *count, struct cw_diags *diags)
{
  struct cw_store_entries entries = CW_STORE_ENTRIES_INIT;
  cw_account_list (store, &entries, diags);
  *count = entries.count;
  char *name = entries.count == 1 ? xstrdup (entries.items[0].id) : NULL;
  cw_store_entries_free (&entries);
  return name;
}

/* An account key on a token, as its record names it. */
static enum cw_status
open_token_key (struct cw_account *account, const struct cw_pin_source *pin,
                struct cw_diags *diags)
{
  const char *uri = cw_record_get (&account->record, "key-uri");
  return cw_acme_key_on_token (uri, CW_ACME_KEY_DEFAULT, NULL, pin,
                               &account->key, diags);
}

static enum cw_status
read_account (struct cw_store *store, struct cw_account *account,
              const struct cw_pin_source *pin, struct cw_diags *diags)
{
  gnutls_datum_t record, pem;
  enum cw_status status = cw_store_read (store, CW_STORE_ACCOUNTS,
                                         account->name, "record", &record,
                                         false, diags);
  if (status != CW_OK)
    return status;
  char *text = xstrndup ((const char *) record.data, record.size);
  free (record.data);
  bool parsed = cw_record_parse (text, &account->record);
  free (text);
  if (parsed && cw_record_get (&account->record, "key-uri"))
    return open_token_key (account, pin, diags);
  status = cw_store_read (store, CW_STORE_ACCOUNTS, account->name, "key.pem",
                          &pem, false, diags);
  if (status != CW_OK)
    return status;
  if (parsed && cw_record_get (&account->record, "server")
      && cw_record_get (&account->record, "url"))
    status = cw_acme_key_load (&pem, &account->key, diags);
  else
    {
      cw_diag_add (diags, CW_ERROR, "acme-account-damaged", "account",
                   _("The record of the account \"%s\" is damaged. Look "
                     "into %s/%s/%s, or add the account again."),
                   account->name, cw_store_path (store), CW_STORE_ACCOUNTS,
                   account->name);
      status = CW_FAILED;
    }
  gnutls_memset (pem.data, 0, pem.size);
  free (pem.data);
  return status;
}

enum cw_status
cw_account_load (struct cw_store *store, const char *name,
                 const struct cw_pin_source *pin, struct cw_account *account,
                 struct cw_diags *diags)
{
  *account = (struct cw_account) { NULL, CW_RECORD_INIT, { NULL, NULL } };
  size_t count = 0;
  char *chosen = name ? xstrdup (name) : only_account (store, &count, diags);
  if (!chosen || !name_valid (chosen) || !account_exists (store, chosen))
    {
      free (chosen);
      return no_account (store, name, count, diags);
    }
  account->name = chosen;
  return read_account (store, account, pin, diags);
}

void
cw_account_free (struct cw_account *account)
{
  free (account->name);
  cw_record_free (&account->record);
  cw_acme_key_free (&account->key);
  account->name = NULL;
}

enum cw_status
cw_account_save (struct cw_store *store, const struct cw_account *account,
                 const gnutls_datum_t *key_pem, struct cw_diags *diags)
{
  char *text = cw_record_format (&account->record);
  struct cw_store_file files[2] = { { "record", text, strlen (text) } };
  size_t count = 1;
  if (key_pem)
    files[count++] = (struct cw_store_file) { "key.pem", key_pem->data,
                                              key_pem->size };
  enum cw_status status = cw_store_update (store, CW_STORE_ACCOUNTS,
                                           account->name, files, count, NULL,
                                           NULL, diags);
  free (text);
  return status;
}

enum cw_status
cw_account_keep_next_key (struct cw_store *store,
                          const struct cw_account *account,
                          const gnutls_datum_t *key_pem,
                          struct cw_diags *diags)
{
  struct cw_store_file file = { "next-key.pem", key_pem->data,
                                key_pem->size };
  return cw_store_update (store, CW_STORE_ACCOUNTS, account->name, &file, 1,
                          NULL, NULL, diags);
}

enum cw_status
cw_account_connect (const struct cw_account *account, const char *ca_bundle,
                    long timeout_ms, struct cw_progress *progress,
                    struct cw_acme *acme, struct cw_diags *diags)
{
  struct cw_acme_options ao = {
    cw_record_get (&account->record, "server"),
    ca_bundle ? ca_bundle : cw_record_get (&account->record, "ca-bundle"),
    timeout_ms, progress
  };
  enum cw_status status = cw_acme_open (acme, &ao, diags);
  if (status != CW_OK)
    return status;
  acme->key = &account->key;
  acme->kid = xstrdup (cw_record_get (&account->record, "url"));
  return CW_OK;
}

const char **
cw_account_contacts (const struct cw_record *record, size_t *count)
{
  const char **list = xcalloc (record->count + 1, sizeof *list);
  *count = 0;
  for (size_t i = 0; i < record->count; i++)
    if (strcmp (record->fields[i].name, "contact") == 0)
      list[(*count)++] = record->fields[i].value;
  return list;
}
