/* Telling someone that a renewal failed: the admin's hook, run without a
   shell with the facts in its environment (CERTWIZ_CERT_ID,
   CERTWIZ_CERT_NAME, CERTWIZ_ERROR_CODE, CERTWIZ_ERROR_MESSAGE,
   CERTWIZ_FAILURES, CERTWIZ_NEXT_TRY), and a mail through the local
   sendmail when one exists and an address is known. */
#ifndef CERTWIZ_ACME_NOTIFY_H
#define CERTWIZ_ACME_NOTIFY_H

#include "acme/renew.h"

/* Runs HOOK (a program and its arguments, split at blanks) for ITEM;
   its failure is added to DIAGS as a warning. */
void cw_notify_hook (const char *hook, const struct cw_renew_item *item,
                     struct cw_diags *diags);

/* Mails ITEM's failure to ADDRESS through SENDMAIL (a path; NULL:
   /usr/sbin/sendmail, and nothing when it does not exist).  True when a
   mail was handed over. */
bool cw_notify_mail (const char *sendmail, const char *address,
                     const struct cw_renew_item *item,
                     struct cw_diags *diags);

#endif
