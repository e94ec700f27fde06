/* Keys on a PKCS#11 token, as GnuTLS's own tools reach them: a pkcs11:
   URI (RFC 7512), the modules p11-kit registers, a PIN from the caller's
   source.  The key stays on the token; certwiz keeps only its URI. */
#include <config.h>

#include "keys/key_impl.h"

#include <gnutls/crypto.h>
#include <gnutls/pkcs11.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "base/i18n.h"
#include "base/xalloc.h"

#define TOKEN_TEXT_MAX 256
#define ID_BYTES 20

/* Whether the PKCS#11 modules were loaded (by any token operation). */
static bool tokens_used;

void
cw_key_tokens_used (void)
{
  tokens_used = true;
}

void
cw_key_tokens_done (void)
{
  if (tokens_used)
    gnutls_pkcs11_deinit ();
  tokens_used = false;
}

/* ------------------------------------------------------------ the URI */

/* The part of URI between "pkcs11:" and "?", where the attributes that
   name a token and an object are. */
static size_t
path_length (const char *path)
{
  const char *query = strchr (path, '?');
  return query ? (size_t) (query - path) : strlen (path);
}

/* The value of the attribute NAME in the path of URI, percent-decoded
   (owned by the caller); NULL when it has none. */
static char *
path_attribute (const char *uri, const char *name)
{
  const char *path = uri + strlen ("pkcs11:");
  size_t len = path_length (path), name_len = strlen (name);
  for (size_t i = 0; i < len;)
    {
      size_t end = i;
      while (end < len && path[end] != ';')
        end++;
      if (end - i > name_len && strncasecmp (path + i, name, name_len) == 0
          && path[i + name_len] == '=')
        {
          char *value = xmalloc (end - i);
          size_t n = 0;
          for (size_t j = i + name_len + 1; j < end; j++)
            {
              unsigned hi, lo;
              if (path[j] == '%' && j + 2 < end
                  && sscanf (path + j + 1, "%1x%1x", &hi, &lo) == 2)
                {
                  value[n++] = (char) (hi << 4 | lo);
                  j += 2;
                }
              else
                value[n++] = path[j];
            }
          value[n] = '\0';
          return value;
        }
      i = end + 1;
    }
  return NULL;
}

static bool
has_path_attribute (const char *uri, const char *name)
{
  char *value = path_attribute (uri, name);
  free (value);
  return value != NULL;
}

bool
cw_key_uri_names_token (const char *uri)
{
  return !has_path_attribute (uri, "id")
         && !has_path_attribute (uri, "object");
}

static bool
holds_pin (const char *uri)
{
  for (const char *p = uri; *p; p++)
    if (strncasecmp (p, "pin-value=", 10) == 0
        || strncasecmp (p, "pin-source=", 11) == 0)
      return true;
  return false;
}

bool
cw_key_uri_check (const char *uri, struct cw_diags *diags)
{
  if (strncasecmp (uri, "pkcs11:", 7) != 0)
    {
      cw_diag_add (diags, CW_ERROR, "token-uri-invalid", "key-uri",
                   _("\"%s\" is not a PKCS#11 URI. A key on a token is "
                     "named like pkcs11:token=NAME;object=LABEL, and a token "
                     "alone like pkcs11:token=NAME."), uri);
      return false;
    }
  if (holds_pin (uri))
    {
      cw_diag_add (diags, CW_ERROR, "token-uri-pin", "key-uri",
                   _("The PKCS#11 URI holds a PIN (pin-value or pin-source). "
                     "A PIN must never be written where others can see it: "
                     "take it out of the URI and give the PIN separately."));
      return false;
    }
  return true;
}

/* "pkcs11:" and the URI's path, then ATTRIBUTES, then its query. */
static char *
uri_with (const char *uri, const char *attributes)
{
  const char *path = uri + strlen ("pkcs11:");
  size_t len = path_length (path);
  return xasprintf ("pkcs11:%.*s%s%s%s", (int) len, path,
                    len && *attributes ? ";" : "", attributes, path + len);
}

