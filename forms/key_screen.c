/* Step 3: the key: its type, whether it may be exported, a friendly
   name, and, when a token is present, a key on the token. */
#include <config.h>

#include <curses.h>
#include <stdlib.h>

#include "base/i18n.h"
#include "base/safetext.h"
#include "dialog.h"
#include "token_picker.h"
#include "wizard_ui.h"
#include "term.h"
#include "text.h"
#include "base/xalloc.h"

/* The token's control comes last, and only when a token is present:
   the other controls keep their places either way. */
enum { FOCUS_TYPE, FOCUS_EXPORTABLE, FOCUS_FRIENDLY, FOCUS_TOKEN };

#define TYPES_TOP (WZ_TOP + 2)
#define EXPORT_ROW (TYPES_TOP + 6)
#define FRIENDLY_ROW (EXPORT_ROW + 3)
#define TOKEN_ROW (FRIENDLY_ROW + 3)

static int
focus_count (const struct wz_ui *ui)
{
  return ui->tokens.count ? FOCUS_TOKEN + 1 : FOCUS_TOKEN;
}

/* Looks for the tokens present each time the step is entered: one may
   have been plugged in since.  A token chosen that went away is
   dropped. */
static void
key_enter (struct wz_ui *ui)
{
  struct cw_diags ignored = CW_DIAGS_INIT;
  cw_tokens_free (&ui->tokens);
  cw_tokens_list (&ui->tokens, NULL, &ignored);
  cw_diags_free (&ignored);
  if (ui->wz.token.uri && !wz_token_present (ui))
    {
      /* The status line keeps the text until the next key: a string of
         the catalog's, never one made here. */
      wz_say (ui, _("The token chosen before is not present: a new key "
                    "will be made in the store."), UI_WARNING);
      wz_token_drop (&ui->wz);
    }
  if (ui->focus >= focus_count (ui))
    ui->focus = FOCUS_TYPE;
}

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
      bool chosen = ui->wz.key == choice;
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

static char *
token_choice_text (const struct wizard *wz)
{
  if (wz_token_pin_needed (wz) && wz->token.key_text)
    /* TRANSLATORS: a token key chosen before the wizard was left; %s is
       its label and kind, such as "mail - ECDSA P-256". */
    return xasprintf (_("Key: %s; its PIN is asked again when you go on."),
                      wz->token.key_text);
  if (wz_token_pin_needed (wz))
    /* TRANSLATORS: %s is a key type such as "ECDSA P-256". */
    return xasprintf (_("A new key made on the token: %s; its PIN is asked "
                        "again when you go on."), _(wz->key->label));
  if (wz->token.key_text)
    /* TRANSLATORS: the key on a token chosen; %s is its label and kind,
       such as "mail - ECDSA P-256". */
    return xasprintf (_("Key: %s; its PIN is given."), wz->token.key_text);
  /* TRANSLATORS: %s is a key type such as "ECDSA P-256". */
  return xasprintf (_("A new key made on the token: %s; its PIN is "
                      "given."), _(wz->key->label));
}

static void
draw_token (struct wz_ui *ui)
{
  const struct wizard *wz = &ui->wz;
  const char *label = wz->token.uri ? wz->token.token_label
                                    : ui->tokens.items[0].label;
  char *line = xasprintf (_("%s A key on a token: %s"),
                          mark (wz->token.uri != NULL, false), label);
  ui_put (TOKEN_ROW, 2, line, 0,
          ui->focus == FOCUS_TOKEN ? UI_SELECTED : UI_NORMAL);
  free (line);
  if (!wz->token.uri)
    {
      ui_put (TOKEN_ROW + 1, 6, _("Space to use a key on the token: it "
                                  "signs there and never leaves it."), 0,
              UI_DIM);
      return;
    }
  char *choice = token_choice_text (wz);
  ui_put (TOKEN_ROW + 1, 6, choice, 0, UI_NOTE);
  free (choice);
}

static void
draw_exportable (struct wz_ui *ui)
{
  if (ui->wz.token.uri)
    {
      char *never = xasprintf (_("%s Exportable: a key on a token never "
                                 "leaves it"), mark (false, false));
      ui_put (EXPORT_ROW, 2, never, 0,
              ui->focus == FOCUS_EXPORTABLE ? UI_SELECTED : UI_DIM);
      free (never);
      return;
    }
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
}

