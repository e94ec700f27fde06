#include <config.h>

#include "base/unicode.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unictype.h>
#include <uniname.h>
#include <uninorm.h>
#include <unistr.h>

#include "base/xalloc.h"

bool
cw_utf8_valid (const char *s, size_t len)
{
  return u8_check ((const uint8_t *) s, len) == NULL;
}

size_t
cw_utf8_chars (const char *s)
{
  return u8_mbsnlen ((const uint8_t *) s, strlen (s));
}

bool
cw_is_ascii (const char *s)
{
  for (; *s; s++)
    if ((unsigned char) *s >= 0x80)
      return false;
  return true;
}

size_t
cw_utf8_decode (const char *s, uint32_t *c)
{
  ucs4_t uc;
  int n = u8_mbtouc (&uc, (const uint8_t *) s, strlen (s));
  *c = uc;
  return n > 0 ? (size_t) n : 1;
}

char *
cw_unicode_describe (uint32_t c)
{
  char name[UNINAME_MAX];
  if (!unicode_character_name (c, name))
    return xasprintf ("U+%04X", (unsigned) c);
  return xasprintf ("U+%04X %s", (unsigned) c, name);
}

/* Letters from other scripts drawn like ASCII ones.  Compatibility
   decomposition does not relate them to Latin, so they are listed; the
   list covers the homoglyphs most used in look-alike host names. */
static const struct
{
  uint32_t c;
  char ascii;
} homoglyphs[] = {
  { 0x0430, 'a' }, { 0x0435, 'e' }, { 0x043E, 'o' }, { 0x0440, 'p' },
  { 0x0441, 'c' }, { 0x0443, 'y' }, { 0x0445, 'x' }, { 0x0456, 'i' },
  { 0x0458, 'j' }, { 0x0455, 's' }, { 0x04BB, 'h' }, { 0x0501, 'd' },
  { 0x051B, 'q' }, { 0x051D, 'w' }, { 0x03BF, 'o' }, { 0x03BD, 'v' },
  { 0x03B1, 'a' }, { 0x03B9, 'i' }, { 0x03BA, 'k' }, { 0x03C1, 'p' },
  { 0x03C4, 't' }, { 0x03C5, 'u' }, { 0x0261, 'g' }, { 0x0131, 'i' },
  { 0x2010, '-' }, { 0x2011, '-' }, { 0x2012, '-' }, { 0x2013, '-' },
  { 0x2212, '-' }, { 0x3002, '.' }, { 0xFF0E, '.' }, { 0xFF61, '.' },
};

static char
homoglyph (uint32_t c)
{
  for (size_t i = 0; i < sizeof homoglyphs / sizeof homoglyphs[0]; i++)
    if (homoglyphs[i].c == c)
      return homoglyphs[i].ascii;
  return 0;
}

/* The ASCII character C reduces to once its accents are taken off
   (NFKD, then the combining marks dropped), or 0. */
static char
strip_to_ascii (uint32_t c)
{
  ucs4_t decomposed[UC_DECOMPOSITION_MAX_LENGTH];
  char ascii = homoglyph (c);
  if (ascii)
    return ascii;
  int tag;
  int n = uc_decomposition (c, &tag, decomposed);
  if (n <= 0)
    return 0;
  for (int i = 0; i < n; i++)
    {
      if (uc_is_general_category (decomposed[i], UC_CATEGORY_M))
        continue;
      if (ascii)
        return 0;
      ascii = decomposed[i] < 0x80 ? (char) decomposed[i]
                                   : strip_to_ascii (decomposed[i]);
      if (!ascii)
        return 0;
    }
  return ascii;
}

char *
cw_ascii_lookalike (const char *utf8)
{
  size_t len = strlen (utf8);
  char *out = xmalloc (len + 1);
  size_t o = 0;
  for (const char *p = utf8; *p;)
    {
      uint32_t c;
      p += cw_utf8_decode (p, &c);
      char ascii = c < 0x80 ? (char) c : strip_to_ascii (c);
      if (!ascii)
        {
          free (out);
          return NULL;
        }
      out[o++] = ascii;
    }
  out[o] = '\0';
  return out;
}
