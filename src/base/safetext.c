#include <config.h>

#include "base/safetext.h"

#include <langinfo.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <stdlib.h>
#include <uniconv.h>
#include <unistr.h>

#include "base/xalloc.h"

/* Characters that reorder the text around them: a name holding one can
   make a terminal show something else than what is there. */
static bool
is_bidi_control (uint32_t c)
{
  return (c >= 0x202A && c <= 0x202E) || (c >= 0x2066 && c <= 0x2069)
         || c == 0x200E || c == 0x200F || c == 0x061C;
}

static bool
is_control (uint32_t c)
{
  return c < 0x20 || c == 0x7F || (c >= 0x80 && c < 0xA0);
}

bool
cw_locale_is_utf8 (void)
{
  const char *codeset = nl_langinfo (CODESET);
  return strcmp (codeset, "UTF-8") == 0 || strcmp (codeset, "utf8") == 0;
}

static char *escape (const char *text, size_t len, bool keep_unicode);

static bool
locale_is_ascii (const char *codeset)
{
  return strcmp (codeset, "ANSI_X3.4-1968") == 0
         || strcmp (codeset, "ASCII") == 0
         || strcmp (codeset, "US-ASCII") == 0;
}

/* Text is UTF-8 inside certwiz (its translations too); a terminal in
   another charset, such as ISO-8859-1, gets it converted, with what that
   charset lacks escaped.  A plain ASCII terminal gets <U+XXXX> escapes. */
char *
cw_safe_text (const char *text, size_t len, bool utf8_ok)
{
  const char *codeset = nl_langinfo (CODESET);
  if (utf8_ok || locale_is_ascii (codeset))
    return escape (text, len, utf8_ok);
  char *escaped = escape (text, len, true);
  size_t out_len = 0;
  char *converted = u8_conv_to_encoding (codeset, iconveh_escape_sequence,
                                         (const uint8_t *) escaped,
                                         strlen (escaped), NULL, NULL,
                                         &out_len);
  free (escaped);
  if (!converted)
    return escape (text, len, false);
  char *result = xstrndup (converted, out_len);
  free (converted);
  return result;
}

static char *
escape (const char *text, size_t len, bool utf8_ok)
{
  /* The longest escape, "<U+10FFFF>", is 10 bytes for at least 1 byte. */
  char *out = xmalloc (10 * len + 1);
  size_t n = 0;
  const uint8_t *p = (const uint8_t *) text, *end = p + len;
  while (p < end)
    {
      ucs4_t c;
      int size = u8_mbtoucr (&c, p, (size_t) (end - p));
      if (size < 0)
        {
          n += (size_t) sprintf (out + n, "\\x%02x", *p);
          p++;
          continue;
        }
      if (is_control (c))
        n += (size_t) sprintf (out + n, "\\x%02x", (unsigned) c);
      else if (is_bidi_control (c) || (c >= 0x80 && !utf8_ok))
        n += (size_t) sprintf (out + n, "<U+%04X>", (unsigned) c);
      else
        {
          memcpy (out + n, p, (size_t) size);
          n += (size_t) size;
        }
      p += size;
    }
  out[n] = '\0';
  return out;
}
