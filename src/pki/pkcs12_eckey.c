/* An EC key read from its PKCS#8 form by libtasn1 and its public point
   computed with nettle, for the keys GnuTLS 3.7 refuses because the
   point is missing (Java keytool's way). */
#include <config.h>

#include "pki/pkcs12_eckey.h"

#include <nettle/bignum.h>
#include <nettle/ecc-curve.h>
#include <nettle/ecc.h>
#include <string.h>

#include "pki/pkcs12_der.h"
#include "base/xalloc.h"

#define OID_EC_PUBLIC_KEY "1.2.840.10045.2.1"

static const struct curve
{
  const char *oid;
  gnutls_ecc_curve_t gnutls;
  const struct ecc_curve *(*nettle) (void);
  unsigned bytes;
} curves[] = {
  { "1.2.840.10045.3.1.7", GNUTLS_ECC_CURVE_SECP256R1, nettle_get_secp_256r1,
    32 },
  { "1.3.132.0.34", GNUTLS_ECC_CURVE_SECP384R1, nettle_get_secp_384r1, 48 },
  { "1.3.132.0.35", GNUTLS_ECC_CURVE_SECP521R1, nettle_get_secp_521r1, 66 },
};

#define COUNT(array) (sizeof (array) / sizeof (array)[0])

/* The curve named by the key's algorithm parameters; the ECPrivateKey's
   own, when it names one, must be the same. */
static const struct curve *
find_curve (asn1_node info, asn1_node ec)
{
  gnutls_datum_t der = { NULL, 0 };
  asn1_node named = NULL;
  const struct curve *found = NULL;
  if (cw_p12_der_read (info, "privateKeyAlgorithm.parameters", &der)
      && cw_p12_der_decode ("NamedCurve", &der, &named))
    for (size_t i = 0; !found && i < COUNT (curves); i++)
      if (cw_p12_der_oid_is (named, "", curves[i].oid))
        found = &curves[i];
  int size = 0;
  if (found && asn1_read_value (ec, "parameters", NULL, &size)
                 != ASN1_ELEMENT_NOT_FOUND
      && !cw_p12_der_oid_is (ec, "parameters", found->oid))
    found = NULL;
  asn1_delete_structure (&named);
  cw_p12_der_free (&der);
  return found;
}

static void
wipe_mpz (mpz_t z)
{
  size_t limbs = mpz_size (z);
  if (limbs)
    memset (mpz_limbs_modify (z, (mp_size_t) limbs), 0,
            limbs * sizeof (mp_limb_t));
  mpz_clear (z);
}

/* The public point X, Y (CURVE->bytes each) of the private scalar K;
   false when K is not a valid scalar of the curve. */
static bool
public_point (const struct curve *curve, const gnutls_datum_t *k,
              unsigned char *x, unsigned char *y)
{
  const struct ecc_curve *ecc = curve->nettle ();
  struct ecc_scalar scalar;
  struct ecc_point point;
  mpz_t z, px, py;
  mpz_inits (z, px, py, NULL);
  nettle_mpz_set_str_256_u (z, k->size, k->data);
  ecc_scalar_init (&scalar, ecc);
  ecc_point_init (&point, ecc);
  bool ok = ecc_scalar_set (&scalar, z) == 1;
  if (ok)
    {
      ecc_point_mul_g (&point, &scalar);
      ecc_point_get (&point, px, py);
      nettle_mpz_get_str_256 (curve->bytes, x, px);
      nettle_mpz_get_str_256 (curve->bytes, y, py);
      memset (scalar.p, 0, (size_t) ecc_size (ecc) * sizeof (mp_limb_t));
    }
  ecc_point_clear (&point);
  ecc_scalar_clear (&scalar);
  wipe_mpz (z);
  mpz_clears (px, py, NULL);
  return ok;
}

static int
import_scalar (const struct curve *curve, const gnutls_datum_t *k,
               gnutls_x509_privkey_t key)
{
  unsigned char x[66], y[66];
  if (k->size == 0 || k->size > curve->bytes
      || !public_point (curve, k, x, y))
    return GNUTLS_E_PK_INVALID_PRIVKEY;
  gnutls_datum_t gx = { x, curve->bytes }, gy = { y, curve->bytes };
  return gnutls_x509_privkey_import_ecc_raw (key, curve->gnutls, &gx, &gy, k);
}

int
cw_p12_eckey_import (const gnutls_datum_t *plain, gnutls_x509_privkey_t key)
{
  asn1_node info = NULL, ec = NULL;
  gnutls_datum_t ec_der = { NULL, 0 }, scalar = { NULL, 0 };
  unsigned long version;
  int ret = GNUTLS_E_ASN1_DER_ERROR;
  if (cw_p12_der_decode ("PrivateKeyInfo", plain, &info)
      && cw_p12_der_oid_is (info, "privateKeyAlgorithm.algorithm",
                            OID_EC_PUBLIC_KEY)
      && cw_p12_der_read (info, "privateKey", &ec_der)
      && cw_p12_der_decode ("ECPrivateKey", &ec_der, &ec)
      && cw_p12_der_uint (ec, "version", 1, &version) && version == 1
      && cw_p12_der_read (ec, "privateKey", &scalar))
    {
      const struct curve *curve = find_curve (info, ec);
      ret = curve ? import_scalar (curve, &scalar, key)
                  : GNUTLS_E_ECC_UNSUPPORTED_CURVE;
    }
  asn1_delete_structure2 (&ec, ASN1_DELETE_FLAG_ZEROIZE);
  asn1_delete_structure2 (&info, ASN1_DELETE_FLAG_ZEROIZE);
  cw_p12_der_free (&scalar);
  cw_p12_der_free (&ec_der);
  return ret;
}
