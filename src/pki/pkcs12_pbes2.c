/* A PKCS#8 key bag decrypted again, for the key GnuTLS decrypted but
   could not read: PBES2 (RFC 8018), which openssl 3 and Java's keytool
   (since Java 12) write.  The crypto is GnuTLS's; libtasn1 reads the
   parameters. */
#include <config.h>

#include "pki/pkcs12_eckey.h"

#include <gnutls/crypto.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>

#include "pki/pkcs12_der.h"
#include "base/xalloc.h"

#define OID_PBES2 "1.2.840.113549.1.5.13"
#define OID_PBKDF2 "1.2.840.113549.1.5.12"
#define OID_HMAC_SHA1 "1.2.840.113549.2.7"

static const struct
{
  const char *oid;
  gnutls_mac_algorithm_t mac;
} prfs[] = {
  { OID_HMAC_SHA1, GNUTLS_MAC_SHA1 },
  { "1.2.840.113549.2.8", GNUTLS_MAC_SHA224 },
  { "1.2.840.113549.2.9", GNUTLS_MAC_SHA256 },
  { "1.2.840.113549.2.10", GNUTLS_MAC_SHA384 },
  { "1.2.840.113549.2.11", GNUTLS_MAC_SHA512 },
};

static const struct
{
  const char *oid;
  gnutls_cipher_algorithm_t cipher;
} ciphers[] = {
  { "2.16.840.1.101.3.4.1.2", GNUTLS_CIPHER_AES_128_CBC },
  { "2.16.840.1.101.3.4.1.22", GNUTLS_CIPHER_AES_192_CBC },
  { "2.16.840.1.101.3.4.1.42", GNUTLS_CIPHER_AES_256_CBC },
  { "1.2.840.113549.3.7", GNUTLS_CIPHER_3DES_CBC },
};

#define COUNT(array) (sizeof (array) / sizeof (array)[0])

struct pbes2
{
  gnutls_mac_algorithm_t prf;
  gnutls_cipher_algorithm_t cipher;
  unsigned long rounds;
  gnutls_datum_t salt, iv, data;
};

static bool
read_prf (asn1_node kdf, struct pbes2 *p)
{
  char name[] = "prf.algorithm";
  int size = 0;
  /* An absent prf is HMAC-SHA-1, its default. */
  bool absent = asn1_read_value (kdf, name, NULL, &size)
                == ASN1_ELEMENT_NOT_FOUND;
  for (size_t i = 0; i < COUNT (prfs); i++)
    if (absent ? strcmp (prfs[i].oid, OID_HMAC_SHA1) == 0
               : cw_p12_der_oid_is (kdf, name, prfs[i].oid))
      {
        p->prf = prfs[i].mac;
        return true;
      }
  return false;
}

static bool
read_kdf (asn1_node params, unsigned long max_rounds, struct pbes2 *p)
{
  gnutls_datum_t der = { NULL, 0 };
  asn1_node kdf = NULL;
  unsigned long length;
  bool ok = cw_p12_der_oid_is (params, "keyDerivationFunc.algorithm",
                               OID_PBKDF2)
            && cw_p12_der_read (params, "keyDerivationFunc.parameters", &der);
  ok = ok && cw_p12_der_decode ("PBKDF2-params", &der, &kdf)
       && cw_p12_der_read (kdf, "salt", &p->salt)
       && cw_p12_der_uint (kdf, "iterationCount", max_rounds, &p->rounds)
       && p->rounds > 0 && read_prf (kdf, p);
  /* A key length, when given, must be the cipher's. */
  if (ok && cw_p12_der_uint (kdf, "keyLength", 1024, &length))
    ok = length == gnutls_cipher_get_key_size (p->cipher);
  asn1_delete_structure (&kdf);
  cw_p12_der_free (&der);
  return ok;
}

