#include <config.h>

#include "keys/keyspec.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "base/i18n.h"
#include "base/xalloc.h"

static const struct
{
  const char *name;
  gnutls_pk_algorithm_t algorithm;
  unsigned bits;
  gnutls_ecc_curve_t curve;
} named_keys[] = {
  { "rsa2048", GNUTLS_PK_RSA, 2048, GNUTLS_ECC_CURVE_INVALID },
  { "rsa3072", GNUTLS_PK_RSA, 3072, GNUTLS_ECC_CURVE_INVALID },
  { "rsa4096", GNUTLS_PK_RSA, 4096, GNUTLS_ECC_CURVE_INVALID },
  { "p256", GNUTLS_PK_ECDSA, 0, GNUTLS_ECC_CURVE_SECP256R1 },
  { "p384", GNUTLS_PK_ECDSA, 0, GNUTLS_ECC_CURVE_SECP384R1 },
};

#define NAMED_KEY_COUNT (sizeof named_keys / sizeof named_keys[0])

void
cw_keyspec_default (struct cw_keyspec *spec)
{
  *spec = (struct cw_keyspec) { GNUTLS_PK_RSA, 3072,
                                GNUTLS_ECC_CURVE_INVALID };
}

static bool
parse_type (const char *type, struct cw_keyspec *spec,
            struct cw_diags *diags)
{
  for (size_t i = 0; i < NAMED_KEY_COUNT; i++)
    if (strcasecmp (type, named_keys[i].name) == 0)
      {
        *spec = (struct cw_keyspec) { named_keys[i].algorithm,
                                      named_keys[i].bits,
                                      named_keys[i].curve };
        return true;
      }
  cw_diag_add (diags, CW_ERROR, "key-unknown-type", "key",
               _("\"%s\" is not a key type certwiz makes. Choose one of "
                 "rsa2048, rsa3072 (the default), rsa4096, p256 or p384."),
               type);
  return false;
}

static bool
parse_bits (const char *text, struct cw_keyspec *spec,
            struct cw_diags *diags)
{
  char *end;
  errno = 0;
  unsigned long bits = strtoul (text, &end, 10);
  if (errno || end == text || *end != '\0' || text[0] == '-')
    {
      cw_diag_add (diags, CW_ERROR, "key-size-not-number", "key",
                   _("The key size \"%s\" is not a number of bits. Give "
                     "2048, 3072 or 4096."), text);
      return false;
    }
  if (bits < CW_RSA_MIN_BITS)
    {
      cw_diag_add (diags, CW_ERROR, "key-too-small", "key",
                   _("A %lu-bit RSA key is too weak: it can be broken, and "
                     "no public CA signs keys under 2048 bits. Use 2048 "
                     "or more; 3072 is the default."), bits);
      return false;
    }
  if (bits > CW_RSA_MAX_BITS)
    {
      cw_diag_add (diags, CW_ERROR, "key-too-large", "key",
                   _("A %lu-bit RSA key is larger than certwiz makes (at "
                     "most %u bits) and would slow down every connection. "
                     "Use 3072 or 4096."), bits, CW_RSA_MAX_BITS);
      return false;
    }
  *spec = (struct cw_keyspec) { GNUTLS_PK_RSA, (unsigned) bits,
                                GNUTLS_ECC_CURVE_INVALID };
  return true;
}

bool
cw_keyspec_parse (const char *type, const char *bits,
                  struct cw_keyspec *spec, struct cw_diags *diags)
{
  cw_keyspec_default (spec);
  if (type && bits)
    {
      cw_diag_add (diags, CW_ERROR, "key-conflict", "key",
                   _("Both a key type and a key size were given. Give only "
                     "one of them."));
      return false;
    }
  if (type)
    return parse_type (type, spec, diags);
  if (bits)
    return parse_bits (bits, spec, diags);
  return true;
}

char *
cw_keyspec_name (const struct cw_keyspec *spec)
{
  if (spec->algorithm == GNUTLS_PK_RSA)
    return xasprintf ("rsa%u", spec->bits);
  for (size_t i = 0; i < NAMED_KEY_COUNT; i++)
    if (named_keys[i].curve == spec->curve)
      return xstrdup (named_keys[i].name);
  return xstrdup (gnutls_ecc_curve_get_name (spec->curve));
}

unsigned
cw_curve_bits (gnutls_ecc_curve_t curve)
{
  switch (curve)
    {
    case GNUTLS_ECC_CURVE_SECP384R1:
      return 384;
    case GNUTLS_ECC_CURVE_SECP521R1:
      return 521;
    default:
      return 256;
    }
}

char *
cw_keyspec_describe (const struct cw_keyspec *spec)
{
  if (spec->algorithm == GNUTLS_PK_RSA)
    return xasprintf (_("RSA %u bits"), spec->bits);
  return xasprintf (_("ECDSA P-%u"), cw_curve_bits (spec->curve));
}
