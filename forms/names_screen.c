/* Step 2: the names the certificate covers (subject alternative names):
   a list to edit, suggestions for a mail server, a CA's limit. */
#include <config.h>

#include <curses.h>
#include <stdlib.h>
#include <string.h>

#include "dialog.h"
#include "base/i18n.h"
#include "wizard_ui.h"
#include "term.h"
#include "text.h"
#include "base/xalloc.h"

#define LIST_TOP (WZ_TOP + 2)
#define LIST_ROWS 9
#define SUGGEST_ROW (LIST_TOP + LIST_ROWS + 1)
#define LIMIT_ROW (SUGGEST_ROW + 1)

/* The list is pre-filled with the CN the first time: clients match
   these names, not the CN. */
static void
names_enter (struct wz_ui *ui)
{
  const char *cn = ui->wz.subject[WZ_COMMON_NAME].text;
  struct cw_diags diags = CW_DIAGS_INIT;
  wz_check_san (cn, &diags);
  if (ui->wz.san_count == 0 && *cn && !cw_diags_has_errors (&diags))
    wz_san_add (&ui->wz, cn);
  cw_diags_free (&diags);
  ui_list_init (&ui->list, ui->wz.san_count);
}

static void
draw_name (int y, int x, int width, size_t index, bool selected, void *state)
{
  struct wz_ui *ui = state;
  const char *name = ui->wz.sans[index];
  struct cw_diags diags = CW_DIAGS_INIT;
  wz_check_san (name, &diags);
  const struct cw_diag *worst = NULL;
  for (size_t i = 0; i < diags.count; i++)
    if (diags.items[i].severity > CW_NOTE
        && (!worst || diags.items[i].severity > worst->severity))
      worst = &diags.items[i];
  int name_width = width / 2;
  ui_put (y, x, name, name_width, selected ? UI_SELECTED : UI_NORMAL);
  if (worst)
    ui_put (y, x + name_width + 1, worst->message, width - name_width - 1,
            wz_role_of (worst->severity));
  cw_diags_free (&diags);
}

static void
draw_suggestions (struct wz_ui *ui)
{
  char *suggestions[3];
  size_t count = wz_suggestions (&ui->wz, suggestions);
  int x = 2 + ui_put_text (SUGGEST_ROW, 2, _("Suggestions:"), 0, UI_LABEL);
  for (size_t i = 0; i < count; i++)
    {
      char *item = xasprintf ("%zu %s", i + 1, suggestions[i]);
      x += ui_put_text (SUGGEST_ROW, x + 1, item, COLS - x - 2, UI_NORMAL)
           + 2;
      free (item);
    }
  if (count == 0)
    ui_put_text (SUGGEST_ROW, x + 1, _("(none)"), 0, UI_DIM);
  wz_suggestions_free (suggestions, count);
}

static void
draw_limit (struct wz_ui *ui)
{
  char *count = ui->wz.max_sans
    ? xasprintf (ngettext ("%zu name of at most %u (l: change the CA "
                           "limit)", "%zu names of at most %u (l: change "
                           "the CA limit)", ui->wz.san_count),
                 ui->wz.san_count, ui->wz.max_sans)
    : xasprintf (ngettext ("%zu name; no CA limit (l to set one)",
                           "%zu names; no CA limit (l to set one)",
                           ui->wz.san_count), ui->wz.san_count);
  ui_put (LIMIT_ROW, 2, count, 0,
          ui->wz.max_sans && ui->wz.san_count > ui->wz.max_sans ? UI_ERROR
                                                                : UI_DIM);
  free (count);
}

static void
names_draw (struct wz_ui *ui)
{
  curs_set (0);
  ui_put (WZ_TOP, 2, _("Host names and addresses the certificate covers "
                       "(subject alternative names):"), 0, UI_LABEL);
  ui_list_set_count (&ui->list, ui->wz.san_count);
  if (ui->wz.san_count == 0)
    ui_put (LIST_TOP, 4, _("(no names yet: press a to add one)"), 0,
            UI_DIM);
  else
    ui_list_draw (&ui->list, LIST_TOP, 4, COLS - 6, LIST_ROWS, draw_name,
                  ui);
  draw_suggestions (ui);
  draw_limit (ui);
  if (ui->wz.san_count > 0)
    {
      struct cw_diags diags = CW_DIAGS_INIT;
      wz_check_san (ui->wz.sans[ui->list.selected], &diags);
      wz_draw_diags (&diags, LIMIT_ROW + 1, WZ_STATUS_ROW - LIMIT_ROW - 1);
      cw_diags_free (&diags);
    }
}

