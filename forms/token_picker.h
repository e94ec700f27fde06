/* Choosing a key on a token: its PIN (masked, never kept in a draft),
   then one of its keys or a new key made there. */
#ifndef CERTWIZ_FORMS_TOKEN_PICKER_H
#define CERTWIZ_FORMS_TOKEN_PICKER_H

#include <stdbool.h>

#include "keys/tokens.h"
#include "wizard_ui.h"

/* Asks the PIN of TOKEN until the token takes it, then which key: true
   with the choice in ui->wz.token; false, changing nothing, on Esc. */
bool wz_pick_token_key (struct wz_ui *ui, const struct cw_token *token);

#endif
