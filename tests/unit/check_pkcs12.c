/* PKCS#12 backups: both profiles round trip, wrong passwords and damaged
   files are clean errors, and GnuTLS's fuzzing corpus never crashes. */
#include <config.h>

#include <check.h>
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <gnutls/pkcs12.h>

#include "pki/pkcs12.h"
#include "pki/pkcs12_der.h"
#include "keys/rawkey.h"
#include "unit.h"

#define PASSWORD "correct horse"

/* A CA, a leaf it signed, and the leaf's key. */
struct chain
{
  struct cw_key *ca_key, *leaf_key;
  gnutls_x509_crt_t certs[2];    /* leaf, CA */
};

static struct cw_key *
make_key (gnutls_pk_algorithm_t algorithm)
{
  gnutls_x509_privkey_t raw;
  struct cw_key *key;
  unsigned bits = algorithm == GNUTLS_PK_RSA
                    ? 2048 : GNUTLS_CURVE_TO_BITS (GNUTLS_ECC_CURVE_SECP256R1);
  ck_assert_int_eq (gnutls_x509_privkey_init (&raw), 0);
  ck_assert_int_eq (gnutls_x509_privkey_generate (raw, algorithm, bits, 0), 0);
  ck_assert_int_eq (cw_key_adopt_raw (raw, &key), 0);
  return key;
}

static gnutls_x509_crt_t
make_cert (const char *dn, const struct cw_key *key, bool ca,
           gnutls_x509_crt_t issuer, const struct cw_key *issuer_key)
{
  gnutls_x509_crt_t crt;
  time_t now = time (NULL);
  unsigned char serial[] = { 0x01, ca ? 0x01 : 0x02 };
  ck_assert_int_eq (gnutls_x509_crt_init (&crt), 0);
  ck_assert_int_eq (gnutls_x509_crt_set_version (crt, 3), 0);
  ck_assert_int_eq (gnutls_x509_crt_set_serial (crt, serial, sizeof serial),
                    0);
  ck_assert_int_eq (gnutls_x509_crt_set_dn (crt, dn, NULL), 0);
  ck_assert_int_eq (gnutls_x509_crt_set_key (crt, cw_key_raw (key)), 0);
  ck_assert_int_eq (gnutls_x509_crt_set_activation_time (crt, now - 60), 0);
  ck_assert_int_eq (gnutls_x509_crt_set_expiration_time (crt, now + 86400),
                    0);
  ck_assert_int_eq (gnutls_x509_crt_set_basic_constraints (crt, ca, -1), 0);
  ck_assert_int_eq (gnutls_x509_crt_sign2 (crt, issuer ? issuer : crt,
                                           cw_key_raw (issuer_key),
                                           GNUTLS_DIG_SHA256, 0),
                    0);
  return crt;
}

static void
make_chain (struct chain *chain, gnutls_pk_algorithm_t algorithm)
{
  chain->ca_key = make_key (algorithm);
  chain->leaf_key = make_key (algorithm);
  chain->certs[1] = make_cert ("CN=Contoso Test CA", chain->ca_key, true,
                               NULL, chain->ca_key);
  chain->certs[0] = make_cert ("CN=mail.contoso.com", chain->leaf_key, false,
                               chain->certs[1], chain->ca_key);
}

static void
free_chain (struct chain *chain)
{
  gnutls_x509_crt_deinit (chain->certs[0]);
  gnutls_x509_crt_deinit (chain->certs[1]);
  cw_key_free (chain->ca_key);
  cw_key_free (chain->leaf_key);
}

static void
write_backup (const struct chain *chain, enum cw_p12_profile profile,
              const char *friendly_name, gnutls_datum_t *der)
{
  struct cw_diags diags = CW_DIAGS_INIT;
  ck_assert_int_eq (cw_p12_write (chain->leaf_key, chain->certs, 2,
                                  friendly_name, profile, PASSWORD, der,
                                  &diags), CW_OK);
  ck_assert_uint_eq (diags.count, 0);
  cw_diags_free (&diags);
}

/* What a read returned, freed together. */
struct backup
{
  struct cw_key *key;
  struct cw_certs certs;
  char *name;
  struct cw_diags diags;
};

static enum cw_status
read_backup (const gnutls_datum_t *der, const char *password,
             struct backup *backup)
{
  *backup = (struct backup) { NULL, CW_CERTS_INIT, NULL, CW_DIAGS_INIT };
  return cw_p12_read (der, password, &backup->key, &backup->certs,
                      &backup->name, &backup->diags);
}

