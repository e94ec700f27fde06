/* What the wizard's screens share. */
#include <config.h>

#include <curses.h>
#include <stdlib.h>
#include <unistd.h>

#include "draft.h"
#include "flow.h"
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


/* The bar shows only the way on; F1 and Esc still work. */
const struct ui_key wz_end_key_table[WZ_END_KEY_COUNT] = {
  UI_ENTER_KEYS (WZ_END_MENU, "Enter", N_("Main menu")),
  { UI_ESC, WZ_END_MENU, NULL, NULL },
  { UI_KEY (KEY_F (1)), UI_ACT_HELP, NULL, NULL },
};

enum wz_action
wz_end_act (struct wz_ui *ui, int action, int key)
{
  (void) ui, (void) key;
  return action == WZ_END_MENU ? WZ_MENU : WZ_STAY;
}

const char *
wz_step_title (const struct wz_ui *ui, size_t at)
{
  const struct wz_flow *flow = ui->wz.flow;
  return _(at < flow->count ? flow->steps[at].title : flow->end.title);
}

void
wz_save_draft (struct wz_ui *ui)
{
  if (!wz_draft_save (&ui->wz, ui->store))
    wz_say (ui, _("The draft could not be saved; what you type is kept "
                  "only while certwiz runs."), UI_WARNING);
}

char *
wz_full_path (const char *path)
{
  if (*path == '/')
    return xstrdup (path);
  char *cwd = getcwd (NULL, 0);
  char *full = cwd ? xasprintf ("%s/%s", cwd, path) : xstrdup (path);
  free (cwd);
  return full;
}
