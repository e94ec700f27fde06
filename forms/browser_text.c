/* What every part of the browser says: the status line, certificate
   text kept on one line, findings in a message. */
#include <config.h>

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "browser.h"
#include "dialog.h"
#include "base/xalloc.h"

void
bw_say (struct browser *b, enum ui_role role, const char *format, ...)
{
  va_list ap;
  va_start (ap, format);
  char *text;
  if (vasprintf (&text, format, ap) < 0)
    text = NULL;
  va_end (ap);
  free (b->status);
  b->status = text;
  wz_say (b->ui, text, role);
}

static enum ui_role
worst_role (const struct cw_diags *diags)
{
  if (cw_diags_has_errors (diags))
    return UI_ERROR;
  return cw_diags_count (diags, CW_WARNING) ? UI_WARNING : UI_NOTE;
}

char *
bw_one_line (const char *text)
{
  size_t lines = 0;
  for (const char *p = text; *p; p++)
    lines += *p == '\n';
  char *out = xmalloc (strlen (text) + 3 * lines + 1), *o = out;
  for (const char *p = text; *p; p++)
    if (*p == '\n')
      {
        memcpy (o, "\\x0a", 4);
        o += 4;
      }
    else
      *o++ = *p;
  *o = '\0';
  return out;
}

/* A message may quote a certificate, whose newlines must not start
   paragraphs of their own. */
void
bw_show_diags (const char *title, const struct cw_diags *diags)
{
  if (diags->count == 0)
    return;
  char *text = xstrdup ("");
  for (size_t i = 0; i < diags->count; i++)
    {
      char *line = bw_one_line (diags->items[i].message);
      char *joined = xasprintf ("%s%s%s", text, i ? "\n\n" : "", line);
      free (text);
      free (line);
      text = joined;
    }
  ui_message (title, text, worst_role (diags));
  free (text);
}
