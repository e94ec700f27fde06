/* Reading certificate files and putting chains in order; the JSON and
   column helpers that show them. */
#include <config.h>

#include <check.h>
#include <gnutls/pkcs7.h>
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "pki/certinfo.h"
#include "pki/certset.h"
#include "pki/chain.h"
#include "base/json.h"
#include "base/textwidth.h"
#include "unit.h"

/* A key and a certificate for NAME, signed by ISSUER (self-signed when
   ISSUER is NULL). */
struct party
{
  gnutls_x509_privkey_t key;
  gnutls_x509_crt_t crt;
};

static void
make_party (struct party *p, const char *name, const struct party *issuer,
            bool ca)
{
  static unsigned char serial = 1;
  time_t now = time (NULL);
  ck_assert_int_ge (gnutls_x509_privkey_init (&p->key), 0);
  ck_assert_int_ge (gnutls_x509_privkey_generate (
                      p->key, GNUTLS_PK_ECDSA,
                      GNUTLS_CURVE_TO_BITS (GNUTLS_ECC_CURVE_SECP256R1), 0),
                    0);
  ck_assert_int_ge (gnutls_x509_crt_init (&p->crt), 0);
  gnutls_x509_crt_set_version (p->crt, 3);
  gnutls_x509_crt_set_serial (p->crt, &serial, 1);
  serial++;
  gnutls_x509_crt_set_dn_by_oid (p->crt, GNUTLS_OID_X520_COMMON_NAME, 0,
                                 name, (unsigned) strlen (name));
  gnutls_x509_crt_set_key (p->crt, p->key);
  gnutls_x509_crt_set_activation_time (p->crt, now);
  gnutls_x509_crt_set_expiration_time (p->crt, now + 86400);
  gnutls_x509_crt_set_basic_constraints (p->crt, ca, -1);
  if (ca)
    gnutls_x509_crt_set_key_usage (p->crt, GNUTLS_KEY_KEY_CERT_SIGN);
  ck_assert_int_ge (gnutls_x509_crt_sign2 (p->crt,
                                           issuer ? issuer->crt : p->crt,
                                           issuer ? issuer->key : p->key,
                                           GNUTLS_DIG_SHA256, 0), 0);
}

static void
free_party (struct party *p)
{
  gnutls_x509_crt_deinit (p->crt);
  gnutls_x509_privkey_deinit (p->key);
}

static struct party root, inter, leaf, stranger;

static void
setup (void)
{
  make_party (&root, "Root", NULL, true);
  make_party (&inter, "Issuing", &root, true);
  make_party (&leaf, "mail.contoso.com", &inter, false);
  make_party (&stranger, "Stranger", NULL, true);
}

static void
teardown (void)
{
  free_party (&leaf);
  free_party (&inter);
  free_party (&root);
  free_party (&stranger);
}

/* PEM of the given certificates, concatenated. */
static gnutls_datum_t
pem_of (gnutls_x509_crt_t *crts, size_t count)
{
  gnutls_datum_t all = { NULL, 0 };
  for (size_t i = 0; i < count; i++)
    {
      gnutls_datum_t pem;
      ck_assert_int_ge (gnutls_x509_crt_export2 (crts[i], GNUTLS_X509_FMT_PEM,
                                                 &pem), 0);
      all.data = realloc (all.data, all.size + pem.size);
      memcpy (all.data + all.size, pem.data, pem.size);
      all.size += pem.size;
      gnutls_free (pem.data);
    }
  return all;
}

static void
read_pem (gnutls_x509_crt_t *crts, size_t count, struct cw_certs *certs)
{
  gnutls_datum_t pem = pem_of (crts, count);
  struct cw_diags diags = CW_DIAGS_INIT;
  ck_assert_int_eq (cw_certs_read (&pem, "test", certs, &diags), CW_OK);
  ck_assert_uint_eq (certs->count, count);
  cw_diags_free (&diags);
  free (pem.data);
}

