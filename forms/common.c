/* What the wizard's screens share. */
#include <config.h>

#include <curses.h>
#include <stdlib.h>

#include "draft.h"
#include "base/i18n.h"
#include "wizard_ui.h"
#include "text.h"
#include "base/textwidth.h"
#include "wrap.h"
#include "base/xalloc.h"

void
wz_say (struct wz_ui *ui, const char *text, enum ui_role role)
{
  ui->status = text;
  ui->status_role = role;
}

enum ui_role
wz_role_of (enum cw_severity severity)
{
  return severity == CW_ERROR ? UI_ERROR
         : severity == CW_WARNING ? UI_WARNING : UI_NOTE;
}

void
wz_draw_diags (const struct cw_diags *diags, int y, int rows)
{
  int row = 0;
  for (size_t i = 0; i < diags->count && row < rows; i++)
    {
      struct ui_lines lines;
      ui_wrap (diags->items[i].message, COLS - 4, &lines);
      for (size_t j = 0; j < lines.count && row < rows; j++)
        ui_put (y + row++, 2, lines.lines[j], COLS - 4,
                wz_role_of (diags->items[i].severity));
      ui_lines_free (&lines);
    }
}

char *
wz_labeled (const char *label, int width, const char *value)
{
  char *fitted = cw_text_fit (label, (size_t) width);
  char *line = xasprintf ("%s%s", fitted, value);
  free (fitted);
  return line;
}

void
wz_draw_keys (const struct ui_keyhint *keys, size_t count)
{
  struct ui_keyhint *translated = xcalloc (count, sizeof *translated);
  for (size_t i = 0; i < count; i++)
    translated[i] = (struct ui_keyhint) { keys[i].key, _(keys[i].label) };
  ui_keybar (translated, count);
  free (translated);
}

const struct wz_screen *
wz_screen_of (enum wz_step step)
{
  static const struct wz_screen *const screens[WZ_STEP_COUNT + 1] = {
    &wz_subject_screen, &wz_names_screen, &wz_key_screen,
    &wz_review_screen, &wz_write_screen, &wz_done_screen,
  };
  return screens[step <= WZ_STEP_COUNT ? step : WZ_STEP_COUNT];
}

const char *
wz_step_title (const struct wz_ui *ui, enum wz_step step)
{
  if (ui->wz.self_signed && step == WZ_STEP_WRITE)
    return _("Validity");
  return _(wz_screen_of (step)->title);
}

void
wz_save_draft (struct wz_ui *ui)
{
  if (!wz_draft_save (&ui->wz, ui->store))
    wz_say (ui, _("The draft could not be saved; what you type is kept "
                  "only while certwiz runs."), UI_WARNING);
}