static void
free_backup (struct backup *backup)
{
  cw_key_free (backup->key);
  cw_certs_free (&backup->certs);
  free (backup->name);
  cw_diags_free (&backup->diags);
}

static void
assert_refused (const gnutls_datum_t *der, const char *password,
                const char *code)
{
  struct backup backup;
  ck_assert_int_eq (read_backup (der, password, &backup), CW_REFUSED);
  ck_assert_ptr_nonnull (cw_diags_find (&backup.diags, code));
  ck_assert_ptr_null (backup.key);
  ck_assert_uint_eq (backup.certs.count, 0);
  ck_assert_ptr_null (backup.name);
  free_backup (&backup);
}

static void
assert_same_cert (gnutls_x509_crt_t a, gnutls_x509_crt_t b)
{
  ck_assert_int_ne (gnutls_x509_crt_equals (a, b), 0);
}

/* Loop index: bit 0 the profile, bit 1 the key type. */
START_TEST (round_trip)
{
  enum cw_p12_profile profile = _i & 1 ? CW_P12_LEGACY : CW_P12_MODERN;
  struct chain chain;
  gnutls_datum_t der;
  struct backup backup;
  make_chain (&chain, _i & 2 ? GNUTLS_PK_ECDSA : GNUTLS_PK_RSA);
  write_backup (&chain, profile, "Contoso mail 2025", &der);
  ck_assert_int_eq (read_backup (&der, PASSWORD, &backup), CW_OK);
  ck_assert_uint_eq (backup.diags.count, 0);
  ck_assert_ptr_nonnull (backup.key);
  ck_assert (cw_key_same (backup.key, chain.leaf_key));
  ck_assert_uint_eq (backup.certs.count, 2);
  assert_same_cert (backup.certs.items[0], chain.certs[0]);
  assert_same_cert (backup.certs.items[1], chain.certs[1]);
  ck_assert_str_eq (backup.name, "Contoso mail 2025");
  free_backup (&backup);

  struct cw_diags diags = CW_DIAGS_INIT;
  ck_assert_int_eq (cw_p12_verify (&der, PASSWORD, chain.leaf_key, &diags),
                    CW_OK);
  ck_assert_uint_eq (diags.count, 0);
  cw_diags_free (&diags);
  gnutls_free (der.data);
  free_chain (&chain);
}
END_TEST

START_TEST (profile_names)
{
  struct cw_diags diags = CW_DIAGS_INIT;
  enum cw_p12_profile profile = CW_P12_LEGACY;
  ck_assert (cw_p12_profile_parse ("modern", &profile, &diags));
  ck_assert_int_eq (profile, CW_P12_MODERN);
  ck_assert (cw_p12_profile_parse ("legacy", &profile, &diags));
  ck_assert_int_eq (profile, CW_P12_LEGACY);
  ck_assert_uint_eq (diags.count, 0);
  ck_assert (!cw_p12_profile_parse ("aes", &profile, &diags));
  ck_assert_ptr_nonnull (cw_diags_find (&diags, "p12-unknown-profile"));
  ck_assert_str_eq (diags.items[0].field, "backup");
  cw_diags_free (&diags);
}
END_TEST

START_TEST (friendly_names_beyond_ascii)
{
  struct chain chain;
  gnutls_datum_t der;
  struct backup backup;
  struct cw_diags diags = CW_DIAGS_INIT;
  make_chain (&chain, GNUTLS_PK_ECDSA);
  write_backup (&chain, CW_P12_MODERN, "Café Zürich", &der);
  ck_assert_int_eq (read_backup (&der, PASSWORD, &backup), CW_OK);
  ck_assert_str_eq (backup.name, "Café Zürich");
  free_backup (&backup);
  gnutls_free (der.data);

  /* Beyond Latin-1 GnuTLS cannot write it: certwiz says what it kept. */
  ck_assert_int_eq (cw_p12_write (chain.leaf_key, chain.certs, 2,
                                  "Mail 10€", CW_P12_MODERN, PASSWORD, &der,
                                  &diags), CW_OK);
  ck_assert_ptr_nonnull (cw_diags_find (&diags, "p12-friendly-name-changed"));
  ck_assert (!cw_diags_has_errors (&diags));
  ck_assert_int_eq (read_backup (&der, PASSWORD, &backup), CW_OK);
  ck_assert_str_eq (backup.name, "Mail 10?");
  free_backup (&backup);
  cw_diags_free (&diags);
  gnutls_free (der.data);
  free_chain (&chain);
}
END_TEST

