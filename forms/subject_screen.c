/* Step 1: the subject, field by field, checked as the user types. */
#include <config.h>

#include <curses.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "names/country.h"
#include "country_picker.h"
#include "dialog.h"
#include "base/i18n.h"
#include "base/safetext.h"
#include "wizard_ui.h"
#include "term.h"
#include "text.h"
#include "base/xalloc.h"
#include "wrap.h"

#define LABEL_X 2
#define FIELD_X 20
/* Fields grow with the terminal, up to the longest value they take. */
#define FIELD_WIDTH (COLS - FIELD_X - 11 < 64 ? COLS - FIELD_X - 11 : 64)
#define DETAILS_ROWS 4

/* The controls of this screen in focus order: the style, then the
   fields the style shows. */
static int
control_count (const struct wz_ui *ui)
{
  int n = 1;
  for (int i = 0; i < WZ_FIELD_COUNT; i++)
    n += wz_field_shown (&ui->wz, (enum wz_field) i);
  return n;
}

/* The field of control C (1 and up), or -1 for the style. */
static int
field_of_control (const struct wz_ui *ui, int control)
{
  for (int i = 0; i < WZ_FIELD_COUNT; i++)
    if (wz_field_shown (&ui->wz, (enum wz_field) i) && --control == 0)
      return i;
  return -1;
}

static void
draw_style (const struct wz_ui *ui)
{
  bool dns = ui->wz.style == WZ_STYLE_DNS;
  const char *on = cw_locale_is_utf8 () ? "(\xe2\x80\xa2)" : "(*)";
  char *text = xasprintf (_("%s Country and organization   %s Domain "
                            "components (DNS)"), dns ? "( )" : on,
                          dns ? on : "( )");
  ui_put (WZ_TOP, LABEL_X, _("Naming style"), FIELD_X - LABEL_X - 1,
          UI_LABEL);
  ui_put (WZ_TOP, FIELD_X, text, 0,
          ui->focus == 0 ? UI_FIELD_FOCUS : UI_NORMAL);
  free (text);
}

/* The country is a code, but a name may be typed ("germany"): the field
   grows with what it holds. */
static int
country_width (const struct ui_field *f)
{
  int width = ui_width (f->text) + 1;
  return width < 3 ? 3 : width > 24 ? 24 : width;
}

static void
draw_extra (const struct wz_ui *ui, enum wz_field field, int y)
{
  const struct ui_field *f = &ui->wz.subject[field];
  size_t limit = wz_field_info (field)->max_chars;
  char *counter = xasprintf ("%zu/%zu", ui_field_chars (f), limit);
  /* Right-aligned, so that counters of every size end in one column. */
  ui_put_text (y, COLS - 1 - ui_width (counter), counter, 0,
               ui_field_chars (f) > limit ? UI_ERROR : UI_DIM);
  free (counter);
  if (field != WZ_COUNTRY)
    return;
  int x = FIELD_X + country_width (f) + 1;
  const struct cw_country *country = cw_country_by_alpha2 (f->text);
  if (x < COLS - 10)
    ui_put (y, x, country ? cw_country_name (country)
                          : _("F4: list of countries"),
            COLS - 10 - x, country ? UI_NORMAL : UI_DIM);
}

/* The finding under a field in WIDTH columns: whole when it fits, else
   cut between words and saying where to read it whole, never cut in
   the middle of a word with nothing said. */
static char *
finding_line (const char *message, int width, bool focused)
{
  if (ui_width (message) <= width)
    return xstrdup (message);
  const char *where = focused
    /* TRANSLATORS: after a finding cut short under the field that has
       the cursor; the whole text is in the panel below. */
    ? _("... (whole below)")
    /* TRANSLATORS: after a finding cut short under a field without the
       cursor; Tab takes the cursor there, and the panel shows it. */
    : _("... (Tab to it: whole below)");
  int room = width - ui_width (where) - 1;
  if (room < 8)
    return xstrdup (message);
  struct ui_lines lines;
  ui_wrap (message, room, &lines);
  char *line = xasprintf ("%s %s", lines.count ? lines.lines[0] : "",
                          where);
  ui_lines_free (&lines);
  return line;
}

