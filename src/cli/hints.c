/* The command line's hints: the core says what to do in plain words; here
   each diagnostic code that an option answers gets that option. */
#include <config.h>

#include "cli/cli.h"

#include <stdbool.h>
#include <string.h>

#include "base/i18n.h"
#include "base/xalloc.h"

struct hint
{
  const char *code;
  const char *text;        /* N_(); "%s" is the ID acted on */
  bool names_id;
};

static const struct hint hints[] = {
  { "export-key-on-token",
    N_("To write the certificate and its chain as PEM: certwiz show %s "
       "--format pem > cert.pem"), true },
};

char *
cw_cli_hint (const char *code, const char *id)
{
  for (size_t i = 0; i < sizeof hints / sizeof hints[0]; i++)
    {
      if (strcmp (hints[i].code, code) != 0)
        continue;
      if (!hints[i].names_id)
        return xstrdup (_(hints[i].text));
      /* The ID goes where the text has "%s", spliced rather than
         printed: the text is not a format string the compiler sees. */
      const char *text = _(hints[i].text);
      const char *at = strstr (text, "%s");
      if (!at)
        return xstrdup (text);
      return xasprintf ("%.*s%.8s%s", (int) (at - text), text,
                        id ? id : "ID", at + 2);
    }
  return NULL;
}