START_TEST (no_friendly_name_and_unicode_password)
{
  struct chain chain;
  gnutls_datum_t der;
  struct backup backup;
  struct cw_diags diags = CW_DIAGS_INIT;
  make_chain (&chain, GNUTLS_PK_ECDSA);
  ck_assert_int_eq (cw_p12_write (chain.leaf_key, chain.certs, 2, NULL,
                                  CW_P12_LEGACY, "pässwörd", &der, &diags),
                    CW_OK);
  ck_assert_int_eq (read_backup (&der, "pässwörd", &backup), CW_OK);
  ck_assert_ptr_null (backup.name);
  ck_assert_uint_eq (backup.certs.count, 2);
  free_backup (&backup);
  assert_refused (&der, "passwort", "p12-bad-password");
  cw_diags_free (&diags);
  gnutls_free (der.data);
  free_chain (&chain);
}
END_TEST

START_TEST (wrong_password_is_plain)
{
  struct chain chain;
  gnutls_datum_t der;
  make_chain (&chain, GNUTLS_PK_ECDSA);
  for (int profile = CW_P12_MODERN; profile <= CW_P12_LEGACY; profile++)
    {
      write_backup (&chain, profile, "x", &der);
      assert_refused (&der, "Correct horse", "p12-bad-password");
      assert_refused (&der, "", "p12-bad-password");
      gnutls_free (der.data);
    }
  free_chain (&chain);
}
END_TEST

START_TEST (damaged_files_are_malformed)
{
  struct chain chain;
  gnutls_datum_t der;
  make_chain (&chain, GNUTLS_PK_ECDSA);
  write_backup (&chain, CW_P12_MODERN, "x", &der);
  gnutls_datum_t empty = { NULL, 0 };
  assert_refused (&empty, PASSWORD, "p12-malformed");
  unsigned sizes[] = { 1, 2, 16, der.size / 2, der.size - 1 };
  for (size_t i = 0; i < sizeof sizes / sizeof sizes[0]; i++)
    {
      gnutls_datum_t truncated = { der.data, sizes[i] };
      assert_refused (&truncated, PASSWORD, "p12-malformed");
    }
  unsigned char garbage[512];
  for (size_t i = 0; i < sizeof garbage; i++)
    garbage[i] = (unsigned char) (i * 37 + 11);
  gnutls_datum_t noise = { garbage, sizeof garbage };
  assert_refused (&noise, PASSWORD, "p12-malformed");
  /* A PFX of its version alone. */
  static char pem[] = "-----BEGIN PKCS12-----\nMAMCAQM=\n"
                      "-----END PKCS12-----\n";
  gnutls_datum_t text = { (unsigned char *) pem, sizeof pem - 1 };
  assert_refused (&text, PASSWORD, "p12-malformed");
  gnutls_free (der.data);
  free_chain (&chain);
}
END_TEST

START_TEST (pem_is_read)
{
  struct chain chain;
  gnutls_datum_t der, pem;
  struct backup backup;
  make_chain (&chain, GNUTLS_PK_ECDSA);
  write_backup (&chain, CW_P12_MODERN, "x", &der);
  ck_assert_int_eq (gnutls_pem_base64_encode2 ("PKCS12", &der, &pem), 0);
  ck_assert_int_eq (read_backup (&pem, PASSWORD, &backup), CW_OK);
  ck_assert (cw_key_same (backup.key, chain.leaf_key));
  free_backup (&backup);
  gnutls_free (pem.data);
  gnutls_free (der.data);
  free_chain (&chain);
}
END_TEST

START_TEST (key_certificate_comes_first)
{
  struct chain chain;
  gnutls_datum_t der;
  struct backup backup;
  struct cw_diags diags = CW_DIAGS_INIT;
  make_chain (&chain, GNUTLS_PK_ECDSA);
  gnutls_x509_crt_t ca_first[] = { chain.certs[1], chain.certs[0] };
  ck_assert_int_eq (cw_p12_write (chain.leaf_key, ca_first, 2, "x",
                                  CW_P12_MODERN, PASSWORD, &der, &diags),
                    CW_OK);
  ck_assert_int_eq (read_backup (&der, PASSWORD, &backup), CW_OK);
  assert_same_cert (backup.certs.items[0], chain.certs[0]);
  assert_same_cert (backup.certs.items[1], chain.certs[1]);
  free_backup (&backup);
  cw_diags_free (&diags);
  gnutls_free (der.data);
  free_chain (&chain);
}
END_TEST

