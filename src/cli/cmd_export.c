/* certwiz export: a password-protected PKCS#12 backup. */
#include <config.h>

#include <stdio.h>
#include <stdlib.h>

#include "cli/cli.h"
#include "cli/password.h"
#include "pki/export.h"
#include "base/i18n.h"
#include "base/status.h"

enum
{
  OPT_OUT = CW_OPT_COMMAND,
  OPT_FORCE,
  OPT_PROFILE,
  OPT_PASSWORD_FILE,
  OPT_PASSWORD_FD
};

struct export_args
{
  const char *out;
  bool force;
  enum cw_p12_profile profile;
  struct cw_password_source password;
};

static void
print_help (void)
{
  printf (_("Usage: certwiz export ID --out FILE [--profile modern|legacy] "
            "[--force]\n"
            "                          [--password-file FILE | "
            "--password-fd N]\n\n"
            "Back up a certificate with its private key and chain as a "
            "password-protected\nPKCS#12 file (.pfx), to restore on this or "
            "another server.\n\n"
            "  --out FILE            where to write the backup (never "
            "replaced\n"
            "                        without --force)\n"
            "  --profile modern      AES-256 and a SHA-256 MAC (the "
            "default)\n"
            "  --profile legacy      3DES and a SHA-1 MAC, for Windows "
            "Server 2016 and older\n"
            "  --password-file FILE  read the password from FILE\n"
            "  --password-fd N       read the password from file descriptor "
            "N\n\n"
            "Without a password option the password is asked for twice on "
            "the terminal,\nwithout echo.  It is never taken on the command "
            "line.\n"));
}

static enum cw_cli_option_result
export_option (int opt, const char *arg, void *state)
{
  struct export_args *args = state;
  struct cw_diags diags = CW_DIAGS_INIT;
  bool valid;
  switch (opt)
    {
    case OPT_OUT:
      args->out = arg;
      return CW_CLI_OPTION_TAKEN;
    case OPT_FORCE:
      args->force = true;
      return CW_CLI_OPTION_TAKEN;
    case OPT_PROFILE:
      valid = cw_p12_profile_parse (arg, &args->profile, &diags);
      cw_cli_report (&diags);
      cw_diags_free (&diags);
      return valid ? CW_CLI_OPTION_TAKEN : CW_CLI_OPTION_BAD;
    default:
      return cw_cli_password_option (opt, arg, &args->password,
                                     OPT_PASSWORD_FILE, OPT_PASSWORD_FD,
                                     "--password-fd");
    }
}

static void
print_result (const struct cw_export *export, const struct export_args *args)
{
  char *out = cw_cli_safe (args->out);
  printf (ngettext ("Backup written to %s (%s profile), with the key and "
                    "%zu certificate.\n",
                    "Backup written to %s (%s profile), with the key and "
                    "%zu certificates.\n", export->certs.count), out,
          args->profile == CW_P12_LEGACY ? "legacy" : "modern",
          export->certs.count);
  printf (_("It was opened again with the password and holds the same "
            "key.\nKeep the file and its password apart, somewhere "
            "safe.\n"));
  free (out);
}

static int
run_export (const char *id, struct export_args *args, struct cw_store *store)
{
  struct cw_diags diags = CW_DIAGS_INIT;
  struct cw_export export;
  char *password = NULL;
  int status = cw_export_open (&export, store, id, args->out, args->force,
                               &diags);
  if (status == CW_OK)
    status = cw_password_read (&args->password, _("Backup password: "),
                               true, &password, &diags);
  if (status == CW_OK)
    status = cw_export_write (&export, args->profile, password, &diags);
  cw_cli_report_about (&diags, export.entry.id ? export.entry.id : id);
  if (status == CW_OK)
    print_result (&export, args);
  cw_password_free (password);
  cw_export_close (&export);
  cw_diags_free (&diags);
  return status;
}

int
cw_cmd_export (struct cw_cli_context *context, int argc, char **argv)
{
  static const struct option options[] = {
    { "out", required_argument, NULL, OPT_OUT },
    { "force", no_argument, NULL, OPT_FORCE },
    { "profile", required_argument, NULL, OPT_PROFILE },
    { "password-file", required_argument, NULL, OPT_PASSWORD_FILE },
    { "password-fd", required_argument, NULL, OPT_PASSWORD_FD },
    CW_CLI_COMMON_OPTIONS,
    { NULL, 0, NULL, 0 },
  };
  struct export_args args = { NULL, false, CW_P12_MODERN, { NULL, -1 } };
  int status = cw_cli_parse ("export", argc, argv, options, export_option,
                             &args, context, print_help);
  if (status == CW_OK)
    status = cw_cli_operands ("export", argc, argv, 1,
                              _("the ID of the certificate to back up"));
  if (status == CW_OK && !args.out)
    status = cw_cli_usage_error ("export", _("--out is required: name the "
                                             "backup file, such as "
                                             "mail.pfx"));
  if (status != CW_OK)
    return status == CW_CLI_HELP_DONE ? CW_OK : status;
  struct cw_store *store;
  status = cw_cli_store (context, &store);
  return status == CW_OK ? run_export (argv[optind], &args, store) : status;
}