/* Appends NAME=VALUE, percent-encoded, to *TEXT. */
static void
append_attribute (char **text, const char *name, const unsigned char *value,
                  size_t len, bool encode_all)
{
  static const char hex[] = "0123456789ABCDEF";
  size_t used = strlen (*text);
  *text = xreallocarray (*text, used + strlen (name) + 3 * len + 3, 1);
  char *out = *text + used;
  out += sprintf (out, "%s%s=", used > strlen ("pkcs11:") ? ";" : "", name);
  for (size_t i = 0; i < len; i++)
    {
      unsigned char c = value[i];
      if (!encode_all && (strchr ("-._~", c) || (c >= '0' && c <= '9')
                          || ((c | 0x20) >= 'a' && (c | 0x20) <= 'z')))
        *out++ = (char) c;
      else
        {
          *out++ = '%';
          *out++ = hex[c >> 4];
          *out++ = hex[c & 15];
        }
    }
  *out = '\0';
}

static bool
object_info (gnutls_pkcs11_privkey_t key, gnutls_pkcs11_obj_info_t what,
             unsigned char *buf, size_t *size)
{
  size_t room = *size - 1;
  if (gnutls_pkcs11_privkey_get_info (key, what, buf, &room) < 0)
    return false;
  *size = what == GNUTLS_PKCS11_OBJ_ID ? room : strlen ((char *) buf);
  return true;
}

/* The key's URI in full (the token it is on, its id and label), so that
   it finds the same key later whatever the user typed; the query of
   USER_URI (a module-path) is kept. */
static char *
full_uri (gnutls_privkey_t priv, const char *user_uri)
{
  static const struct
  {
    const char *name;
    gnutls_pkcs11_obj_info_t what;
  } parts[] = {
    { "model", GNUTLS_PKCS11_OBJ_TOKEN_MODEL },
    { "manufacturer", GNUTLS_PKCS11_OBJ_TOKEN_MANUFACTURER },
    { "serial", GNUTLS_PKCS11_OBJ_TOKEN_SERIAL },
    { "token", GNUTLS_PKCS11_OBJ_TOKEN_LABEL },
    { "id", GNUTLS_PKCS11_OBJ_ID },
    { "object", GNUTLS_PKCS11_OBJ_LABEL },
  };
  gnutls_pkcs11_privkey_t key;
  if (gnutls_privkey_export_pkcs11 (priv, &key) < 0)
    return xstrdup (user_uri);
  char *uri = xstrdup ("pkcs11:");
  for (size_t i = 0; i < sizeof parts / sizeof parts[0]; i++)
    {
      unsigned char buf[TOKEN_TEXT_MAX];
      size_t size = sizeof buf;
      if (object_info (key, parts[i].what, buf, &size) && size > 0)
        append_attribute (&uri, parts[i].name, buf, size,
                          parts[i].what == GNUTLS_PKCS11_OBJ_ID);
    }
  gnutls_pkcs11_privkey_deinit (key);
  char *typed = xasprintf ("%s;type=private", uri);
  const char *query = strchr (user_uri, '?');
  char *full = xasprintf ("%s%s", typed, query ? query : "");
  free (typed);
  free (uri);
  return full;
}

/* ------------------------------------------------------------ the PIN */

static void
wipe_pin (struct cw_pin_state *state)
{
  if (!state->pin)
    return;
  explicit_bzero (state->pin, strlen (state->pin));
  free (state->pin);
  state->pin = NULL;
}

/* GnuTLS asks for the PIN; the PIN once given is used again when the
   token asks again, and the source is asked anew only after a refusal. */
static int
give_pin (void *userdata, int attempt, const char *token_url,
          const char *token_label, unsigned flags, char *pin, size_t max)
{
  struct cw_pin_state *state = userdata;
  (void) token_url;
  if (flags & GNUTLS_PIN_WRONG)
    {
      state->refused = true;
      wipe_pin (state);
    }
  if (!state->pin)
    {
      if (!state->source.ask || !state->diags)
        return GNUTLS_E_PKCS11_PIN_ERROR;
      state->asked = true;
      state->given = state->source.ask (state->source.state, token_label,
                                        (unsigned) attempt, &state->pin,
                                        state->diags);
      if (state->given != CW_OK)
        wipe_pin (state);
    }
  if (!state->pin || strlen (state->pin) + 1 > max)
    {
      wipe_pin (state);
      return GNUTLS_E_PKCS11_PIN_ERROR;
    }
  memcpy (pin, state->pin, strlen (state->pin) + 1);
  return 0;
}

static struct cw_pin_state *
new_pin_state (const struct cw_pin_source *source, struct cw_diags *diags)
{
  struct cw_pin_state *state = xcalloc (1, sizeof *state);
  if (source)
    state->source = *source;
  state->diags = diags;
  state->diags_before = diags->count;
  return state;
}

/* --------------------------------------------------------- the errors */