START_TEST (verify_detects_another_key)
{
  struct chain chain;
  gnutls_datum_t der;
  struct cw_diags diags = CW_DIAGS_INIT;
  make_chain (&chain, GNUTLS_PK_ECDSA);
  write_backup (&chain, CW_P12_MODERN, "x", &der);
  ck_assert_int_eq (cw_p12_verify (&der, PASSWORD, chain.ca_key, &diags),
                    CW_FAILED);
  ck_assert_ptr_nonnull (cw_diags_find (&diags, "p12-verify-failed"));
  cw_diags_clear (&diags);
  ck_assert_int_eq (cw_p12_verify (&der, "wrong", chain.leaf_key, &diags),
                    CW_FAILED);
  ck_assert_ptr_nonnull (cw_diags_find (&diags, "p12-verify-failed"));
  cw_diags_free (&diags);
  gnutls_free (der.data);
  free_chain (&chain);
}
END_TEST

START_TEST (verify_detects_missing_key)
{
  struct chain chain;
  gnutls_datum_t der;
  struct cw_diags diags = CW_DIAGS_INIT;
  gnutls_pkcs12_t p12;
  gnutls_pkcs12_bag_t bag;
  make_chain (&chain, GNUTLS_PK_ECDSA);
  /* A file of certificates alone, as some exports make by mistake. */
  ck_assert_int_eq (gnutls_pkcs12_init (&p12), 0);
  ck_assert_int_eq (gnutls_pkcs12_bag_init (&bag), 0);
  ck_assert_int_ge (gnutls_pkcs12_bag_set_crt (bag, chain.certs[0]), 0);
  ck_assert_int_eq (gnutls_pkcs12_set_bag (p12, bag), 0);
  ck_assert_int_eq (gnutls_pkcs12_generate_mac2 (p12, GNUTLS_MAC_SHA256,
                                                 PASSWORD), 0);
  ck_assert_int_eq (gnutls_pkcs12_export2 (p12, GNUTLS_X509_FMT_DER, &der), 0);
  gnutls_pkcs12_bag_deinit (bag);
  gnutls_pkcs12_deinit (p12);
  ck_assert_int_eq (cw_p12_verify (&der, PASSWORD, chain.leaf_key, &diags),
                    CW_FAILED);
  ck_assert_ptr_nonnull (cw_diags_find (&diags, "p12-no-key"));
  cw_diags_free (&diags);
  gnutls_free (der.data);
  free_chain (&chain);
}
END_TEST

/* The curves of Java keytool's EC keys: GnuTLS's and the DER of its
   OBJECT IDENTIFIER. */
static const struct
{
  gnutls_ecc_curve_t curve;
  unsigned char oid[10];
  unsigned oid_size;
} keytool_curves[] = {
  { GNUTLS_ECC_CURVE_SECP256R1,
    { 0x06, 0x08, 0x2A, 0x86, 0x48, 0xCE, 0x3D, 0x03, 0x01, 0x07 }, 10 },
  { GNUTLS_ECC_CURVE_SECP384R1, { 0x06, 0x05, 0x2B, 0x81, 0x04, 0x00, 0x22 },
    7 },
  { GNUTLS_ECC_CURVE_SECP521R1, { 0x06, 0x05, 0x2B, 0x81, 0x04, 0x00, 0x23 },
    7 },
};

static asn1_node
new_node (const char *type)
{
  asn1_node definitions = NULL, node = NULL;
  ck_assert_int_eq (asn1_array2tree (cw_p12_asn1_tab, &definitions, NULL),
                    ASN1_SUCCESS);
  ck_assert_int_eq (asn1_create_element (definitions, type, &node),
                    ASN1_SUCCESS);
  asn1_delete_structure (&definitions);
  return node;
}

static void
der_of (asn1_node *node, gnutls_datum_t *der)
{
  int size = 0;
  ck_assert_int_eq (asn1_der_coding (*node, "", NULL, &size, NULL),
                    ASN1_MEM_ERROR);
  der->data = gnutls_malloc ((size_t) size);
  ck_assert_int_eq (asn1_der_coding (*node, "", der->data, &size, NULL),
                    ASN1_SUCCESS);
  der->size = (unsigned) size;
  asn1_delete_structure (node);
}

