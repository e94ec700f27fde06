/* certwiz renew: renew the certificates certwiz enrolled, on the CA's
   schedule (ARI) or at two thirds of their lifetime. */
#include <config.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "acme/notify.h"
#include "acme/renew.h"
#include "base/i18n.h"
#include "base/status.h"
#include "cli/acme_cli.h"
#include "cli/cli.h"
#include "cli/password.h"
#include "pki/certinfo.h"

enum
{
  OPT_ALL = CW_OPT_COMMAND,
  OPT_DRY_RUN,
  OPT_FORCE,
  OPT_REUSE_KEY,
  OPT_ON_FAILURE,
  OPT_MAIL,
  OPT_CA_BUNDLE,
  OPT_INTERVAL,
  OPT_PIN_FILE,
  OPT_PIN_FD
};

struct renew_args
{
  struct cw_renew_options options;
  bool all;
  const char *on_failure;
  const char *mail;
  struct cw_password_source pin_source;
  struct cw_pin_source pin;
};

static void
print_help (void)
{
  printf (_("Usage: certwiz renew [ID | --all] [--dry-run] [--force] "
            "[--reuse-key]\n"
            "                     [--on-failure CMD] [--mail ADDR] "
            "[--interval HOURS]\n"
            "                     [--ca-bundle FILE]\n\n"
            "Renew the certificates certwiz enrolled through ACME when they "
            "are due: in the\nwindow the CA suggests (ACME Renewal "
            "Information) when it offers one, else\nat two thirds of their "
            "lifetime (half of it under 10 days).  Each renewal\nhas a new "
            "key, is installed beside the old certificate, and the old one "
            "is\nkept.  A failure is retried later, waiting longer after "
            "each one.\n\n"
            "  --all              every certificate certwiz enrolled (the "
            "default)\n"
            "  --dry-run          say what is due, change nothing\n"
            "  --force            renew now, whatever the schedule\n"
            "  --reuse-key        keep the current key instead of making a "
            "new one\n"
            "  --on-failure CMD   run CMD (without a shell) for each failed "
            "renewal, with\n"
            "                     CERTWIZ_CERT_ID, CERTWIZ_CERT_NAME, "
            "CERTWIZ_ERROR_CODE and\n"
            "                     CERTWIZ_ERROR_MESSAGE in its "
            "environment\n"
            "  --mail ADDR        mail failures there through the local "
            "sendmail (default:\n"
            "                     the account's e-mail address)\n"
            "  --interval HOURS   how often renew runs (default 12, as the "
            "timer): a time\n"
            "                     picked in the CA's window before the next "
            "run is taken now\n"
            "  --ca-bundle FILE   trust anchors of a test or private CA's "
            "HTTPS server\n\n"
            "Exit status: 0 when nothing failed (renewed, or not due yet), "
            "3 when a renewal\nfailed (in this run, or in an earlier one "
            "and waiting to be tried again),\n1 or 2 when the command was "
            "refused.\n"));
  fputs (_("A renewed certificate that cannot be put to work where the "
           "old one is served\n(see certwiz enable) also gives 3: the old "
           "one stays served meanwhile.\n"), stdout);
  fputs (_("\nA certificate whose key is on a PKCS#11 token keeps that key: "
           "the renewal\nis signed on the token again.\n"
           "  --pin-file FILE    read the token's PIN from FILE\n"
           "  --pin-fd N         read it from file descriptor N (without "
           "either, it is\n"
           "                     asked for on the terminal)\n"), stdout);
}

