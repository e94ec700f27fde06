/* certwiz verify: path validation offline, as a TLS client would do it
   with the certificates of a store entry or a file. */
#include <config.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/i18n.h"
#include "base/json.h"
#include "base/status.h"
#include "cli/cli.h"
#include "cli/print_verify.h"
#include "pki/chain.h"
#include "pki/target.h"
#include "pki/verify.h"

enum
{
  OPT_NAME = CW_OPT_COMMAND,
  OPT_CA,
  OPT_PURPOSE,
  OPT_FORMAT
};

enum format { FORMAT_TEXT, FORMAT_JSON };

struct verify_args
{
  struct cw_verify_options options;
  int format;
};

static void
print_help (void)
{
  printf (_("Usage: certwiz verify ID|FILE [--name HOST] [--ca FILE]\n"
            "                      [--purpose server|client] "
            "[--format text|json]\n\n"
            "Check a certificate of the store (by its ID) or of FILE (a "
            "certificate, a chain\nor a .p7b) as a TLS client would, "
            "without any network: its chain, made of the\ncertificates "
            "given, up to a trust anchor; that every certificate is valid "
            "now;\nits key usage for the purpose; and, with --name, that it "
            "covers HOST.\n\n"
            "  --name HOST              a host name or address it must "
            "cover (RFC 9525: its\n"
            "                           DNS names, not the common name; a "
            "wildcard stands\n"
            "                           for one label)\n"
            "  --ca FILE                trust the roots of FILE instead of "
            "this system's\n"
            "  --purpose server|client  what the certificate is for "
            "(server by default)\n"
            "  --format text|json       what to print (text by default)\n\n"
            "Each failure is reported with a stable code (chain-incomplete, "
            "untrusted-root,\nexpired, not-yet-valid, wrong-purpose, "
            "name-mismatch, ...) and what to do next.\n\n"
            "Exit status: 0 when every check passes, 1 when one fails, 2 "
            "usage error,\n3 any other failure.\n"));
}

static enum cw_cli_option_result
verify_option (int opt, const char *arg, void *state)
{
  static const char *const purposes[] = { "server", "client", NULL };
  static const char *const formats[] = { "text", "json", NULL };
  struct verify_args *args = state;
  int choice;
  switch (opt)
    {
    case OPT_NAME:
      args->options.name = arg;
      return CW_CLI_OPTION_TAKEN;
    case OPT_CA:
      args->options.ca_file = arg;
      return CW_CLI_OPTION_TAKEN;
    case OPT_PURPOSE:
      if (!cw_cli_parse_format (arg, purposes, &choice))
        return CW_CLI_OPTION_BAD;
      args->options.purpose = (enum cw_purpose) choice;
      return CW_CLI_OPTION_TAKEN;
    case OPT_FORMAT:
      return cw_cli_parse_format (arg, formats, &args->format)
             ? CW_CLI_OPTION_TAKEN : CW_CLI_OPTION_BAD;
    default:
      return CW_CLI_OPTION_NOT_MINE;
    }
}

static void
print_result (const struct verify_args *args,
              const struct cw_verification *v)
{
  if (args->format == FORMAT_JSON)
    {
      struct cw_json json;
      cw_json_begin (&json, stdout);
      cw_json_object_begin (&json, NULL);
      cw_cli_json_verification (&json, v->path, v->path_length, v);
      cw_json_object_end (&json);
      cw_json_end (&json);
      return;
    }
  cw_cli_print_certs (v->path, v->path_length);
  cw_cli_print_checks (v);
}

static int
run_verify (const char *what, struct cw_cli_context *context,
            const struct verify_args *args)
{
  struct cw_diags diags = CW_DIAGS_INIT;
  struct cw_certs certs = CW_CERTS_INIT;
  struct cw_store *store = NULL;
  bool from_store = false;
  enum cw_status status = cw_target_is_file (what)
                            ? CW_OK : cw_cli_store (context, &store);
  if (status == CW_OK)
    status = cw_verify_load (store, what, true, &certs, &from_store, &diags);
  struct cw_verification v = { .path = NULL };
  if (status == CW_OK)
    {
      /* A file's leaf, wherever it is in the file, comes first too. */
      status = cw_verify (&certs, certs.items[0], &args->options, &v,
                          &diags);
    }
  if (status == CW_OK)
    {
      print_result (args, &v);
      cw_diags_move (&diags, &v.problems);
      status = cw_verification_passed (&v) ? CW_OK : CW_REFUSED;
      cw_verification_free (&v);
    }
  cw_cli_report (&diags);
  cw_diags_free (&diags);
  cw_certs_free (&certs);
  return status;
}

int
cw_cmd_verify (struct cw_cli_context *context, int argc, char **argv)
{
  static const struct option options[] = {
    { "name", required_argument, NULL, OPT_NAME },
    { "ca", required_argument, NULL, OPT_CA },
    { "purpose", required_argument, NULL, OPT_PURPOSE },
    { "format", required_argument, NULL, OPT_FORMAT },
    CW_CLI_COMMON_OPTIONS,
    { NULL, 0, NULL, 0 },
  };
  struct verify_args args = { .format = FORMAT_TEXT };
  int status = cw_cli_parse ("verify", argc, argv, options, verify_option,
                             &args, context, print_help);
  if (status == CW_OK)
    status = cw_cli_operands ("verify", argc, argv, 1,
                              _("the certificate's ID or file"));
  if (status != CW_OK)
    return status == CW_CLI_HELP_DONE ? CW_OK : status;
  return run_verify (argv[optind], context, &args);
}
