#include <config.h>

#include "base/textwidth.h"

#include <string.h>
#include <uniwidth.h>
#include <unistr.h>

#include "base/safetext.h"
#include "base/xalloc.h"

static const char *
encoding (void)
{
  return cw_locale_is_utf8 () ? "UTF-8" : "ASCII";
}

size_t
cw_text_width (const char *s)
{
  return (size_t) u8_strwidth ((const uint8_t *) s, encoding ());
}

char *
cw_text_fit (const char *s, size_t width)
{
  const char *marker = cw_locale_is_utf8 () ? "\xe2\x80\xa6" : "~";
  size_t len = strlen (s), used = 0, o = 0;
  char *out = xmalloc (len + width + 4);
  bool cut = cw_text_width (s) > width;
  size_t room = cut && width > 0 ? width - 1 : width;
  for (const uint8_t *p = (const uint8_t *) s; *p;)
    {
      ucs4_t c;
      int n = u8_mbtouc (&c, p, strlen ((const char *) p));
      int w = uc_width (c, encoding ());
      size_t cols = w > 0 ? (size_t) w : 0;
      if (used + cols > room)
        break;
      memcpy (out + o, p, (size_t) n);
      o += (size_t) n, used += cols, p += n;
    }
  if (cut && width > 0)
    {
      o += (size_t) (stpcpy (out + o, marker) - (out + o));
      used++;
    }
  while (used < width)
    out[o++] = ' ', used++;
  out[o] = '\0';
  return out;
}
