/* The key handle: making keys, reading and writing them, what they say
   of themselves, and every kind of signature with the digest that
   follows the key. */
#include <config.h>

#include <check.h>
#include <errno.h>
#include <gnutls/abstract.h>
#include <gnutls/crypto.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "keys/key.h"
#include "keys/keyspec.h"
#include "pki/certinfo.h"
#include "unit.h"

static struct cw_key *
new_key (const char *type)
{
  struct cw_keyspec spec;
  struct cw_diags diags = CW_DIAGS_INIT;
  struct cw_key *key;
  ck_assert (cw_keyspec_parse (type, NULL, &spec, &diags));
  ck_assert_int_eq (cw_key_generate (&spec, NULL, &key, &diags), CW_OK);
  ck_assert_uint_eq (diags.count, 0);
  cw_diags_free (&diags);
  return key;
}

START_TEST (digest_follows_the_key)
{
  static const struct
  {
    const char *type;
    gnutls_pk_algorithm_t algorithm;
    unsigned bits;
    gnutls_digest_algorithm_t digest;
    const char *description;
  } cases[] = {
    { "rsa2048", GNUTLS_PK_RSA, 2048, GNUTLS_DIG_SHA256, "RSA 2048 bits" },
    { "p256", GNUTLS_PK_ECDSA, 256, GNUTLS_DIG_SHA256, "ECDSA P-256" },
    { "p384", GNUTLS_PK_ECDSA, 384, GNUTLS_DIG_SHA384, "ECDSA P-384" },
  };
  for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++)
    {
      struct cw_key *key = new_key (cases[i].type);
      ck_assert_int_eq (cw_key_algorithm (key), cases[i].algorithm);
      ck_assert_uint_eq (cw_key_bits (key), cases[i].bits);
      ck_assert_int_eq (cw_key_digest (key), cases[i].digest);
      char *text = cw_key_describe (key);
      ck_assert_str_eq (text, cases[i].description);
      free (text);
      ck_assert (!cw_key_on_token (key));
      ck_assert_ptr_null (cw_key_uri (key));
      cw_key_free (key);
    }
}
END_TEST

/* GnuTLS gives a P-521 key's size in whole bytes (528 bits): what a
   certificate's key is called comes from its curve. */
START_TEST (certificate_key_named_by_its_curve)
{
  static const struct
  {
    gnutls_ecc_curve_t curve;
    const char *description;
  } cases[] = {
    { GNUTLS_ECC_CURVE_SECP256R1, "ECDSA P-256" },
    { GNUTLS_ECC_CURVE_SECP384R1, "ECDSA P-384" },
    { GNUTLS_ECC_CURVE_SECP521R1, "ECDSA P-521" },
  };
  for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++)
    {
      gnutls_x509_privkey_t key;
      gnutls_x509_crt_t crt;
      ck_assert_int_ge (gnutls_x509_privkey_init (&key), 0);
      ck_assert_int_ge (gnutls_x509_privkey_generate
                          (key, GNUTLS_PK_ECDSA,
                           GNUTLS_CURVE_TO_BITS (cases[i].curve), 0), 0);
      ck_assert_int_ge (gnutls_x509_crt_init (&crt), 0);
      ck_assert_int_ge (gnutls_x509_crt_set_key (crt, key), 0);
      ck_assert_int_ge (gnutls_x509_crt_set_dn (crt, "CN=p.example", NULL),
                        0);
      ck_assert_int_ge (gnutls_x509_crt_set_serial (crt, "\x01", 1), 0);
      ck_assert_int_ge (gnutls_x509_crt_set_activation_time (crt, 0), 0);
      ck_assert_int_ge (gnutls_x509_crt_set_expiration_time (crt, 86400), 0);
      ck_assert_int_ge (gnutls_x509_crt_sign2 (crt, crt, key,
                                               GNUTLS_DIG_SHA256, 0), 0);
      unsigned bits;
      ck_assert_int_eq (cw_cert_key_kind (crt, &bits), GNUTLS_PK_ECDSA);
      struct cw_certinfo info;
      ck_assert_int_ge (cw_certinfo_get (crt, &info), 0);
      ck_assert_str_eq (info.key, cases[i].description);
      cw_certinfo_free (&info);
      gnutls_x509_crt_deinit (crt);
      gnutls_x509_privkey_deinit (key);
    }
}
END_TEST

START_TEST (pem_round_trip_keeps_the_key)
{
  struct cw_key *key = new_key ("p256"), *back, *other = new_key ("p256");
  struct cw_diags diags = CW_DIAGS_INIT;
  gnutls_datum_t pem;
  ck_assert_int_eq (cw_key_export_pem (key, &pem, &diags), CW_OK);
  ck_assert (memmem (pem.data, pem.size, "BEGIN PRIVATE KEY", 17));
  ck_assert_int_ge (cw_key_from_pem (&pem, &back), 0);
  ck_assert (cw_key_same (key, back));
  ck_assert (!cw_key_same (key, other));
  char id_a[41], id_b[41];
  ck_assert_int_ge (cw_key_id (key, id_a), 0);
  ck_assert_int_ge (cw_key_id (back, id_b), 0);
  ck_assert_str_eq (id_a, id_b);
  ck_assert_uint_eq (strlen (id_a), 40);
  gnutls_memset (pem.data, 0, pem.size);
  gnutls_free (pem.data);
  gnutls_datum_t junk = { (unsigned char *) "not a key", 9 };
  struct cw_key *none;
  ck_assert_int_lt (cw_key_from_pem (&junk, &none), 0);
  ck_assert_ptr_null (none);
  cw_key_free (key);
  cw_key_free (back);
  cw_key_free (other);
  cw_diags_free (&diags);
}
END_TEST

