/* The certificate browser: the store's requests and certificates, or
   the certificates of files (read-only), in a list sorted by any column
   and filtered as the user types; Enter opens one.  The rows are the
   model's (browser_model.c); this file draws them and reads the keys. */
#include <config.h>

#include <curses.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "browser.h"
#include "dialog.h"
#include "base/i18n.h"
#include "base/safetext.h"
#include "loop.h"
#include "store/store.h"
#include "term.h"
#include "text.h"
#include "base/trace.h"
#include "wrap.h"
#include "base/xalloc.h"

#define FILTER_ROW WZ_TOP
#define HINT_ROW (WZ_TOP + 1)
#define HEADER_ROW (WZ_TOP + 2)
#define LIST_TOP (WZ_TOP + 3)
/* How long each slice of reading lasts between looks at the keyboard. */
#define SLICE_MS 30

static int
list_rows (void)
{
  return WZ_STATUS_ROW - LIST_TOP;
}

/* ------------------------------------------------------------ columns */

/* What the list shows; the days sort with the expiry. */
enum column
{
  COL_STATE,
  COL_NAME,
  COL_NAMES,
  COL_ISSUER,
  COL_EXPIRES,
  COL_DAYS,
  COL_KEY,
  COL_SERVICES,            /* shown when some certificate is served */
  COL_COUNT
};

/* The services column is not sorted on: it sorts as the key's. */
static const enum bm_column sorted_as[COL_COUNT] = {
  BM_STATE, BM_NAME, BM_NAMES, BM_ISSUER, BM_EXPIRES, BM_EXPIRES, BM_KEY,
  BM_KEY,
};

/* Columns of fixed width; the name and the issuer share the rest. */
static const int fixed_width[COL_COUNT] = { 8, 0, 3, 0, 10, 5, 4, 12 };

struct layout
{
  int x[COL_COUNT];
  int width[COL_COUNT];
};

/* The state column widens, up to 16 columns, when a row says its chain
   is incomplete, so that it says so whole. */
static int
state_width (const struct bm_model *model)
{
  if (model->chain_incomplete == 0)
    return fixed_width[COL_STATE];
  int w = ui_width (_("chain incomplete"));
  return w < fixed_width[COL_STATE] ? fixed_width[COL_STATE]
         : w > 16 ? 16 : w;
}

/* The width of COLUMN; -1 for one not shown. */
static int
column_width (const struct bm_model *model, enum column column)
{
  if (column == COL_STATE)
    return state_width (model);
  if (column == COL_SERVICES && !model->any_services)
    return -1;
  if (column == COL_KEY && model->any_token)
    {
      /* As wide as its words: "token" is one of certwiz list's. */
      int w = fixed_width[column];
      int token = ui_width (_("token"));
      return token > w ? token : w;
    }
  return fixed_width[column];
}

static void
lay_out (const struct bm_model *model, struct layout *l)
{
  int fixed = 0;
  for (int i = 0; i < COL_COUNT; i++)
    fixed += column_width (model, (enum column) i) + 1;
  int flexible = COLS - 2 - fixed + 1;
  int x = 1;
  for (int i = 0; i < COL_COUNT; i++)
    {
      l->width[i] = column_width (model, (enum column) i);
      if (i == COL_NAME)
        l->width[i] = flexible - flexible * 9 / 20;
      else if (i == COL_ISSUER)
        l->width[i] = flexible * 9 / 20;
      l->x[i] = x;
      x += l->width[i] + 1;
    }
}

static const char *
heading (enum column column)
{
  /* TRANSLATORS: the heading of the days left before a certificate
     expires, in the browser's list; at most 5 columns. */
  if (column == COL_SERVICES)
    /* TRANSLATORS: the heading of the browser's column of the services
       a certificate is put to work in (SMTP, IMAP, POP, HTTPS). */
    return _("Services");
  return column == COL_DAYS ? _("Days")
                            : bm_column_heading (sorted_as[column]);
}

static const char *
sort_arrow (bool descending)
{
  if (cw_locale_is_utf8 ())
    return descending ? "\xe2\x96\xbc" : "\xe2\x96\xb2";
  return descending ? "v" : "^";
}

