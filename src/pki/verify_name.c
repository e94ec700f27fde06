/* RFC 9525 name checking: the DNS-IDs (and IP addresses) of the subject
   alternative names, never the common name; a wildcard only as the
   whole leftmost label, standing for exactly one label, and never over
   a single-label domain. */
#include <config.h>

#include "pki/verify.h"

#include <arpa/inet.h>
#include <stdlib.h>
#include <string.h>

#include "base/unicode.h"
#include "base/xalloc.h"
#include "names/dnsname.h"
#include "names/match.h"

/* More names than any certificate has. */
#define MAX_NAMES 4096

/* ASCII lower case, without a trailing dot; NULL when empty. */
static char *
comparable (const char *name, size_t length)
{
  if (length && name[length - 1] == '.')
    length--;
  if (length == 0)
    return NULL;
  char *copy = xstrndup (name, length);
  for (char *p = copy; *p; p++)
    if (*p >= 'A' && *p <= 'Z')
      *p = (char) (*p - 'A' + 'a');
  return copy;
}

static char *
reference_name (const char *reference)
{
  char *name = comparable (reference, strlen (reference));
  if (name && !cw_is_ascii (name))
    {
      char *ace = cw_idna_to_ascii (name);
      free (name);
      name = ace ? comparable (ace, strlen (ace)) : NULL;
      free (ace);
    }
  return name;
}

/* Only printable ASCII without blanks can be a DNS-ID: an embedded NUL
   would let "bank.com\0.evil.com" pass for bank.com. */
static bool
is_name_text (const unsigned char *text, size_t length)
{
  for (size_t i = 0; i < length; i++)
    if (text[i] <= 0x20 || text[i] >= 0x7f)
      return false;
  return length > 0;
}

static bool
dns_id_matches (const char *id, const char *reference)
{
  if (strncmp (id, "*.", 2) != 0)
    return !strchr (id, '*') && strcmp (id, reference) == 0;
  const char *base = id + 2;
  const char *dot = strchr (reference, '.');
  /* "*.com" stands over a whole top-level domain: never. */
  return !strchr (base, '*') && strchr (base, '.') && dot && dot != reference
         && strcmp (dot + 1, base) == 0;
}

struct ids
{
  char **names;
  size_t count;
};

static void
ids_add (struct ids *ids, const char *name)
{
  ids->names = xreallocarray (ids->names, ids->count + 1, sizeof *ids->names);
  ids->names[ids->count++] = xstrdup (name);
}

bool
cw_verify_name (gnutls_x509_crt_t crt, const char *reference, char ***names,
                size_t *count, const char **which)
{
  struct ids ids = { NULL, 0 };
  unsigned char address[16];
  size_t address_length = 0;
  if (inet_pton (AF_INET, reference, address) == 1)
    address_length = 4;
  else if (inet_pton (AF_INET6, reference, address) == 1)
    address_length = 16;
  char *ref = address_length ? NULL : reference_name (reference);
  size_t matched = SIZE_MAX;
  /* A name too long or damaged is skipped, not the names after it. */
  for (unsigned i = 0; i < MAX_NAMES; i++)
    {
      unsigned char buf[1024];
      size_t size = sizeof buf;
      int type = gnutls_x509_crt_get_subject_alt_name (crt, i, buf, &size,
                                                       NULL);
      if (type == GNUTLS_E_REQUESTED_DATA_NOT_AVAILABLE)
        break;
      if (type < 0)
        continue;
      if (type == GNUTLS_SAN_IPADDRESS && address_length
          && size == address_length && memcmp (buf, address, size) == 0)
        matched = SIZE_MAX - 1;
      if (type != GNUTLS_SAN_DNSNAME || !is_name_text (buf, size))
        continue;
      char *id = comparable ((const char *) buf, size);
      if (!id)
        continue;
      if (matched == SIZE_MAX && ref && dns_id_matches (id, ref))
        matched = ids.count;
      ids_add (&ids, (const char *) id);
      free (id);
    }
  free (ref);
  *names = ids.names;
  *count = ids.count;
  if (which)
    *which = matched < ids.count ? ids.names[matched] : NULL;
  return matched != SIZE_MAX;
}
