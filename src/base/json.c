#include <config.h>

#include "base/json.h"

#include <string.h>
#include <unistr.h>

void
cw_json_begin (struct cw_json *json, FILE *out)
{
  *json = (struct cw_json) { out, 0, false };
}

static void
indent (struct cw_json *json)
{
  fprintf (json->out, "%s\n%*s", json->need_comma ? "," : "",
           2 * json->depth, "");
}

static void
write_string (FILE *out, const char *s)
{
  const uint8_t *p = (const uint8_t *) s, *end = p + strlen (s);
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
      else if (c < 0x20 || c == 0x7F || (c >= 0x80 && c < 0xA0)
               || (c >= 0x202A && c <= 0x202E) || (c >= 0x2066 && c <= 0x2069))
        fprintf (out, "\\u%04x", (unsigned) c);
      else
        fwrite (p, 1, (size_t) n, out);
      p += n;
    }
  fputc ('"', out);
}

static void
key_prefix (struct cw_json *json, const char *key)
{
  if (json->depth > 0)
    indent (json);
  if (key)
    {
      write_string (json->out, key);
      fputs (": ", json->out);
    }
}

void
cw_json_object_begin (struct cw_json *json, const char *key)
{
  key_prefix (json, key);
  fputc ('{', json->out);
  json->depth++;
  json->need_comma = false;
}

static void
close_container (struct cw_json *json, char bracket)
{
  json->depth--;
  bool empty = !json->need_comma;
  json->need_comma = false;
  if (!empty)
    indent (json);
  fputc (bracket, json->out);
  json->need_comma = true;
}

void
cw_json_object_end (struct cw_json *json)
{
  close_container (json, '}');
}

void
cw_json_array_begin (struct cw_json *json, const char *key)
{
  key_prefix (json, key);
  fputc ('[', json->out);
  json->depth++;
  json->need_comma = false;
}

void
cw_json_array_end (struct cw_json *json)
{
  close_container (json, ']');
}

void
cw_json_string (struct cw_json *json, const char *key, const char *value)
{
  key_prefix (json, key);
  if (value)
    write_string (json->out, value);
  else
    fputs ("null", json->out);
  json->need_comma = true;
}

void
cw_json_number (struct cw_json *json, const char *key, long long value)
{
  key_prefix (json, key);
  fprintf (json->out, "%lld", value);
  json->need_comma = true;
}

void
cw_json_bool (struct cw_json *json, const char *key, bool value)
{
  key_prefix (json, key);
  fputs (value ? "true" : "false", json->out);
  json->need_comma = true;
}

void
cw_json_end (struct cw_json *json)
{
  fputc ('\n', json->out);
}
