/* certwiz request: a new private key, kept in the store, and the PKCS#10
   request to send to the CA. */
#include <config.h>

#include <stdio.h>
#include <stdlib.h>

#include "cli.h"
#include "i18n.h"
#include "request.h"
#include "status.h"

enum
{
  OPT_KEY = CW_OPT_COMMAND,
  OPT_KEY_SIZE,
  OPT_OUT,
  OPT_FORCE,
  OPT_FRIENDLY_NAME,
  OPT_NON_EXPORTABLE
};

struct request_args
{
  struct cw_cli_names names;
  struct cw_request_options options;
};

static void
print_help (void)
{
  printf (_("Usage: certwiz request --subject DN [--san NAME]... "
            "[--key TYPE | --key-size N]\n"
            "                       [--out FILE] [--force] [--max-sans N]\n"
            "                       [--friendly-name TEXT] "
            "[--non-exportable]\n\n"
            "Make a new private key and a certificate request (PKCS#10) to "
            "send to your\ncertificate authority.  The key stays in the "
            "store on this machine: import\nthe CA's answer here, into the "
            "same store.\n\n"
            "  --subject DN          the subject, e.g. \"C=US, O=Contoso "
            "Corp, CN=mail1.contoso.com\"\n"
            "  --san NAME            a host name or IP address the "
            "certificate covers; repeat\n"
            "                        it, or give several separated by "
            "commas\n"
            "  --key TYPE            rsa2048, rsa3072 (default), rsa4096, "
            "p256 or p384\n"
            "  --key-size N          an RSA key of N bits (2048 or more)\n"
            "  --out FILE            where to write the request (default: "
            "NAME.req here)\n"
            "  --force               replace FILE if it exists\n"
            "  --max-sans N          refuse more than N names (your CA's "
            "limit)\n"
            "  --friendly-name TEXT  a name to tell certificates apart\n"
            "  --non-exportable      never allow the key to be exported\n"));
}

static enum cw_cli_option_result
request_option (int opt, const char *arg, struct request_args *args)
{
  switch (opt)
    {
    case OPT_KEY:
      args->options.key_type = arg;
      break;
    case OPT_KEY_SIZE:
      args->options.key_size = arg;
      break;
    case OPT_OUT:
      args->options.out = arg;
      break;
    case OPT_FORCE:
      args->options.force = true;
      break;
    case OPT_FRIENDLY_NAME:
      args->options.friendly_name = arg;
      break;
    case OPT_NON_EXPORTABLE:
      args->options.exportable = false;
      break;
    default:
      return CW_CLI_OPTION_NOT_MINE;
    }
  return CW_CLI_OPTION_TAKEN;
}

/* Reads the command line into ARGS; returns CW_OK, or the usage error's
   status, or -1 when --help was answered. */
static int
parse_args (struct cw_cli_context *context, int argc, char **argv,
            struct request_args *args)
{
  static const struct option options[] = {
    CW_CLI_NAMING_OPTIONS,
    { "key", required_argument, NULL, OPT_KEY },
    { "key-size", required_argument, NULL, OPT_KEY_SIZE },
    { "out", required_argument, NULL, OPT_OUT },
    { "force", no_argument, NULL, OPT_FORCE },
    { "friendly-name", required_argument, NULL, OPT_FRIENDLY_NAME },
    { "non-exportable", no_argument, NULL, OPT_NON_EXPORTABLE },
    { NULL, 0, NULL, 0 },
  };
  int opt;
  optind = 0;
  while ((opt = getopt_long (argc, argv, "h", options, NULL)) != -1)
    {
      enum cw_cli_option_result taken
        = cw_cli_naming_option (opt, optarg, &args->names, context);
      if (taken == CW_CLI_OPTION_NOT_MINE)
        taken = request_option (opt, optarg, args);
      if (taken == CW_CLI_OPTION_BAD)
        return CW_USAGE;
      if (taken == CW_CLI_OPTION_TAKEN)
        continue;
      if (opt != 'h')
        return cw_cli_bad_option ("request", argv);
      print_help ();
      return -1;
    }
  return cw_cli_naming_finish ("request", argc, argv, &args->names);
}

static void
print_result (const struct cw_request_result *result)
{
  char *out = cw_cli_safe (result->out_path);
  char *store = cw_cli_safe (result->store_path);
  printf (_("Request written to %s\n"), out);
  cw_cli_print_names (&result->names);
  printf (_("Key:     %s, kept in the store %s\n"), result->key_description,
          store);
  printf (_("ID:      %s\n"), result->id);
  printf (_("SHA-256: %s\n"), result->fingerprint);
  printf (_("\nNext: send the request file to your certificate authority.\n"
            "The private key never leaves this machine: when the certificate "
            "comes back,\nimport it here, into this same store.\n"));
  free (out);
  free (store);
}

static int
run_request (struct request_args *args)
{
  struct cw_diags diags = CW_DIAGS_INIT;
  struct cw_request_result result;
  cw_cli_names_input (&args->names, &args->options.names);
  int status = cw_request_create (&args->options, &result, &diags);
  cw_cli_report (&diags);
  if (status == CW_OK)
    print_result (&result);
  cw_request_result_free (&result);
  cw_diags_free (&diags);
  return status;
}

int
cw_cmd_request (struct cw_cli_context *context, int argc, char **argv)
{
  struct request_args args = { .options = { .exportable = true } };
  int status = parse_args (context, argc, argv, &args);
  if (status == CW_OK)
    {
      args.options.store = context->store;
      status = run_request (&args);
    }
  cw_cli_names_free (&args.names);
  return status < 0 ? CW_OK : status;
}