static void
draw_field (struct wz_ui *ui, enum wz_field field, int control, int y)
{
  const struct wz_field_info *info = wz_field_info (field);
  bool focused = ui->focus == control;
  ui_put (y, LABEL_X, _(info->label), FIELD_X - LABEL_X - 1, UI_LABEL);
  draw_extra (ui, field, y);
  const struct cw_diag *worst = wz_field_worst (&ui->wz, field);
  if (ui->untypable == (int) field + 1)
    ui_put (y + 1, FIELD_X, _("Some characters cannot be typed here: see "
                              "below."), COLS - FIELD_X - 1, UI_WARNING);
  else if (worst)
    {
      char *line = finding_line (worst->message, COLS - FIELD_X - 1,
                                 focused);
      ui_put (y + 1, FIELD_X, line, COLS - FIELD_X - 1,
              wz_role_of (worst->severity));
      free (line);
    }
  ui_field_draw (&ui->wz.subject[field], y, FIELD_X,
                 field == WZ_COUNTRY ? country_width (&ui->wz.subject[field])
                                     : FIELD_WIDTH, focused);
}

/* The focused field's findings, after what the locale could not type. */
static void
draw_details (const struct wz_ui *ui, enum wz_field field, int y)
{
  const struct cw_diags *found = &ui->wz.subject_diags[field];
  if (ui->untypable != (int) field + 1)
    {
      wz_draw_diags (found, y, DETAILS_ROWS);
      return;
    }
  struct cw_diags shown = CW_DIAGS_INIT;
  cw_diag_add (&shown, CW_WARNING, "locale-cannot-type", NULL, "%s",
               ui_term_untypable_text ());
  for (size_t i = 0; i < found->count; i++)
    cw_diag_add (&shown, found->items[i].severity, found->items[i].code,
                 found->items[i].field, "%s", found->items[i].message);
  wz_draw_diags (&shown, y, DETAILS_ROWS);
  cw_diags_free (&shown);
}

static void
subject_draw (struct wz_ui *ui)
{
  int y = WZ_TOP + 2, control = 1, focused_field = -1;
  curs_set (0);
  draw_style (ui);
  for (int i = 0; i < WZ_FIELD_COUNT; i++)
    {
      if (!wz_field_shown (&ui->wz, (enum wz_field) i))
        continue;
      if (ui->focus == control)
        focused_field = i;
      if (ui->focus != control)
        draw_field (ui, (enum wz_field) i, control, y);
      y += 2, control++;
    }
  int details = WZ_STATUS_ROW - DETAILS_ROWS - 1;
  if (focused_field >= 0)
    draw_details (ui, (enum wz_field) focused_field, details);
  /* The focused field last, so the cursor stays in it. */
  if (focused_field >= 0)
    draw_field (ui, (enum wz_field) focused_field, ui->focus,
                WZ_TOP + 2 + 2 * (ui->focus - 1));
}

/* The panel the design calls for: a non-ASCII CN looks like a host name
   and is not one. */
static void
warn_non_ascii_cn (struct wz_ui *ui)
{
  const char *cn = ui->wz.subject[WZ_COMMON_NAME].text;
  const struct cw_diag *d = cw_diags_find (&ui->wz.subject_diags
                                             [WZ_COMMON_NAME],
                                           "cn-non-ascii");
  if (!d || (ui->warned_cn && strcmp (ui->warned_cn, cn) == 0))
    return;
  free (ui->warned_cn);
  ui->warned_cn = xstrdup (cn);
  ui_message (_("This common name is not a host name"), d->message,
              UI_WARNING);
}

/* A country typed as its name, its three-letter code or an alias
   ("germany", "DEU", "UK") becomes its code once the user leaves it; what
   names no country stays as typed, with the core's finding. */
static void
settle_country (struct wz_ui *ui)
{
  struct ui_field *f = &ui->wz.subject[WZ_COUNTRY];
  char *typed = xstrdup_trimmed (f->text);
  const struct cw_country *country = *typed ? cw_country_find (typed) : NULL;
  if (country && strcmp (typed, country->alpha2) != 0)
    {
      ui_field_set (f, country->alpha2);
      wz_check_field (&ui->wz, WZ_COUNTRY);
    }
  free (typed);
}

static void
leave_control (struct wz_ui *ui)
{
  int field = field_of_control (ui, ui->focus);
  if (field == WZ_COMMON_NAME)
    warn_non_ascii_cn (ui);
  if (field == WZ_COUNTRY)
    settle_country (ui);
  wz_save_draft (ui);
}

static void
move_focus (struct wz_ui *ui, int delta)
{
  leave_control (ui);
  ui->untypable = 0;
  int n = control_count (ui);
  ui->focus = (ui->focus + delta + n) % n;
}

static enum wz_action
style_key (struct wz_ui *ui, int key)
{
  if (key == ' ' || key == UI_KEY (KEY_LEFT) || key == UI_KEY (KEY_RIGHT))
    {
      wz_set_style (&ui->wz, ui->wz.style == WZ_STYLE_DNS
                               ? WZ_STYLE_COUNTRY : WZ_STYLE_DNS);
      wz_save_draft (ui);
    }
  return WZ_STAY;
}

