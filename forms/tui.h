/* The wizard on the terminal: the screens of forms/ and the loop that
   runs them.  src/main.c starts it; nothing here draws without ui/. */
#ifndef CERTWIZ_FORMS_TUI_H
#define CERTWIZ_FORMS_TUI_H

#include <stddef.h>

/* Runs the wizard on the terminal with the store STORE_OPTION names (see
   cw_store_locate), opened once for the session.  Returns the exit
   status; -1 when stdin or stdout is not a terminal or no place for the
   store is known (the caller then shows the usage). */
int cw_wizard_run (const char *store_option);

/* Runs the certificate browser on the store (COUNT 0) or, read-only, on
   the certificates of FILES.  Returns the exit status; -1 without a
   terminal. */
int cw_browse_run (const char *store_option, const char *const *files,
                   size_t count);

#endif
