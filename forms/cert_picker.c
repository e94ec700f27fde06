/* Choosing the certificate to back up. */
#include <config.h>

#include "cert_picker.h"

#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "dialog.h"
#include "base/i18n.h"
#include "list_screen.h"
#include "screen_frame.h"
#include "store/store.h"
#include "term.h"
#include "text.h"
#include "base/xalloc.h"

struct picker
{
  struct wz_ui *ui;
  struct cw_listing listing;
  size_t *rows;            /* the listing's rows that can be backed up */
  size_t count;
  size_t selected;
};

bool
wz_can_back_up (const struct cw_listing_row *row)
{
  return !row->pending && row->has_key;
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
  struct wz_list_screen screen = {
    .ui = p->ui, .title = _("Back up a certificate"),
    .subtitle = _("Choose the certificate"),
    .question = _("Which certificate to back up, with its private key:"),
    .note = _("(Only the certificates whose key is in this store can be "
              "backed up.)"),
    .count = p->count, .selected = p->selected,
    .draw_row = draw_row, .row_state = p,
  };
  wz_frame_help (WZ_XHELP_BACKUP_CHOOSE, &screen.help_title,
                 &screen.help_text);
  enum wz_action action = wz_list_screen_run (&screen);
  p->selected = screen.selected;
  return action;
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
  struct picker p = { ui, CW_LISTING_INIT, NULL, 0, 0 };
  enum wz_action action = WZ_BACK;
  load (&p);
  p.selected = index_of (&p, *id);
  free (*id);
  free (*label);
  *id = *label = NULL;
  if (p.count == 0)
    say_none (ui);
  else
    action = choose (&p);
  if (action == WZ_NEXT)
    {
      const struct cw_listing_row *row
        = &p.listing.rows[p.rows[p.selected]];
      *id = xstrdup (row->id);
      *label = xstrdup (row->label);
    }
  free (p.rows);
  cw_listing_free (&p.listing);
  return action;
}
