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
cw_cli_print_fields (enum cw_field_table table,
                     const struct cw_field_source *source, unsigned shown)
{
  size_t count;
  const struct cw_certfield *fields = cw_certfields (table, &count);
  for (size_t i = 0; i < count; i++)
    {
      if (!(fields[i].shown & shown) || !fields[i].label)
        continue;
      struct cw_field_value value;
      cw_certfield_get (&fields[i], source, &value);
      if (value.type == CW_FIELD_STRINGS)
        for (size_t k = 0; k < value.count; k++)
          cw_cli_field (_(fields[i].label), value.items[k]);
      else
        cw_cli_field (_(fields[i].label), value.text);
      cw_field_value_free (&value);
    }
}

void
cw_cli_json_fields (struct cw_json *json, enum cw_field_table table,
                    const struct cw_field_source *source)
{
  size_t count;
  const struct cw_certfield *fields = cw_certfields (table, &count);
  for (size_t i = 0; i < count; i++)
    {
      if (!(fields[i].shown & CW_FIELD_JSON))
        continue;
      struct cw_field_value value;
      cw_certfield_get (&fields[i], source, &value);
      switch (value.type)
        {
        case CW_FIELD_STRING:
          cw_json_string (json, fields[i].json, value.text);
          break;
        case CW_FIELD_STRINGS:
          cw_json_array_begin (json, fields[i].json);
          for (size_t k = 0; k < value.count; k++)
            cw_json_string (json, NULL, value.items[k]);
          cw_json_array_end (json);
          break;
        case CW_FIELD_NUMBER:
          cw_json_number (json, fields[i].json, value.number);
          break;
        case CW_FIELD_BOOLEAN:
          cw_json_bool (json, fields[i].json, value.flag);
          break;
        }
      cw_field_value_free (&value);
    }
}

void
cw_cli_print_cert_summary (const struct cw_certinfo *info)
{
  struct cw_field_source source = { info, NULL };
  cw_cli_print_fields (CW_FIELDS_CERT, &source, CW_FIELD_SUMMARY);
}
