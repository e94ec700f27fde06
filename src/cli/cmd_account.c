/* certwiz account add|list|show|update|rollover|deactivate: ACME
   accounts, kept in the store. */
#include <config.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "acme/account.h"
#include "acme/accounts.h"
#include "acme/jsonutil.h"
#include "base/i18n.h"
#include "base/status.h"
#include "base/xalloc.h"
#include "cli/acme_cli.h"
#include "cli/cli.h"
#include "cli/password.h"
#include "keys/key.h"
#include "pki/certinfo.h"

enum
{
  OPT_SERVER = CW_OPT_COMMAND,
  OPT_EMAIL,
  OPT_AGREE_TOS,
  OPT_EAB_KID,
  OPT_EAB_KEY_FILE,
  OPT_CA_BUNDLE,
  OPT_NAME,
  OPT_KEY,
  OPT_YES,
  OPT_KEY_URI,
  OPT_PIN_FILE,
  OPT_PIN_FD
};

struct account_args
{
  struct cw_account_add_options add;
  const char **emails;
  size_t email_count;
  bool yes;
  struct cw_password_source pin_source;
  struct cw_pin_source pin;
};

static void
print_help (void)
{
  printf (_("Usage: certwiz account add --server URL|letsencrypt|"
            "letsencrypt-staging\n"
            "                   [--email ADDR]... [--agree-tos] [--name NAME] "
            "[--key TYPE]\n"
            "                   [--eab-kid ID --eab-key-file FILE] "
            "[--ca-bundle FILE]\n"
            "       certwiz account list\n"
            "       certwiz account show [NAME]\n"
            "       certwiz account update [NAME] --email ADDR...\n"
            "       certwiz account rollover [NAME] [--key TYPE]\n"
            "       certwiz account deactivate [NAME] --yes\n\n"
            "Accounts at ACME certificate authorities (such as Let's "
            "Encrypt), kept in\nthe store with their keys.  NAME may be left "
            "out when the store has one\naccount.\n\n"
            "  --server URL         the CA's ACME directory, or letsencrypt, "
            "letsencrypt-staging\n"
            "  --email ADDR         a contact address for the CA; repeat it "
            "for several\n"
            "  --agree-tos          agree to the CA's terms of service (they "
            "are shown)\n"
            "  --name NAME          the account's name in the store (default: "
            "from the server)\n"
            "  --key TYPE           the account key: p256 (default), p384, "
            "rsa2048, rsa3072,\n"
            "                       rsa4096, ed25519\n"
            "  --eab-kid ID         external account binding: the key ID the "
            "CA gave\n"
            "  --eab-key-file FILE  the file holding the HMAC key the CA "
            "gave (base64url)\n"
            "  --ca-bundle FILE     trust anchors of a test or private CA's "
            "HTTPS server\n"
            "  --yes                confirm a deactivation, which cannot be "
            "undone\n\n"
            "CERTWIZ_ACME_TIMEOUT sets the timeout of each request to the CA, "
            "in seconds.\n"));
  fputs (_("\nThe account key may live on a PKCS#11 token, which signs every "
           "message to\nthe CA and never lets the key out:\n"
           "  --key-uri URI        add: the key on a token (pkcs11:...), or "
           "a token to make\n"
           "                       a new key of --key TYPE on\n"
           "  --pin-file FILE      read the token's PIN from FILE\n"
           "  --pin-fd N           read it from file descriptor N (without "
           "either, it is\n"
           "                       asked for on the terminal)\n"), stdout);
}

static enum cw_cli_option_result
account_option (int opt, const char *arg, void *state)
{
  struct account_args *a = state;
  switch (opt)
    {
    case OPT_SERVER:
      a->add.server = arg;
      break;
    case OPT_EMAIL:
      a->emails = xreallocarray (a->emails, a->email_count + 1,
                                 sizeof *a->emails);
      a->emails[a->email_count++] = arg;
      break;
    case OPT_AGREE_TOS:
      a->add.agree_tos = true;
      break;
    case OPT_EAB_KID:
      a->add.eab_kid = arg;
      break;
    case OPT_EAB_KEY_FILE:
      a->add.eab_key_file = arg;
      break;
    case OPT_CA_BUNDLE:
      a->add.ca_bundle = arg;
      break;
    case OPT_NAME:
      a->add.name = arg;
      break;
    case OPT_KEY:
      a->add.key_type = arg;
      break;
    case OPT_YES:
      a->yes = true;
      break;
    case OPT_KEY_URI:
      a->add.key_uri = arg;
      break;
    case OPT_PIN_FILE:
    case OPT_PIN_FD:
      return cw_cli_password_option (opt, arg, &a->pin_source, OPT_PIN_FILE,
                                     OPT_PIN_FD, "--pin-fd");
    default:
      return CW_CLI_OPTION_NOT_MINE;
    }
  return CW_CLI_OPTION_TAKEN;
}

