#include <config.h>

#include "cli/print_cert.h"

#include <stdlib.h>
#include <sys/ioctl.h>
#include <unistd.h>
#include <string.h>

#include "cli/cli.h"
#include "base/i18n.h"
#include "base/textwidth.h"
#include "base/xalloc.h"

#define LABEL_WIDTH 15

/* How many columns a value may take: the terminal's width on a
   terminal; a generous cap in a pipe, where a value of thousands of
   characters is still of no use to a reader. */
static size_t
value_room (void)
{
  struct winsize ws;
  if (isatty (STDOUT_FILENO) && ioctl (STDOUT_FILENO, TIOCGWINSZ, &ws) == 0
      && ws.ws_col > LABEL_WIDTH + 10)
    return ws.ws_col - LABEL_WIDTH - 1;
  return 1024;
}

void
cw_cli_field (const char *label, const char *value)
{
  if (!value || !*value)
    return;
  char *whole = cw_cli_safe (value);
  size_t room = value_room ();
  char *safe = cw_text_width (whole) > room ? cw_text_fit (whole, room)
                                            : xstrdup (whole);
  free (whole);
  /* TRANSLATORS: a label and its colon, as "Subject:"; French puts a
     space before the colon. */
  char *head = xasprintf (_("%s:"), label);
  char *padded = cw_text_fit (head, LABEL_WIDTH);
  printf ("%s %s\n", padded, safe);
  free (padded), free (head), free (safe);
}

void
cw_cli_print_cert_summary (const struct cw_certinfo *info)
{
  cw_cli_field (_("Subject"), info->subject);
  for (size_t i = 0; i < info->name_count; i++)
    cw_cli_field (_("Name"), info->names[i]);
  cw_cli_field (_("Issuer"), info->issuer);
  char *validity = cw_validity_text (info->not_before, info->not_after);
  cw_cli_field (_("Valid"), validity);
  free (validity);
  cw_cli_field (_("Key"), info->key);
  cw_cli_field (_("Thumbprint"), info->sha1);
  cw_cli_field (_("SHA-256"), info->sha256);
}