/* KEY's PKCS#8 as Java's keytool writes it: an ECPrivateKey with neither
   its curve nor its public point.  SCALAR, when given, replaces the
   private scalar. */
static void
keytool_pkcs8 (const struct cw_key *key, const gnutls_datum_t *scalar,
               gnutls_datum_t *der)
{
  gnutls_ecc_curve_t curve;
  gnutls_datum_t x, y, k, ec_der;
  ck_assert_int_eq (gnutls_x509_privkey_export_ecc_raw (cw_key_raw (key),
                                                        &curve, &x, &y, &k),
                    0);
  size_t c = 0;
  while (keytool_curves[c].curve != curve)
    c++;
  /* GnuTLS may put a zero byte before the scalar; DER's is unsigned. */
  unsigned skip = k.size > 1 && k.data[0] == 0 ? 1 : 0;
  const gnutls_datum_t *d = scalar ? scalar : &k;
  asn1_node ec = new_node ("CertwizPkcs8.ECPrivateKey");
  ck_assert_int_eq (asn1_write_value (ec, "version", "1", 0), ASN1_SUCCESS);
  ck_assert_int_eq (asn1_write_value (ec, "privateKey", d->data + (scalar ? 0
                                                                   : skip),
                                      (int) (d->size - (scalar ? 0 : skip))),
                    ASN1_SUCCESS);
  ck_assert_int_eq (asn1_write_value (ec, "parameters", NULL, 0),
                    ASN1_SUCCESS);
  ck_assert_int_eq (asn1_write_value (ec, "publicKey", NULL, 0),
                    ASN1_SUCCESS);
  der_of (&ec, &ec_der);
  asn1_node info = new_node ("CertwizPkcs8.PrivateKeyInfo");
  ck_assert_int_eq (asn1_write_value (info, "version", "0", 0),
                    ASN1_SUCCESS);
  ck_assert_int_eq (asn1_write_value (info, "privateKeyAlgorithm.algorithm",
                                      "1.2.840.10045.2.1", 1), ASN1_SUCCESS);
  ck_assert_int_eq (asn1_write_value (info, "privateKeyAlgorithm.parameters",
                                      keytool_curves[c].oid,
                                      (int) keytool_curves[c].oid_size),
                    ASN1_SUCCESS);
  ck_assert_int_eq (asn1_write_value (info, "privateKey", ec_der.data,
                                      (int) ec_der.size), ASN1_SUCCESS);
  ck_assert_int_eq (asn1_write_value (info, "attributes", NULL, 0),
                    ASN1_SUCCESS);
  der_of (&info, der);
  gnutls_free (ec_der.data);
  gnutls_free (x.data);
  gnutls_free (y.data);
  gnutls_free (k.data);
}

/* A backup of PKCS8 in a plain key bag and CRT in a bag encrypted under
   PASSWORD, with a SHA-256 MAC (GnuTLS keeps a key bag alone). */
static void
keytool_backup (const gnutls_datum_t *pkcs8, gnutls_x509_crt_t crt,
                gnutls_datum_t *der)
{
  gnutls_pkcs12_t p12;
  gnutls_pkcs12_bag_t keys, certs;
  ck_assert_int_eq (gnutls_pkcs12_init (&p12), 0);
  ck_assert_int_eq (gnutls_pkcs12_bag_init (&keys), 0);
  ck_assert_int_eq (gnutls_pkcs12_bag_init (&certs), 0);
  ck_assert_int_ge (gnutls_pkcs12_bag_set_data (keys, GNUTLS_BAG_PKCS8_KEY,
                                                pkcs8), 0);
  ck_assert_int_ge (gnutls_pkcs12_bag_set_crt (certs, crt), 0);
  ck_assert_int_eq (gnutls_pkcs12_bag_encrypt (certs, PASSWORD,
                                               GNUTLS_PKCS_PBES2_AES_256), 0);
  ck_assert_int_eq (gnutls_pkcs12_set_bag (p12, keys), 0);
  ck_assert_int_eq (gnutls_pkcs12_set_bag (p12, certs), 0);
  ck_assert_int_eq (gnutls_pkcs12_generate_mac2 (p12, GNUTLS_MAC_SHA256,
                                                 PASSWORD), 0);
  ck_assert_int_eq (gnutls_pkcs12_export2 (p12, GNUTLS_X509_FMT_DER, der), 0);
  gnutls_pkcs12_bag_deinit (certs);
  gnutls_pkcs12_bag_deinit (keys);
  gnutls_pkcs12_deinit (p12);
}

