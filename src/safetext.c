#include <config.h>

#include "safetext.h"

#include <langinfo.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <unistr.h>

#include "xalloc.h"

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

char *
cw_safe_text (const char *text, size_t len, bool utf8_ok)
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