static int
finish (struct cw_diags *diags, enum cw_status status)
{
  cw_cli_report (diags);
  cw_diags_free (diags);
  return status;
}

static int
run_add (struct account_args *a, struct cw_cli_context *ctx)
{
  if (!a->add.server)
    return cw_cli_usage_error ("account", _("--server is missing"));
  struct cw_diags diags = CW_DIAGS_INIT;
  struct cw_account_add_result r = { 0 };
  struct cw_store *store;
  enum cw_status status = cw_cli_store (ctx, &store);
  if (status != CW_OK)
    return status;
  a->add.emails = a->emails;
  a->add.email_count = a->email_count;
  a->add.timeout_ms = cw_cli_acme_timeout ();
  status = cw_account_add (store, &a->add, &r, &diags);
  if (status == CW_OK)
    {
      printf (_("Account \"%s\" added.\n"), r.name);
      cw_cli_acme_field (_("Server"), r.server);
      cw_cli_acme_field (_("Account URL"), r.url);
      cw_cli_acme_field (_("Terms agreed"), r.terms_of_service);
      for (size_t i = 0; i < a->email_count; i++)
        cw_cli_acme_field (_("Contact"), a->emails[i]);
      if (r.eab)
        cw_cli_acme_field (_("Bound to"), a->add.eab_kid);
    }
  cw_account_add_result_free (&r);
  return finish (&diags, status);
}

static int
run_list (struct cw_cli_context *ctx)
{
  struct cw_diags diags = CW_DIAGS_INIT;
  struct cw_store *store;
  struct cw_store_entries entries = CW_STORE_ENTRIES_INIT;
  enum cw_status status = cw_cli_store (ctx, &store);
  if (status == CW_OK)
    status = cw_account_list (store, &entries, &diags);
  if (status == CW_OK && entries.count == 0)
    printf (_("(no ACME account)\n"));
  for (size_t i = 0; status == CW_OK && i < entries.count; i++)
    {
      const struct cw_record *rec = &entries.items[i].record;
      char *name = cw_cli_safe (entries.items[i].id);
      char *server = cw_cli_safe (cw_record_get (rec, "server")
                                    ? cw_record_get (rec, "server") : "");
      const char *state = cw_record_get (rec, "state");
      printf ("%-24s %-12s %s\n", name, state ? state : "?", server);
      free (name), free (server);
    }
  cw_store_entries_free (&entries);
  return finish (&diags, status);
}

/* Opens the store, loads the account NAME and, when CONNECT, reaches its
   CA. */
static enum cw_status
open_account (struct cw_cli_context *ctx, const char *name,
              const struct account_args *a, bool connect,
              struct cw_store **store, struct cw_account *account,
              struct cw_acme *acme, struct cw_diags *diags)
{
  const char *ca_bundle = a->add.ca_bundle;
  *acme = (struct cw_acme) { 0 };
  *account = (struct cw_account) { NULL, CW_RECORD_INIT, { NULL, NULL } };
  enum cw_status status = cw_cli_store (ctx, store);
  if (status == CW_OK)
    status = cw_account_load (*store, name, &a->pin, account, diags);
  if (status == CW_OK && connect)
    status = cw_account_connect (account, ca_bundle, cw_cli_acme_timeout (),
                                 NULL, acme, diags);
  return status;
}

static void
print_contacts (json_object *obj)
{
  json_object *list = cw_json_arr (obj, "contact");
  size_t n = list ? json_object_array_length (list) : 0;
  for (size_t i = 0; i < n; i++)
    {
      json_object *c = json_object_array_get_idx (list, i);
      if (json_object_is_type (c, json_type_string))
        cw_cli_acme_field (_("Contact"), json_object_get_string (c));
    }
}

static void
print_account (const struct cw_account *account, const struct cw_acme *acme,
               json_object *obj)
{
  const struct cw_record *rec = &account->record;
  cw_cli_acme_field (_("Account"), account->name);
  cw_cli_acme_field (_("Server"), cw_record_get (rec, "server"));
  cw_cli_acme_field (_("Account URL"), cw_record_get (rec, "url"));
  cw_cli_acme_field (_("State"), cw_json_str (obj, "status"));
  print_contacts (obj);
  const char *token = cw_record_get (rec, "key-token");
  char *key = token ? xasprintf (_("%s, on the token \"%s\", which it never "
                                   "leaves"), cw_acme_key_alg (account->key.pub),
                                 token)
                    : xstrdup (cw_acme_key_alg (account->key.pub));
  cw_cli_acme_field (_("Key"), key);
  free (key);
  cw_cli_acme_field (_("Created"), cw_record_get (rec, "created"));
  cw_cli_acme_field (_("Terms agreed"), cw_record_get (rec, "terms-agreed"));
  cw_cli_acme_field (_("Bound to"), cw_record_get (rec, "eab-kid"));
  cw_cli_acme_field (_("Renewal info"), acme->dir.renewal_info
                                          ? _("offered (ARI)")
                                          : _("not offered"));
  for (size_t i = 0; i < acme->dir.profile_count; i++)
    {
      char *line = xasprintf ("%s - %s", acme->dir.profiles[i].name,
                              acme->dir.profiles[i].description);
      cw_cli_acme_field (_("Profile"), line);
      free (line);
    }
}

