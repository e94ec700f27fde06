/* The commands that make a new key: request (a PKCS#10 request for a
   CA), selfsign (a self-signed certificate) and clone (either, with the
   names of an existing certificate). */
#include <config.h>

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>

#include "cli/cli.h"
#include "cli/password.h"
#include "cli/print_cert.h"
#include "pki/target.h"
#include "pki/clone.h"
#include "base/i18n.h"
#include "keys/keytypes.h"
#include "pki/request.h"
#include "pki/selfsign.h"
#include "base/status.h"
#include "store/store.h"

enum
{
  OPT_KEY = CW_OPT_COMMAND,
  OPT_KEY_SIZE,
  OPT_OUT,
  OPT_FORCE,
  OPT_FRIENDLY_NAME,
  OPT_NON_EXPORTABLE,
  OPT_DAYS,
  OPT_SELF_SIGNED,
  OPT_KEY_URI,
  OPT_PIN_FILE,
  OPT_PIN_FD
};

#define KEY_OPTIONS \
  { "key", required_argument, NULL, OPT_KEY }, \
  { "key-size", required_argument, NULL, OPT_KEY_SIZE }, \
  { "friendly-name", required_argument, NULL, OPT_FRIENDLY_NAME }, \
  { "non-exportable", no_argument, NULL, OPT_NON_EXPORTABLE }, \
  { "key-uri", required_argument, NULL, OPT_KEY_URI }, \
  { "pin-file", required_argument, NULL, OPT_PIN_FILE }, \
  { "pin-fd", required_argument, NULL, OPT_PIN_FD }

#define OUT_OPTIONS \
  { "out", required_argument, NULL, OPT_OUT }, \
  { "force", no_argument, NULL, OPT_FORCE }

struct newkey_args
{
  struct cw_cli_names names;
  struct cw_request_options options;
  struct cw_cli_context *context;
  struct cw_password_source pin;
  unsigned days;
  bool self_signed;
};

static const char *const key_help =
  N_("  --key-size N          an RSA key of N bits (2048 or more)\n"
     "  --friendly-name TEXT  a name to tell certificates apart\n"
     "  --non-exportable      never allow the key to be exported\n"
     "  --key-uri URI         a key on a PKCS#11 token, such as\n"
     "                        pkcs11:token=NAME;object=LABEL, or a token\n"
     "                        alone (pkcs11:token=NAME) to make the new key "
     "there\n"
     "  --pin-file FILE       read the token's PIN from FILE\n"
     "  --pin-fd N            read the token's PIN from file descriptor N\n"
     "                        (without either, it is asked for on the "
     "terminal)\n");

/* --key's line, then one line per key type of the table. */
static void
print_key_types (void)
{
  fputs (_("  --key TYPE            the type of the new key, one of:\n"),
         stdout);
  for (size_t i = 0; i < cw_keytype_count (); i++)
    {
      const struct cw_keytype *type = cw_keytype_at (i);
      printf ("                          %-9s %s\n", type->name,
              _(type->label));
    }
}

static void
print_key_help (void)
{
  print_key_types ();
  fputs (_(key_help), stdout);
}

static const char *const names_help =
  N_("  --subject DN          the subject, such as\n"
     "                        \"C=US, O=Contoso Corp, "
     "CN=mail1.contoso.com\"\n"
     "  --san NAME            a host name or IP address the certificate "
     "covers;\n"
     "                        repeat it, or give several separated by "
     "commas\n"
     "  --max-sans N          refuse more than N names (your CA's limit)\n");

static void
print_request_help (void)
{
  printf (_("Usage: certwiz request --subject DN [--san NAME]... "
            "[--key TYPE | --key-size N]\n"
            "                       [--out FILE] [--force] [--max-sans N]\n"
            "                       [--friendly-name TEXT] "
            "[--non-exportable]\n"
            "                       [--key-uri URI [--pin-file FILE | "
            "--pin-fd N]]\n\n"
            "Make a new private key and a certificate request (PKCS#10) to "
            "send to your\ncertificate authority.  The key stays in the "
            "store on this machine: import\nthe CA's answer here, into the "
            "same store.\n\n"));
  fputs (_(names_help), stdout);
  print_key_help ();
  printf (_("  --out FILE            where to write the request (default: "
            "NAME.req here)\n"
            "  --force               replace FILE if it exists\n"));
}

static void
print_selfsign_help (void)
{
  printf (_("Usage: certwiz selfsign --subject DN [--san NAME]... [--days N] "
            "[key options]\n\n"
            "Make a new private key and a self-signed certificate for it, "
            "and install both\nin the store.  Clients trust it only if you "
            "tell them to: use it for tests and\ninternal services.\n\n"));
  fputs (_(names_help), stdout);
  print_key_help ();
  printf (_("  --days N              valid for N days (default %d)\n"),
          CW_SELFSIGN_DAYS);
}

