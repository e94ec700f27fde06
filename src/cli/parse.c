#include <config.h>

#include "cli/cli.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/password.h"
#include "base/i18n.h"
#include "base/status.h"

int
cw_cli_parse (const char *command, int argc, char **argv,
              const struct option *options, cw_cli_option_fn handle,
              void *state, struct cw_cli_context *context,
              void (*help) (void))
{
  int opt;
  optind = 0;
  opterr = 0;
  while ((opt = getopt_long (argc, argv, "h", options, NULL)) != -1)
    {
      if (opt == CW_OPT_STORE)
        {
          context->store_option = optarg;
          continue;
        }
      if (opt == 'h')
        {
          help ();
          return CW_CLI_HELP_DONE;
        }
      enum cw_cli_option_result taken
        = opt == '?' ? CW_CLI_OPTION_NOT_MINE : handle (opt, optarg, state);
      if (taken == CW_CLI_OPTION_BAD)
        return CW_USAGE;
      if (taken == CW_CLI_OPTION_NOT_MINE)
        return cw_cli_bad_option (command, argv);
    }
  return CW_OK;
}

int
cw_cli_operands (const char *command, int argc, char **argv, int count,
                 const char *what)
{
  if (argc - optind < count)
    /* TRANSLATORS: %s is what is missing, such as "the certificate's ID". */
    return cw_cli_usage_error (command, _("%s is missing"), what);
  if (argc - optind > count)
    return cw_cli_usage_error (command, _("unexpected argument '%s'"),
                               argv[optind + count]);
  return CW_OK;
}

bool
cw_cli_parse_format (const char *arg, const char *const *allowed,
                     int *choice)
{
  for (int i = 0; allowed[i]; i++)
    if (strcmp (arg, allowed[i]) == 0)
      {
        *choice = i;
        return true;
      }
  cw_cli_usage_error (NULL, _("unknown format \"%s\""), arg);
  return false;
}

enum cw_cli_option_result
cw_cli_password_option (int opt, const char *arg,
                        struct cw_password_source *source, int file_opt,
                        int fd_opt, const char *fd_name)
{
  if (opt == file_opt)
    {
      source->file = arg;
      return CW_CLI_OPTION_TAKEN;
    }
  if (opt != fd_opt)
    return CW_CLI_OPTION_NOT_MINE;
  char *end;
  long fd = strtol (arg, &end, 10);
  if (*arg == '\0' || *end || fd < 0 || fd > 1000000)
    {
      cw_cli_usage_error (NULL, _("%s takes a file descriptor number, not "
                                  "\"%s\"."), fd_name, arg);
      return CW_CLI_OPTION_BAD;
    }
  source->fd = (int) fd;
  return CW_CLI_OPTION_TAKEN;
}
