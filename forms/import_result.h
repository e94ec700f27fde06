/* The screen after an import: what was installed and how its chain and
   names came out, or why nothing was installed. */
#ifndef CERTWIZ_FORMS_IMPORT_RESULT_H
#define CERTWIZ_FORMS_IMPORT_RESULT_H

#include "base/diag.h"
#include "pki/import.h"
#include "report_view.h"
#include "base/status.h"
#include "wizard_ui.h"

/* What to say about an import of FILE that ended with STATUS, RESULT and
   DIAGS; STORE is where the installed entry's record is looked up (the
   request's date and host), and may be NULL.  No terminal needed. */
void wz_import_report (struct wz_report *report, const char *file,
                       enum cw_status status,
                       const struct cw_import_result *result,
                       const struct cw_diags *diags, struct cw_store *store);

/* Shows it: WZ_MENU (Enter after an import), WZ_BACK (Esc, or Enter
   after a refusal: back to the file) or WZ_QUIT (F10). */
enum wz_action wz_import_outcome (struct cw_store *store, const char *file,
                                  enum cw_status status,
                                  const struct cw_import_result *result,
                                  const struct cw_diags *diags);

#endif
