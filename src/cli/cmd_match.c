/* certwiz match: does a certificate cover a domain, by which name and
   which rule. */
#include <config.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "pki/target.h"
#include "base/i18n.h"
#include "store/listing.h"
#include "names/match.h"
#include "base/status.h"
#include "base/xalloc.h"

enum { OPT_MODE = CW_OPT_COMMAND };

static void
print_help (void)
{
  printf (_("Usage: certwiz match ID|FILE DOMAIN [--mode domain|hostname]\n\n"
            "Tell whether a certificate covers DOMAIN, and by which of its "
            "names.\n\n"
            "  --mode domain    Exchange's Domain Security rules (the "
            "default): the exact\n"
            "                   name; *.d covers d and every name under it; "
            "a name one\n"
            "                   label below DOMAIN covers it "
            "(mail1.contoso.com covers\n"
            "                   contoso.com), two labels below does not\n"
            "  --mode hostname  host name checking as TLS clients do it "
            "(RFC 9525)\n\n"
            "Exit status: 0 when it covers DOMAIN, 1 when it does not.\n"));
}

static enum cw_cli_option_result
match_option (int opt, const char *arg, void *state)
{
  static const char *const modes[] = { "domain", "hostname", NULL };
  if (opt != OPT_MODE)
    return CW_CLI_OPTION_NOT_MINE;
  return cw_cli_parse_format (arg, modes, state) ? CW_CLI_OPTION_TAKEN
                                                 : CW_CLI_OPTION_BAD;
}

static bool
decide (const struct cw_target *target, enum cw_match_mode mode,
        const char *domain, char ***names, size_t *count,
        struct cw_match *match)
{
  if (cw_target_is_pending (target))
    {
      *names = cw_record_dns_names (&target->entry.record, count);
      return cw_match_domain ((const char *const *) *names, *count, domain,
                              match);
    }
  gnutls_x509_crt_t crt = target->certs.items[0];
  *names = cw_cert_dns_names (crt, count);
  if (mode == CW_MATCH_HOSTNAME)
    return cw_match_hostname (crt, (const char *const *) *names, *count,
                              domain, match);
  return cw_match_domain ((const char *const *) *names, *count, domain,
                          match);
}

static int
run_match (const char *what, const char *domain, int mode,
           struct cw_cli_context *context)
{
  struct cw_diags diags = CW_DIAGS_INIT;
  struct cw_target target = CW_TARGET_INIT;
  struct cw_store *store;
  int status = cw_target_is_file (what)
    ? cw_target_load_file_path (&target, what, &diags)
    : cw_cli_store (context, &store);
  if (status == CW_OK && !cw_target_is_file (what))
    status = cw_target_load (&target, store, what, &diags);
  if (status == CW_OK && mode == CW_MATCH_HOSTNAME
      && cw_target_is_pending (&target))
    {
      cw_diag_add (&diags, CW_ERROR, "match-pending", "match",
                   _("A pending request has no certificate yet, so TLS "
                     "host name checking cannot be tried. Use --mode "
                     "domain to check the names it asks for."));
      status = CW_REFUSED;
    }
  if (status == CW_OK)
    {
      char **names = NULL;
      size_t count = 0;
      struct cw_match match;
      bool covered = decide (&target, (enum cw_match_mode) mode, domain,
                             &names, &count, &match);
      char *why = cw_match_explain (&match, (const char *const *) names,
                                    count, domain);
      char *safe = cw_cli_safe (why);
      printf ("%s %s\n", covered ? _("Yes:") : _("No:"), safe);
      free (safe), free (why);
      cw_names_list_free (names, count);
      status = covered ? CW_OK : CW_REFUSED;
    }
  cw_cli_report (&diags);
  cw_target_free (&target);
  cw_diags_free (&diags);
  return status;
}

int
cw_cmd_match (struct cw_cli_context *context, int argc, char **argv)
{
  static const struct option options[] = {
    { "mode", required_argument, NULL, OPT_MODE },
    CW_CLI_COMMON_OPTIONS,
    { NULL, 0, NULL, 0 },
  };
  int mode = CW_MATCH_DOMAIN;
  int status = cw_cli_parse ("match", argc, argv, options, match_option,
                             &mode, context, print_help);
  if (status == CW_OK)
    status = cw_cli_operands ("match", argc, argv, 2,
                              _("the certificate's ID and the domain"));
  if (status != CW_OK)
    return status == CW_CLI_HELP_DONE ? CW_OK : status;
  return run_match (argv[optind], argv[optind + 1], mode, context);
}
