#include <config.h>

#include "keys/keytypes.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "base/i18n.h"
#include "base/xalloc.h"
#include "keys/keyspec.h"

static const struct cw_keytype types[] = {
  /* TRANSLATORS: the explanations fit 38 columns at 80x24. */
  { "rsa2048", GNUTLS_PK_RSA, 2048, GNUTLS_ECC_CURVE_INVALID,
    N_("RSA 2048 bits"), N_("The smallest size CAs accept."), false },
  { "rsa3072", GNUTLS_PK_RSA, 3072, GNUTLS_ECC_CURVE_INVALID,
    N_("RSA 3072 bits (recommended)"),
    N_("Works everywhere; strong for years."), true },
  { "rsa4096", GNUTLS_PK_RSA, 4096, GNUTLS_ECC_CURVE_INVALID,
    N_("RSA 4096 bits"), N_("Stronger; slower handshakes."), false },
  { "p256", GNUTLS_PK_ECDSA, 0, GNUTLS_ECC_CURVE_SECP256R1,
    N_("ECDSA P-256"), N_("Small and fast; old servers lack it."), false },
  { "p384", GNUTLS_PK_ECDSA, 0, GNUTLS_ECC_CURVE_SECP384R1,
    N_("ECDSA P-384"), N_("A stronger curve; same caveat."), false },
};

#define TYPE_COUNT (sizeof types / sizeof types[0])

size_t
cw_keytype_count (void)
{
  return TYPE_COUNT;
}

const struct cw_keytype *
cw_keytype_at (size_t index)
{
  return index < TYPE_COUNT ? &types[index] : NULL;
}

size_t
cw_keytype_default_index (void)
{
  for (size_t i = 0; i < TYPE_COUNT; i++)
    if (types[i].is_default)
      return i;
  return 0;
}

const struct cw_keytype *
cw_keytype_find (const char *name)
{
  for (size_t i = 0; name && i < TYPE_COUNT; i++)
    if (strcasecmp (name, types[i].name) == 0)
      return &types[i];
  return NULL;
}

const struct cw_keytype *
cw_keytype_of (const struct cw_keyspec *spec)
{
  for (size_t i = 0; i < TYPE_COUNT; i++)
    if (types[i].algorithm == spec->algorithm
        && (spec->algorithm == GNUTLS_PK_ECDSA
              ? types[i].curve == spec->curve : types[i].bits == spec->bits))
      return &types[i];
  return NULL;
}

void
cw_keytype_spec (const struct cw_keytype *type, struct cw_keyspec *spec)
{
  *spec = (struct cw_keyspec) { type->algorithm, type->bits, type->curve };
}

char *
cw_keytype_choices (void)
{
  char *text = xstrdup ("");
  for (size_t i = 0; i < TYPE_COUNT; i++)
    {
      /* TRANSLATORS: how the default key type is marked in the list of
         choices: "rsa3072 (the default)". */
      char *item = types[i].is_default
                     ? xasprintf (_("%s (the default)"), types[i].name)
                     : xstrdup (types[i].name);
      /* TRANSLATORS: what separates the items of a list, and what comes
         before its last: "a, b, c or d". */
      const char *joint = i == 0 ? "" : i + 1 < TYPE_COUNT ? _(", ")
                                                          : _(" or ");
      char *longer = xasprintf ("%s%s%s", text, joint, item);
      free (text);
      free (item);
      text = longer;
    }
  return text;
}

char *
cw_key_kind_describe (gnutls_pk_algorithm_t algorithm, unsigned bits)
{
  if (algorithm == GNUTLS_PK_RSA)
    return xasprintf (_("RSA %u bits"), bits);
  if (algorithm == GNUTLS_PK_ECDSA)
    return xasprintf (_("ECDSA P-%u"), bits);
  const char *name = gnutls_pk_get_name (algorithm);
  return xasprintf ("%s %u", name ? name : "?", bits);
}

char *
cw_key_kind_name (gnutls_pk_algorithm_t algorithm, unsigned bits)
{
  struct cw_keyspec spec = { algorithm, bits, GNUTLS_ECC_CURVE_INVALID };
  if (algorithm == GNUTLS_PK_RSA)
    return cw_keyspec_name (&spec);
  for (size_t i = 0; algorithm == GNUTLS_PK_ECDSA && i < TYPE_COUNT; i++)
    if (types[i].algorithm == GNUTLS_PK_ECDSA
        && cw_curve_bits (types[i].curve) == bits)
      return xstrdup (types[i].name);
  /* Named as a type would be, so that asking for it says it is not one
     certwiz makes. */
  if (algorithm == GNUTLS_PK_ECDSA)
    return xasprintf ("p%u", bits);
  return xstrdup ("");
}