static void
say_full (struct wz_ui *ui, enum wz_field field)
{
  static char message[200];
  const struct wz_field_info *info = wz_field_info (field);
  /* Only at WZ_FIELD_INPUT_MAX, far over the core's limit, whose own
     finding is already shown. */
  snprintf (message, sizeof message, _("%s holds at most %zu characters."),
            _(info->label), (size_t) WZ_FIELD_INPUT_MAX);
  wz_say (ui, message, UI_WARNING);
  beep ();
}

static enum wz_action
pick_country (struct wz_ui *ui)
{
  struct ui_field *f = &ui->wz.subject[WZ_COUNTRY];
  char *code = wz_pick_country (f->text);
  if (code)
    ui_field_set (f, code);
  free (code);
  wz_check_field (&ui->wz, WZ_COUNTRY);
  return WZ_STAY;
}

static enum wz_action
field_key (struct wz_ui *ui, enum wz_field field, int key)
{
  struct ui_field *f = &ui->wz.subject[field];
  if (key == UI_UNTYPABLE)
    {
      ui->untypable = (int) field + 1;
      return WZ_STAY;
    }
  enum ui_field_result r = ui_field_key (f, key);
  if (r == UI_FIELD_REFUSED)
    say_full (ui, field);
  if (r == UI_FIELD_CHANGED)
    wz_check_field (&ui->wz, field);
  return WZ_STAY;
}

/* Going on with an error left: the cursor goes to the first field with
   an error, not to one that only has a warning. */
static void
focus_first_error (struct wz_ui *ui)
{
  for (int control = 1; control < control_count (ui); control++)
    {
      const struct cw_diag *worst
        = wz_field_worst (&ui->wz,
                          (enum wz_field) field_of_control (ui, control));
      if (worst && worst->severity == CW_ERROR)
        {
          ui->untypable = 0;
          ui->focus = control;
          return;
        }
    }
}

enum
{
  SUBJECT_NEXT_FIELD = 1,
  SUBJECT_PREVIOUS_FIELD,
  SUBJECT_COUNTRIES,
  SUBJECT_ENTER
};

static enum wz_action
subject_act (struct wz_ui *ui, int action, int key)
{
  int field = field_of_control (ui, ui->focus);
  switch (action)
    {
    case SUBJECT_NEXT_FIELD:
      move_focus (ui, 1);
      return WZ_STAY;
    case SUBJECT_PREVIOUS_FIELD:
      move_focus (ui, -1);
      return WZ_STAY;
    case SUBJECT_COUNTRIES:
      return field == WZ_COUNTRY ? pick_country (ui) : WZ_STAY;
    default:
      break;
    }
  (void) key;
  /* Enter goes on: to the next field, and from the last one to the next
     step. */
  if (ui->focus < control_count (ui) - 1)
    {
      move_focus (ui, 1);
      return WZ_STAY;
    }
  leave_control (ui);
  focus_first_error (ui);
  return WZ_NEXT;
}

static enum wz_action
subject_typed (struct wz_ui *ui, int key)
{
  if (ui->focus == 0)
    return style_key (ui, key);
  return field_key (ui, (enum wz_field) field_of_control (ui, ui->focus),
                    key);
}

static enum wz_help
subject_help (struct wz_ui *ui)
{
  int field = field_of_control (ui, ui->focus);
  return field < 0 ? WZ_HELP_STYLE : wz_help_for_field ((enum wz_field)
                                                        field);
}

static const struct ui_key subject_keys[] = {
  { UI_TAB, SUBJECT_NEXT_FIELD, "Tab", N_("Next field") },
  { UI_KEY (KEY_DOWN), SUBJECT_NEXT_FIELD, NULL, NULL },
  { UI_KEY (KEY_BTAB), SUBJECT_PREVIOUS_FIELD, NULL, NULL },
  { UI_KEY (KEY_UP), SUBJECT_PREVIOUS_FIELD, NULL, NULL },
  { UI_KEY (KEY_F (4)), SUBJECT_COUNTRIES, "F4", N_("Countries") },
  UI_ENTER_KEYS (SUBJECT_ENTER, "Enter", N_("Next")),
};

const struct wz_screen wz_subject_screen = {
  .draw = subject_draw, .act = subject_act, .key_typed = subject_typed,
  .help = subject_help, .keys = UI_KEYMAP (subject_keys, UI_SHARE_ALL),
};
