#include <config.h>

#include "new_key.h"

#include <stdlib.h>

#include "dialog.h"
#include "base/i18n.h"
#include "report_view.h"
#include "base/xalloc.h"

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
  wz_names_input (wz, &key->options.names);
  /* TRANSLATORS: the first words of the progress screen; %s is a key
     type such as "RSA 3072 bits (recommended)". */
  key->first_step = xasprintf (_("Making the key: %s. This can take a few "
                                 "seconds."),
                               _(wz->key->label));
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