static void
print_clone_help (void)
{
  printf (_("Usage: certwiz clone ID [--self-signed [--days N]] [request "
            "options]\n\n"
            "Make a new request, or with --self-signed a new self-signed "
            "certificate, with\nthe subject and names of an existing "
            "certificate or request, and a NEW key:\nonly the names are "
            "cloned, never the key.  --subject, --san and the other\n"
            "options of request override what is cloned.\n"));
}

static bool
parse_days (const char *arg, unsigned *days)
{
  char *end;
  errno = 0;
  unsigned long n = strtoul (arg, &end, 10);
  if (errno || end == arg || *end || arg[0] == '-' || n > 1000000)
    {
      cw_cli_usage_error (NULL, _("--days takes a number of days, such as "
                                  "365, not \"%s\"."), arg);
      return false;
    }
  *days = (unsigned) n;
  return true;
}

static enum cw_cli_option_result
newkey_option (int opt, const char *arg, void *state)
{
  struct newkey_args *args = state;
  struct cw_request_options *o = &args->options;
  enum cw_cli_option_result taken = cw_cli_naming_option (opt, arg,
                                                          &args->names);
  if (taken != CW_CLI_OPTION_NOT_MINE)
    return taken;
  switch (opt)
    {
    case OPT_KEY: o->key_type = arg; break;
    case OPT_KEY_SIZE: o->key_size = arg; break;
    case OPT_OUT: o->out = arg; break;
    case OPT_FORCE: o->force = true; break;
    case OPT_FRIENDLY_NAME: o->friendly_name = arg; break;
    case OPT_NON_EXPORTABLE: o->exportable = false; break;
    case OPT_SELF_SIGNED: args->self_signed = true; break;
    case OPT_KEY_URI: o->key_uri = arg; break;
    case OPT_DAYS:
      return parse_days (arg, &args->days) ? CW_CLI_OPTION_TAKEN
                                           : CW_CLI_OPTION_BAD;
    default:
      return cw_cli_password_option (opt, arg, &args->pin, OPT_PIN_FILE,
                                     OPT_PIN_FD, "--pin-fd");
    }
  return CW_CLI_OPTION_TAKEN;
}

static void
print_request_result (const struct cw_request *request,
                      const struct cw_store *store)
{
  char *out = cw_cli_safe (request->out_path);
  char *where = cw_cli_safe (cw_store_path (store));
  printf (_("Request written to %s\n"), out);
  cw_cli_print_names (&request->names);
  if (cw_key_on_token (request->key))
    {
      char *token = cw_cli_safe (cw_key_token_label (request->key));
      printf (_("Key:     %s, on the token %s, which it never leaves\n"),
              request->key_description, token);
      free (token);
    }
  else
    printf (_("Key:     %s, kept in the store %s\n"),
            request->key_description, where);
  printf (_("ID:      %s\n"), request->id);
  printf (_("SHA-256: %s\n"), request->fingerprint);
  printf (_("\nNext: send the request file to your certificate authority.\n"
            "The private key never leaves this machine: when the certificate "
            "comes back,\nimport it here, into this same store.\n"));
  free (out);
  free (where);
}

static int
run_request (struct newkey_args *args, struct cw_store *store)
{
  struct cw_diags diags = CW_DIAGS_INIT;
  struct cw_request request = CW_REQUEST_INIT;
  cw_cli_names_input (&args->names, &args->options.names);
  struct cw_pin_source pin;
  cw_cli_pin_source (&args->pin, &pin);
  int status = cw_request_create (store, &args->options, &pin, NULL,
                                  &request, &diags);
  cw_cli_report (&diags);
  if (status == CW_OK)
    print_request_result (&request, store);
  cw_request_free (&request);
  cw_diags_free (&diags);
  return status;
}

static int
run_selfsign (struct newkey_args *args, struct cw_store *store)
{
  struct cw_diags diags = CW_DIAGS_INIT;
  struct cw_selfsign_result result;
  cw_cli_names_input (&args->names, &args->options.names);
  struct cw_pin_source pin;
  cw_cli_pin_source (&args->pin, &pin);
  int status = cw_selfsign_create (store, &args->options, args->days, &pin,
                                   NULL, &result, &diags);
  cw_cli_report (&diags);
  if (status == CW_OK)
    {
      char *where = cw_cli_safe (cw_store_path (store));
      const struct cw_key *key = result.request.key;
      char *token = cw_cli_safe (cw_key_on_token (key)
                                   ? cw_key_token_label (key) : "");
      if (cw_key_on_token (key))
        printf (_("Installed a self-signed certificate with the %s key of "
                  "the token %s in the store %s\n"),
                result.request.key_description, token, where);
      else
        printf (_("Installed a self-signed certificate with a new %s key in "
                  "the store %s\n"), result.request.key_description, where);
      free (token);
      cw_cli_print_cert_summary (&result.info);
      free (where);
    }
  cw_selfsign_result_free (&result);
  cw_diags_free (&diags);
  return status;
}

