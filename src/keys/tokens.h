/* The tokens present and the keys on them, for a screen that offers "a
   key on a token": each token with its URI and label, each key with the
   URI that opens it (cw_key_open_token_pin). */
#ifndef CERTWIZ_TOKENS_H
#define CERTWIZ_TOKENS_H

#include <stdbool.h>
#include <stddef.h>

#include "base/diag.h"
#include "base/status.h"

struct cw_token_key
{
  char *uri;               /* pkcs11:...;type=private */
  char *label;             /* the object's label; "" when none */
  char *id;                /* its id in hex */
  char *description;       /* "RSA 3072 bits", "ECDSA P-256" */
};

struct cw_token
{
  char *uri;               /* the token's pkcs11: URI, to make a key on */
  char *label;
  char *manufacturer;
  char *model;
  char *serial;
  bool login_required;     /* its keys are listed only with its PIN */
  bool keys_listed;        /* false when its keys need a PIN not given */
  struct cw_token_key *keys;
  size_t key_count;
};

struct cw_tokens
{
  struct cw_token *items;
  size_t count;
};

#define CW_TOKENS_INIT { NULL, 0 }

/* Every token present that can hold keys (trust modules are left out),
   with its private keys, by label.  A token that wants a login lists
   them only with PIN (may be NULL: then its keys are not listed). */
enum cw_status cw_tokens_list (struct cw_tokens *tokens, const char *pin,
                               struct cw_diags *diags);
void cw_tokens_free (struct cw_tokens *tokens);

#endif
