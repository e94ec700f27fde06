#include <config.h>

#include "keys/tokens.h"

#include <gnutls/gnutls.h>
#include <gnutls/pkcs11.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "keys/key.h"
#include "base/xalloc.h"

#define TEXT_MAX 256

static char *
token_text (const char *url, gnutls_pkcs11_token_info_t what)
{
  char text[TEXT_MAX];
  size_t size = sizeof text;
  if (gnutls_pkcs11_token_get_info (url, what, text, &size) < 0)
    return xstrdup ("");
  return xstrdup (text);
}

static char *
object_text (gnutls_pkcs11_obj_t obj, gnutls_pkcs11_obj_info_t what)
{
  char text[TEXT_MAX];
  size_t size = sizeof text;
  if (gnutls_pkcs11_obj_get_info (obj, what, text, &size) < 0)
    return xstrdup ("");
  return xstrdup (text);
}

/* "RSA 3072 bits": what the key says once opened. */
static char *
describe (const char *uri, const char *pin)
{
  struct cw_key *key;
  struct cw_diags ignored = CW_DIAGS_INIT;
  char *text = cw_key_open_token_pin (uri, pin ? pin : "", &key, &ignored)
                 == CW_OK ? cw_key_describe (key) : xstrdup ("");
  cw_key_free (key);
  cw_diags_free (&ignored);
  return text;
}

static void
add_key (struct cw_token *token, gnutls_pkcs11_obj_t obj, const char *pin)
{
  char *uri;
  if (gnutls_pkcs11_obj_export_url (obj, GNUTLS_PKCS11_URL_GENERIC, &uri)
      < 0)
    return;
  token->keys = xreallocarray (token->keys, token->key_count + 1,
                               sizeof *token->keys);
  token->keys[token->key_count++] = (struct cw_token_key) {
    xstrdup (uri), object_text (obj, GNUTLS_PKCS11_OBJ_LABEL),
    object_text (obj, GNUTLS_PKCS11_OBJ_ID_HEX), describe (uri, pin),
  };
  gnutls_free (uri);
}

static int
give_pin (void *userdata, int attempt, const char *token_url,
          const char *token_label, unsigned flags, char *pin, size_t max)
{
  (void) token_url, (void) token_label, (void) flags;
  const char *given = userdata;
  if (attempt > 0 || !given || strlen (given) + 1 > max)
    return GNUTLS_E_PKCS11_PIN_ERROR;
  memcpy (pin, given, strlen (given) + 1);
  return 0;
}

/* By label, then id: the order a token lists its objects in is its own,
   and may change from one listing to the next. */
static int
key_order (const void *a, const void *b)
{
  const struct cw_token_key *x = a, *y = b;
  int by_label = strcmp (x->label, y->label);
  return by_label ? by_label : strcmp (x->id, y->id);
}

/* The private keys of TOKEN, logging in with PIN when it wants it. */
static void
list_keys (struct cw_token *token, const char *pin)
{
  if (token->login_required && !pin)
    return;
  gnutls_pkcs11_obj_t *objects = NULL;
  unsigned count = 0;
  gnutls_pkcs11_set_pin_function (give_pin, (void *) pin);
  int ret = gnutls_pkcs11_obj_list_import_url4 (
    &objects, &count, token->uri,
    GNUTLS_PKCS11_OBJ_FLAG_PRIVKEY
      | (token->login_required ? GNUTLS_PKCS11_OBJ_FLAG_LOGIN : 0));
  gnutls_pkcs11_set_pin_function (NULL, NULL);
  token->keys_listed = ret >= 0;
  for (unsigned i = 0; ret >= 0 && i < count; i++)
    add_key (token, objects[i], pin);
  if (token->key_count > 1)
    qsort (token->keys, token->key_count, sizeof *token->keys, key_order);
  for (unsigned i = 0; i < count; i++)
    gnutls_pkcs11_obj_deinit (objects[i]);
  gnutls_free (objects);
}

static void
add_token (struct cw_tokens *tokens, const char *url, const char *pin)
{
  unsigned flags = 0;
  if (gnutls_pkcs11_token_get_flags (url, &flags) < 0
      || (flags & GNUTLS_PKCS11_TOKEN_TRUSTED))
    return;
  tokens->items = xreallocarray (tokens->items, tokens->count + 1,
                                 sizeof *tokens->items);
  struct cw_token *token = &tokens->items[tokens->count++];
  *token = (struct cw_token) {
    xstrdup (url), token_text (url, GNUTLS_PKCS11_TOKEN_LABEL),
    token_text (url, GNUTLS_PKCS11_TOKEN_MANUFACTURER),
    token_text (url, GNUTLS_PKCS11_TOKEN_MODEL),
    token_text (url, GNUTLS_PKCS11_TOKEN_SERIAL),
    (flags & GNUTLS_PKCS11_TOKEN_LOGIN_REQUIRED) != 0, false, NULL, 0,
  };
  list_keys (token, pin);
}

enum cw_status
cw_tokens_list (struct cw_tokens *tokens, const char *pin,
                struct cw_diags *diags)
{
  (void) diags;
  *tokens = (struct cw_tokens) CW_TOKENS_INIT;
  cw_key_tokens_used ();
  for (unsigned seq = 0;; seq++)
    {
      char *url;
      if (gnutls_pkcs11_token_get_url (seq, GNUTLS_PKCS11_URL_GENERIC, &url)
          < 0)
        break;
      add_token (tokens, url, pin);
      gnutls_free (url);
    }
  return CW_OK;
}

void
cw_tokens_free (struct cw_tokens *tokens)
{
  for (size_t i = 0; i < tokens->count; i++)
    {
      struct cw_token *t = &tokens->items[i];
      for (size_t k = 0; k < t->key_count; k++)
        {
          free (t->keys[k].uri);
          free (t->keys[k].label);
          free (t->keys[k].id);
          free (t->keys[k].description);
        }
      free (t->keys);
      free (t->uri), free (t->label), free (t->manufacturer);
      free (t->model), free (t->serial);
    }
  free (tokens->items);
  *tokens = (struct cw_tokens) CW_TOKENS_INIT;
}