static void
close_account (struct cw_account *account, struct cw_acme *acme)
{
  cw_acme_close (acme);
  cw_account_free (account);
}

static int
run_show (struct account_args *a, struct cw_cli_context *ctx,
          const char *name)
{
  struct cw_diags diags = CW_DIAGS_INIT;
  struct cw_store *store = NULL;
  struct cw_account account;
  struct cw_acme acme;
  json_object *obj = NULL;
  enum cw_status status = open_account (ctx, name, a, true,
                                        &store, &account, &acme, &diags);
  if (status == CW_OK)
    status = cw_acme_account_fetch (&acme, &obj, &diags);
  if (status == CW_OK)
    print_account (&account, &acme, obj);
  json_object_put (obj);
  close_account (&account, &acme);
  return finish (&diags, status);
}

/* The record's contacts replaced by CONTACTS. */
static void
set_contacts (struct cw_record *rec, const char *const *contacts,
              size_t count)
{
  struct cw_record fresh = CW_RECORD_INIT;
  for (size_t i = 0; i < rec->count; i++)
    if (strcmp (rec->fields[i].name, "contact") != 0)
      cw_record_add (&fresh, rec->fields[i].name, rec->fields[i].value);
  for (size_t i = 0; i < count; i++)
    cw_record_add (&fresh, "contact", contacts[i]);
  cw_record_free (rec);
  *rec = fresh;
}

static int
run_update (struct account_args *a, struct cw_cli_context *ctx,
            const char *name)
{
  if (a->email_count == 0)
    return cw_cli_usage_error ("account", _("--email is missing"));
  struct cw_diags diags = CW_DIAGS_INIT;
  struct cw_store *store = NULL;
  struct cw_account account;
  struct cw_acme acme;
  json_object *obj = NULL;
  char **contacts = xcalloc (a->email_count, sizeof *contacts);
  for (size_t i = 0; i < a->email_count; i++)
    contacts[i] = xasprintf ("mailto:%s", a->emails[i]);
  enum cw_status status = open_account (ctx, name, a, true,
                                        &store, &account, &acme, &diags);
  if (status == CW_OK)
    status = cw_acme_account_update (&acme, (const char *const *) contacts,
                                     a->email_count, &obj, &diags);
  if (status == CW_OK)
    status = cw_store_lock (store, &diags);
  if (status == CW_OK)
    {
      set_contacts (&account.record, (const char *const *) contacts,
                    a->email_count);
      status = cw_account_save (store, &account, NULL, &diags);
    }
  if (status == CW_OK)
    {
      printf (_("Account \"%s\" updated.\n"), account.name);
      print_contacts (obj);
    }
  for (size_t i = 0; i < a->email_count; i++)
    free (contacts[i]);
  free (contacts);
  json_object_put (obj);
  close_account (&account, &acme);
  return finish (&diags, status);
}

static int
run_rollover (struct account_args *a, struct cw_cli_context *ctx,
              const char *name)
{
  struct cw_diags diags = CW_DIAGS_INIT;
  struct cw_store *store = NULL;
  struct cw_account account;
  struct cw_acme acme;
  struct cw_acme_key fresh = { NULL, NULL };
  gnutls_datum_t pem = { NULL, 0 };
  const char *type = a->add.key_type ? a->add.key_type : CW_ACME_KEY_DEFAULT;
  enum cw_status status = open_account (ctx, name, a, true,
                                        &store, &account, &acme, &diags);
  if (status == CW_OK && cw_record_get (&account.record, "key-uri"))
    {
      cw_diag_add (&diags, CW_ERROR, "acme-key-on-token", "key",
                   _("The key of the account \"%s\" is on a token, and a new "
                     "key would be made outside it. To change keys, add a "
                     "new account with --key-uri naming the token, then "
                     "deactivate this one."), account.name);
      status = CW_REFUSED;
    }
  if (status == CW_OK)
    status = cw_acme_key_generate (type, &fresh, &pem, &diags);
  /* The new key is in the store before the CA is told: whatever the CA
     answers, or if certwiz is stopped there, neither key is lost. */
  if (status == CW_OK)
    status = cw_store_lock (store, &diags);
  if (status == CW_OK)
    status = cw_account_keep_next_key (store, &account, &pem, &diags);
  if (status == CW_OK)
    status = cw_acme_account_rollover (&acme, &fresh, &diags);
  if (status == CW_OK)
    {
      cw_record_set (&account.record, "key", type);
      status = cw_account_save (store, &account, &pem, &diags);
    }
  if (status == CW_OK)
    printf (_("Account \"%s\" now signs with a new %s key.\n"), account.name,
            cw_acme_key_alg (fresh.pub));
  cw_acme_key_free (&fresh);
  if (pem.data)
    gnutls_memset (pem.data, 0, pem.size);
  gnutls_free (pem.data);
  close_account (&account, &acme);
  return finish (&diags, status);
}

