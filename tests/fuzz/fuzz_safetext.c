/* Fuzzes what makes text safe to show: cw_safe_text on any bytes, for a
   UTF-8 terminal and for one that is not, and the JSON writer on the
   same bytes.  Neither may let a control character, an escape sequence
   or a bidirectional override through.

   Nothing here calls setlocale, so the process stays in the C locale,
   where cw_safe_text escapes every non-ASCII character when told the
   terminal cannot show UTF-8. */
#include <config.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistr.h>

#include "fuzz.h"
#include "base/json.h"
#include "base/safetext.h"

static void
check_safe_text (const uint8_t *data, size_t size, bool utf8_ok)
{
  char *safe = cw_safe_text ((const char *) data, size, utf8_ok);
  fuzz_check_terminal_safe (utf8_ok ? "cw_safe_text let through (UTF-8)"
                                    : "cw_safe_text let through (ASCII)",
                            safe, utf8_ok, false);
  free (safe);
}

/* JSON is valid UTF-8 and holds no control character but the newlines
   between its members; C1 controls, bidirectional overrides and
   isolates are written as \u escapes. */
static void
check_json_text (const char *json, size_t len)
{
  const uint8_t *p = (const uint8_t *) json, *end = p + len;
  if (memchr (json, '\0', len))
    fuzz_fail ("the JSON output holds a NUL", json);
  while (p < end)
    {
      ucs4_t c;
      int n = u8_mbtoucr (&c, p, (size_t) (end - p));
      if (n < 0)
        fuzz_fail ("the JSON output is not UTF-8", json);
      if ((c < 0x20 && c != '\n') || c == 0x7F || (c >= 0x80 && c < 0xA0)
          || (c >= 0x202A && c <= 0x202E) || (c >= 0x2066 && c <= 0x2069))
        fuzz_fail ("the JSON output holds a control character", json);
      p += n;
    }
}

static void
check_json (const char *text)
{
  char *json = NULL;
  size_t len = 0;
  FILE *out = open_memstream (&json, &len);
  if (!out)
    abort ();
  struct cw_json w;
  cw_json_begin (&w, out);
  cw_json_object_begin (&w, NULL);
  cw_json_string (&w, text, text);
  cw_json_array_begin (&w, "list");
  cw_json_string (&w, NULL, text);
  cw_json_array_end (&w);
  cw_json_object_begin (&w, text);
  cw_json_object_end (&w);
  cw_json_number (&w, "size", (long long) strlen (text));
  cw_json_object_end (&w);
  cw_json_end (&w);
  fclose (out);
  check_json_text (json, len);
  free (json);
}

int
LLVMFuzzerTestOneInput (const uint8_t *data, size_t size)
{
  check_safe_text (data, size, true);
  check_safe_text (data, size, false);
  char *text = fuzz_string (data, size);
  check_json (text);
  free (text);
  return 0;
}