static struct cw_key *
make_ec_key (gnutls_ecc_curve_t curve)
{
  gnutls_x509_privkey_t raw;
  struct cw_key *key;
  ck_assert_int_eq (gnutls_x509_privkey_init (&raw), 0);
  ck_assert_int_eq (gnutls_x509_privkey_generate (raw, GNUTLS_PK_ECDSA,
                                                  GNUTLS_CURVE_TO_BITS (curve),
                                                  0), 0);
  ck_assert_int_eq (cw_key_adopt_raw (raw, &key), 0);
  return key;
}

/* Loop index: the curve. */
START_TEST (keytool_ec_key_is_read)
{
  struct cw_key *key = make_ec_key (keytool_curves[_i].curve);
  gnutls_x509_crt_t crt = make_cert ("CN=java.contoso.com", key, false, NULL,
                                     key);
  gnutls_datum_t pkcs8, der;
  keytool_pkcs8 (key, NULL, &pkcs8);
  /* The form GnuTLS itself refuses, or this proves nothing. */
  gnutls_x509_privkey_t refused;
  ck_assert_int_eq (gnutls_x509_privkey_init (&refused), 0);
  ck_assert_int_lt (gnutls_x509_privkey_import_pkcs8 (refused, &pkcs8,
                                                      GNUTLS_X509_FMT_DER,
                                                      NULL,
                                                      GNUTLS_PKCS_PLAIN), 0);
  gnutls_x509_privkey_deinit (refused);
  keytool_backup (&pkcs8, crt, &der);
  struct backup backup;
  ck_assert_int_eq (read_backup (&der, PASSWORD, &backup), CW_OK);
  ck_assert_uint_eq (backup.diags.count, 0);
  ck_assert_ptr_nonnull (backup.key);
  ck_assert (cw_key_same (backup.key, key));
  ck_assert (cw_key_fits_cert (backup.key, crt));
  /* The key works: it signs, and the signature verifies. */
  gnutls_x509_crt_t again = make_cert ("CN=again.contoso.com", backup.key,
                                       false, NULL, backup.key);
  unsigned verified = ~0U;
  ck_assert_int_eq (gnutls_x509_crt_verify (again, &again, 1,
                                            GNUTLS_VERIFY_DISABLE_CA_SIGN,
                                            &verified), 0);
  ck_assert_uint_eq (verified, 0);
  gnutls_x509_crt_deinit (again);
  free_backup (&backup);
  gnutls_free (der.data);
  gnutls_free (pkcs8.data);
  gnutls_x509_crt_deinit (crt);
  cw_key_free (key);
}
END_TEST

/* A scalar that is no key of the curve (zero, or the curve's order and
   beyond) stays unreadable, explained as such. */
START_TEST (keytool_bad_scalar_is_explained)
{
  struct cw_key *key = make_ec_key (GNUTLS_ECC_CURVE_SECP256R1);
  gnutls_x509_crt_t crt = make_cert ("CN=java.contoso.com", key, false, NULL,
                                     key);
  unsigned char bytes[32];
  gnutls_datum_t scalar = { bytes, sizeof bytes }, pkcs8, der;
  for (int ones = 0; ones < 2; ones++)
    {
      memset (bytes, ones ? 0xFF : 0x00, sizeof bytes);
      keytool_pkcs8 (key, &scalar, &pkcs8);
      keytool_backup (&pkcs8, crt, &der);
      assert_refused (&der, PASSWORD, "p12-key-unreadable");
      gnutls_free (der.data);
      gnutls_free (pkcs8.data);
    }
  gnutls_x509_crt_deinit (crt);
  cw_key_free (key);
}
END_TEST