START_TEST (detects_kinds_by_content)
{
  gnutls_datum_t pem = pem_of (&leaf.crt, 1), der, p7;
  ck_assert_int_eq (cw_file_detect (&pem), CW_FILE_CERT_PEM);
  ck_assert_int_ge (gnutls_x509_crt_export2 (leaf.crt, GNUTLS_X509_FMT_DER,
                                             &der), 0);
  ck_assert_int_eq (cw_file_detect (&der), CW_FILE_CERT_DER);
  gnutls_pkcs7_t pkcs7;
  gnutls_pkcs7_init (&pkcs7);
  gnutls_pkcs7_set_crt (pkcs7, leaf.crt);
  gnutls_pkcs7_set_crt (pkcs7, inter.crt);
  ck_assert_int_ge (gnutls_pkcs7_export2 (pkcs7, GNUTLS_X509_FMT_DER, &p7),
                    0);
  ck_assert_int_eq (cw_file_detect (&p7), CW_FILE_PKCS7_DER);
  struct cw_certs certs = CW_CERTS_INIT;
  struct cw_diags diags = CW_DIAGS_INIT;
  ck_assert_int_eq (cw_certs_read (&p7, "x.p7b", &certs, &diags), CW_OK);
  ck_assert_uint_eq (certs.count, 2);
  gnutls_datum_t empty = { (unsigned char *) " \n", 2 };
  gnutls_datum_t junk = { (unsigned char *) "\x30\x03junk", 6 };
  ck_assert_int_eq (cw_file_detect (&empty), CW_FILE_EMPTY);
  ck_assert_int_eq (cw_file_detect (&junk), CW_FILE_UNKNOWN);
  ck_assert_int_eq (cw_certs_read (&junk, "junk", &certs, &diags),
                    CW_REFUSED);
  ck_assert_ptr_nonnull (cw_diags_find (&diags, "file-unknown"));
  cw_certs_free (&certs);
  cw_diags_free (&diags);
  gnutls_pkcs7_deinit (pkcs7);
  free (pem.data);
  gnutls_free (der.data);
  gnutls_free (p7.data);
}
END_TEST

START_TEST (truncated_pem_is_a_clear_error)
{
  gnutls_datum_t pem = pem_of (&leaf.crt, 1);
  pem.size /= 2;
  struct cw_certs certs = CW_CERTS_INIT;
  struct cw_diags diags = CW_DIAGS_INIT;
  ck_assert_int_eq (cw_certs_read (&pem, "half.pem", &certs, &diags),
                    CW_REFUSED);
  ck_assert_ptr_nonnull (cw_diags_find (&diags, "file-malformed"));
  ck_assert_uint_eq (certs.count, 0);
  cw_diags_free (&diags);
  free (pem.data);
}
END_TEST

START_TEST (chain_put_in_order_root_left_out)
{
  gnutls_x509_crt_t shuffled[] = { root.crt, leaf.crt, stranger.crt,
                                   inter.crt };
  struct cw_certs certs = CW_CERTS_INIT;
  read_pem (shuffled, 4, &certs);
  gnutls_x509_crt_t found = cw_chain_guess_leaf (&certs);
  ck_assert_int_ne (gnutls_x509_crt_equals (found, leaf.crt), 0);
  struct cw_chain chain;
  struct cw_diags diags = CW_DIAGS_INIT;
  cw_chain_build (&certs, found, &chain, &diags);
  ck_assert_uint_eq (chain.count, 1);
  ck_assert_int_ne (gnutls_x509_crt_equals (chain.issuers[0], inter.crt), 0);
  ck_assert_ptr_nonnull (cw_diags_find (&diags, "chain-reordered"));
  ck_assert_ptr_nonnull (cw_diags_find (&diags, "chain-root-left-out"));
  ck_assert_ptr_nonnull (cw_diags_find (&diags, "chain-unrelated"));
  ck_assert (!cw_diags_has_errors (&diags));
  cw_chain_free (&chain);
  cw_certs_free (&certs);
  cw_diags_free (&diags);
}
END_TEST

START_TEST (chain_in_order_says_nothing_of_order)
{
  gnutls_x509_crt_t ordered[] = { leaf.crt, inter.crt };
  struct cw_certs certs = CW_CERTS_INIT;
  read_pem (ordered, 2, &certs);
  struct cw_chain chain;
  struct cw_diags diags = CW_DIAGS_INIT;
  cw_chain_build (&certs, certs.items[0], &chain, &diags);
  ck_assert_uint_eq (chain.count, 1);
  ck_assert_ptr_null (cw_diags_find (&diags, "chain-reordered"));
  /* Its root is neither here nor trusted by the system. */
  ck_assert_ptr_nonnull (cw_diags_find (&diags, "chain-ends-untrusted"));
  cw_chain_free (&chain);
  cw_certs_free (&certs);
  cw_diags_free (&diags);
}
END_TEST

START_TEST (leaf_alone_misses_its_intermediate)
{
  struct cw_certs certs = CW_CERTS_INIT;
  read_pem (&leaf.crt, 1, &certs);
  struct cw_chain chain;
  struct cw_diags diags = CW_DIAGS_INIT;
  cw_chain_build (&certs, certs.items[0], &chain, &diags);
  ck_assert_uint_eq (chain.count, 0);
  const struct cw_diag *d = cw_diags_find (&diags,
                                           "chain-missing-intermediate");
  ck_assert_ptr_nonnull (d);
  ck_assert_int_eq (d->severity, CW_WARNING);
  ck_assert_ptr_nonnull (strstr (d->message, "Issuing"));
  cw_chain_free (&chain);
  cw_certs_free (&certs);
  cw_diags_free (&diags);
}
END_TEST

