#include <config.h>

#include "base/diag.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/i18n.h"
#include "base/safetext.h"
#include "base/xalloc.h"

void
cw_diag_add (struct cw_diags *diags, enum cw_severity severity,
             const char *code, const char *field, const char *fmt, ...)
{
  if (diags->count == diags->capacity)
    {
      diags->capacity = diags->capacity ? 2 * diags->capacity : 8;
      diags->items = xreallocarray (diags->items, diags->capacity,
                                    sizeof *diags->items);
    }
  va_list ap;
  char *message;
  va_start (ap, fmt);
  if (vasprintf (&message, fmt, ap) < 0)
    message = xstrdup (code);
  va_end (ap);
  diags->items[diags->count++] = (struct cw_diag) {
    .code = code, .severity = severity, .field = field, .message = message
  };
}

size_t
cw_diags_count (const struct cw_diags *diags, enum cw_severity severity)
{
  size_t n = 0;
  for (size_t i = 0; i < diags->count; i++)
    n += diags->items[i].severity == severity;
  return n;
}

bool
cw_diags_has_errors (const struct cw_diags *diags)
{
  return cw_diags_count (diags, CW_ERROR) > 0;
}

const struct cw_diag *
cw_diags_find (const struct cw_diags *diags, const char *code)
{
  for (size_t i = 0; i < diags->count; i++)
    if (strcmp (diags->items[i].code, code) == 0)
      return &diags->items[i];
  return NULL;
}

void
cw_diags_move (struct cw_diags *to, struct cw_diags *from)
{
  for (size_t i = 0; i < from->count; i++)
    {
      struct cw_diag *d = &from->items[i];
      cw_diag_add (to, d->severity, d->code, d->field, "%s", d->message);
    }
  cw_diags_free (from);
}

void
cw_diags_clear (struct cw_diags *diags)
{
  for (size_t i = 0; i < diags->count; i++)
    free (diags->items[i].message);
  diags->count = 0;
}

void
cw_diags_free (struct cw_diags *diags)
{
  cw_diags_clear (diags);
  free (diags->items);
  *diags = (struct cw_diags) CW_DIAGS_INIT;
}

const char *
cw_severity_name (enum cw_severity severity)
{
  switch (severity)
    {
    case CW_NOTE:
      /* TRANSLATORS: severity of a diagnostic, printed as "certwiz: note: ..." */
      return _("note");
    case CW_WARNING:
      return _("warning");
    case CW_ERROR:
      return _("error");
    }
  return "?";
}

static char *
safe_copy (const char *text, bool safe)
{
  return safe ? cw_safe_text (text, strlen (text), cw_locale_is_utf8 ())
              : xstrdup (text);
}

char *
cw_diag_text (const struct cw_diag *diag, enum cw_diag_form form,
              const char *hint, bool safe)
{
  char *message = safe_copy (diag->message, safe);
  char *extra = hint ? safe_copy (hint, safe) : NULL;
  char *text = form == CW_DIAG_LINE
    ? xasprintf ("certwiz: %s: %s: %s%s%s [%s]",
                 cw_severity_name (diag->severity), diag->field, message,
                 extra ? " " : "", extra ? extra : "", diag->code)
    : xasprintf ("%s%s%s", message, extra ? " " : "", extra ? extra : "");
  free (extra);
  free (message);
  return text;
}

char *
cw_diags_text (const struct cw_diags *diags, enum cw_diag_form form,
               const char *separator, bool safe)
{
  char *text = xstrdup ("");
  for (size_t i = 0; i < diags->count; i++)
    {
      char *one = cw_diag_text (&diags->items[i], form, NULL, safe);
      char *joined = xasprintf ("%s%s%s", text, i ? separator : "", one);
      free (text);
      free (one);
      text = joined;
    }
  return text;
}
