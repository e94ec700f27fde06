#include <config.h>

#include "acme/jsonutil.h"

#include <stdlib.h>
#include <string.h>

#include "base/safetext.h"
#include "base/xalloc.h"

/* ACME objects are shallow; a deep document is an attack or a mistake. */
#define MAX_DEPTH 16
#define SAFE_MAX 400

json_object *
cw_json_parse_object (const char *text, size_t len)
{
  if (len > (size_t) 0x7fffffff)
    return NULL;
  json_tokener *tok = json_tokener_new_ex (MAX_DEPTH);
  if (!tok)
    return NULL;
  json_tokener_set_flags (tok, JSON_TOKENER_STRICT);
  json_object *obj = json_tokener_parse_ex (tok, text, (int) len);
  bool whole = json_tokener_get_error (tok) == json_tokener_success
               && (size_t) json_tokener_get_parse_end (tok) == len;
  /* Trailing blanks are allowed, anything else is not. */
  if (obj && !whole && json_tokener_get_error (tok) == json_tokener_success)
    {
      whole = true;
      for (size_t i = json_tokener_get_parse_end (tok); i < len; i++)
        if (!strchr (" \t\r\n", text[i]))
          whole = false;
    }
  json_tokener_free (tok);
  if (!obj || !whole || !json_object_is_type (obj, json_type_object))
    {
      json_object_put (obj);
      return NULL;
    }
  return obj;
}

static json_object *
member (json_object *obj, const char *name, json_type type)
{
  json_object *value = NULL;
  if (!obj || !json_object_object_get_ex (obj, name, &value)
      || !json_object_is_type (value, type))
    return NULL;
  return value;
}

const char *
cw_json_str (json_object *obj, const char *name)
{
  json_object *value = member (obj, name, json_type_string);
  return value ? json_object_get_string (value) : NULL;
}

json_object *
cw_json_obj (json_object *obj, const char *name)
{
  return member (obj, name, json_type_object);
}

json_object *
cw_json_arr (json_object *obj, const char *name)
{
  return member (obj, name, json_type_array);
}

bool
cw_json_true (json_object *obj, const char *name)
{
  json_object *value = member (obj, name, json_type_boolean);
  return value && json_object_get_boolean (value);
}

char *
cw_json_text (json_object *obj)
{
  return xstrdup (json_object_to_json_string_ext (obj,
                                                  JSON_C_TO_STRING_PLAIN
                                                  | JSON_C_TO_STRING_NOSLASHESCAPE));
}

char *
cw_acme_safe (const char *text)
{
  if (!text)
    return xstrdup ("");
  size_t len = strlen (text);
  bool cut = len > SAFE_MAX;
  char *safe = cw_safe_text (text, cut ? SAFE_MAX : len,
                             cw_locale_is_utf8 ());
  if (!cut)
    return safe;
  char *marked = xasprintf ("%s...", safe);
  free (safe);
  return marked;
}