/* Numbers are right-aligned, and so are their headings. */
static bool
right_aligned (enum column column)
{
  return column == COL_NAMES || column == COL_DAYS;
}

static void
put_cell (int y, const struct layout *l, enum column column,
          const char *text, enum ui_role role)
{
  int w = ui_width (text);
  int pad = right_aligned (column) && w < l->width[column]
              ? l->width[column] - w : 0;
  if (pad)
    ui_put (y, l->x[column], "", pad, role);
  ui_put (y, l->x[column] + pad, text, l->width[column] - pad, role);
}

static void
draw_header (const struct browser *b, const struct layout *l)
{
  ui_put (HEADER_ROW, 0, "", COLS, UI_LABEL);
  for (int i = 0; i < COL_COUNT; i++)
    {
      if (l->width[i] < 0)
        continue;
      bool sorted = sorted_as[i] == b->model.sort && i != COL_DAYS
                    && i != COL_SERVICES;
      char *text = sorted ? xasprintf ("%s%s", heading ((enum column) i),
                                       sort_arrow (b->model.descending))
                          : xstrdup (heading ((enum column) i));
      put_cell (HEADER_ROW, l, (enum column) i, text, UI_LABEL);
      free (text);
    }
}

/* ---------------------------------------------------------------- rows */

static enum ui_role
row_role (const struct bm_row *row, bool selected)
{
  if (selected)
    return UI_SELECTED;
  return row->state == BM_STATE_EXPIRED ? UI_ERROR
         : row->state == BM_STATE_EXPIRING
               || row->state == BM_STATE_CHAIN_INCOMPLETE ? UI_WARNING
                                                          : UI_NORMAL;
}

/* An expired certificate stands out by its word too, for terminals
   without color and for readers who do not see it. */
static const char *
state_text (const struct bm_row *row)
{
  /* TRANSLATORS: the state of an expired certificate in the browser's
     list, in capitals so that it stands out; at most 8 columns. */
  return row->state == BM_STATE_EXPIRED ? _("EXPIRED") : row->state_text;
}

static void
date_cells (const struct bm_row *row, char date[16], char days[24])
{
  if (row->pending)
    {
      strcpy (date, "-");
      strcpy (days, "-");
      return;
    }
  char *when = cw_time_format (row->not_after);
  snprintf (date, 16, "%.10s", when);
  snprintf (days, 24, "%ld", cw_days_left (row->not_after));
  free (when);
}

static void
draw_row (int y, int x, int width, size_t index, bool selected, void *state)
{
  const struct browser *b = state;
  const struct bm_row *row = b->model.shown[index];
  struct layout l;
  char date[16], days[24], count[24];
  enum ui_role role = row_role (row, selected);
  lay_out (&b->model, &l);
  date_cells (row, date, days);
  snprintf (count, sizeof count, "%zu", row->name_count);
  ui_put (y, x, "", width, role);
  const char *cells[COL_COUNT] = {
    state_text (row), row->label, count, row->issuer, date, days,
    /* TRANSLATORS: cut to 4 columns in the browser's Key column. */
    row->key_on_token ? _("token") : row->has_key ? _("yes") : _("no"),
    row->services ? row->services : "",
  };
  for (int i = 0; i < COL_COUNT; i++)
    if (l.width[i] >= 0)
      put_cell (y, &l, (enum column) i, cells[i], role);
}

static void
draw_empty (const struct browser *b)
{
  char *text;
  if (b->model.count == 0 && b->loader)
    text = xstrdup (_("Reading the store..."));
  else if (b->model.count == 0 && !b->read_only)
    text = xstrdup (_("The store is empty: no request and no certificate "
                      "yet."));
  else if (b->model.count == 0)
    text = xstrdup (bw_files_done (&b->files)
                      ? _("No certificate could be read from the files.")
                      : _("Reading the files..."));
  else
    text = xasprintf (_("Nothing matches \"%s\"."), b->filter.text);
  struct ui_lines lines;
  ui_wrap (text, COLS - 6, &lines);
  for (size_t i = 0; i < lines.count; i++)
    ui_put (LIST_TOP + 1 + (int) i, 4, lines.lines[i], COLS - 6, UI_DIM);
  ui_lines_free (&lines);
  free (text);
}

