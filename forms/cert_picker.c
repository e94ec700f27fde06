/* Choosing the certificate to back up. */
#include <config.h>

#include "cert_picker.h"

#include <curses.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "dialog.h"
#include "base/i18n.h"
#include "list.h"
#include "screen.h"
#include "screen_frame.h"
#include "store/store.h"
#include "term.h"
#include "text.h"
#include "base/xalloc.h"

#define LIST_ROW (WZ_TOP + 3)

struct picker
{
  struct wz_ui *ui;
  struct cw_listing listing;
  size_t *rows;            /* the listing's rows that can be backed up */
  size_t count;
  struct ui_list list;
};

bool
wz_can_back_up (const struct cw_listing_row *row)
{
  return !row->pending && row->has_key;
}

static int
list_rows (void)
{
  return WZ_STATUS_ROW - LIST_ROW - 1;
}

static void
draw_row (int y, int x, int width, size_t index, bool selected, void *state)
{
  struct picker *p = state;
  const struct cw_listing_row *row = &p->listing.rows[p->rows[index]];
  char until[16] = "?";
  struct tm tm;
  if (gmtime_r (&row->not_after, &tm))
    strftime (until, sizeof until, "%Y-%m-%d", &tm);
  /* TRANSLATORS: the end of a row of the list of certificates, after
     its state (valid, expiring, expired): the day it expires, and the
     first digits of its thumbprint. */
  char *rest = xasprintf (_("until %s  %.8s"), until, row->id);
  char *details = wz_labeled (row->state, 10, rest);
  free (rest);
  int details_width = ui_width (details);
  enum ui_role role = selected ? UI_SELECTED : UI_NORMAL;
  ui_put (y, x, row->label, width - details_width - 2, role);
  ui_put (y, x + width - details_width - 2, "", 2, role);
  ui_put (y, x + width - details_width, details, details_width, role);
  free (details);
}

static void
draw (void *state)
{
  static const struct ui_keyhint keys[] = {
    { "F1", N_("Help") }, { "Enter", N_("Choose") }, { "Esc", N_("Back") },
    { "F10", N_("Quit") },
  };
  struct picker *p = state;
  wz_frame_draw (_("Back up a certificate"), _("Choose the certificate"),
                 p->ui->status, p->ui->status_role, keys,
                 sizeof keys / sizeof keys[0]);
  ui_put (WZ_TOP, 2, _("Which certificate to back up, with its private "
                       "key:"), 0, UI_LABEL);
  ui_put (WZ_TOP + 1, 2, _("(Only the certificates whose key is in this "
                           "store can be backed up.)"), 0, UI_DIM);
  ui_list_draw (&p->list, LIST_ROW, 2, COLS - 4, list_rows (), draw_row,
                p);
}

/* Reads the store without making it: an empty one has nothing to back
   up. */
static void
load (struct picker *p)
{
  struct cw_diags ignored = CW_DIAGS_INIT;
  cw_listing_from_store (&p->listing, p->ui->store, &ignored);
  cw_diags_free (&ignored);
  p->rows = xcalloc (p->listing.count + 1, sizeof *p->rows);
  for (size_t i = 0; i < p->listing.count; i++)
    if (wz_can_back_up (&p->listing.rows[i]))
      p->rows[p->count++] = i;
}

static void
say_none (const struct wz_ui *ui)
{
  char *text = xasprintf (_("No certificate with its private key is "
                            "installed in the store %s, so there is nothing "
                            "to back up yet.\n\nA certificate is installed "
                            "when you import the CA's answer on the machine "
                            "that made the request, or make a self-signed "
                            "one."), cw_store_path (ui->store));
  ui_message (_("Nothing to back up"), text, UI_WARNING);
  free (text);
}

static enum wz_action
choose (struct picker *p)
{
  for (;;)
    {
      ui_screen_redraw ();
      int key = ui_screen_key (NULL, NULL);
      switch (wz_frame_key (key, WZ_XHELP_BACKUP_CHOOSE))
        {
        case WZ_FRAME_QUIT:
          return WZ_QUIT;
        case WZ_FRAME_BACK:
          return WZ_BACK;
        case WZ_FRAME_DONE:
          continue;
        default:
          break;
        }
      if (ui_is_enter (key))
        return WZ_NEXT;
      ui_list_key (&p->list, key, list_rows ());
    }
}

/* The row of ID, to come back to the certificate chosen before. */
static size_t
index_of (const struct picker *p, const char *id)
{
  for (size_t i = 0; id && i < p->count; i++)
    if (strcmp (p->listing.rows[p->rows[i]].id, id) == 0)
      return i;
  return 0;
}

enum wz_action
wz_pick_certificate (struct wz_ui *ui, char **id, char **label)
{
  struct picker p = { ui, CW_LISTING_INIT, NULL, 0, { 0, 0, 0 } };
  enum wz_action action = WZ_BACK;
  load (&p);
  ui_list_init (&p.list, p.count);
  p.list.selected = index_of (&p, *id);
  free (*id);
  free (*label);
  *id = *label = NULL;
  if (p.count == 0)
    say_none (ui);
  else
    {
      struct ui_screen previous = ui_screen_set (draw, &p);
      action = choose (&p);
      ui_screen_restore (previous);
    }
  if (action == WZ_NEXT)
    {
      const struct cw_listing_row *row
        = &p.listing.rows[p.rows[p.list.selected]];
      *id = xstrdup (row->id);
      *label = xstrdup (row->label);
    }
  free (p.rows);
  cw_listing_free (&p.listing);
  return action;
}