static void
key_draw (struct wz_ui *ui)
{
  curs_set (0);
  draw_types (ui);
  draw_exportable (ui);
  if (ui->tokens.count)
    draw_token (ui);
  ui_put (FRIENDLY_ROW, 2, _("Friendly name"), 16, UI_LABEL);
  ui_put (FRIENDLY_ROW + 1, 19, _("Optional, to tell certificates apart: "
                                  "\"Contoso mail 2026\"."),
          0, UI_DIM);
  ui_field_draw (&ui->wz.friendly_name, FRIENDLY_ROW, 19, 40,
                 ui->focus == FOCUS_FRIENDLY);
}

enum
{
  TYPE_NEXT_FIELD = 1,
  TYPE_PREVIOUS_FIELD,
  TYPE_TOGGLE,
  TYPE_NEXT
};

/* The token to use: the only one, or the one the user picks. */
static const struct cw_token *
which_token (const struct wz_ui *ui)
{
  if (ui->tokens.count == 1)
    return &ui->tokens.items[0];
  const char **labels = xcalloc (ui->tokens.count, sizeof *labels);
  for (size_t i = 0; i < ui->tokens.count; i++)
    labels[i] = ui->tokens.items[i].label;
  int at = ui_choose (_("Which token"), _("Several tokens are present. "
                                          "Which one holds the key?"),
                      labels, ui->tokens.count, 0);
  free (labels);
  return at < 0 ? NULL : &ui->tokens.items[at];
}

static void
toggle_token (struct wz_ui *ui)
{
  if (ui->wz.token.uri)
    {
      wz_token_drop (&ui->wz);
      return;
    }
  const struct cw_token *token = which_token (ui);
  if (token)
    wz_pick_token_key (ui, token);
}

static enum wz_action
key_act (struct wz_ui *ui, int action, int key)
{
  (void) key;
  int count = focus_count (ui);
  switch (action)
    {
    case TYPE_NEXT_FIELD:
      ui->focus = (ui->focus + 1) % count;
      return WZ_STAY;
    case TYPE_PREVIOUS_FIELD:
      ui->focus = (ui->focus + count - 1) % count;
      return WZ_STAY;
    case TYPE_TOGGLE:
      /* In the friendly name, a space is typed. */
      if (ui->focus == FOCUS_FRIENDLY)
        return WZ_TYPE;
      if (ui->focus == FOCUS_EXPORTABLE && !ui->wz.token.uri)
        ui->wz.exportable = !ui->wz.exportable;
      if (ui->focus == FOCUS_TOKEN)
        toggle_token (ui);
      return WZ_STAY;
    default:
      /* A choice resumed from a draft has no PIN yet. */
      if (wz_token_pin_needed (&ui->wz) && !wz_token_pin_again (ui))
        return WZ_STAY;
      wz_save_draft (ui);
      return WZ_NEXT;
    }
}

static enum wz_action
key_typed (struct wz_ui *ui, int key)
{
  size_t at = wz_key_index (ui->wz.key);
  if (ui->focus == FOCUS_TYPE && key == UI_KEY (KEY_UP) && at > 0)
    ui->wz.key = wz_key_choice (at - 1);
  else if (ui->focus == FOCUS_TYPE && key == UI_KEY (KEY_DOWN)
           && at + 1 < wz_key_choice_count ())
    ui->wz.key = wz_key_choice (at + 1);
  else if (ui->focus == FOCUS_FRIENDLY)
    ui_field_key (&ui->wz.friendly_name, key);
  else if (key == UI_KEY (KEY_DOWN) || key == UI_KEY (KEY_UP))
    ui->focus = (ui->focus + (key == UI_KEY (KEY_DOWN) ? 1
                                                       : focus_count (ui) - 1))
                % focus_count (ui);
  return WZ_STAY;
}

static enum wz_help
key_help (struct wz_ui *ui)
{
  static const enum wz_help topics[FOCUS_TOKEN + 1] = {
    WZ_HELP_KEY, WZ_HELP_EXPORTABLE, WZ_HELP_FRIENDLY, WZ_HELP_TOKEN
  };
  return topics[ui->focus % (FOCUS_TOKEN + 1)];
}

static const struct ui_key key_keys[] = {
  { UI_TAB, TYPE_NEXT_FIELD, "Tab", N_("Next field") },
  { UI_KEY (KEY_BTAB), TYPE_PREVIOUS_FIELD, NULL, NULL },
  { ' ', TYPE_TOGGLE, "Space", N_("Toggle") },
  UI_ENTER_KEYS (TYPE_NEXT, "Enter", N_("Next")),
};

const struct wz_screen wz_key_screen = {
  .enter = key_enter, .draw = key_draw, .act = key_act, .key_typed = key_typed,
  .help = key_help, .keys = UI_KEYMAP (key_keys, UI_SHARE_ALL),
};