static enum cw_status
report_pin (const struct cw_pin_state *state, const char *label,
            struct cw_diags *diags)
{
  /* The source already said why it had no PIN. */
  if (diags->count > state->diags_before)
    return state->given != CW_OK ? state->given : CW_REFUSED;
  if (state->refused)
    cw_diag_add (diags, CW_ERROR, "token-pin-wrong", "pin",
                 _("The token \"%s\" refused the PIN. Check it and try "
                   "again; many tokens lock after a few wrong PINs. Nothing "
                   "was changed."), label);
  else
    cw_diag_add (diags, CW_ERROR, "token-pin-missing", "pin",
                 _("The token \"%s\" needs its PIN, and none was given. Give "
                   "the PIN, then try again."), label);
  return CW_REFUSED;
}

static enum cw_status
report_open_failure (int ret, const struct cw_pin_state *state,
                     const char *uri, const char *label,
                     struct cw_diags *diags)
{
  /* A URI that names no token is searched on every token. */
  if (!*label)
    label = uri;
  if (ret == GNUTLS_E_PKCS11_PIN_ERROR)
    return report_pin (state, label, diags);
  if (ret == GNUTLS_E_PKCS11_PIN_LOCKED
      || ret == GNUTLS_E_PKCS11_PIN_EXPIRED)
    {
      cw_diag_add (diags, CW_ERROR, "token-pin-locked", "pin",
                   _("The PIN of the token \"%s\" is locked or expired. "
                     "Unlock it with the token's own tool, then try "
                     "again."), label);
      return CW_REFUSED;
    }
  if ((ret == GNUTLS_E_REQUESTED_DATA_NOT_AVAILABLE
       || ret == GNUTLS_E_PKCS11_REQUESTED_OBJECT_NOT_AVAILBLE)
      && label == uri)
    {
      cw_diag_add (diags, CW_ERROR, "token-key-not-found", "key-uri",
                   _("No token present holds a private key that \"%s\" "
                     "names. Name the token too, and one of its keys."),
                   uri);
      return CW_REFUSED;
    }
  if (ret == GNUTLS_E_REQUESTED_DATA_NOT_AVAILABLE
      || ret == GNUTLS_E_PKCS11_REQUESTED_OBJECT_NOT_AVAILBLE)
    {
      cw_diag_add (diags, CW_ERROR, "token-key-not-found", "key-uri",
                   _("The token \"%s\" holds no private key that \"%s\" "
                     "names. Name one of its keys, or the token alone to "
                     "make a new key there."), label, uri);
      return CW_REFUSED;
    }
  cw_diag_add (diags, CW_ERROR, "token-failed", "key-uri",
               _("The token \"%s\" did not do what was asked (%s): it may "
                 "have been removed. Check that it is there, then try "
                 "again. Nothing was changed."), label, gnutls_strerror (ret));
  return CW_FAILED;
}

/* What names a token in a URI, and what each is of a token. */
static const struct
{
  const char *attribute;
  gnutls_pkcs11_token_info_t what;
} token_attributes[] = {
  { "token", GNUTLS_PKCS11_TOKEN_LABEL },
  { "serial", GNUTLS_PKCS11_TOKEN_SERIAL },
  { "manufacturer", GNUTLS_PKCS11_TOKEN_MANUFACTURER },
  { "model", GNUTLS_PKCS11_TOKEN_MODEL },
};

#define TOKEN_ATTRIBUTE_COUNT \
  (sizeof token_attributes / sizeof token_attributes[0])

static char *
token_info (const char *token_url, gnutls_pkcs11_token_info_t what)
{
  char text[TOKEN_TEXT_MAX];
  size_t size = sizeof text;
  if (gnutls_pkcs11_token_get_info (token_url, what, text, &size) < 0)
    return NULL;
  return xstrdup (text);
}

/* Whether the token TOKEN_URL has every token attribute URI gives. */
static bool
token_fits (const char *token_url, const char *uri)
{
  bool fits = true;
  for (size_t i = 0; fits && i < TOKEN_ATTRIBUTE_COUNT; i++)
    {
      char *wanted = path_attribute (uri, token_attributes[i].attribute);
      char *have = wanted ? token_info (token_url, token_attributes[i].what)
                          : NULL;
      fits = !wanted || (have && strcmp (wanted, have) == 0);
      free (wanted);
      free (have);
    }
  return fits;
}

