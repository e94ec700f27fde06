/* Choosing a key on a token: the PIN first (a token lists its keys only
   once logged in), then the list of its keys, "a new key" first. */
#include <config.h>

#include "token_picker.h"

#include <stdlib.h>
#include <string.h>

#include "dialog.h"
#include "base/i18n.h"
#include "list_screen.h"
#include "password_entry.h"
#include "term.h"
#include "text.h"
#include "base/xalloc.h"

struct picker
{
  struct wz_ui *ui;
  const struct cw_token *token;   /* as listed with the PIN */
};

/* "mail - ECDSA P-256 (id 01)", or the id alone when it has no label. */
static char *
key_text (const struct cw_token_key *key)
{
  if (*key->label)
    return xasprintf ("%s - %s", key->label, key->description);
  /* TRANSLATORS: a key on a token that has no label: its kind and its
     id in hex. */
  return xasprintf (_("%s (id %s)"), key->description, key->id);
}

static void
draw_row (int y, int x, int width, size_t index, bool selected, void *state)
{
  struct picker *p = state;
  char *line;
  if (index == 0)
    /* TRANSLATORS: %s is a key type such as "ECDSA P-256". */
    line = xasprintf (_("Make a new key on this token: %s"),
                      _(p->ui->wz.key->label));
  else
    line = key_text (&p->token->keys[index - 1]);
  ui_put (y, x, line, width, selected ? UI_SELECTED : UI_NORMAL);
  free (line);
}

static const struct cw_token *
find_token (const struct cw_tokens *tokens, const char *uri)
{
  for (size_t i = 0; i < tokens->count; i++)
    if (strcmp (tokens->items[i].uri, uri) == 0)
      return &tokens->items[i];
  return NULL;
}

/* The token's keys, listed with PIN; NULL when the token refused it. */
static const struct cw_token *
log_in (const struct cw_token *token, const char *pin,
        struct cw_tokens *listed)
{
  struct cw_diags ignored = CW_DIAGS_INIT;
  cw_tokens_list (listed, pin, &ignored);
  cw_diags_free (&ignored);
  const struct cw_token *found = find_token (listed, token->uri);
  return found && found->keys_listed ? found : NULL;
}

static bool
ask_pin (const struct cw_token *token, struct wz_secret *pin)
{
  char *text = xasprintf (_("Type the PIN of the token \"%s\". It is not "
                            "shown, and certwiz keeps it only while it "
                            "runs, never in the saved draft."),
                          token->label);
  bool given = wz_ask_password (_("The token's PIN"), text,
                                wz_help_title (WZ_HELP_TOKEN),
                                wz_help_text (WZ_HELP_TOKEN), pin);
  free (text);
  return given;
}

static void
say_refused (const struct cw_token *token)
{
  char *text = xasprintf (_("The token \"%s\" did not take this PIN, so "
                            "its keys cannot be listed. Type it again, "
                            "with care: after a few wrong PINs a token "
                            "locks itself."), token->label);
  ui_message (_("Wrong PIN"), text, UI_ERROR);
  free (text);
}

/* Asks TOKEN's PIN until the token takes it (into *PIN, its keys into
   *LISTED): the token as listed, or NULL on Esc. */
static const struct cw_token *
log_in_asking (const struct cw_token *token, struct wz_secret *pin,
               struct cw_tokens *listed)
{
  const struct cw_token *found = NULL;
  while (!found && ask_pin (token, pin))
    {
      found = log_in (token, pin->text, listed);
      if (!found)
        {
          cw_tokens_free (listed);
          wz_secret_wipe (pin);
          say_refused (token);
        }
    }
  return found;
}

static bool
choose_key (struct wz_ui *ui, const struct cw_token *token, const char *pin)
{
  struct picker p = { .ui = ui, .token = token };
  char *question = xasprintf (_("Which key on the token \"%s\" signs the "
                                "request:"), token->label);
  /* Row 0 makes a new key; the token's keys follow. */
  struct wz_list_screen screen = {
    .ui = ui, .title = _("A key on a token"), .subtitle = token->label,
    .question = question,
    .note = _("(A key on a token never leaves it: it cannot be backed "
              "up.)"),
    .help_title = wz_help_title (WZ_HELP_TOKEN),
    .help_text = wz_help_text (WZ_HELP_TOKEN),
    .count = token->key_count + 1, .selected = token->key_count > 0,
    .draw_row = draw_row, .row_state = &p,
  };
  enum wz_action action = wz_list_screen_run (&screen);
  free (question);
  if (action != WZ_NEXT)
    return false;
  size_t at = screen.selected;
  if (at == 0)
    wz_token_choose (&ui->wz, token->uri, token->label, NULL, pin);
  else
    {
      char *text = key_text (&token->keys[at - 1]);
      wz_token_choose (&ui->wz, token->keys[at - 1].uri, token->label, text,
                       pin);
      free (text);
    }
  return true;
}

bool
wz_pick_token_key (struct wz_ui *ui, const struct cw_token *token)
{
  struct wz_secret pin;
  wz_secret_init (&pin);
  struct cw_tokens listed = CW_TOKENS_INIT;
  const struct cw_token *found = log_in_asking (token, &pin, &listed);
  bool chosen = found && choose_key (ui, found, pin.text);
  cw_tokens_free (&listed);
  wz_secret_free (&pin);
  return chosen;
}

static const struct cw_token *
token_labeled (const struct cw_tokens *tokens, const char *label)
{
  for (size_t i = 0; label && i < tokens->count; i++)
    if (strcmp (tokens->items[i].label, label) == 0)
      return &tokens->items[i];
  return NULL;
}

bool
wz_token_present (const struct wz_ui *ui)
{
  return token_labeled (&ui->tokens, ui->wz.token.token_label) != NULL;
}

static bool
holds_key (const struct cw_token *token, const char *uri)
{
  for (size_t i = 0; i < token->key_count; i++)
    if (strcmp (token->keys[i].uri, uri) == 0)
      return true;
  return false;
}

static void
say_key_gone (struct wz_ui *ui)
{
  char *text = xasprintf (_("The key chosen before is no longer on the "
                            "token \"%s\". Choose a key again: Space on "
                            "\"A key on a token\"."),
                          ui->wz.token.token_label);
  ui_message (_("Key not found"), text, UI_ERROR);
  free (text);
  wz_token_drop (&ui->wz);
}

bool
wz_token_pin_again (struct wz_ui *ui)
{
  const struct cw_token *token = token_labeled (&ui->tokens,
                                                ui->wz.token.token_label);
  if (!token)
    return false;
  struct wz_secret pin;
  wz_secret_init (&pin);
  struct cw_tokens listed = CW_TOKENS_INIT;
  const struct cw_token *found = log_in_asking (token, &pin, &listed);
  bool taken = found != NULL;
  if (taken && ui->wz.token.key_text
      && !holds_key (found, ui->wz.token.uri))
    {
      say_key_gone (ui);
      taken = false;
    }
  else if (taken)
    ui->wz.token.pin = xstrdup (pin.text);
  cw_tokens_free (&listed);
  wz_secret_free (&pin);
  return taken;
}
