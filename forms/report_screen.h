/* A screen that shows what a piece of work did, as a report scrolled
   under the frame, until Enter or Esc: the end of a backup, of a request
   sent to a CA.  One more key may go on from it (a service for the
   certificate just issued). */
#ifndef CERTWIZ_FORMS_REPORT_SCREEN_H
#define CERTWIZ_FORMS_REPORT_SCREEN_H

#include "import_backup_help.h"
#include "report_view.h"
#include "wizard_ui.h"

struct wz_report_screen
{
  const char *title;       /* the frame's, translated */
  const char *right;       /* the top bar's right side, translated */
  struct wz_report *report;
  enum wz_xhelp help;
  /* One more key (0: none): KEY, its NAME and LABEL (N_()) in the key
     bar, and what it does. */
  int key;
  const char *name;
  const char *label;
  void (*run) (void *state);
  void *state;
};

/* Runs SCREEN until Enter or Esc: WZ_MENU, or WZ_QUIT when certwiz is
   ending. */
enum wz_action wz_report_screen_run (const struct wz_report_screen *screen);

#endif
