/* certwiz check: the naming rules alone; nothing is made or written. */
#include <config.h>

#include <stdio.h>

#include "cli/cli.h"
#include "base/i18n.h"
#include "base/status.h"

static void
print_help (void)
{
  printf (_("Usage: certwiz check --subject DN [--san NAME]... "
            "[--max-sans N]\n\n"
            "Check a subject and its names against the naming rules, and "
            "show them as a\nrequest would hold them.  Nothing is written.\n\n"
            "  --subject DN    the subject, such as\n"
            "                  \"C=US, O=Contoso Corp, "
            "CN=mail1.contoso.com\"\n"
            "  --san NAME      a host name or IP address the certificate "
            "covers; repeat\n"
            "                  it, or give several separated by commas\n"
            "  --max-sans N    refuse more than N names (your CA's limit)\n"));
}

static int
run_check (const struct cw_cli_names *names)
{
  struct cw_names_input input;
  struct cw_names result = CW_NAMES_INIT;
  struct cw_diags diags = CW_DIAGS_INIT;
  cw_cli_names_input (names, &input);
  bool valid = cw_names_build (&input, &result, &diags);
  cw_cli_report (&diags);
  if (valid)
    cw_cli_print_names (&result);
  cw_names_free (&result);
  cw_diags_free (&diags);
  return valid ? CW_OK : CW_REFUSED;
}

static enum cw_cli_option_result
check_option (int opt, const char *arg, void *state)
{
  return cw_cli_naming_option (opt, arg, state);
}

int
cw_cmd_check (struct cw_cli_context *context, int argc, char **argv)
{
  static const struct option options[] = {
    CW_CLI_NAMING_OPTIONS,
    { NULL, 0, NULL, 0 },
  };
  struct cw_cli_names names = { NULL, NULL, 0, 0 };
  int status = cw_cli_parse ("check", argc, argv, options, check_option,
                             &names, context, print_help);
  if (status == CW_OK)
    status = cw_cli_naming_finish ("check", argc, argv, &names);
  if (status == CW_OK)
    status = run_check (&names);
  cw_cli_names_free (&names);
  return status == CW_CLI_HELP_DONE ? CW_OK : status;
}
