#include <config.h>

#include "cli/acme_cli.h"

#include <stdio.h>
#include <stdlib.h>

#include "acme/http.h"
#include "base/i18n.h"
#include "base/xalloc.h"
#include "cli/cli.h"

bool
cw_cli_acme_start (void)
{
  struct cw_diags diags = CW_DIAGS_INIT;
  bool started = cw_http_global_init (&diags);
  cw_cli_report (&diags);
  cw_diags_free (&diags);
  return started;
}

long
cw_cli_acme_timeout (void)
{
  const char *env = getenv ("CERTWIZ_ACME_TIMEOUT");
  char *end;
  long seconds = env ? strtol (env, &end, 10) : 0;
  if (!env || *end || seconds <= 0 || seconds > 3600)
    return 0;
  return seconds * 1000;
}

void
cw_cli_acme_field (const char *label, const char *value)
{
  if (!value || !*value)
    return;
  char *safe = cw_cli_safe (value);
  /* TRANSLATORS: a label and its colon, as "Subject:"; French puts a
     space before the colon. */
  char *head = xasprintf (_("%s:"), label);
  printf ("%-16s %s\n", head, safe);
  free (head), free (safe);
}