static void
verify (const struct cw_key *key, gnutls_sign_algorithm_t algorithm,
        const gnutls_datum_t *data, const gnutls_datum_t *signature)
{
  gnutls_pubkey_t pub;
  ck_assert_int_ge (cw_key_public (key, &pub), 0);
  ck_assert_int_ge (gnutls_pubkey_verify_data2 (pub, algorithm, 0, data,
                                                signature), 0);
  gnutls_pubkey_deinit (pub);
}

START_TEST (signs_data_der_and_raw)
{
  gnutls_datum_t data = { (unsigned char *) "header.payload", 14 };
  struct cw_key *key = new_key ("p384");
  gnutls_datum_t der, raw;
  ck_assert_int_ge (cw_key_sign_data (key, GNUTLS_DIG_SHA384, &data, false,
                                      &der), 0);
  verify (key, GNUTLS_SIGN_ECDSA_SHA384, &data, &der);
  /* JWS wants r||s, each as long as the curve: 48 bytes for P-384. */
  ck_assert_int_ge (cw_key_sign_data (key, GNUTLS_DIG_SHA384, &data, true,
                                      &raw), 0);
  ck_assert_uint_eq (raw.size, 96);
  gnutls_datum_t r = { raw.data, 48 }, s = { raw.data + 48, 48 }, back;
  ck_assert_int_ge (gnutls_encode_rs_value (&back, &r, &s), 0);
  verify (key, GNUTLS_SIGN_ECDSA_SHA384, &data, &back);
  gnutls_free (back.data);
  gnutls_free (der.data);
  gnutls_free (raw.data);
  cw_key_free (key);

  key = new_key ("rsa2048");
  ck_assert_int_ge (cw_key_sign_data (key, GNUTLS_DIG_SHA256, &data, true,
                                      &raw), 0);
  ck_assert_uint_eq (raw.size, 256);
  verify (key, GNUTLS_SIGN_RSA_SHA256, &data, &raw);
  gnutls_free (raw.data);
  cw_key_free (key);
}
END_TEST

static struct cw_progress progress;
static char said[256];

static void
note_step (void *state, const char *step)
{
  (void) state;
  snprintf (said, sizeof said, "%s", step);
}

static void *
cancel_soon (void *arg)
{
  (void) arg;
  struct timespec pause = { 0, 200 * 1000 * 1000 };
  nanosleep (&pause, NULL);
  cw_progress_cancel (&progress);
  return NULL;
}

START_TEST (generation_stops_when_cancelled)
{
  struct cw_keyspec spec;
  struct cw_diags diags = CW_DIAGS_INIT;
  struct cw_key *key = (struct cw_key *) &spec;
  /* 16384 bits take minutes to find: only a cancellation ends it soon. */
  ck_assert (cw_keyspec_parse (NULL, "16384", &spec, &diags));
  progress = (struct cw_progress) { .say = note_step };
  pthread_t thread;
  ck_assert_int_eq (pthread_create (&thread, NULL, cancel_soon, NULL), 0);
  time_t start = time (NULL);
  ck_assert_int_eq (cw_key_generate (&spec, &progress, &key, &diags),
                    CW_CANCELLED);
  pthread_join (thread, NULL);
  ck_assert_int_le (time (NULL) - start, 5);
  ck_assert_ptr_null (key);
  ck_assert_uint_eq (diags.count, 0);
  ck_assert (strstr (said, "RSA 16384 bits"));
  /* Every search was killed and waited for. */
  ck_assert_int_eq (waitpid (-1, NULL, WNOHANG), -1);
  ck_assert_int_eq (errno, ECHILD);
  cw_diags_free (&diags);
}
END_TEST

START_TEST (token_uris_checked)
{
  struct cw_diags diags = CW_DIAGS_INIT;
  ck_assert (cw_key_uri_check ("pkcs11:token=t;object=k", &diags));
  ck_assert (!cw_key_uri_check ("/etc/key.pem", &diags));
  ck_assert_ptr_nonnull (cw_diags_find (&diags, "token-uri-invalid"));
  ck_assert (!cw_key_uri_check ("pkcs11:token=t;object=k?pin-value=1234",
                                &diags));
  ck_assert (!cw_key_uri_check ("pkcs11:token=t?pin-source=file:/p",
                                &diags));
  ck_assert_ptr_nonnull (cw_diags_find (&diags, "token-uri-pin"));
  ck_assert (cw_key_uri_names_token ("pkcs11:token=t"));
  ck_assert (cw_key_uri_names_token ("pkcs11:model=SoftHSM%20v2;token=t"
                                     "?module-path=/x.so"));
  ck_assert (!cw_key_uri_names_token ("pkcs11:token=t;object=k"));
  ck_assert (!cw_key_uri_names_token ("pkcs11:token=t;id=%01"));
  ck_assert (!cw_key_uri_names_token ("pkcs11:ID=%01;token=t"));
  cw_diags_free (&diags);
}
END_TEST

static Suite *
key_suite (void)
{
  Suite *s = suite_create ("key");
  TCase *tc = tcase_create ("handle");
  tcase_set_timeout (tc, 60);
  tcase_add_test (tc, digest_follows_the_key);
  tcase_add_test (tc, certificate_key_named_by_its_curve);
  tcase_add_test (tc, pem_round_trip_keeps_the_key);
  tcase_add_test (tc, signs_data_der_and_raw);
  tcase_add_test (tc, generation_stops_when_cancelled);
  tcase_add_test (tc, token_uris_checked);
  suite_add_tcase (s, tc);
  return s;
}

int
main (void)
{
  return unit_run (key_suite (), NULL);
}