static void
draw_rows (struct browser *b)
{
  ui_list_set_count (&b->list, b->model.shown_count);
  if (b->model.shown_count == 0)
    draw_empty (b);
  else
    ui_list_draw (&b->list, LIST_TOP, 1, COLS - 2, list_rows (), draw_row,
                  b);
}

/* -------------------------------------------------------------- frame */

static void
draw_title (const struct browser *b)
{
  char *left = xasprintf ("certwiz - %s", b->read_only
                                            ? _("Certificates in files")
                                            : _("Certificates"));
  char *right = !b->read_only
    ? xasprintf (_("store: %s"), cw_store_path (b->ui->store))
    : b->files.count == 1
    ? xasprintf (_("read-only: %s"), b->files.items[0].name)
    : xasprintf (ngettext ("read-only: %zu file", "read-only: %zu files",
                           b->files.count), b->files.count);
  ui_titlebar (left, right);
  free (left);
  free (right);
}

static char *
count_text (const struct browser *b)
{
  size_t all = b->model.count;
  /* TRANSLATORS: how many rows the filter keeps, of how many, as in
     "12 of 250 certificates", at the right of the filter line. */
  return xasprintf (ngettext ("%zu of %zu certificate",
                              "%zu of %zu certificates", all),
                    b->model.shown_count, all);
}

/* The order at the right; at the left, how to filter or to stop. */
static void
draw_hint (const struct browser *b)
{
  const char *order = bm_column_order (b->model.sort, b->model.descending);
  int w = ui_width (order);
  if (w > COLS / 2)
    w = COLS / 2;
  ui_put_text (HINT_ROW, COLS - 1 - w, order, w, UI_DIM);
  const char *hint = b->filter.len
    /* TRANSLATORS: hints above the browser's list, left of how it is
       sorted; at most 40 columns. */
    ? _("Esc clears the filter.")
    /* TRANSLATORS: at most 40 columns, as the hint above. */
    : _("Type to filter: name, issuer, thumbprint");
  ui_put (HINT_ROW, 2, hint, COLS - 5 - w, UI_DIM);
}

/* Last of all: the field leaves the cursor where typing goes. */
static void
draw_filter (struct browser *b)
{
  char *count = count_text (b);
  int count_width = ui_width (count);
  ui_put_text (FILTER_ROW, COLS - 1 - count_width, count, count_width,
               UI_NORMAL);
  /* TRANSLATORS: before the line the user types a filter into. */
  const char *label = _("Filter:");
  int x = 2 + ui_put_text (FILTER_ROW, 2, label, 20, UI_LABEL) + 1;
  int width = COLS - x - count_width - 3;
  ui_field_draw (&b->filter, FILTER_ROW, x, width > 50 ? 50 : width, true);
  free (count);
}

static void
redraw_list (struct ui_screen *screen)
{
  struct browser *b = screen->state;
  struct layout l;
  lay_out (&b->model, &l);
  draw_title (b);
  draw_hint (b);
  draw_header (b, &l);
  draw_rows (b);
  ui_draw_keybar (screen);
  ui_statusline (b->ui->status, b->ui->status_role);
  draw_filter (b);
}

/* ---------------------------------------------------------- selection */

/* The id of the row selected, to find it again once the rows moved;
   NULL while the user has not moved, so that the list stays at its
   top as rows come in. */
static char *
selected_id (const struct browser *b)
{
  if (b->list.selected == 0 || b->model.shown_count == 0)
    return NULL;
  return xstrdup (b->model.shown[b->list.selected]->id);
}

static void
select_id (struct browser *b, char *id)
{
  size_t index = 0;
  ui_list_set_count (&b->list, b->model.shown_count);
  if (!id || !bm_find (&b->model, id, &index))
    index = 0;
  b->list.selected = index;
  if (index == 0)
    b->list.top = 0;
  free (id);
}

static void
reload_store (struct browser *b)
{
  struct cw_diags diags = CW_DIAGS_INIT;
  char *id = selected_id (b);
  b->reload = false;
  if (!bw_store_load (&b->model, b->ui->store, &diags))
    bw_show_diags (_("The store cannot be read"), &diags);
  select_id (b, id);
  cw_diags_free (&diags);
}

