#include <config.h>

#include "cli/cli.h"

#include <getopt.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/i18n.h"
#include "base/safetext.h"
#include "base/status.h"

char *
cw_cli_safe (const char *text)
{
  return cw_safe_text (text, strlen (text), cw_locale_is_utf8 ());
}

void
cw_cli_report (const struct cw_diags *diags)
{
  cw_cli_report_about (diags, NULL);
}

void
cw_cli_report_about (const struct cw_diags *diags, const char *id)
{
  for (size_t i = 0; i < diags->count; i++)
    {
      const struct cw_diag *d = &diags->items[i];
      char *hint = cw_cli_hint (d->code, id);
      char *line = cw_diag_text (d, CW_DIAG_LINE, hint, true);
      fprintf (stderr, "%s\n", line);
      free (line);
      free (hint);
    }
}

int
cw_cli_usage_error (const char *command, const char *fmt, ...)
{
  va_list ap;
  va_start (ap, fmt);
  char *message;
  if (vasprintf (&message, fmt, ap) < 0)
    message = NULL;
  va_end (ap);
  char *safe = cw_cli_safe (message ? message : "");
  fprintf (stderr, "certwiz: %s\n", safe);
  if (command)
    fprintf (stderr, _("Try 'certwiz %s --help' for more information.\n"),
             command);
  else
    fprintf (stderr, _("Try 'certwiz --help' for more information.\n"));
  free (safe);
  free (message);
  return CW_USAGE;
}

int
cw_cli_bad_option (const char *command, char **argv)
{
  const char *arg = argv[optind - 1];
  /* getopt_long names the option in optopt when only its value is
     missing; long options all have codes above 255. */
  if (optopt >= 256)
    return cw_cli_usage_error (command, _("option '%s' needs a value"), arg);
  return cw_cli_usage_error (command, _("unknown option '%s'"), arg);
}

void
cw_cli_print_names (const struct cw_names *names)
{
  char *subject = cw_subject_format (&names->subject);
  char *safe = cw_cli_safe (subject);
  /* TRANSLATORS: labels of the summary; keep the values aligned. */
  printf (_("Subject: %s\n"), safe);
  free (safe);
  free (subject);
  for (size_t i = 0; i < names->sans.count; i++)
    {
      const struct cw_san *san = &names->sans.items[i];
      safe = cw_cli_safe (san->name);
      printf (san->type == CW_SAN_IP ? _("Name:    IP address %s\n")
                                     : _("Name:    %s\n"), safe);
      free (safe);
    }
}
