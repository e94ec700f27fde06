#include <config.h>

#include "names/dnsname.h"

#include <gnutls/gnutls.h>
#include <libpsl.h>
#include <stdlib.h>
#include <string.h>

#include "base/xalloc.h"

static bool
is_ldh (char c)
{
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')
         || (c >= '0' && c <= '9') || c == '-';
}

enum cw_dns_problem
cw_dns_check_label (const char *label, size_t len, size_t *bad)
{
  size_t ignored;
  if (!bad)
    bad = &ignored;
  *bad = 0;
  if (len == 0)
    return CW_DNS_EMPTY_LABEL;
  for (size_t i = 0; i < len; i++)
    if (!is_ldh (label[i]))
      {
        *bad = i;
        return CW_DNS_BAD_CHAR;
      }
  if (len > CW_DNS_MAX_LABEL)
    return CW_DNS_LABEL_TOO_LONG;
  if (label[0] == '-' || label[len - 1] == '-')
    {
      *bad = label[0] == '-' ? 0 : len - 1;
      return CW_DNS_LABEL_HYPHEN;
    }
  return CW_DNS_OK;
}

enum cw_dns_problem
cw_dns_check_name (const char *name, size_t *bad)
{
  size_t ignored;
  if (!bad)
    bad = &ignored;
  *bad = 0;
  size_t len = strlen (name);
  if (len == 0)
    return CW_DNS_EMPTY;
  for (size_t start = 0; start <= len;)
    {
      const char *dot = memchr (name + start, '.', len - start);
      size_t end = dot ? (size_t) (dot - name) : len;
      size_t offset;
      enum cw_dns_problem p = cw_dns_check_label (name + start, end - start,
                                                  &offset);
      if (p != CW_DNS_OK)
        {
          *bad = start + offset;
          return p;
        }
      start = end + 1;
    }
  if (len > CW_DNS_MAX_NAME)
    return CW_DNS_TOO_LONG;
  return CW_DNS_OK;
}

/* The list is loaded once: the system's copy if newer than the one
   built into libpsl. */
static const psl_ctx_t *
public_suffixes (void)
{
  static psl_ctx_t *ctx;
  static bool loaded;
  if (!loaded)
    {
      ctx = psl_latest (NULL);
      loaded = true;
    }
  return ctx ? ctx : psl_builtin ();
}

bool
cw_dns_is_public_suffix (const char *name)
{
  const psl_ctx_t *psl = public_suffixes ();
  /* Without the list's "*" fallback rule, an unknown TLD is not public. */
  return psl && psl_is_public_suffix2 (psl, name, PSL_TYPE_ANY
                                                  | PSL_TYPE_NO_STAR_RULE);
}

bool
cw_dns_is_public (const char *name)
{
  const char *dot = strrchr (name, '.');
  if (!dot || dot[1] == '\0')
    return false;
  return cw_dns_is_public_suffix (dot + 1);
}

char *
cw_idna_to_ascii (const char *utf8)
{
  gnutls_datum_t out = { NULL, 0 };
  if (gnutls_idna_map (utf8, (unsigned) strlen (utf8), &out, 0) < 0)
    return NULL;
  char *result = xstrndup ((const char *) out.data, out.size);
  gnutls_free (out.data);
  return result;
}