static void
read_more (struct browser *b)
{
  char *id = selected_id (b);
  bw_files_step (&b->files, &b->model, SLICE_MS);
  select_id (b, id);
  if (bw_files_done (&b->files))
    cw_trace ("loaded", "rows=%zu", b->model.count);
  if (!bw_files_done (&b->files))
    bw_say (b, UI_NOTE, ngettext ("Reading the files: %zu certificate so "
                                  "far...", "Reading the files: %zu "
                                  "certificates so far...", b->model.count),
            b->model.count);
  else if (b->files.skipped)
    bw_say (b, UI_WARNING,
            ngettext ("%zu certificate in the files could not be read and "
                      "is left out.",
                      "%zu certificates in the files could not be read and "
                      "are left out.", b->files.skipped), b->files.skipped);
  else
    wz_say (b->ui, NULL, UI_NORMAL);
}

/* ------------------------------------------------------------- keys */

static void
set_sort (struct browser *b, enum bm_column column, bool descending)
{
  char *id = selected_id (b);
  bm_set_sort (&b->model, column, descending);
  select_id (b, id);
}

static void
edit_filter (struct browser *b, int key)
{
  enum ui_field_result result = ui_field_key (&b->filter, key);
  if (result == UI_FIELD_REFUSED)
    beep ();
  if (result != UI_FIELD_CHANGED)
    return;
  char *id = selected_id (b);
  bm_set_filter (&b->model, b->filter.text);
  select_id (b, id);
}

/* The store's handle is the reading thread's until it is done. */
static void
finish_loading (struct browser *b)
{
  if (!b->loader)
    return;
  bw_store_loader_finish (b->loader, &b->model);
  b->loader = NULL;
}

static void
on_selected (struct browser *b, bool menu)
{
  if (b->model.shown_count == 0)
    return;
  char *id = selected_id (b);
  finish_loading (b);
  select_id (b, id);
  struct bw_item item;
  struct cw_diags diags = CW_DIAGS_INIT;
  if (!bw_item_load (b, b->model.shown[b->list.selected], &item, &diags))
    {
      bw_show_diags (_("It cannot be shown"), &diags);
      b->reload = !b->read_only;
    }
  else if (menu
           && bw_act (b, &item, bw_action_menu (b, &item)) == WZ_QUIT)
    ui_quit ();
  else if (!menu)
    bw_details_run (b, &item);
  bw_item_free (&item);
  cw_diags_free (&diags);
}

/* The first Esc clears the filter, the next one leaves. */
static bool
leave_or_clear (struct ui_screen *screen)
{
  struct browser *b = screen->state;
  if (b->filter.len == 0)
    return false;
  ui_field_clear (&b->filter);
  char *id = selected_id (b);
  bm_set_filter (&b->model, "");
  select_id (b, id);
  return true;
}

enum
{
  LIST_DETAILS = 1,
  LIST_ACTIONS,
  LIST_SORT,
  LIST_REVERSE
};

static bool
act_list (struct ui_screen *screen, int action, int key)
{
  struct browser *b = screen->state;
  (void) key;
  wz_say (b->ui, NULL, UI_NORMAL);
  switch (action)
    {
    case UI_ACT_BACK:
      return leave_or_clear (screen);
    case LIST_DETAILS:
    case LIST_ACTIONS:
      on_selected (b, action == LIST_ACTIONS);
      break;
    case LIST_SORT:
      set_sort (b, (b->model.sort + 1) % BM_COLUMN_COUNT, false);
      break;
    case LIST_REVERSE:
      set_sort (b, b->model.sort, !b->model.descending);
      break;
    default:
      return false;
    }
  if (b->reload)
    reload_store (b);
  return true;
}

static void
key_list (struct ui_screen *screen, int key)
{
  struct browser *b = screen->state;
  wz_say (b->ui, NULL, UI_NORMAL);
  if (!ui_list_key (&b->list, key, list_rows ()))
    edit_filter (b, key);
}

/* What the store's reading thread has read: the rows, then their
   services, each shown as it arrives.  True when more may be ready:
   two wake-ups can come as one. */
