/* What the last steps of the request and of the self-signed certificate
   share: the options the core is handed, made from the wizard's state,
   the first words of the progress screen, and what to say when no key
   came of it. */
#ifndef CERTWIZ_FORMS_NEW_KEY_H
#define CERTWIZ_FORMS_NEW_KEY_H

#include <stdbool.h>

#include "base/diag.h"
#include "base/status.h"
#include "pki/request.h"
#include "wizard_ui.h"

struct wz_new_key
{
  struct wz_ui *ui;
  struct cw_request_options options;
  struct cw_diags diags;   /* what the core found */
  char *first_step;        /* "Making the key: RSA 3072 bits..." */
  struct cw_pin_source pin;   /* the PIN typed for a token key */
};

/* The options for UI's wizard; FORCE replaces an existing request
   file. */
void wz_new_key_init (struct wz_new_key *key, struct wz_ui *ui, bool force);
/* Says why nothing was made (STATUS, the core's), in a message titled
   TITLE; stopped on the user's request, it says that nothing was
   written. */
void wz_new_key_failed (const struct wz_new_key *key, enum cw_status status,
                        const char *title);
void wz_new_key_free (struct wz_new_key *key);

#endif
