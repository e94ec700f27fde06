/* certwiz browse: the certificate browser, on the store or on files. */
#include <config.h>

#include <stdio.h>

#include "cli/cli.h"
#include "base/i18n.h"
#include "base/status.h"

static void
print_help (void)
{
  printf (_("Usage: certwiz browse [FILE]...\n\n"
            "Browse the certificates of the store on a terminal: sort, "
            "filter as you type,\nread every field, test a domain, back "
            "up, clone or delete.  With FILEs\n(a CA bundle such as "
            "/etc/ssl/certs/ca-certificates.crt, a chain, a .p7b),\nbrowse "
            "their certificates instead, read-only.\n"));
}

static enum cw_cli_option_result
no_option (int opt, const char *arg, void *state)
{
  (void) opt, (void) arg, (void) state;
  return CW_CLI_OPTION_NOT_MINE;
}

int
cw_cmd_browse (struct cw_cli_context *context, int argc, char **argv)
{
  static const struct option options[] = {
    CW_CLI_COMMON_OPTIONS,
    { NULL, 0, NULL, 0 },
  };
  int status = cw_cli_parse ("browse", argc, argv, options, no_option, NULL,
                             context, print_help);
  if (status != CW_OK)
    return status == CW_CLI_HELP_DONE ? CW_OK : status;
  const char *const *files = (const char *const *) argv + optind;
  size_t count = (size_t) (argc - optind);
  status = context->tui && context->tui->browse
             ? context->tui->browse (context->store_option, files,
                                    count) : -1;
  if (status >= 0)
    return status;
  return cw_cli_usage_error ("browse", _("the browser needs a terminal; "
                                         "use certwiz list to list "
                                         "certificates in a script"));
}