static bool
read_cipher (asn1_node params, struct pbes2 *p)
{
  gnutls_datum_t der = { NULL, 0 };
  asn1_node iv = NULL;
  bool known = false;
  for (size_t i = 0; !known && i < COUNT (ciphers); i++)
    if (cw_p12_der_oid_is (params, "encryptionScheme.algorithm",
                           ciphers[i].oid))
      {
        p->cipher = ciphers[i].cipher;
        known = true;
      }
  bool ok = known
            && cw_p12_der_read (params, "encryptionScheme.parameters", &der)
            && cw_p12_der_decode ("IV", &der, &iv)
            && cw_p12_der_read (iv, "", &p->iv)
            && p->iv.size == gnutls_cipher_get_iv_size (p->cipher);
  asn1_delete_structure (&iv);
  cw_p12_der_free (&der);
  return ok;
}

static bool
read_pbes2 (const gnutls_datum_t *encrypted, unsigned long max_rounds,
            struct pbes2 *p)
{
  gnutls_datum_t der = { NULL, 0 };
  asn1_node info = NULL, params = NULL;
  bool ok = cw_p12_der_decode ("EncryptedPrivateKeyInfo", encrypted, &info)
            && cw_p12_der_oid_is (info, "encryptionAlgorithm.algorithm",
                                  OID_PBES2)
            && cw_p12_der_read (info, "encryptionAlgorithm.parameters", &der)
            && cw_p12_der_decode ("PBES2-params", &der, &params)
            && read_cipher (params, p) && read_kdf (params, max_rounds, p)
            && cw_p12_der_read (info, "encryptedData", &p->data)
            && p->data.size > 0
            && p->data.size % gnutls_cipher_get_block_size (p->cipher) == 0;
  asn1_delete_structure (&params);
  asn1_delete_structure2 (&info, ASN1_DELETE_FLAG_ZEROIZE);
  cw_p12_der_free (&der);
  return ok;
}

/* PKCS#7 padding: wrong padding is the usual sign of a wrong password. */
static bool
unpad (gnutls_datum_t *plain, unsigned block)
{
  unsigned pad = plain->data[plain->size - 1];
  if (pad == 0 || pad > block || pad > plain->size)
    return false;
  for (unsigned i = 1; i <= pad; i++)
    if (plain->data[plain->size - i] != pad)
      return false;
  plain->size -= pad;
  return true;
}

static bool
decrypt (const struct pbes2 *p, const char *password, gnutls_datum_t *plain)
{
  unsigned char secret[64];
  gnutls_datum_t pass = { (unsigned char *) password,
                          (unsigned) strlen (password) };
  gnutls_datum_t key = { secret, gnutls_cipher_get_key_size (p->cipher) };
  gnutls_cipher_hd_t cipher = NULL;
  bool ok = key.size <= sizeof secret
            && gnutls_pbkdf2 (p->prf, &pass, &p->salt, (unsigned) p->rounds,
                              secret, key.size) == 0
            && gnutls_cipher_init (&cipher, p->cipher, &key, &p->iv) == 0;
  plain->data = xmalloc (p->data.size);
  plain->size = p->data.size;
  ok = ok && gnutls_cipher_decrypt2 (cipher, p->data.data, p->data.size,
                                     plain->data, plain->size) == 0
       && unpad (plain, gnutls_cipher_get_block_size (p->cipher));
  if (cipher)
    gnutls_cipher_deinit (cipher);
  gnutls_memset (secret, 0, sizeof secret);
  if (!ok)
    cw_p12_der_free (plain);
  return ok;
}

bool
cw_p12_pbes2_decrypt (const gnutls_datum_t *encrypted, const char *password,
                      unsigned long max_rounds, gnutls_datum_t *plain)
{
  struct pbes2 p = { .prf = GNUTLS_MAC_UNKNOWN };
  plain->data = NULL;
  plain->size = 0;
  bool ok = password && max_rounds <= UINT_MAX
            && read_pbes2 (encrypted, max_rounds, &p)
            && decrypt (&p, password, plain);
  cw_p12_der_free (&p.salt);
  cw_p12_der_free (&p.iv);
  cw_p12_der_free (&p.data);
  return ok;
}