/* Runs RUN on the store of the command line. */
static int
with_store (struct newkey_args *args,
            int (*run) (struct newkey_args *args, struct cw_store *store))
{
  struct cw_store *store;
  int status = cw_cli_store (args->context, &store);
  return status == CW_OK ? run (args, store) : status;
}

static int
parse_newkey (const char *command, int argc, char **argv,
              const struct option *options, struct newkey_args *args,
              struct cw_cli_context *context, void (*help) (void))
{
  *args = (struct newkey_args) { .options = { .exportable = true },
                                 .pin = { NULL, -1 },
                                 .days = CW_SELFSIGN_DAYS };
  int status = cw_cli_parse (command, argc, argv, options, newkey_option,
                             args, context, help);
  args->context = context;
  return status;
}

int
cw_cmd_request (struct cw_cli_context *context, int argc, char **argv)
{
  static const struct option options[] = {
    CW_CLI_NAMING_OPTIONS, KEY_OPTIONS, OUT_OPTIONS, { NULL, 0, NULL, 0 },
  };
  struct newkey_args args;
  int status = parse_newkey ("request", argc, argv, options, &args, context,
                             print_request_help);
  if (status == CW_OK)
    status = cw_cli_naming_finish ("request", argc, argv, &args.names);
  if (status == CW_OK)
    status = with_store (&args, run_request);
  cw_cli_names_free (&args.names);
  return status == CW_CLI_HELP_DONE ? CW_OK : status;
}

int
cw_cmd_selfsign (struct cw_cli_context *context, int argc, char **argv)
{
  static const struct option options[] = {
    CW_CLI_NAMING_OPTIONS, KEY_OPTIONS,
    { "days", required_argument, NULL, OPT_DAYS }, { NULL, 0, NULL, 0 },
  };
  struct newkey_args args;
  int status = parse_newkey ("selfsign", argc, argv, options, &args, context,
                             print_selfsign_help);
  if (status == CW_OK)
    status = cw_cli_naming_finish ("selfsign", argc, argv, &args.names);
  if (status == CW_OK)
    status = with_store (&args, run_selfsign);
  cw_cli_names_free (&args.names);
  return status == CW_CLI_HELP_DONE ? CW_OK : status;
}

/* What was not given on the command line comes from the clone. */
static void
take_cloned (struct newkey_args *args, const struct cw_clone_names *cloned)
{
  if (!args->names.subject)
    args->names.subject = cloned->subject;
  if (args->names.san_count == 0)
    for (size_t i = 0; i < cloned->san_count; i++)
      cw_cli_names_add_san (&args->names, cloned->sans[i]);
  if (!args->options.friendly_name && *cloned->friendly_name)
    args->options.friendly_name = cloned->friendly_name;
  /* A new key of the same kind, unless told otherwise. */
  if (!args->options.key_type && !args->options.key_size
      && *cloned->key_type)
    args->options.key_type = cloned->key_type;
}

static int
run_clone (const char *id, struct newkey_args *args)
{
  struct cw_diags diags = CW_DIAGS_INIT;
  struct cw_target target = CW_TARGET_INIT;
  struct cw_clone_names cloned = { NULL, NULL, 0, NULL, NULL };
  struct cw_store *store;
  int status = cw_cli_store (args->context, &store);
  if (status == CW_OK)
    status = cw_target_load (&target, store, id, &diags);
  if (status == CW_OK)
    status = cw_clone_names (store, &target.entry, &cloned, &diags);
  cw_cli_report (&diags);
  cw_target_free (&target);
  cw_diags_free (&diags);
  if (status == CW_OK)
    {
      take_cloned (args, &cloned);
      status = with_store (args, args->self_signed ? run_selfsign
                                                   : run_request);
    }
  cw_clone_names_free (&cloned);
  return status;
}

int
cw_cmd_clone (struct cw_cli_context *context, int argc, char **argv)
{
  static const struct option options[] = {
    CW_CLI_NAMING_OPTIONS, KEY_OPTIONS, OUT_OPTIONS,
    { "days", required_argument, NULL, OPT_DAYS },
    { "self-signed", no_argument, NULL, OPT_SELF_SIGNED },
    { NULL, 0, NULL, 0 },
  };
  struct newkey_args args;
  int status = parse_newkey ("clone", argc, argv, options, &args, context,
                             print_clone_help);
  if (status == CW_OK)
    status = cw_cli_operands ("clone", argc, argv, 1,
                              _("the ID of the certificate to clone"));
  if (status == CW_OK)
    status = run_clone (argv[optind], &args);
  cw_cli_names_free (&args.names);
  return status == CW_CLI_HELP_DONE ? CW_OK : status;
}
