/* The wizard's choice of a key on a token, and its PIN (no terminal
   needed). */
#include <config.h>

#include <stdlib.h>
#include <string.h>

#include "keys/key.h"
#include "wizard.h"
#include "base/xalloc.h"

static char *
copy_or_null (const char *text)
{
  return text ? xstrdup (text) : NULL;
}

void
wz_token_choose (struct wizard *wz, const char *uri, const char *token_label,
                 const char *key_text, const char *pin)
{
  wz_token_drop (wz);
  wz->token = (struct wz_token_key) {
    .uri = xstrdup (uri), .token_label = xstrdup (token_label),
    .key_text = copy_or_null (key_text), .pin = copy_or_null (pin),
  };
}

void
wz_token_drop (struct wizard *wz)
{
  struct wz_token_key *token = &wz->token;
  if (token->pin)
    explicit_bzero (token->pin, strlen (token->pin));
  free (token->pin);
  free (token->uri);
  free (token->token_label);
  free (token->key_text);
  *token = (struct wz_token_key) { NULL, NULL, NULL, NULL };
}

bool
wz_token_pin_needed (const struct wizard *wz)
{
  return wz->token.uri && !wz->token.pin;
}

bool
wz_token_key_chosen (const struct wizard *wz)
{
  return wz->token.uri && !cw_key_uri_names_token (wz->token.uri);
}