START_TEST (impostor_issuer_stops_the_chain)
{
  /* Same name as the intermediate, another key: its signature fails. */
  struct party impostor;
  make_party (&impostor, "Issuing", NULL, true);
  gnutls_x509_crt_t crts[] = { leaf.crt, impostor.crt };
  struct cw_certs certs = CW_CERTS_INIT;
  read_pem (crts, 2, &certs);
  struct cw_chain chain;
  struct cw_diags diags = CW_DIAGS_INIT;
  cw_chain_build (&certs, certs.items[0], &chain, &diags);
  ck_assert_uint_eq (chain.count, 0);
  ck_assert_ptr_nonnull (cw_diags_find (&diags, "chain-bad-signature"));
  cw_chain_free (&chain);
  cw_certs_free (&certs);
  cw_diags_free (&diags);
  free_party (&impostor);
}
END_TEST

/* GnuTLS hands out DN values escaped; certwiz must escape them once. */
START_TEST (dn_values_are_escaped_once)
{
  struct party comma;
  make_party (&comma, "Entrust, Inc.", NULL, false);
  char *value = cw_cert_dn_value (comma.crt, false,
                                  GNUTLS_OID_X520_COMMON_NAME, 0);
  ck_assert_str_eq (value, "Entrust, Inc.");
  char *short_name = cw_cert_short_name (comma.crt);
  ck_assert_str_eq (short_name, "Entrust, Inc.");
  struct cw_certinfo info;
  ck_assert_int_ge (cw_certinfo_get (comma.crt, &info), 0);
  ck_assert_str_eq (info.subject, "CN=Entrust\\, Inc.");
  ck_assert_str_eq (info.cn, "Entrust, Inc.");
  cw_certinfo_free (&info);
  free (short_name);
  free (value);
  free_party (&comma);
}
END_TEST

START_TEST (json_escapes_hostile_text)
{
  char *buf = NULL;
  size_t size = 0;
  FILE *out = open_memstream (&buf, &size);
  struct cw_json json;
  cw_json_begin (&json, out);
  cw_json_object_begin (&json, NULL);
  cw_json_string (&json, "a", "q\"b\\\x1b]0;x\x07\xe2\x80\xae\xff");
  cw_json_string (&json, "n", NULL);
  cw_json_object_end (&json);
  cw_json_end (&json);
  fclose (out);
  ck_assert_str_eq (buf, "{\n  \"a\": \"q\\\"b\\\\\\u001b]0;x\\u0007"
                         "\\u202e\\ufffd\",\n  \"n\": null\n}\n");
  free (buf);
}
END_TEST

START_TEST (text_fit_counts_columns)
{
  setlocale (LC_ALL, "C.UTF-8");
  ck_assert_uint_eq (cw_text_width ("\xe6\x97\xa5\xe6\x9c\xac"), 4);
  char *fit = cw_text_fit ("\xe6\x97\xa5\xe6\x9c\xac\xe8\xaa\x9e", 5);
  /* Two double-width characters and the cut marker: 5 columns. */
  ck_assert_str_eq (fit, "\xe6\x97\xa5\xe6\x9c\xac\xe2\x80\xa6");
  free (fit);
  fit = cw_text_fit ("ab", 4);
  ck_assert_str_eq (fit, "ab  ");
  free (fit);
}
END_TEST

static Suite *
chain_suite (void)
{
  Suite *s = suite_create ("chain");
  TCase *files = tcase_create ("files and chains");
  tcase_add_checked_fixture (files, setup, teardown);
  tcase_add_test (files, detects_kinds_by_content);
  tcase_add_test (files, truncated_pem_is_a_clear_error);
  tcase_add_test (files, chain_put_in_order_root_left_out);
  tcase_add_test (files, chain_in_order_says_nothing_of_order);
  tcase_add_test (files, leaf_alone_misses_its_intermediate);
  tcase_add_test (files, impostor_issuer_stops_the_chain);
  tcase_add_test (files, dn_values_are_escaped_once);
  suite_add_tcase (s, files);
  TCase *output = tcase_create ("output");
  tcase_add_test (output, json_escapes_hostile_text);
  tcase_add_test (output, text_fit_counts_columns);
  suite_add_tcase (s, output);
  return s;
}

int
main (void)
{
  return unit_run (chain_suite (), NULL);
}
