#include <config.h>

#include "cli/cli.h"
#include "services/enable.h"

#include <getopt.h>
#include <gnutls/gnutls.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/diag.h"
#include "base/i18n.h"
#include "base/status.h"
#include "keys/key.h"
#include "store/store.h"

struct command
{
  const char *name;
  int (*run) (struct cw_cli_context *context, int argc, char **argv);
  const char *summary;
};

static const struct command commands[] = {
  { "check", cw_cmd_check,
    N_("check a subject and names against the naming rules") },
  { "request", cw_cmd_request,
    N_("make a private key and a certificate request (PKCS#10)") },
  { "import", cw_cmd_import,
    N_("install the CA's answer on its kept key, or restore a backup") },
  { "export", cw_cmd_export,
    N_("back up a certificate with its key as a PKCS#12 file") },
  { "selfsign", cw_cmd_selfsign,
    N_("make a key and a self-signed certificate") },
  { "clone", cw_cmd_clone,
    N_("a new request with the names of an existing certificate") },
  { "list", cw_cmd_list,
    N_("list pending requests and installed certificates") },
  { "show", cw_cmd_show, N_("show every field of a certificate") },
  { "match", cw_cmd_match,
    N_("tell whether a certificate covers a domain") },
  { "delete", cw_cmd_delete,
    N_("remove a certificate or a pending request") },
  { "enable", cw_cmd_enable,
    N_("put a certificate to work in a mail or web server") },
  { "disable", cw_cmd_disable,
    N_("put back what a service used before certwiz") },
  { "services", cw_cmd_services,
    N_("the services found here and the certificates they serve") },
  { "test", cw_cmd_test,
    N_("make a TLS handshake with a server and check what it serves") },
  { "verify", cw_cmd_verify,
    N_("check a certificate's chain, dates, usage and names offline") },
  { "browse", cw_cmd_browse,
    N_("browse certificates on a terminal: the store, or files") },
  { "account", cw_cmd_account,
    N_("add and manage accounts at ACME CAs (Let's Encrypt...)") },
  { "enroll", cw_cmd_enroll,
    N_("get a certificate from an ACME CA and install it") },
  { "renew", cw_cmd_renew,
    N_("renew the certificates enrolled through ACME that are due") },
};

#define COMMAND_COUNT (sizeof commands / sizeof commands[0])

static void
print_help (void)
{
  printf (_("Usage: certwiz [--store DIR] COMMAND [OPTIONS]\n"
            "       certwiz --help | --version\n\n"
            "Make TLS certificate requests for mail and web servers, keep "
            "their private keys\nsafe on this machine, install the CA's "
            "answer, and back them up.\n\n"
            "Commands:\n"));
  for (size_t i = 0; i < COMMAND_COUNT; i++)
    printf ("  %-10s %s\n", commands[i].name, _(commands[i].summary));
  printf (_("\nWithout a command, on a terminal, certwiz opens its wizard.\n"
            "Run 'certwiz COMMAND --help' for the options of a "
            "command.\n\n"
            "The store, where private keys and pending requests are kept, "
            "is --store DIR,\nelse $CERTWIZ_STORE, else "
            "$XDG_DATA_HOME/certwiz, else ~/.local/share/certwiz.\n\n"
            "Exit status: 0 done (warnings allowed), 1 refused because of "
            "the input\n(nothing was written), 2 usage error, 3 any other "
            "failure.\n"));
  fputs (_("\nAs root, the store is the machine's: /var/lib/certwiz, or "
           "$CERTWIZ_SYSTEM_STORE,\nunless --store or $CERTWIZ_STORE names "
           "another.\n"), stdout);
}

static void
print_version (void)
{
  printf ("%s\n", PACKAGE_STRING);
}

/* GnuTLS is started here rather than before main (see main.c): every
   command and the screens need it, --version and --help do not. */
static bool
start_gnutls (void)
{
  int ret = gnutls_global_init ();
  if (ret >= 0)
    {
      atexit (gnutls_global_deinit);
      return true;
    }
  struct cw_diags diags = CW_DIAGS_INIT;
  cw_diag_add (&diags, CW_ERROR, "gnutls-start", "gnutls",
               _("The GnuTLS library cannot start: %s. Check the system's "
                 "GnuTLS settings (/etc/gnutls/config) and that its random "
                 "number generator can be read."), gnutls_strerror (ret));
  cw_cli_report (&diags);
  cw_diags_free (&diags);
  return false;
}

static const struct command *
find_command (const char *name)
{
  for (size_t i = 0; i < COMMAND_COUNT; i++)
    if (strcmp (commands[i].name, name) == 0)
      return &commands[i];
  return NULL;
}

int
cw_cli_main (int argc, char **argv, const struct cw_cli_tui *tui)
{
  enum { OPT_STORE = 256, OPT_VERSION };
  static const struct option options[] = {
    { "store", required_argument, NULL, OPT_STORE },
    { "help", no_argument, NULL, 'h' },
    { "version", no_argument, NULL, OPT_VERSION },
    { NULL, 0, NULL, 0 },
  };
  struct cw_cli_context context = { NULL, tui, NULL };
  int opt;
  opterr = 0;
  while ((opt = getopt_long (argc, argv, "+h", options, NULL)) != -1)
    switch (opt)
      {
      case OPT_STORE:
        context.store_option = optarg;
        break;
      case 'h':
        print_help ();
        return CW_OK;
      case OPT_VERSION:
        print_version ();
        return CW_OK;
      default:
        return cw_cli_bad_option (NULL, argv);
      }
  if (!start_gnutls ())
    return CW_FAILED;
  if (optind >= argc)
    {
      struct cw_diags diags = CW_DIAGS_INIT;
      int status = tui && tui->wizard
                     ? tui->wizard (context.store_option, &diags) : -1;
      cw_cli_report (&diags);
      cw_diags_free (&diags);
      cw_key_tokens_done ();
      if (status < 0)
        print_help ();
      return status < 0 ? CW_OK : status;
    }
  const struct command *command = find_command (argv[optind]);
  if (!command)
    return cw_cli_usage_error (NULL, _("unknown command '%s'"),
                               argv[optind]);
  int status = command->run (&context, argc - optind, argv + optind);
  cw_store_close (context.store);
  cw_key_tokens_done ();
  return status;
}

enum cw_status
cw_cli_store (struct cw_cli_context *context, struct cw_store **store)
{
  struct cw_diags diags = CW_DIAGS_INIT;
  bool opened = !context->store;
  enum cw_status status = context->store ? CW_OK
               : cw_store_open (&context->store, context->store_option,
                                &diags);
  /* A change of a service killed halfway is undone by the next run. */
  if (status == CW_OK && opened)
    cw_enable_recover (context->store, &diags);
  cw_cli_report (&diags);
  cw_diags_free (&diags);
  *store = context->store;
  return status;
}
