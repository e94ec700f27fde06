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

/* Unicode names these by rule ("CJK UNIFIED IDEOGRAPH-4F8B"), and
   libunistring leaves them out of its table.  */
static const struct
{
  uint32_t first, last;
  const char *prefix;
} named_by_rule[] = {
  { 0x3400, 0x4DBF, "CJK UNIFIED IDEOGRAPH" },
  { 0x4E00, 0x9FFF, "CJK UNIFIED IDEOGRAPH" },
  { 0x20000, 0x2A6DF, "CJK UNIFIED IDEOGRAPH" },
  { 0x2A700, 0x2EBEF, "CJK UNIFIED IDEOGRAPH" },
  { 0x30000, 0x323AF, "CJK UNIFIED IDEOGRAPH" },
  { 0xF900, 0xFAFF, "CJK COMPATIBILITY IDEOGRAPH" },
  { 0x2F800, 0x2FA1F, "CJK COMPATIBILITY IDEOGRAPH" },
  { 0x17000, 0x187F7, "TANGUT IDEOGRAPH" },
  { 0x18D00, 0x18D08, "TANGUT IDEOGRAPH" },
  { 0x1B170, 0x1B2FB, "NUSHU CHARACTER" },
};

char *
cw_unicode_describe (uint32_t c)
{
  char name[UNINAME_MAX];
  if (unicode_character_name (c, name))
    return xasprintf ("U+%04X %s", (unsigned) c, name);
  for (size_t i = 0; i < sizeof named_by_rule / sizeof named_by_rule[0]; i++)
    if (c >= named_by_rule[i].first && c <= named_by_rule[i].last)
      return xasprintf ("U+%04X %s-%04X", (unsigned) c,
                        named_by_rule[i].prefix, (unsigned) c);
  return xasprintf ("U+%04X", (unsigned) c);
}

char *
cw_unicode_describe_quoted (uint32_t c)
{
  if (c > 0x20 && c < 0x7f)
    return xasprintf ("\"%c\"", (char) c);
  return cw_unicode_describe (c);
}

/* Whether C is among the COUNT code points of SEEN, kept sorted, and if
   not, where it goes.  */
static bool
seen_before (const uint32_t *seen, size_t count, uint32_t c, size_t *at)
{
  size_t low = 0, high = count;
  while (low < high)
    {
      size_t mid = low + (high - low) / 2;
      if (seen[mid] == c)
        return true;
      if (seen[mid] < c)
        low = mid + 1;
      else
        high = mid;
    }
  *at = low;
  return false;
}

char *
cw_unicode_list (const char *utf8, bool (*wanted) (uint32_t c), size_t max)
{
  uint32_t *seen = xreallocarray (NULL, max ? max : 1, sizeof *seen);
  size_t count = 0, more = 0;
  char *list = xstrdup ("");
  for (const char *p = utf8; *p;)
    {
      uint32_t c;
      size_t at;
      p += cw_utf8_decode (p, &c);
      if (!wanted (c) || seen_before (seen, count, c, &at))
        continue;
      if (count == max)
        {
          /* Counted once each only up to what a message can hold: a
             hostile value of thousands stays linear.  */
          more++;
          continue;
        }
      memmove (&seen[at + 1], &seen[at], (count - at) * sizeof *seen);
      seen[at] = c;
      count++;
      char *described = cw_unicode_describe_quoted (c);
      char *longer = xasprintf ("%s%s%s", list, *list ? ", " : "",
                                described);
      free (described), free (list);
      list = longer;
    }
  if (more)
    {
      char *longer = xasprintf ("%s, +%zu", list, more);
      free (list);
      list = longer;
    }
  free (seen);
  return list;
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
