/* certwiz import: the CA's answer onto the kept key, or a backup. */
#include <config.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "pki/certset.h"
#include "pki/pemwindow.h"
#include "cli/cli.h"
#include "cli/print_cert.h"
#include "cli/password.h"
#include "base/i18n.h"
#include "pki/import.h"
#include "base/status.h"
#include "store/store.h"

enum
{
  OPT_CERT_ONLY = CW_OPT_COMMAND,
  OPT_FRIENDLY_NAME,
  OPT_PASSWORD_FILE,
  OPT_PASSWORD_FD
};

struct import_args
{
  struct cw_import_options options;
  struct cw_password_source password;
};

static void
print_help (void)
{
  printf (_("Usage: certwiz import FILE [--cert-only] [--friendly-name "
            "TEXT]\n"
            "                      [--password-file FILE | --password-fd "
            "N]\n\n"
            "Install the certificate your CA sent (.cer, .crt, .pem, .der, "
            "a PEM chain or a\n.p7b) onto the private key kept for its "
            "request, with its chain in order; or\nrestore a PKCS#12 backup "
            "(.pfx, .p12) with its key.  The kind of file is\nrecognized by "
            "its content.\n\n"
            "  --cert-only           install the certificate without a key, "
            "on purpose\n"
            "  --friendly-name TEXT  a name to tell certificates apart\n"
            "  --password-file FILE  read a backup's password from FILE\n"
            "  --password-fd N       read a backup's password from file "
            "descriptor N\n\n"
            "Without a password option, a backup's password is asked for on "
            "the terminal.\n"));
}

static enum cw_cli_option_result
import_option (int opt, const char *arg, void *state)
{
  struct import_args *args = state;
  switch (opt)
    {
    case OPT_CERT_ONLY:
      args->options.cert_only = true;
      return CW_CLI_OPTION_TAKEN;
    case OPT_FRIENDLY_NAME:
      args->options.friendly_name = arg;
      return CW_CLI_OPTION_TAKEN;
    default:
      return cw_cli_password_option (opt, arg, &args->password,
                                     OPT_PASSWORD_FILE, OPT_PASSWORD_FD,
                                     "--password-fd");
    }
}

static void
print_result (const struct cw_import_result *result,
              const struct cw_store *store)
{
  if (result->completed_count)
    {
      for (size_t i = 0; i < result->completed_count; i++)
        printf (_("Completed the chain of the installed certificate %.8s\n"),
                result->completed[i]);
      return;
    }
  if (result->chain_completed)
    printf (_("Completed the chain of the installed certificate %.8s\n"),
            result->info.sha1);
  else if (result->restored)
    printf (_("Restored the backup into the store %s\n"),
            cw_store_path (store));
  else if (result->bound)
    printf (_("Installed the certificate with the private key kept for its "
              "request %.8s\n"), result->request_id);
  else if (result->shared_with)
    printf (_("Installed the certificate with the private key of the "
              "installed certificate %.8s\n"), result->shared_with);
  else
    printf (_("Installed the certificate WITHOUT a private key, as asked\n"));
  cw_cli_print_cert_summary (&result->info);
  for (size_t i = 0; i < result->chain_count; i++)
    cw_cli_field (_("Chain"), result->chain[i]);
}

static int
run_import (struct import_args *args, const char *file,
            struct cw_store *store)
{
  struct cw_diags diags = CW_DIAGS_INIT;
  struct cw_import_result result;
  gnutls_datum_t data = { NULL, 0 };
  char *password = NULL;
  /* A bundle of PEM certificates is read a window at a time by the
     import itself; anything else (a backup needs its password first)
     is read here. */
  struct cw_pem_window window;
  bool windowed = cw_pem_window_open (&window, file, CW_PEM_WINDOW_BYTES);
  if (windowed)
    cw_pem_window_close (&window);
  int status = windowed ? CW_OK : cw_input_read (file, &data, &diags);
  if (status == CW_OK && !windowed && cw_file_detect (&data) == CW_FILE_PKCS12)
    status = cw_password_read_backup (&args->password,
                                      _("Backup password: "), &password,
                                      &diags);
  if (status == CW_OK)
    {
      args->options.file = file;
      args->options.data = windowed ? NULL : &data;
      args->options.password = password;
      status = cw_import (store, &args->options, &result, &diags);
      cw_cli_report (&diags);
      if (status == CW_OK)
        print_result (&result, store);
      cw_import_result_free (&result);
    }
  else
    cw_cli_report (&diags);
  cw_password_free (password);
  /* The file may hold a private key beside the certificates. */
  if (data.data)
    explicit_bzero (data.data, data.size);
  free (data.data);
  cw_diags_free (&diags);
  return status;
}

int
cw_cmd_import (struct cw_cli_context *context, int argc, char **argv)
{
  static const struct option options[] = {
    { "cert-only", no_argument, NULL, OPT_CERT_ONLY },
    { "friendly-name", required_argument, NULL, OPT_FRIENDLY_NAME },
    { "password-file", required_argument, NULL, OPT_PASSWORD_FILE },
    { "password-fd", required_argument, NULL, OPT_PASSWORD_FD },
    CW_CLI_COMMON_OPTIONS,
    { NULL, 0, NULL, 0 },
  };
  struct import_args args = { .password = { NULL, -1 } };
  int status = cw_cli_parse ("import", argc, argv, options, import_option,
                             &args, context, print_help);
  if (status == CW_OK)
    status = cw_cli_operands ("import", argc, argv, 1,
                              _("the file to import"));
  if (status != CW_OK)
    return status == CW_CLI_HELP_DONE ? CW_OK : status;
  struct cw_store *store;
  status = cw_cli_store (context, &store);
  return status == CW_OK ? run_import (&args, argv[optind], store) : status;
}
