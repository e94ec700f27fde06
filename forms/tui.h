/* The wizard on the terminal: the screens of forms/ and the loop that
   runs them.  src/main.c starts it; nothing here draws without ui/. */
#ifndef CERTWIZ_FORMS_TUI_H
#define CERTWIZ_FORMS_TUI_H

/* Runs the wizard on the terminal with the store STORE_OPTION names (see
   cw_store_locate).  Returns the exit status; -1 when stdin or stdout is
   not a terminal (the caller then shows the usage). */
int cw_wizard_run (const char *store_option);

#endif