/* A MAC of 2^31 - 1 rounds: GnuTLS alone would hash for an hour. */
START_TEST (hostile_round_count_refused_at_once)
{
  static const unsigned char pfx[] = {
    0x30, 0x4B, 0x02, 0x01, 0x03, 0x30, 0x11, 0x06, 0x09, 0x2A, 0x86, 0x48,
    0x86, 0xF7, 0x0D, 0x01, 0x07, 0x01, 0xA0, 0x04, 0x04, 0x02, 0x30, 0x00,
    0x30, 0x33, 0x30, 0x21, 0x30, 0x09, 0x06, 0x05, 0x2B, 0x0E, 0x03, 0x02,
    0x1A, 0x05, 0x00, 0x04, 0x14, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
    0, 0, 0, 0, 0, 0, 0x04, 0x08, 1, 1, 1, 1, 1, 1, 1, 1, 0x02, 0x04, 0x7F,
    0xFF, 0xFF, 0xFF
  };
  gnutls_datum_t data = { (unsigned char *) pfx, sizeof pfx };
  assert_refused (&data, PASSWORD, "p12-malformed");
}
END_TEST

static char *
corpus_folder (void)
{
  const char *top = getenv ("top_srcdir");
  char *path;
  ck_assert_int_ge (asprintf (&path, "%s/../shared/corpora/gnutls-fuzz/"
                              "pkcs12_key_parser", top ? top : "."), 0);
  return path;
}

static gnutls_datum_t
read_whole (const char *path)
{
  gnutls_datum_t data = { NULL, 0 };
  ck_assert_int_eq (gnutls_load_file (path, &data), 0);
  return data;
}

/* Returns whether it opened. */
static bool
read_corpus_file (const gnutls_datum_t *data, const char *password)
{
  struct backup backup;
  enum cw_status status = read_backup (data, password, &backup);
  if (status != CW_OK)
    ck_assert (cw_diags_has_errors (&backup.diags));
  free_backup (&backup);
  return status == CW_OK;
}

START_TEST (fuzz_corpus_never_crashes)
{
  char *folder = corpus_folder ();
  DIR *dir = opendir (folder);
  unsigned files = 0, opened = 0, opened_wrong = 0;
  if (!dir)
    {
      fprintf (stderr, "skipped: no corpus at %s\n", folder);
      free (folder);
      return;
    }
  for (struct dirent *entry; (entry = readdir (dir));)
    {
      char *path;
      if (entry->d_name[0] == '.')
        continue;
      ck_assert_int_ge (asprintf (&path, "%s/%s", folder, entry->d_name), 0);
      gnutls_datum_t data = read_whole (path);
      files++;
      opened += read_corpus_file (&data, "1234");
      opened_wrong += read_corpus_file (&data, "not the password");
      gnutls_free (data.data);
      free (path);
    }
  closedir (dir);
  fprintf (stderr, "pkcs12 corpus: %u files, %u opened with \"1234\", "
           "%u with a wrong password\n", files, opened, opened_wrong);
  ck_assert_uint_gt (files, 0);
  free (folder);
}
END_TEST

static Suite *
pkcs12_suite (void)
{
  Suite *s = suite_create ("pkcs12");
  TCase *tc = tcase_create ("backup");
  /* Each derivation costs 600,000 PBKDF2 rounds: fast, but not 4 s fast
     under valgrind. */
  tcase_set_timeout (tc, 120);
  tcase_add_loop_test (tc, round_trip, 0, 4);
  tcase_add_test (tc, profile_names);
  tcase_add_test (tc, friendly_names_beyond_ascii);
  tcase_add_test (tc, no_friendly_name_and_unicode_password);
  tcase_add_test (tc, wrong_password_is_plain);
  tcase_add_test (tc, damaged_files_are_malformed);
  tcase_add_test (tc, pem_is_read);
  tcase_add_test (tc, key_certificate_comes_first);
  tcase_add_test (tc, verify_detects_another_key);
  tcase_add_test (tc, verify_detects_missing_key);
  tcase_add_loop_test (tc, keytool_ec_key_is_read, 0, 3);
  tcase_add_test (tc, keytool_bad_scalar_is_explained);
  suite_add_tcase (s, tc);
  TCase *hostile = tcase_create ("hostile");
  tcase_set_timeout (hostile, 10);
  tcase_add_test (hostile, hostile_round_count_refused_at_once);
  suite_add_tcase (s, hostile);
  TCase *corpus = tcase_create ("corpus");
  tcase_set_timeout (corpus, 600);
  tcase_add_test (corpus, fuzz_corpus_never_crashes);
  suite_add_tcase (s, corpus);
  return s;
}

int
main (void)
{
  return unit_run (pkcs12_suite (), NULL);
}