static int
run_deactivate (struct account_args *a, struct cw_cli_context *ctx,
                const char *name)
{
  struct cw_diags diags = CW_DIAGS_INIT;
  if (!a->yes)
    {
      cw_diag_add (&diags, CW_ERROR, "acme-deactivate-unconfirmed",
                   "account",
                   _("Nothing was done: deactivating an account cannot be "
                     "undone, and its certificates can then no longer be "
                     "renewed with it. Add --yes to deactivate it."));
      return finish (&diags, CW_REFUSED);
    }
  struct cw_store *store = NULL;
  struct cw_account account;
  struct cw_acme acme;
  json_object *obj = NULL;
  enum cw_status status = open_account (ctx, name, a, true,
                                        &store, &account, &acme, &diags);
  if (status == CW_OK)
    status = cw_acme_account_deactivate (&acme, &obj, &diags);
  if (status == CW_OK)
    status = cw_store_lock (store, &diags);
  if (status == CW_OK)
    {
      cw_record_set (&account.record, "state", "deactivated");
      status = cw_account_save (store, &account, NULL, &diags);
    }
  if (status == CW_OK)
    printf (_("Account \"%s\" deactivated at the CA.\n"), account.name);
  json_object_put (obj);
  close_account (&account, &acme);
  return finish (&diags, status);
}

int
cw_cmd_account (struct cw_cli_context *context, int argc, char **argv)
{
  static const struct option options[] = {
    { "server", required_argument, NULL, OPT_SERVER },
    { "email", required_argument, NULL, OPT_EMAIL },
    { "agree-tos", no_argument, NULL, OPT_AGREE_TOS },
    { "eab-kid", required_argument, NULL, OPT_EAB_KID },
    { "eab-key-file", required_argument, NULL, OPT_EAB_KEY_FILE },
    { "ca-bundle", required_argument, NULL, OPT_CA_BUNDLE },
    { "name", required_argument, NULL, OPT_NAME },
    { "key", required_argument, NULL, OPT_KEY },
    { "yes", no_argument, NULL, OPT_YES },
    { "key-uri", required_argument, NULL, OPT_KEY_URI },
    { "pin-file", required_argument, NULL, OPT_PIN_FILE },
    { "pin-fd", required_argument, NULL, OPT_PIN_FD },
    CW_CLI_COMMON_OPTIONS,
    { NULL, 0, NULL, 0 },
  };
  struct account_args a = { .add = { .server = NULL },
                            .pin_source = { NULL, -1 } };
  int status = cw_cli_parse ("account", argc, argv, options, account_option,
                             &a, context, print_help);
  cw_cli_pin_source (&a.pin_source, &a.pin);
  a.add.pin = &a.pin;
  if (status != CW_OK)
    {
      free (a.emails);
      return status == CW_CLI_HELP_DONE ? CW_OK : status;
    }
  const char *action = optind < argc ? argv[optind] : NULL;
  const char *name = optind + 1 < argc ? argv[optind + 1] : NULL;
  if (optind + 2 < argc)
    status = cw_cli_usage_error ("account", _("unexpected argument '%s'"),
                                 argv[optind + 2]);
  else if (!action)
    status = cw_cli_usage_error ("account", _("say what to do: add, list, "
                                              "show, update, rollover or "
                                              "deactivate"));
  else if (!cw_cli_acme_start ())
    status = CW_FAILED;
  else if (strcmp (action, "add") == 0 && !name)
    status = run_add (&a, context);
  else if (strcmp (action, "list") == 0 && !name)
    status = run_list (context);
  else if (strcmp (action, "show") == 0)
    status = run_show (&a, context, name);
  else if (strcmp (action, "update") == 0)
    status = run_update (&a, context, name);
  else if (strcmp (action, "rollover") == 0)
    status = run_rollover (&a, context, name);
  else if (strcmp (action, "deactivate") == 0)
    status = run_deactivate (&a, context, name);
  else
    status = cw_cli_usage_error ("account", _("unknown action '%s'"),
                                 action);
  free (a.emails);
  return status;
}