static void
add_or_edit (struct wz_ui *ui, bool edit)
{
  const char *initial = edit && ui->wz.san_count
                          ? ui->wz.sans[ui->list.selected] : NULL;
  char *name = edit
    ? ui_ask (_("Edit a name"), _("A host name (mail.contoso.com), a "
                                  "wildcard (*.contoso.com) or an IP "
                                  "address:"), initial, 253)
    : ui_ask (_("Add a name"), _("A host name (mail.contoso.com), a "
                                 "wildcard (*.contoso.com) or an IP "
                                 "address; several separated by commas:"),
              NULL, 4096);
  if (!name || !*name)
    {
      free (name);
      return;
    }
  if (edit && initial)
    wz_san_set (&ui->wz, ui->list.selected, name);
  else
    {
      size_t repeated;
      if (wz_san_add_list (&ui->wz, name, &repeated) > 0)
        {
          ui_list_set_count (&ui->list, ui->wz.san_count);
          ui->list.selected = ui->wz.san_count - 1;
        }
      if (repeated)
        wz_say (ui, repeated == 1 ? _("That name is already in the list.")
                                  : _("Some of those names are already in "
                                      "the list."), UI_NOTE);
    }
  free (name);
  wz_save_draft (ui);
}

static void
accept_suggestion (struct wz_ui *ui, size_t index)
{
  char *suggestions[3];
  size_t count = wz_suggestions (&ui->wz, suggestions);
  if (index < count)
    wz_san_add (&ui->wz, suggestions[index]);
  wz_suggestions_free (suggestions, count);
  wz_save_draft (ui);
}

static void
set_limit (struct wz_ui *ui)
{
  char *current = ui->wz.max_sans ? xasprintf ("%u", ui->wz.max_sans)
                                  : xstrdup ("");
  char *answer = ui_ask (_("CA limit"),
                         _("How many names your CA accepts in one "
                           "certificate (for example 10); empty for no "
                           "limit:"), current, 5);
  if (answer)
    {
      char *end;
      unsigned long n = strtoul (answer, &end, 10);
      /* Empty or 0: no limit, as the help says. */
      if (*answer == '\0' || (n == 0 && !*end))
        ui->wz.max_sans = 0;
      else if (*end || n > 10000)
        wz_say (ui, _("The limit is a number of names, such as 10."),
                UI_WARNING);
      else
        ui->wz.max_sans = (unsigned) n;
    }
  free (answer);
  free (current);
}

enum
{
  NAMES_ADD = 1,
  NAMES_EDIT,
  NAMES_REMOVE,
  NAMES_SUGGEST,
  NAMES_LIMIT,
  NAMES_NEXT
};

static void
remove_selected (struct wz_ui *ui)
{
  wz_san_remove (&ui->wz, ui->list.selected);
  ui_list_set_count (&ui->list, ui->wz.san_count);
  wz_save_draft (ui);
}

static enum wz_action
names_act (struct wz_ui *ui, int action, int key)
{
  switch (action)
    {
    case NAMES_ADD:
      add_or_edit (ui, false);
      break;
    case NAMES_EDIT:
      if (ui->wz.san_count)
        add_or_edit (ui, true);
      break;
    case NAMES_REMOVE:
      if (ui->wz.san_count)
        remove_selected (ui);
      break;
    case NAMES_SUGGEST:
      accept_suggestion (ui, (size_t) (key - '1'));
      break;
    case NAMES_LIMIT:
      set_limit (ui);
      break;
    default:
      return WZ_NEXT;
    }
  return WZ_STAY;
}

static enum wz_action
names_typed (struct wz_ui *ui, int key)
{
  ui_list_key (&ui->list, key, LIST_ROWS);
  return WZ_STAY;
}

static enum wz_help
names_help (struct wz_ui *ui)
{
  (void) ui;
  return WZ_HELP_NAMES;
}

/* l sets the CA's limit: the line that shows the limit says so. */
static const struct ui_key names_keys[] = {
  { 'a', NAMES_ADD, "a", N_("Add") },
  { UI_KEY (KEY_IC), NAMES_ADD, NULL, NULL },
  { 'e', NAMES_EDIT, "e", N_("Edit") },
  { UI_KEY (KEY_F (2)), NAMES_EDIT, NULL, NULL },
  { 'd', NAMES_REMOVE, "d", N_("Remove") },
  { UI_KEY (KEY_DC), NAMES_REMOVE, NULL, NULL },
  { '1', NAMES_SUGGEST, "1-3", N_("Suggest") },
  { '2', NAMES_SUGGEST, NULL, NULL },
  { '3', NAMES_SUGGEST, NULL, NULL },
  { 'l', NAMES_LIMIT, NULL, NULL },
  UI_ENTER_KEYS (NAMES_NEXT, "Enter", N_("Next")),
};

const struct wz_screen wz_names_screen = {
  .enter = names_enter, .draw = names_draw, .act = names_act,
  .key_typed = names_typed, .help = names_help,
  .keys = UI_KEYMAP (names_keys, UI_SHARE_ALL),
};
