/* Paragraphs in roles, wrapped and scrolled. */
#include <config.h>

#include "report_view.h"

#include <curses.h>
#include <stdlib.h>

#include "list.h"
#include "term.h"
#include "text.h"
#include "wizard_ui.h"
#include "wrap.h"
#include "base/xalloc.h"

/* One row of the wrapped report. */
struct row
{
  const char *label;       /* on a field's first row only */
  char *text;              /* already safe (ui_wrap) */
  enum ui_role role;
  int x;
};

struct rows
{
  struct row *items;
  size_t count;
  size_t capacity;
};

static void
add (struct wz_report *report, const char *label, const char *text,
     enum ui_role role, int indent)
{
  if (report->count == report->capacity)
    {
      report->capacity = report->capacity ? 2 * report->capacity : 32;
      report->items = xreallocarray (report->items, report->capacity,
                                     sizeof *report->items);
    }
  report->items[report->count++] = (struct wz_paragraph) {
    label ? xstrdup (label) : NULL, xstrdup (text), role, indent,
  };
}

void
wz_report_add (struct wz_report *report, enum ui_role role, int indent,
               const char *text)
{
  add (report, NULL, text, role, indent);
}

void
wz_report_field (struct wz_report *report, const char *label,
                 const char *value)
{
  add (report, label, value, UI_NORMAL, 0);
}

void
wz_report_blank (struct wz_report *report)
{
  add (report, NULL, "", UI_NORMAL, 0);
}

void
wz_report_diag (struct wz_report *report, const struct cw_diag *diag,
                int indent)
{
  add (report, NULL, diag->message, wz_role_of (diag->severity), indent);
}

char *
wz_diags_text (const struct cw_diags *diags)
{
  /* The screens make text safe as they draw it. */
  return cw_diags_text (diags, CW_DIAG_MESSAGE, "\n\n", false);
}

/* The labels' column: the widest label and two blanks, within reason. */
static int
label_width (const struct wz_report *report)
{
  int widest = 0;
  for (size_t i = 0; i < report->count; i++)
    if (report->items[i].label && ui_width (report->items[i].label) > widest)
      widest = ui_width (report->items[i].label);
  return widest + 2 < 24 ? widest + 2 : 24;
}

static void
row_add (struct rows *rows, struct row row)
{
  if (rows->count == rows->capacity)
    {
      rows->capacity = rows->capacity ? 2 * rows->capacity : 64;
      rows->items = xreallocarray (rows->items, rows->capacity,
                                   sizeof *rows->items);
    }
  rows->items[rows->count++] = row;
}

static void
wrap_paragraph (struct rows *rows, const struct wz_paragraph *p, int width,
                int labels)
{
  int x = 2 + p->indent + (p->label ? labels : 0);
  struct ui_lines lines;
  ui_wrap (p->text, width - (x - 2), &lines);
  if (lines.count == 0)
    row_add (rows, (struct row) { p->label, xstrdup (""), p->role, x });
  for (size_t i = 0; i < lines.count; i++)
    {
      row_add (rows, (struct row) { i == 0 ? p->label : NULL, lines.lines[i],
                                    p->role, x });
      lines.lines[i] = NULL;
    }
  ui_lines_free (&lines);
}

static void
rows_free (struct rows *rows)
{
  for (size_t i = 0; i < rows->count; i++)
    free (rows->items[i].text);
  free (rows->items);
}

static void
draw_position (const struct wz_report *report, int y, size_t shown)
{
  char *range = ui_range_text (report->top, shown, report->lines);
  int w = ui_width (range);
  ui_put_text (y, COLS - 2 - w, range, w, UI_DIM);
  free (range);
}

/* The rows of text shown in ROWS: one less when it scrolls, for the
   position. */
static size_t
shown_rows (const struct wz_report *report, int rows)
{
  if (rows <= 1 || report->lines <= (size_t) rows)
    return rows > 0 ? (size_t) rows : 0;
  return (size_t) rows - 1;
}

void
wz_report_draw (struct wz_report *report, int y, int rows)
{
  struct rows wrapped = { NULL, 0, 0 };
  int width = COLS - 4, labels = label_width (report);
  for (size_t i = 0; i < report->count; i++)
    wrap_paragraph (&wrapped, &report->items[i], width, labels);
  report->lines = wrapped.count;
  size_t shown = shown_rows (report, rows);
  size_t most = wrapped.count > shown ? wrapped.count - shown : 0;
  if (report->top > most)
    report->top = most;
  for (size_t r = 0; r < shown && report->top + r < wrapped.count; r++)
    {
      const struct row *row = &wrapped.items[report->top + r];
      if (row->label)
        ui_put (y + (int) r, 2, row->label, labels, UI_LABEL);
      ui_put (y + (int) r, row->x, row->text, COLS - 2 - row->x, row->role);
    }
  if (shown < wrapped.count)
    draw_position (report, y + rows - 1, shown);
  rows_free (&wrapped);
}

bool
wz_report_key (struct wz_report *report, int key, int rows)
{
  size_t shown = shown_rows (report, rows);
  size_t page = shown > 2 ? shown - 1 : 1;
  size_t most = report->lines > shown ? report->lines - shown : 0;
  switch (key)
    {
    case UI_KEY (KEY_UP):
      report->top -= report->top > 0;
      return true;
    case UI_KEY (KEY_DOWN):
      report->top += report->top < most;
      return true;
    case UI_KEY (KEY_PPAGE):
      report->top = report->top > page ? report->top - page : 0;
      return true;
    case UI_KEY (KEY_NPAGE):
      report->top = report->top + page < most ? report->top + page : most;
      return true;
    case UI_KEY (KEY_HOME):
      report->top = 0;
      return true;
    case UI_KEY (KEY_END):
      report->top = most;
      return true;
    }
  return false;
}

void
wz_report_free (struct wz_report *report)
{
  for (size_t i = 0; i < report->count; i++)
    {
      free (report->items[i].label);
      free (report->items[i].text);
    }
  free (report->items);
  *report = (struct wz_report) WZ_REPORT_INIT;
}