static enum cw_cli_option_result
renew_option (int opt, const char *arg, void *state)
{
  struct renew_args *a = state;
  switch (opt)
    {
    case OPT_ALL:
      a->all = true;
      break;
    case OPT_DRY_RUN:
      a->options.dry_run = true;
      break;
    case OPT_FORCE:
      a->options.force = true;
      break;
    case OPT_REUSE_KEY:
      a->options.reuse_key = true;
      break;
    case OPT_ON_FAILURE:
      a->on_failure = arg;
      break;
    case OPT_MAIL:
      a->mail = arg;
      break;
    case OPT_CA_BUNDLE:
      a->options.ca_bundle = arg;
      break;
    case OPT_INTERVAL:
      {
        char *end;
        long hours = strtol (arg, &end, 10);
        if (*end || hours < 1 || hours > 24 * 30)
          {
            cw_cli_usage_error ("renew", _("--interval takes a number of "
                                           "hours, from 1 to 720"));
            return CW_CLI_OPTION_BAD;
          }
        a->options.interval_seconds = hours * 3600;
      }
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

/* FORMAT (translated) with "%s" for the time. */
#define print_when(format, when) \
  do \
    { \
      char *when_text = cw_time_format (when); \
      printf (format, when_text); \
      free (when_text); \
    } \
  while (0)

static void
print_item (const struct cw_renew_item *it)
{
  char *name = cw_cli_safe (it->name);
  printf ("%.8s %s: ", it->id, name);
  free (name);
  switch (it->outcome)
    {
    case CW_RENEW_DONE:
      printf (_("renewed, now %.8s\n"), it->new_id);
      if (it->replaces_dropped)
        printf (_("  (the CA refused to link it to the old one; it was "
                  "ordered without that link)\n"));
      if (it->not_enabled)
        printf (_("  but it is not put to work: the services keep the old "
                  "one (see above).\n  Fix what is said, then run: "
                  "certwiz enable %.8s --service SERVICE\n"), it->new_id);
      return;
    case CW_RENEW_NOT_DUE:
      print_when (_("not due; renewal at %s"), it->due);
      break;
    case CW_RENEW_DUE:
      print_when (_("due since %s: would be renewed now"), it->due);
      break;
    case CW_RENEW_FAILED:
      print_when (_("FAILED; next try after %s"), it->next_try);
      break;
    case CW_RENEW_BACKING_OFF:
      printf (_("failed %d time(s) in a row; "), it->failures);
      print_when (_("next try after %s"), it->next_try);
      break;
    }
  if (it->ari)
    {
      char *a = cw_time_format (it->window_start);
      char *b = cw_time_format (it->window_end);
      printf (_(" (the CA's window: %s to %s)"), a, b);
      free (a), free (b);
    }
  printf ("\n");
}

static void
tell_failure (const struct renew_args *a, struct cw_renew_item *it)
{
  if (it->outcome != CW_RENEW_FAILED && !it->not_enabled)
    return;
  if (a->on_failure)
    cw_notify_hook (a->on_failure, it, &it->diags);
  cw_notify_mail (getenv ("CERTWIZ_SENDMAIL"), a->mail ? a->mail
                                                       : it->mail_to,
                  it, &it->diags);
}

int
cw_cmd_renew (struct cw_cli_context *context, int argc, char **argv)
{
  static const struct option options[] = {
    { "all", no_argument, NULL, OPT_ALL },
    { "dry-run", no_argument, NULL, OPT_DRY_RUN },
    { "force", no_argument, NULL, OPT_FORCE },
    { "reuse-key", no_argument, NULL, OPT_REUSE_KEY },
    { "on-failure", required_argument, NULL, OPT_ON_FAILURE },
    { "mail", required_argument, NULL, OPT_MAIL },
    { "ca-bundle", required_argument, NULL, OPT_CA_BUNDLE },
    { "interval", required_argument, NULL, OPT_INTERVAL },
    { "pin-file", required_argument, NULL, OPT_PIN_FILE },
    { "pin-fd", required_argument, NULL, OPT_PIN_FD },
    CW_CLI_COMMON_OPTIONS,
    { NULL, 0, NULL, 0 },
  };
  struct renew_args a = { .all = false, .pin_source = { NULL, -1 } };
  int status = cw_cli_parse ("renew", argc, argv, options, renew_option, &a,
                             context, print_help);
  if (status == CW_OK && argc - optind > 1)
    status = cw_cli_usage_error ("renew", _("unexpected argument '%s'"),
                                 argv[optind + 1]);
  if (status == CW_OK && argc - optind == 1 && a.all)
    status = cw_cli_usage_error ("renew", _("give an ID or --all, not "
                                            "both"));
  if (status == CW_OK && !cw_cli_acme_start ())
    status = CW_FAILED;
  if (status != CW_OK)
    return status == CW_CLI_HELP_DONE ? CW_OK : status;
  a.options.id = argc - optind == 1 ? argv[optind] : NULL;
  a.options.timeout_ms = cw_cli_acme_timeout ();
  cw_cli_pin_source (&a.pin_source, &a.pin);
  a.options.pin = &a.pin;
  struct cw_diags diags = CW_DIAGS_INIT;
  struct cw_renew_report report = { NULL, 0 };
  struct cw_store *store;
  status = cw_cli_store (context, &store);
  if (status == CW_OK)
    status = cw_renew (store, &a.options, &report, &diags);
  cw_cli_report (&diags);
  for (size_t i = 0; i < report.count; i++)
    {
      tell_failure (&a, &report.items[i]);
      cw_cli_report (&report.items[i].diags);
      print_item (&report.items[i]);
    }
  if (status == CW_OK && report.count == 0 && !a.options.id)
    printf (_("No certificate enrolled through ACME in this store.\n"));
  cw_renew_report_free (&report);
  cw_diags_free (&diags);
  return status;
}