static bool
take_store (struct ui_screen *screen, struct browser *b)
{
  struct cw_diags diags = CW_DIAGS_INIT;
  char *id = selected_id (b);
  enum bw_load_step step = bw_store_loader_take (b->loader, &b->model,
                                                 &diags);
  select_id (b, id);
  if (step == BW_LOAD_FAILED)
    {
      finish_loading (b);
      bw_show_diags (_("The store cannot be read"), &diags);
      ui_close (screen, UI_BACK);
    }
  else if (step == BW_LOAD_BOUND)
    finish_loading (b);
  cw_diags_free (&diags);
  return step == BW_LOAD_LISTED;
}

/* Files are read a slice at a time between keys, so that the list shows
   at once and fills in while the user already moves and types. */
static int
tick_list (struct ui_screen *screen)
{
  struct browser *b = screen->state;
  if (b->loader && take_store (screen, b))
    return 0;
  if (!b->read_only || bw_files_done (&b->files))
    return -1;
  read_more (b);
  return bw_files_done (&b->files) ? -1 : 0;
}

static bool
help_list (struct ui_screen *screen, const char **title, const char **text)
{
  (void) screen;
  *title = bw_help_title (BW_HELP_LIST);
  *text = bw_help_text (BW_HELP_LIST);
  return true;
}

static bool
hint_list (struct ui_screen *screen, const struct ui_key *key,
           struct ui_keyhint *out)
{
  struct browser *b = screen->state;
  if (key->action == UI_ACT_BACK && b->filter.len)
    out->label = _("Clear");
  return true;
}

static const struct ui_key list_keys[] = {
  /* TRANSLATORS: the key bar's words, all of which fit 80 columns. */
  UI_ENTER_KEYS (LIST_DETAILS, "Enter", N_("Details")),
  { UI_KEY (KEY_F (2)), LIST_ACTIONS, "F2", N_("Actions") },
  { UI_KEY (KEY_F (5)), LIST_SORT, "F5", N_("Sort") },
  { UI_KEY (KEY_F (6)), LIST_REVERSE, "F6", N_("Reverse") },
};

static const struct ui_screen_ops list_ops = {
  .draw = redraw_list, .act = act_list, .key = key_list, .tick = tick_list,
  .help = help_list, .hint = hint_list,
};

/* ------------------------------------------------------ entry points */

bool
bw_open (struct browser *b, struct wz_ui *ui, struct cw_store *store,
         const char *const *files, size_t count, struct cw_diags *diags)
{
  *b = (struct browser) { .ui = ui, .read_only = count > 0 };
  bm_init (&b->model);
  ui_field_init (&b->filter, 200);
  if (count)
    return bw_files_open (&b->files, files, count, diags);
  /* The store is read once the list shows (bw_run). */
  (void) store;
  return true;
}

void
bw_run (struct browser *b)
{
  struct ui_screen screen = {
    .ops = &list_ops, .keys = UI_KEYMAP (list_keys, UI_SHARE_ALL),
    .first_tick = b->read_only && !bw_files_done (&b->files) ? 0 : -1,
    .state = b,
  };
  if (!b->read_only)
    {
      b->loader = bw_store_loader_start (b->ui->store);
      struct cw_diags diags = CW_DIAGS_INIT;
      bool read = b->loader || bw_store_load (&b->model, b->ui->store,
                                              &diags);
      bw_show_diags (_("The store cannot be read"), &diags);
      cw_diags_free (&diags);
      if (!read)
        return;
    }
  ui_list_init (&b->list, b->model.shown_count);
  ui_run (&screen);
  finish_loading (b);
}

void
bw_close (struct browser *b)
{
  if (b->ui && b->ui->status == b->status)
    wz_say (b->ui, NULL, UI_NORMAL);
  finish_loading (b);
  bm_free (&b->model);
  bw_files_free (&b->files);
  ui_field_free (&b->filter);
  free (b->status);
  free (b->domain);
}

enum wz_action
wz_browse (struct wz_ui *ui, const char *const *files, size_t count)
{
  struct browser b;
  struct cw_diags diags = CW_DIAGS_INIT;
  if (bw_open (&b, ui, ui->store, files, count, &diags))
    bw_run (&b);
  else
    bw_show_diags (count ? _("The files cannot be read")
                         : _("The store cannot be read"), &diags);
  bw_close (&b);
  cw_diags_free (&diags);
  return ui_quitting () ? WZ_QUIT : WZ_MENU;
}
