#include <config.h>

#include "acme/b64url.h"

#include <stdlib.h>
#include <string.h>

#include "base/xalloc.h"

static const char alphabet[] =
  "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

char *
cw_b64url_encode (const void *data, size_t len)
{
  const unsigned char *in = data;
  char *out = xmalloc (len / 3 * 4 + 5), *p = out;
  size_t i = 0;
  for (; i + 2 < len; i += 3)
    {
      unsigned v = (unsigned) in[i] << 16 | (unsigned) in[i + 1] << 8
                   | in[i + 2];
      *p++ = alphabet[v >> 18 & 63];
      *p++ = alphabet[v >> 12 & 63];
      *p++ = alphabet[v >> 6 & 63];
      *p++ = alphabet[v & 63];
    }
  if (i < len)
    {
      unsigned v = (unsigned) in[i] << 16
                   | (i + 1 < len ? (unsigned) in[i + 1] << 8 : 0);
      *p++ = alphabet[v >> 18 & 63];
      *p++ = alphabet[v >> 12 & 63];
      if (i + 1 < len)
        *p++ = alphabet[v >> 6 & 63];
    }
  *p = '\0';
  return out;
}

static int
value_of (char c)
{
  const char *at = c ? strchr (alphabet, c) : NULL;
  if (at)
    return (int) (at - alphabet);
  /* The standard alphabet too: some keys are written that way. */
  if (c == '+')
    return 62;
  if (c == '/')
    return 63;
  return -1;
}

bool
cw_b64url_decode (const char *text, unsigned char **out, size_t *len)
{
  size_t n = strlen (text);
  while (n && strchr (" \t\r\n=", text[n - 1]))
    n--;
  while (n && strchr (" \t\r\n", *text))
    text++, n--;
  unsigned char *buf = xmalloc (n / 4 * 3 + 3);
  size_t used = 0;
  unsigned acc = 0;
  int bits = 0;
  for (size_t i = 0; i < n; i++)
    {
      int v = value_of (text[i]);
      if (v < 0)
        {
          free (buf);
          return false;
        }
      acc = acc << 6 | (unsigned) v;
      bits += 6;
      if (bits >= 8)
        {
          bits -= 8;
          buf[used++] = (unsigned char) (acc >> bits & 0xFF);
        }
    }
  if (bits >= 6)
    {
      free (buf);
      return false;
    }
  *out = buf;
  *len = used;
  return true;
}

bool
cw_b64url_token_valid (const char *text)
{
  if (!text || !*text)
    return false;
  for (const char *p = text; *p; p++)
    if (!*p || !strchr (alphabet, *p))
      return false;
  return true;
}