static bool
names_a_token (const char *uri)
{
  for (size_t i = 0; i < TOKEN_ATTRIBUTE_COUNT; i++)
    if (has_path_attribute (uri, token_attributes[i].attribute))
      return true;
  return false;
}

/* The label of the token present that URI names, or NULL (with the
   error) when none fits.  A URI that names no token may name a key on
   any: "" then, unless a token must be named (to make a key on it). */
static char *
find_token (const char *uri, bool must_name, struct cw_diags *diags)
{
  tokens_used = true;
  if (!names_a_token (uri) && !must_name)
    return xstrdup ("");
  char *label = NULL;
  for (unsigned seq = 0; names_a_token (uri) && !label; seq++)
    {
      char *url;
      if (gnutls_pkcs11_token_get_url (seq, GNUTLS_PKCS11_URL_GENERIC, &url)
          < 0)
        break;
      if (token_fits (url, uri))
        label = token_info (url, GNUTLS_PKCS11_TOKEN_LABEL);
      gnutls_free (url);
    }
  if (label)
    return label;
  cw_diag_add (diags, CW_ERROR, "token-not-found", "key-uri",
               _("No token present fits \"%s\": it may be unplugged, or "
                 "its software (its PKCS#11 module) not registered with "
                 "p11-kit. Check the token and its name."), uri);
  return NULL;
}

/* The label of the token the key is on. */
static char *
key_token_label (gnutls_privkey_t priv, const char *known)
{
  gnutls_pkcs11_privkey_t key;
  unsigned char label[TOKEN_TEXT_MAX];
  size_t size = sizeof label;
  char *found = NULL;
  if (gnutls_privkey_export_pkcs11 (priv, &key) >= 0)
    {
      if (object_info (key, GNUTLS_PKCS11_OBJ_TOKEN_LABEL, label, &size))
        found = xstrdup ((const char *) label);
      gnutls_pkcs11_privkey_deinit (key);
    }
  return found ? found : xstrdup (known);
}

/* ------------------------------------------------------ opening a key */

static enum cw_status
check_kind (struct cw_key *key, struct cw_diags *diags)
{
  if (key->algorithm == GNUTLS_PK_RSA || key->algorithm == GNUTLS_PK_ECDSA)
    return CW_OK;
  cw_diag_add (diags, CW_ERROR, "token-key-kind", "key-uri",
               _("The key on the token \"%s\" is a %s key; certwiz signs "
                 "with RSA and ECDSA keys only. Choose another key."),
               key->token_label,
               gnutls_pk_get_name (key->algorithm)
                 ? gnutls_pk_get_name (key->algorithm) : "?");
  return CW_REFUSED;
}

static enum cw_status
import_key (struct cw_key *key, const char *uri, struct cw_diags *diags)
{
  int ret = gnutls_privkey_init (&key->priv);
  if (ret >= 0)
    {
      /* Set before the import, which logs in. */
      gnutls_privkey_set_pin_function (key->priv, give_pin, key->pin);
      ret = gnutls_privkey_import_url (key->priv, uri, 0);
    }
  if (ret < 0)
    return report_open_failure (ret, key->pin, uri, key->token_label,
                                diags);
  ret = cw_key_learn (key);
  if (ret < 0)
    return report_open_failure (ret, key->pin, uri, key->token_label,
                                diags);
  return check_kind (key, diags);
}

enum cw_status
cw_key_open_token (const char *uri, const struct cw_pin_source *pin,
                   struct cw_key **key, struct cw_diags *diags)
{
  *key = NULL;
  if (!cw_key_uri_check (uri, diags))
    return CW_REFUSED;
  char *label = find_token (uri, false, diags);
  if (!label)
    return CW_REFUSED;
  struct cw_key *k = xcalloc (1, sizeof *k);
  k->token_label = label;
  k->pin = new_pin_state (pin, diags);
  enum cw_status status = import_key (k, uri, diags);
  /* The source belongs to the caller and lives no longer than this
     call; the PIN it gave is kept for the token's later questions. */
  k->pin->source = (struct cw_pin_source) { NULL, NULL };
  k->pin->diags = NULL;
  if (status != CW_OK)
    {
      cw_key_free (k);
      return status;
    }
  k->uri = full_uri (k->priv, uri);
  char *actual = key_token_label (k->priv, k->token_label);
  free (k->token_label);
  k->token_label = actual;
  *key = k;
  return CW_OK;
}

static enum cw_status
fixed_pin (void *state, const char *label, unsigned attempt, char **pin,
           struct cw_diags *diags)
{
  (void) label, (void) diags;
  *pin = attempt == 0 ? xstrdup (state) : NULL;
  return *pin ? CW_OK : CW_REFUSED;
}

