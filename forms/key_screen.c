/* Step 3: the key: its type, whether it may be exported, a friendly
   name. */
#include <config.h>

#include <curses.h>
#include <stdlib.h>

#include "base/i18n.h"
#include "base/safetext.h"
#include "wizard_ui.h"
#include "term.h"
#include "text.h"
#include "base/xalloc.h"

enum { FOCUS_TYPE, FOCUS_EXPORTABLE, FOCUS_FRIENDLY, FOCUS_COUNT };

#define TYPES_TOP (WZ_TOP + 2)
#define EXPORT_ROW (TYPES_TOP + 6)
#define FRIENDLY_ROW (EXPORT_ROW + 3)

static const char *
mark (bool on, bool round)
{
  if (round)
    return on ? (cw_locale_is_utf8 () ? "(\xe2\x80\xa2)" : "(*)") : "( )";
  return on ? "[x]" : "[ ]";
}

static void
draw_types (struct wz_ui *ui)
{
  ui_put (WZ_TOP, 2, _("Key type:"), 0, UI_LABEL);
  for (size_t i = 0; i < wz_key_choice_count (); i++)
    {
      const struct cw_keytype *choice = wz_key_choice (i);
      bool chosen = ui->wz.key == i;
      char *mark_text = xasprintf ("%s ", mark (chosen, true));
      char *label = wz_labeled (mark_text, 4, _(choice->label));
      enum ui_role role = chosen && ui->focus == FOCUS_TYPE ? UI_SELECTED
                                                            : UI_NORMAL;
      /* Labels in a column of 34, explanations in the next. */
      ui_put (TYPES_TOP + (int) i, 4, label, 34, role);
      ui_put (TYPES_TOP + (int) i, 39, _(choice->explain), 0, UI_DIM);
      free (mark_text);
      free (label);
    }
}

static void
key_draw (struct wz_ui *ui)
{
  curs_set (0);
  draw_types (ui);
  char *exportable = xasprintf (_("%s Exportable: the key can be backed up "
                                  "to a PKCS#12 file (.pfx)"),
                                mark (ui->wz.exportable, false));
  ui_put (EXPORT_ROW, 2, exportable, 0,
          ui->focus == FOCUS_EXPORTABLE ? UI_SELECTED : UI_NORMAL);
  free (exportable);
  ui_put (EXPORT_ROW + 1, 6, ui->wz.exportable
            ? _("Keep it on: without a backup, a lost server means a new "
                "certificate.")
            : _("The key will never leave this machine, not even as a "
                "backup."), 0, UI_DIM);
  ui_put (FRIENDLY_ROW, 2, _("Friendly name"), 16, UI_LABEL);
  ui_put (FRIENDLY_ROW + 1, 19, _("Optional, to tell certificates apart: "
                                  "\"Contoso mail 2026\"."),
          0, UI_DIM);
  ui_field_draw (&ui->wz.friendly_name, FRIENDLY_ROW, 19, 40,
                 ui->focus == FOCUS_FRIENDLY);
}

static enum wz_action
key_key (struct wz_ui *ui, int key)
{
  if (key == UI_TAB)
    ui->focus = (ui->focus + 1) % FOCUS_COUNT;
  else if (key == UI_KEY (KEY_BTAB))
    ui->focus = (ui->focus + FOCUS_COUNT - 1) % FOCUS_COUNT;
  else if (ui_is_enter (key))
    {
      wz_save_draft (ui);
      return WZ_NEXT;
    }
  else if (ui->focus == FOCUS_TYPE && key == UI_KEY (KEY_UP) && ui->wz.key)
    ui->wz.key--;
  else if (ui->focus == FOCUS_TYPE && key == UI_KEY (KEY_DOWN)
           && ui->wz.key + 1 < wz_key_choice_count ())
    ui->wz.key++;
  else if (ui->focus == FOCUS_EXPORTABLE && key == ' ')
    ui->wz.exportable = !ui->wz.exportable;
  else if (ui->focus == FOCUS_FRIENDLY)
    ui_field_key (&ui->wz.friendly_name, key);
  else if (key == UI_KEY (KEY_DOWN) || key == UI_KEY (KEY_UP))
    ui->focus = (ui->focus + (key == UI_KEY (KEY_DOWN) ? 1 : FOCUS_COUNT - 1))
                % FOCUS_COUNT;
  return WZ_STAY;
}

static enum wz_help
key_help (struct wz_ui *ui)
{
  static const enum wz_help topics[FOCUS_COUNT] = {
    WZ_HELP_KEY, WZ_HELP_EXPORTABLE, WZ_HELP_FRIENDLY
  };
  return topics[ui->focus % FOCUS_COUNT];
}

static const struct ui_keyhint key_keys[] = {
  { "F1", N_("Help") }, { "Tab", N_("Next field") },
  { "Space", N_("Toggle") }, { "Enter", N_("Next") },
  { "Esc", N_("Back") }, { "F10", N_("Quit") },
};

const struct wz_screen wz_key_screen = {
  N_("Key"), NULL, key_draw, key_key, key_help,
  key_keys, sizeof key_keys / sizeof key_keys[0],
};
