/* Helpers of the fuzzing harnesses (fuzz.h). */
#include <config.h>

#include "fuzz.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistr.h>

#include "base/xalloc.h"

char *
fuzz_string (const uint8_t *data, size_t size)
{
  char *text = xmalloc (size + 1);
  if (size > 0)
    memcpy (text, data, size);
  text[size] = '\0';
  return text;
}

gnutls_datum_t
fuzz_datum (const uint8_t *data, size_t size)
{
  /* The cast drops const only: no GnuTLS import writes its input. */
  return (gnutls_datum_t) { (unsigned char *) (uintptr_t) data,
                            (unsigned) size };
}

void
fuzz_fail (const char *why, const char *text)
{
  fprintf (stderr, "fuzz: %s: \"", why);
  /* Escaped by hand: the text is the one that failed the checks. */
  for (const unsigned char *p = (const unsigned char *) text; p && *p; p++)
    if (*p >= 0x20 && *p < 0x7F && *p != '\\')
      fputc (*p, stderr);
    else
      fprintf (stderr, "\\x%02x", *p);
  fputs ("\"\n", stderr);
  abort ();
}

static bool
is_unsafe (ucs4_t c, bool utf8_ok, bool newlines_ok)
{
  if (c == '\n')
    return !newlines_ok;
  return c < 0x20 || c == 0x7F || (c >= 0x80 && c < 0xA0)
         || (c >= 0x202A && c <= 0x202E) || (c >= 0x2066 && c <= 0x2069)
         || c == 0x200E || c == 0x200F || c == 0x061C
         || (c >= 0x80 && !utf8_ok);
}

void
fuzz_check_terminal_safe (const char *what, const char *text, bool utf8_ok,
                          bool newlines_ok)
{
  const uint8_t *p = (const uint8_t *) text, *end = p + strlen (text);
  while (p < end)
    {
      ucs4_t c;
      int n = u8_mbtoucr (&c, p, (size_t) (end - p));
      if (n < 0)
        fuzz_fail (what, text);
      if (is_unsafe (c, utf8_ok, newlines_ok))
        fuzz_fail (what, text);
      p += n;
    }
}
