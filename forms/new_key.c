#include <config.h>

#include "new_key.h"

#include <stdlib.h>

#include "keys/key.h"
#include "password_entry.h"

#include "dialog.h"
#include "base/i18n.h"
#include "report_view.h"
#include "base/xalloc.h"

static char *
first_step (const struct wizard *wz)
{
  if (wz_token_key_chosen (wz))
    /* TRANSLATORS: the first words of the progress screen; %s is the
       label of a PKCS#11 token. */
    return xasprintf (_("Opening the key on the token \"%s\"."),
                      wz->token.token_label);
  if (wz->token.uri)
    /* TRANSLATORS: the first words of the progress screen; the first %s
       is a key type such as "ECDSA P-256", the second the label of a
       PKCS#11 token. */
    return xasprintf (_("Making the key: %s, on the token \"%s\". This can "
                        "take a few seconds."),
                      _(wz->key->label), wz->token.token_label);
  /* TRANSLATORS: the first words of the progress screen; %s is a key
     type such as "RSA 3072 bits (recommended)". */
  return xasprintf (_("Making the key: %s. This can take a few seconds."),
                    _(wz->key->label));
}

void
wz_new_key_init (struct wz_new_key *key, struct wz_ui *ui, bool force)
{
  struct wizard *wz = &ui->wz;
  *key = (struct wz_new_key) { .ui = ui, .diags = CW_DIAGS_INIT };
  key->options = (struct cw_request_options) {
    .keytype = wz->key,
    .friendly_name = wz->friendly_name.len ? wz->friendly_name.text : NULL,
    .exportable = wz->exportable,
    .out = wz->out_path.text, .force = force,
  };
  if (wz->token.uri)
    {
      /* A token key never leaves its token; one that exists is used as
         it is, whatever type the list shows. */
      key->options.key_uri = wz->token.uri;
      key->options.exportable = false;
      if (wz_token_key_chosen (wz))
        key->options.keytype = NULL;
    }
  key->pin = wz_pin_typed (&wz->token.pin);
  wz_names_input (wz, &key->options.names);
  key->first_step = first_step (wz);
}

void
wz_new_key_failed (const struct wz_new_key *key, enum cw_status status,
                   const char *title)
{
  if (status == CW_CANCELLED)
    {
      ui_message (_("Stopped"), _("Stopped as asked: nothing was written, "
                                  "neither a key in the store nor a "
                                  "file."), UI_NOTE);
      return;
    }
  char *text = wz_diags_text (&key->diags);
  ui_message (title, text, UI_ERROR);
  free (text);
}

void
wz_new_key_free (struct wz_new_key *key)
{
  cw_diags_free (&key->diags);
  free (key->first_step);
}
