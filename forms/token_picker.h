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

/* Whether the token of the key chosen in ui->wz.token is among
   ui->tokens, as listed on entering the key step. */
bool wz_token_present (const struct wz_ui *ui);

/* Asks again the PIN of the token key chosen (resumed from a draft)
   until the token takes it: true with the PIN in ui->wz.token; false on
   Esc, or when the key chosen is no longer on the token (the choice is
   then dropped, and the user told). */
bool wz_token_pin_again (struct wz_ui *ui);

#endif
