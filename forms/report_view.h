/* What an import or a backup did, shown as paragraphs each in its own
   role (a heading, a field and its value, a finding in the colour of its
   severity), wrapped to the screen and scrolled when longer than it. */
#ifndef CERTWIZ_FORMS_REPORT_VIEW_H
#define CERTWIZ_FORMS_REPORT_VIEW_H

#include <stdbool.h>
#include <stddef.h>

#include "base/diag.h"
#include "theme.h"

struct wz_paragraph
{
  char *label;             /* a field's name, or NULL */
  char *text;
  enum ui_role role;
  int indent;
};

struct wz_report
{
  struct wz_paragraph *items;
  size_t count;
  size_t capacity;
  size_t top;              /* the first line shown */
  size_t lines;            /* how many there were at the last draw */
};

#define WZ_REPORT_INIT { NULL, 0, 0, 0, 0 }

/* A paragraph of TEXT (copied) in ROLE, INDENT columns in. */
void wz_report_add (struct wz_report *report, enum ui_role role, int indent,
                    const char *text);
/* LABEL, then VALUE wrapped beside it: "Subject      C=US, ...". */
void wz_report_field (struct wz_report *report, const char *label,
                      const char *value);
void wz_report_blank (struct wz_report *report);
/* Each diagnostic's message, in the role of its severity. */
void wz_report_diag (struct wz_report *report, const struct cw_diag *diag,
                     int indent);

/* Every message of DIAGS, a blank line between them, for a dialog;
   owned by the caller. */
char *wz_diags_text (const struct cw_diags *diags);

/* Draws the lines from TOP, from row Y for ROWS rows, between column 2
   and COLS - 2, with "3-20 of 40" at the bottom right when it scrolls. */
void wz_report_draw (struct wz_report *report, int y, int rows);
/* Up, Down, PgUp, PgDn, Home, End; true when KEY was one of them. */
bool wz_report_key (struct wz_report *report, int key, int rows);
void wz_report_free (struct wz_report *report);

#endif
