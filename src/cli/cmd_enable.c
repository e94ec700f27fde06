/* certwiz enable and disable: a certificate put to work in a service,
   and taken back out. */
#include <config.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/i18n.h"
#include "base/status.h"
#include "base/xalloc.h"
#include "cli/cli.h"
#include "services/enable.h"

enum
{
  OPT_SERVICE = CW_OPT_COMMAND,
  OPT_CONFIG,
  OPT_SITE,
  OPT_DRY_RUN,
  OPT_YES,
  OPT_ADD_SITE
};

struct enable_args
{
  struct cw_enable_request request;
  const char *services;
};

static void
print_enable_help (void)
{
  printf (_("Usage: certwiz enable ID --service LIST [--config PATH] "
            "[--site NAME]\n"
            "                      [--dry-run] [--yes]\n\n"
            "Put the certificate ID to work in each service of LIST: its "
            "files staged in\n%s/NAME, the service pointed at them, its "
            "own config test, a\nreload, and a real handshake on each of "
            "its ports; any failure undoes it all.\n\n"
            "  --service LIST   nginx, apache, haproxy, postfix, dovecot, or "
            "the words\n"
            "                   https, smtp, imap, pop (comma-separated)\n"
            "  --config PATH    the service's main configuration (default: "
            "Debian's)\n"
            "  --site NAME      the site to use when several serve the "
            "names\n"
            "  --dry-run        print the diff of every file, the files, "
            "the commands and\n"
            "                   the ports, and change nothing\n"
            "  --yes            do not ask (scripts)\n"), cw_live_root ());
  printf (_("  --add-site[=[ADDR:]PORT]\n"
            "                   nginx, Apache: when no TLS site serves the "
            "names, add one\n"
            "                   in a file of certwiz's own, on PORT "
            "(default 443)\n"));
}

static void
print_disable_help (void)
{
  printf (_("Usage: certwiz disable ID --service LIST [--config PATH]\n\n"
            "Put back the files each service of LIST used before certwiz "
            "enabled ID,\nwith the same config test, reload and "
            "handshake.\n"));
}

static enum cw_cli_option_result
enable_option (int opt, const char *arg, void *state)
{
  struct enable_args *args = state;
  switch (opt)
    {
    case OPT_SERVICE:
      args->services = arg;
      return CW_CLI_OPTION_TAKEN;
    case OPT_CONFIG:
      args->request.config = arg;
      return CW_CLI_OPTION_TAKEN;
    case OPT_SITE:
      args->request.site = arg;
      return CW_CLI_OPTION_TAKEN;
    case OPT_DRY_RUN:
      args->request.dry_run = true;
      return CW_CLI_OPTION_TAKEN;
    case OPT_YES:
      return CW_CLI_OPTION_TAKEN;
    case OPT_ADD_SITE:
      args->request.add_site = arg ? arg : "";
      return CW_CLI_OPTION_TAKEN;
    default:
      return CW_CLI_OPTION_NOT_MINE;
    }
}

static void
print_result (const struct cw_enable_result *result, bool dry)
{
  if (dry)
    {
      for (size_t i = 0; i < result->plan.file_count; i++)
        fputs (result->diffs[i], stdout);
      printf (_("Files to write:\n"));
      for (size_t i = 0; i < result->write_count; i++)
        printf ("  %s\n", result->writes[i]);
      printf (_("Commands to run:\n"));
      for (char **c = result->plan.test; c && *c; c++)
        printf ("%s%s", c == result->plan.test ? "  " : " ", *c);
      printf ("\n");
      for (char **c = result->plan.reload; c && *c; c++)
        printf ("%s%s", c == result->plan.reload ? "  " : " ", *c);
      printf ("\n");
      printf (_("Ports to check:\n"));
      for (size_t i = 0; i < result->plan.port_count; i++)
        printf ("  %s:%u %s\n", result->plan.ports[i].host,
                result->plan.ports[i].port,
                result->plan.ports[i].sni ? result->plan.ports[i].sni : "");
      return;
    }
  for (size_t i = 0; i < result->step_count; i++)
    printf ("  %s\n", result->steps[i]);
}

static int
run (struct cw_cli_context *context, int argc, char **argv, bool disable)
{
  static const struct option options[] = {
    { "service", required_argument, NULL, OPT_SERVICE },
    { "config", required_argument, NULL, OPT_CONFIG },
    { "site", required_argument, NULL, OPT_SITE },
    { "dry-run", no_argument, NULL, OPT_DRY_RUN },
    { "yes", no_argument, NULL, OPT_YES },
    { "add-site", optional_argument, NULL, OPT_ADD_SITE },
    CW_CLI_COMMON_OPTIONS,
    { NULL, 0, NULL, 0 },
  };
  const char *command = disable ? "disable" : "enable";
  struct enable_args args = { { NULL }, NULL };
  int status = cw_cli_parse (command, argc, argv, options, enable_option,
                             &args, context, disable ? print_disable_help
                                                     : print_enable_help);
  if (status == CW_OK)
    status = cw_cli_operands (command, argc, argv, 1,
                              _("the ID of the certificate"));
  if (status == CW_OK && !args.services)
    status = cw_cli_usage_error (command, _("Name the services with "
                                            "--service."));
  if (status != CW_OK)
    return status == CW_CLI_HELP_DONE ? CW_OK : status;
  struct cw_store *store;
  status = cw_cli_store (context, &store);
  if (status != CW_OK)
    return status;
  args.request.id = argv[optind];
  char *list = xstrdup (args.services);
  char *save = NULL;
  for (char *s = strtok_r (list, ", ", &save); s && status == CW_OK;
       s = strtok_r (NULL, ", ", &save))
    {
      struct cw_diags diags = CW_DIAGS_INIT;
      struct cw_enable_result result = { .plan = { NULL } };
      args.request.service = s;
      status = disable ? cw_disable (store, &args.request, &result, &diags)
                       : cw_enable (store, &args.request, &result, NULL,
                                    &diags);
      print_result (&result, args.request.dry_run && status == CW_OK);
      if (status == CW_OK && !args.request.dry_run)
        printf (disable ? _("Disabled %.8s for %s\n")
                        : _("Enabled %.8s for %s\n"), args.request.id, s);
      cw_cli_report_about (&diags, args.request.id);
      cw_enable_result_free (&result);
      cw_diags_free (&diags);
    }
  free (list);
  return status;
}

int
cw_cmd_enable (struct cw_cli_context *context, int argc, char **argv)
{
  return run (context, argc, argv, false);
}

int
cw_cmd_disable (struct cw_cli_context *context, int argc, char **argv)
{
  return run (context, argc, argv, true);
}
