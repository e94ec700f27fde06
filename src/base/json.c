#include <config.h>

#include "base/json.h"

#include <json-c/json.h>
#include <stdio.h>
#include <string.h>
#include <unistr.h>

void
cw_json_begin (struct cw_json *json, FILE *out)
{
  *json = (struct cw_json) { .out = out };
}

static bool
must_escape (ucs4_t c)
{
  return c < 0x20 || c == 0x7F || (c >= 0x80 && c < 0xA0)
         || (c >= 0x202A && c <= 0x202E) || (c >= 0x2066 && c <= 0x2069);
}

/* json-c prints UTF-8 as it is, and any byte it is given, in keys too:
   the document is printed here so that what a certificate held comes out
   as valid JSON that cannot take over a terminal, whatever it was. */
static void
write_string (FILE *out, const char *s, size_t len)
{
  const uint8_t *p = (const uint8_t *) s, *end = p + len;
  fputc ('"', out);
  while (p < end)
    {
      ucs4_t c;
      int n = u8_mbtoucr (&c, p, (size_t) (end - p));
      if (n < 0)
        {
          /* Not UTF-8: JSON cannot hold the byte, so it is marked. */
          fputs ("\\ufffd", out);
          p++;
          continue;
        }
      if (c == '"' || c == '\\')
        fprintf (out, "\\%c", (char) c);
      else if (must_escape (c))
        fprintf (out, "\\u%04x", (unsigned) c);
      else
        fwrite (p, 1, (size_t) n, out);
      p += n;
    }
  fputc ('"', out);
}

static void
newline (FILE *out, int depth)
{
  fprintf (out, "\n%*s", 2 * depth, "");
}

/* Two spaces a level, "key": value, {} and [] when empty: the layout
   certwiz's JSON has always had. */
static void
write_value (FILE *out, json_object *value, int depth)
{
  bool first = true;
  switch (json_object_get_type (value))
    {
    case json_type_object:
      fputc ('{', out);
      json_object_object_foreach (value, key, member)
        {
          fputs (first ? "" : ",", out);
          newline (out, depth + 1);
          write_string (out, key, strlen (key));
          fputs (": ", out);
          write_value (out, member, depth + 1);
          first = false;
        }
      if (!first)
        newline (out, depth);
      fputc ('}', out);
      break;
    case json_type_array:
      fputc ('[', out);
      for (size_t i = 0; i < json_object_array_length (value); i++)
        {
          fputs (first ? "" : ",", out);
          newline (out, depth + 1);
          write_value (out, json_object_array_get_idx (value, i), depth + 1);
          first = false;
        }
      if (!first)
        newline (out, depth);
      fputc (']', out);
      break;
    case json_type_string:
      write_string (out, json_object_get_string (value),
                    (size_t) json_object_get_string_len (value));
      break;
    case json_type_int:
      fprintf (out, "%lld", (long long) json_object_get_int64 (value));
      break;
    case json_type_boolean:
      fputs (json_object_get_boolean (value) ? "true" : "false", out);
      break;
    default:
      fputs ("null", out);
      break;
    }
}

/* Puts VALUE (owned) under KEY in the innermost open container, or makes
   it the document. */
static void
place (struct cw_json *json, const char *key, json_object *value)
{
  if (json->depth == 0)
    {
      json_object_put (json->root);
      json->root = value;
      return;
    }
  json_object *in = json->open[json->depth - 1];
  if (json_object_is_type (in, json_type_array))
    json_object_array_add (in, value);
  else
    json_object_object_add (in, key ? key : "", value);
}

static void
open_container (struct cw_json *json, const char *key, json_object *c)
{
  place (json, key, c);
  if (json->depth < CW_JSON_MAX_DEPTH)
    json->open[json->depth++] = c;
}

void
cw_json_object_begin (struct cw_json *json, const char *key)
{
  open_container (json, key, json_object_new_object ());
}

void
cw_json_array_begin (struct cw_json *json, const char *key)
{
  open_container (json, key, json_object_new_array ());
}

static void
close_container (struct cw_json *json)
{
  if (json->depth == 0)
    return;
  json->depth--;
}

void
cw_json_object_end (struct cw_json *json)
{
  close_container (json);
}

void
cw_json_array_end (struct cw_json *json)
{
  close_container (json);
}

void
cw_json_string (struct cw_json *json, const char *key, const char *value)
{
  place (json, key, value ? json_object_new_string (value) : NULL);
}

void
cw_json_number (struct cw_json *json, const char *key, long long value)
{
  place (json, key, json_object_new_int64 (value));
}

void
cw_json_bool (struct cw_json *json, const char *key, bool value)
{
  place (json, key, json_object_new_boolean (value));
}

void
cw_json_end (struct cw_json *json)
{
  cw_json_end_nested (json, 0);
  fputc ('\n', json->out);
}

void
cw_json_end_nested (struct cw_json *json, int depth)
{
  write_value (json->out, json->root, depth);
  json_object_put (json->root);
  *json = (struct cw_json) { .out = json->out };
}

void
cw_json_newline (FILE *out, int depth)
{
  newline (out, depth);
}
