/* The F1 help of the wizard: for each screen and field, what it is, its
   limit, an example and the rule behind it, for someone requesting a
   certificate for the first time.  Each text is plain UTF-8, lines of at
   most 76 columns, paragraphs separated by a blank line. */
#ifndef CERTWIZ_FORMS_HELP_TEXT_H
#define CERTWIZ_FORMS_HELP_TEXT_H

#include "wizard.h"

enum wz_help
{
  WZ_HELP_MENU,
  WZ_HELP_STYLE,
  WZ_HELP_COUNTRY,
  WZ_HELP_DOMAIN,
  WZ_HELP_STATE,
  WZ_HELP_LOCALITY,
  WZ_HELP_ORG,
  WZ_HELP_UNIT,
  WZ_HELP_CN,
  WZ_HELP_NAMES,
  WZ_HELP_MAX_SANS,
  WZ_HELP_KEY,
  WZ_HELP_EXPORTABLE,
  WZ_HELP_FRIENDLY,
  WZ_HELP_TOKEN,
  WZ_HELP_REVIEW,
  WZ_HELP_WRITE,
  WZ_HELP_DAYS,
  WZ_HELP_COUNT
};

/* The topic's title and text, translated.  A topic out of range gives
   the menu's help, so F1 always shows something. */
const char *wz_help_title (enum wz_help topic);
const char *wz_help_text (enum wz_help topic);

/* The topic of a subject field. */
enum wz_help wz_help_for_field (enum wz_field field);

#endif
