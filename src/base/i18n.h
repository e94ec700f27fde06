/* Translation macros: _() translates now, N_() marks a static string
   that is translated where it is shown. */
#ifndef CERTWIZ_I18N_H
#define CERTWIZ_I18N_H

#include <libintl.h>

#define _(msgid) gettext (msgid)
#define N_(msgid) msgid

/* A message with a context, for one English word that must be
   translated two ways (a column heading beside a field label); as
   gettext.h's pgettext. */
/* Marks a static message with a context, translated with C_. */
#define NC_(context, msgid) msgid
#define C_(context, msgid) cw_pgettext (context "\004" msgid, msgid)

static inline const char *
cw_pgettext (const char *with_context, const char *msgid)
{
  const char *translated = gettext (with_context);
  return translated == with_context ? msgid : translated;
}

#endif
