#include <config.h>

#include "cli/cli.h"

#include <ctype.h>
#include <errno.h>
#include <getopt.h>
#include <stdlib.h>
#include <string.h>

#include "base/i18n.h"
#include "base/status.h"
#include "base/xalloc.h"

static void
push_san (struct cw_cli_names *names, const char *start, size_t len)
{
  while (len && isspace ((unsigned char) *start))
    start++, len--;
  while (len && isspace ((unsigned char) start[len - 1]))
    len--;
  if (!len)
    return;
  names->sans = xreallocarray (names->sans, names->san_count + 1,
                               sizeof *names->sans);
  names->sans[names->san_count++] = xstrndup (start, len);
}

void
cw_cli_names_add_san (struct cw_cli_names *names, const char *arg)
{
  /* Exchange's -DomainName takes "a, b, c"; so does --san. */
  for (const char *p = arg;;)
    {
      const char *comma = strchr (p, ',');
      size_t len = comma ? (size_t) (comma - p) : strlen (p);
      push_san (names, p, len);
      if (!comma)
        break;
      p = comma + 1;
    }
}

static bool
parse_max_sans (struct cw_cli_names *names, const char *arg)
{
  char *end;
  errno = 0;
  unsigned long n = strtoul (arg, &end, 10);
  if (errno || end == arg || *end || n == 0 || n > 10000 || arg[0] == '-')
    {
      cw_cli_usage_error (NULL, _("--max-sans takes the number of names "
                                  "your CA allows, such as 10, not "
                                  "\"%s\"."), arg);
      return false;
    }
  names->max_sans = (unsigned) n;
  return true;
}

enum cw_cli_option_result
cw_cli_naming_option (int opt, const char *arg, struct cw_cli_names *names)
{
  switch (opt)
    {
    case CW_OPT_SUBJECT:
      names->subject = arg;
      return CW_CLI_OPTION_TAKEN;
    case CW_OPT_SAN:
      cw_cli_names_add_san (names, arg);
      return CW_CLI_OPTION_TAKEN;
    case CW_OPT_MAX_SANS:
      return parse_max_sans (names, arg) ? CW_CLI_OPTION_TAKEN
                                         : CW_CLI_OPTION_BAD;
    default:
      return CW_CLI_OPTION_NOT_MINE;
    }
}

int
cw_cli_naming_finish (const char *command, int argc, char **argv,
                      const struct cw_cli_names *names)
{
  if (optind < argc)
    return cw_cli_usage_error (command, _("unexpected argument '%s'"),
                               argv[optind]);
  if (!names->subject)
    return cw_cli_usage_error (command, _("--subject is required, for "
                                          "example --subject \"C=US, "
                                          "O=Contoso Corp, "
                                          "CN=mail1.contoso.com\""));
  return CW_OK;
}

void
cw_cli_names_input (const struct cw_cli_names *names,
                    struct cw_names_input *input)
{
  *input = (struct cw_names_input) {
    .subject = names->subject,
    .sans = (const char *const *) names->sans,
    .san_count = names->san_count,
    .max_sans = names->max_sans,
  };
}

void
cw_cli_names_free (struct cw_cli_names *names)
{
  for (size_t i = 0; i < names->san_count; i++)
    free (names->sans[i]);
  free (names->sans);
}
