/* Step 4: the request exactly as it will be written, and every finding
   left, each with the step to go back to.  Errors block; warnings do
   not. */
#include <config.h>

#include <curses.h>
#include <stdlib.h>
#include <string.h>

#include "flow.h"
#include "base/i18n.h"
#include "wizard_ui.h"
#include "term.h"
#include "text.h"
#include "wrap.h"
#include "base/xalloc.h"

#define LABEL_WIDTH 14

struct review_line
{
  char *text;
  enum ui_role role;
};

struct review
{
  struct review_line *lines;
  size_t count;
  bool blocked;
};

static void
add_line (struct review *r, enum ui_role role, const char *text)
{
  r->lines = xreallocarray (r->lines, r->count + 1, sizeof *r->lines);
  r->lines[r->count++] = (struct review_line) { xstrdup (text), role };
}

static void
add_field (struct review *r, const char *label, const char *value)
{
  char *line = wz_labeled (label, LABEL_WIDTH, value);
  add_line (r, UI_NORMAL, line);
  free (line);
}

static void
add_wrapped (struct review *r, enum ui_role role, const char *text)
{
  struct ui_lines lines;
  ui_wrap (text, COLS - 6, &lines);
  for (size_t i = 0; i < lines.count; i++)
    add_line (r, role, lines.lines[i]);
  ui_lines_free (&lines);
}

static char *
key_summary (const struct wizard *wz)
{
  if (wz->token.key_text)
    /* TRANSLATORS: the review's key line: the key on a token chosen
       ("mail - ECDSA P-256"), then the token's label. */
    return xasprintf (_("%s, on the token \"%s\""), wz->token.key_text,
                      wz->token.token_label);
  if (wz->token.uri)
    /* TRANSLATORS: the review's key line: a key type, then the label of
       the token the new key is made on. */
    return xasprintf (_("%s, made on the token \"%s\""), _(wz->key->label),
                      wz->token.token_label);
  return xasprintf ("%s, %s", _(wz->key->label),
                    wz->exportable ? _("exportable") : _("not exportable"));
}

static void
add_names (struct review *r, const struct wz_ui *ui,
           const struct cw_names *names)
{
  char *subject = cw_subject_format (&names->subject);
  add_field (r, _("Subject"), subject);
  free (subject);
  for (size_t i = 0; i < names->sans.count; i++)
    add_field (r, i == 0 ? _("Names") : "", names->sans.items[i].name);
  char *key_text = key_summary (&ui->wz);
  add_field (r, _("Key"), key_text);
  free (key_text);
  if (ui->wz.friendly_name.len)
    add_field (r, _("Friendly name"), ui->wz.friendly_name.text);
}

static void
add_findings (struct review *r, const struct wz_ui *ui,
              const struct cw_diags *diags, enum cw_severity severity,
              const char *heading)
{
  if (cw_diags_count (diags, severity) == 0)
    return;
  add_line (r, UI_NORMAL, "");
  add_line (r, UI_LABEL, heading);
  for (size_t i = 0; i < diags->count; i++)
    {
      const struct cw_diag *d = &diags->items[i];
      if (d->severity != severity)
        continue;
      size_t at = wz_flow_fix_at (ui->wz.flow, wz_step_of_diag (d));
      /* TRANSLATORS: "(step 1: Subject) message" in the review. */
      char *line = xasprintf (_("(step %d: %s) %s"), (int) at + 1,
                              wz_step_title (ui, at), d->message);
      add_wrapped (r, wz_role_of (severity), line);
      free (line);
    }
}

static void
build (struct wz_ui *ui, struct review *r)
{
  struct cw_names names = CW_NAMES_INIT;
  struct cw_diags diags = CW_DIAGS_INIT;
  *r = (struct review) { NULL, 0, false };
  r->blocked = !wz_check_all (&ui->wz, &names, &diags);
  add_names (r, ui, &names);
  add_findings (r, ui, &diags, CW_ERROR,
                _("Errors: fix them before going on (press the step's "
                  "number to go there):"));
  add_findings (r, ui, &diags, CW_WARNING, _("Warnings: you may go on, but "
                                         "read them:"));
  add_findings (r, ui, &diags, CW_NOTE, _("Notes:"));
  if (!r->blocked)
    {
      add_line (r, UI_NORMAL, "");
      add_line (r, UI_NOTE, _("Press Enter to go on."));
    }
  cw_names_free (&names);
  cw_diags_free (&diags);
}

static void
review_free (struct review *r)
{
  for (size_t i = 0; i < r->count; i++)
    free (r->lines[i].text);
  free (r->lines);
}

static int
rows (void)
{
  return WZ_STATUS_ROW - WZ_TOP - 1;
}

static void
review_draw (struct wz_ui *ui)
{
  struct review r;
  curs_set (0);
  build (ui, &r);
  /* Longer than the screen: the last row says so, and how to scroll. */
  int shown = (size_t) rows () < r.count ? rows () - 1 : rows ();
  if (ui->list.top + (size_t) shown > r.count)
    ui->list.top = r.count > (size_t) shown ? r.count - (size_t) shown : 0;
  for (int i = 0; i < shown && ui->list.top + (size_t) i < r.count; i++)
    {
      const struct review_line *line = &r.lines[ui->list.top + (size_t) i];
      ui_put (WZ_TOP + i, 2, line->text, COLS - 4, line->role);
    }
  if (shown < rows ())
    ui_scroll_marker (WZ_TOP + shown, 2, COLS - 4, ui->list.top,
                      (size_t) shown, r.count);
  review_free (&r);
}

enum
{
  REVIEW_GO_TO = 1,
  REVIEW_NEXT
};

static enum wz_action
review_act (struct wz_ui *ui, int action, int key)
{
  if (action == REVIEW_GO_TO)
    {
      ui->go_to = ui->wz.flow->steps[key - '1'].step;
      return WZ_GOTO;
    }
  if (wz_step_complete (&ui->wz))
    return WZ_NEXT;
  wz_say (ui, _("Fix the errors first: press the number of the step "
                "they name."), UI_ERROR);
  beep ();
  return WZ_STAY;
}

static enum wz_action
review_typed (struct wz_ui *ui, int key)
{
  if (key == UI_KEY (KEY_DOWN) || key == UI_KEY (KEY_NPAGE))
    ui->list.top += key == UI_KEY (KEY_DOWN) ? 1 : (size_t) rows ();
  else if (key == UI_KEY (KEY_UP) || key == UI_KEY (KEY_PPAGE))
    {
      size_t by = key == UI_KEY (KEY_UP) ? 1 : (size_t) rows ();
      ui->list.top = ui->list.top > by ? ui->list.top - by : 0;
    }
  return WZ_STAY;
}

static void
review_enter (struct wz_ui *ui)
{
  ui->list.top = 0;
}

static enum wz_help
review_help (struct wz_ui *ui)
{
  (void) ui;
  return WZ_HELP_REVIEW;
}

/* The steps that findings send back to: the subject, the names, the
   key. */
static const struct ui_key review_keys[] = {
  { '1', REVIEW_GO_TO, "1-3", N_("Go to step") },
  { '2', REVIEW_GO_TO, NULL, NULL },
  { '3', REVIEW_GO_TO, NULL, NULL },
  UI_ENTER_KEYS (REVIEW_NEXT, "Enter", N_("Next")),
};

const struct wz_screen wz_review_screen = {
  .enter = review_enter, .draw = review_draw, .act = review_act,
  .key_typed = review_typed, .help = review_help,
  .keys = UI_KEYMAP (review_keys, UI_SHARE_ALL),
};
