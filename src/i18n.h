/* Translation macros: _() translates now, N_() marks a static string
   that is translated where it is shown. */
#ifndef CERTWIZ_I18N_H
#define CERTWIZ_I18N_H

#include <libintl.h>

#define _(msgid) gettext (msgid)
#define N_(msgid) msgid

#endif
