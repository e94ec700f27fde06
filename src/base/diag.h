/* Diagnostics: what the core says about the user's input.

   Every rule reports through a cw_diags list instead of printing, so the
   CLI and the wizard show the same findings.  A diagnostic carries a
   stable code (never translated, so scripts and bug reports can rely on
   it), a severity, the field it is about and a translated message that
   says what to do next. */
#ifndef CERTWIZ_DIAG_H
#define CERTWIZ_DIAG_H

#include <stdbool.h>
#include <stddef.h>

enum cw_severity
{
  CW_NOTE,
  CW_WARNING,
  CW_ERROR
};

struct cw_diag
{
  const char *code;        /* stable, e.g. "cn-too-long" */
  enum cw_severity severity;
  const char *field;       /* "C", "CN", "SAN", "subject", "key", ... */
  char *message;           /* translated, owned */
};

struct cw_diags
{
  struct cw_diag *items;
  size_t count;
  size_t capacity;
};

#define CW_DIAGS_INIT { NULL, 0, 0 }

/* FMT must already be translated by the caller: _("...").  */
void cw_diag_add (struct cw_diags *diags, enum cw_severity severity,
                  const char *code, const char *field, const char *fmt, ...)
  __attribute__ ((format (printf, 5, 6)));

size_t cw_diags_count (const struct cw_diags *diags,
                       enum cw_severity severity);
bool cw_diags_has_errors (const struct cw_diags *diags);
const struct cw_diag *cw_diags_find (const struct cw_diags *diags,
                                     const char *code);
/* Moves every diagnostic of FROM to the end of TO; FROM ends up empty. */
void cw_diags_move (struct cw_diags *to, struct cw_diags *from);
void cw_diags_clear (struct cw_diags *diags);
void cw_diags_free (struct cw_diags *diags);

/* "error", "warning" or "note", translated. */
const char *cw_severity_name (enum cw_severity severity);

/* How a diagnostic is written out. */
enum cw_diag_form
{
  CW_DIAG_LINE,            /* "certwiz: error: CN: <message> [cn-too-long]" */
  CW_DIAG_MESSAGE          /* the message alone, for a screen */
};

/* The one routine that turns a diagnostic into text: DIAG in FORM, HINT
   (may be NULL: what the caller adds, such as the command line's option)
   after the message; with SAFE, what came from the input is made safe
   for a terminal (safetext.h).  Owned by the caller. */
char *cw_diag_text (const struct cw_diag *diag, enum cw_diag_form form,
                    const char *hint, bool safe);
/* Every diagnostic of DIAGS so, SEPARATOR between them. */
char *cw_diags_text (const struct cw_diags *diags, enum cw_diag_form form,
                     const char *separator, bool safe);

#endif
