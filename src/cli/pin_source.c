/* The token PIN of the command line, read when the token asks for it. */
#include <config.h>

#include "cli/cli.h"

#include <stdlib.h>

#include "base/i18n.h"
#include "base/xalloc.h"
#include "cli/password.h"
#include "keys/key.h"

#define PIN_TRIES 3

static enum cw_status
ask_pin (void *state, const char *label, unsigned attempt, char **pin,
         struct cw_diags *diags)
{
  const struct cw_password_source *source = state;
  *pin = NULL;
  /* A file says the same the second time: the token's refusal stands. */
  if (attempt >= PIN_TRIES
      || (attempt > 0 && !cw_pin_source_interactive (source)))
    return CW_REFUSED;
  char *safe = cw_cli_safe (label ? label : "?");
  char *prompt = attempt
    /* TRANSLATORS: asked again after the token refused the PIN. */
    ? xasprintf (_("Wrong PIN. PIN of the token \"%s\": "), safe)
    : xasprintf (_("PIN of the token \"%s\": "), safe);
  enum cw_status status = cw_pin_read (source, prompt, pin, diags);
  free (prompt);
  free (safe);
  return status;
}

void
cw_cli_pin_source (const struct cw_password_source *source,
                   struct cw_pin_source *pin)
{
  *pin = (struct cw_pin_source) { ask_pin, (void *) source };
}