enum cw_status
cw_key_open_token_pin (const char *uri, const char *pin, struct cw_key **key,
                       struct cw_diags *diags)
{
  struct cw_pin_source source = { fixed_pin, (void *) pin };
  return cw_key_open_token (uri, &source, key, diags);
}

/* ------------------------------------------------------- making a key */

/* "id=%..;object=LABEL" for a new key, its id drawn at random. */
static char *
new_key_attributes (const unsigned char id[ID_BYTES], const char *label)
{
  char *text = xstrdup ("pkcs11:");
  append_attribute (&text, "id", id, ID_BYTES, true);
  append_attribute (&text, "object", (const unsigned char *) label,
                    strlen (label), false);
  char *attributes = xstrdup (text + strlen ("pkcs11:"));
  free (text);
  return attributes;
}

static enum cw_status
keygen_failed (int ret, const struct cw_pin_state *state, const char *uri,
               const char *label, struct cw_diags *diags)
{
  if (ret == GNUTLS_E_PKCS11_PIN_ERROR || ret == GNUTLS_E_PKCS11_PIN_LOCKED
      || ret == GNUTLS_E_PKCS11_PIN_EXPIRED)
    return report_open_failure (ret, state, uri, label, diags);
  cw_diag_add (diags, CW_ERROR, "token-keygen", "key-uri",
               _("The token \"%s\" could not make the key (%s). It may not "
                 "make keys of this type: choose another key type, or make "
                 "the key with the token's own tool and name it by its "
                 "URI. Nothing was changed."), label, gnutls_strerror (ret));
  return CW_FAILED;
}

static unsigned
key_usage (const struct cw_keyspec *spec)
{
  return GNUTLS_KEY_DIGITAL_SIGNATURE
         | (spec->algorithm == GNUTLS_PK_RSA ? GNUTLS_KEY_KEY_ENCIPHERMENT
                                             : 0);
}

enum cw_status
cw_key_generate_on_token (const char *token_uri,
                          const struct cw_keyspec *spec, const char *label,
                          const struct cw_pin_source *pin,
                          struct cw_progress *progress, struct cw_key **key,
                          struct cw_diags *diags)
{
  *key = NULL;
  if (!cw_key_uri_check (token_uri, diags))
    return CW_REFUSED;
  char *token = find_token (token_uri, true, diags);
  if (!token)
    return CW_REFUSED;
  unsigned char id[ID_BYTES];
  int ret = gnutls_rnd (GNUTLS_RND_NONCE, id, sizeof id);
  char *what = cw_keyspec_describe (spec);
  /* TRANSLATORS: a step of long work; %s is "RSA 3072 bits", then the
     token's name. */
  cw_progress_say (progress, _("Making a new key (%s) on the token %s"),
                   what, token);
  free (what);
  struct cw_pin_state *state = new_pin_state (pin, diags);
  /* GnuTLS asks for the PIN of a new key through its global callback. */
  gnutls_pkcs11_set_pin_function (give_pin, state);
  if (ret >= 0)
    ret = gnutls_pkcs11_privkey_generate3 (
      token_uri, spec->algorithm,
      spec->algorithm == GNUTLS_PK_ECDSA ? GNUTLS_CURVE_TO_BITS (spec->curve)
                                         : spec->bits,
      label, &(gnutls_datum_t) { id, sizeof id }, GNUTLS_X509_FMT_DER, NULL,
      key_usage (spec),
      GNUTLS_PKCS11_OBJ_FLAG_LOGIN | GNUTLS_PKCS11_OBJ_FLAG_MARK_PRIVATE
        | GNUTLS_PKCS11_OBJ_FLAG_MARK_SENSITIVE);
  gnutls_pkcs11_set_pin_function (NULL, NULL);
  enum cw_status status = CW_OK;
  if (ret < 0)
    status = keygen_failed (ret, state, token_uri, token, diags);
  else
    {
      /* Logged in already: the PIN given opens the new key too. */
      struct cw_pin_source again = { fixed_pin, state->pin };
      char *attributes = new_key_attributes (id, label);
      char *uri = uri_with (token_uri, attributes);
      status = cw_key_open_token (uri, state->pin ? &again : pin, key,
                                  diags);
      free (uri);
      free (attributes);
    }
  wipe_pin (state);
  free (state);
  free (token);
  return status;
}
