/* The F1 help of the import and backup screens, for an admin who has
   never moved a certificate between machines: where the private key
   lives, why a certificate needs it, how to keep a backup.  The same
   form as forms/help_text.h: plain UTF-8, lines of at most 76 columns,
   paragraphs separated by a blank line. */
#ifndef CERTWIZ_FORMS_IMPORT_BACKUP_HELP_H
#define CERTWIZ_FORMS_IMPORT_BACKUP_HELP_H

enum wz_xhelp
{
  WZ_XHELP_IMPORT_FILE,
  WZ_XHELP_FILE_LIST,
  WZ_XHELP_IMPORT_PASSWORD,
  WZ_XHELP_IMPORT_DONE,
  WZ_XHELP_KEY_NOT_HERE,
  WZ_XHELP_IMPORT_REFUSED,
  WZ_XHELP_BACKUP_CHOOSE,
  WZ_XHELP_BACKUP_FORM,
  WZ_XHELP_BACKUP_DONE,
  WZ_XHELP_SEND_FORM,
  WZ_XHELP_SEND_DONE,
  WZ_XHELP_DNS_WAIT,
  WZ_XHELP_COUNT
};

/* The topic's title and text, translated; a topic out of range gives
   the first one, so F1 always shows something. */
const char *wz_xhelp_title (enum wz_xhelp topic);
const char *wz_xhelp_text (enum wz_xhelp topic);

#endif
