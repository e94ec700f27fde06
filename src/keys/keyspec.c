#include <config.h>

#include "keys/keyspec.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "base/i18n.h"
#include "keys/keytypes.h"
#include "base/xalloc.h"

void
cw_keyspec_default (struct cw_keyspec *spec)
{
  cw_keytype_spec (cw_keytype_at (cw_keytype_default_index ()), spec);
}

static bool
parse_type (const char *type, struct cw_keyspec *spec,
            struct cw_diags *diags)
{
  const struct cw_keytype *known = cw_keytype_find (type);
  if (known)
    {
      cw_keytype_spec (known, spec);
      return true;
    }
  char *choices = cw_keytype_choices ();
  cw_diag_add (diags, CW_ERROR, "key-unknown-type", "key",
               _("\"%s\" is not a key type certwiz makes. Choose one of "
                 "%s."), type, choices);
  free (choices);
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
  const struct cw_keytype *known = cw_keytype_of (spec);
  if (known)
    return xstrdup (known->name);
  if (spec->algorithm == GNUTLS_PK_RSA)
    return xasprintf ("rsa%u", spec->bits);
  return xasprintf ("p%u", cw_curve_bits (spec->curve));
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
  return cw_key_kind_describe (spec->algorithm,
                               spec->algorithm == GNUTLS_PK_ECDSA
                                 ? cw_curve_bits (spec->curve) : spec->bits);
}
