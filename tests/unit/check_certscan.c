/* A PEM file read a window at a time (pki/pemwindow.h) finds the
   blocks reading it whole finds, however the windows cut them, and
   listing it gives what reading it whole gives. */
#include <config.h>

#include <check.h>
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "pki/certread.h"
#include "pki/certscan.h"
#include "pki/certset.h"
#include "pki/pemwindow.h"
#include "unit.h"

enum { CERTS = 3 };

static gnutls_datum_t pems[CERTS];

/* Self-signed certificates named by number, in PEM. */
static void
certs_setup (void)
{
  unit_dir_setup ();
  gnutls_x509_privkey_t key;
  ck_assert_int_ge (gnutls_x509_privkey_init (&key), 0);
  ck_assert_int_ge (gnutls_x509_privkey_generate (
                      key, GNUTLS_PK_ECDSA,
                      GNUTLS_CURVE_TO_BITS (GNUTLS_ECC_CURVE_SECP256R1), 0),
                    0);
  for (unsigned char i = 0; i < CERTS; i++)
    {
      gnutls_x509_crt_t crt;
      char cn[32];
      snprintf (cn, sizeof cn, "host%u.example", i);
      ck_assert_int_ge (gnutls_x509_crt_init (&crt), 0);
      gnutls_x509_crt_set_version (crt, 3);
      unsigned char serial = (unsigned char) (i + 1);
      gnutls_x509_crt_set_serial (crt, &serial, 1);
      gnutls_x509_crt_set_dn_by_oid (crt, GNUTLS_OID_X520_COMMON_NAME, 0, cn,
                                     (unsigned) strlen (cn));
      gnutls_x509_crt_set_key (crt, key);
      gnutls_x509_crt_set_activation_time (crt, time (NULL) - 86400);
      gnutls_x509_crt_set_expiration_time (crt, time (NULL) + 86400 * 90);
      ck_assert_int_ge (gnutls_x509_crt_sign2 (crt, crt, key,
                                               GNUTLS_DIG_SHA256, 0), 0);
      ck_assert_int_ge (gnutls_x509_crt_export2 (crt, GNUTLS_X509_FMT_PEM,
                                                 &pems[i]), 0);
      gnutls_x509_crt_deinit (crt);
    }
  gnutls_x509_privkey_deinit (key);
}

static void
certs_teardown (void)
{
  for (size_t i = 0; i < CERTS; i++)
    gnutls_free (pems[i].data);
  unit_dir_teardown ();
}

/* The certificates with TEXT before each and after the last. */
static gnutls_datum_t
bundle (const char *path, const char *text)
{
  FILE *f = fopen (path, "w");
  ck_assert_ptr_nonnull (f);
  for (size_t i = 0; i < CERTS; i++)
    {
      fputs (text, f);
      fwrite (pems[i].data, 1, pems[i].size, f);
    }
  fputs (text, f);
  fclose (f);
  gnutls_datum_t data;
  struct cw_diags diags = CW_DIAGS_INIT;
  ck_assert_int_eq (cw_input_read (path, &data, &diags), CW_OK);
  cw_diags_free (&diags);
  return data;
}

static void
same_cert (const gnutls_datum_t *a, size_t at, const gnutls_datum_t *b,
           size_t bt)
{
  gnutls_x509_crt_t x, y;
  int ret = cw_cert_at (a, at, &x);
  /* A block that is no certificate fails alike, however it is cut. */
  ck_assert_int_eq (ret, cw_cert_at (b, bt, &y));
  if (ret < 0)
    return;
  ck_assert (gnutls_x509_crt_equals (x, y));
  gnutls_x509_crt_deinit (x);
  gnutls_x509_crt_deinit (y);
}

static size_t
ret_ok (const gnutls_datum_t *whole, size_t at)
{
  gnutls_x509_crt_t crt;
  if (cw_cert_at (whole, at, &crt) < 0)
    return 0;
  gnutls_x509_crt_deinit (crt);
  return 1;
}

/* Every window from a few bytes to the whole file: the same blocks at
   the same places of the file, each readable in its window. */
static void
assert_windows_find (const char *path, const gnutls_datum_t *whole)
{
  for (size_t cap = 8; cap <= whole->size + 8; cap += cap < 128 ? 1 : 5)
    {
      struct cw_pem_window w;
      struct cw_diags diags = CW_DIAGS_INIT;
      ck_assert (cw_pem_window_open (&w, path, cap));
      size_t expected = cw_pem_next_cert (whole, 0), found = 0, count;
      do
        {
          gnutls_datum_t data;
          const size_t *blocks;
          ck_assert_int_eq (cw_pem_window_next (&w, &data, &blocks, &count,
                                                &diags), CW_OK);
          for (size_t i = 0; i < count; i++)
            {
              ck_assert_uint_eq (w.base + blocks[i], expected);
              same_cert (&data, blocks[i], whole, expected);
              expected = cw_pem_next_cert (whole, expected + 1);
              found += ret_ok (whole, w.base + blocks[i]);
            }
        }
      while (count > 0);
      ck_assert_uint_eq (expected, whole->size);
      ck_assert_uint_eq (found, CERTS);
      ck_assert_uint_eq (diags.count, 0);
      cw_pem_window_close (&w);
    }
}

START_TEST (test_markers_cut_anywhere)
{
  char path[96];
  snprintf (path, sizeof path, "%s/bundle.pem", unit_dir);
  static const char *const between[] = {
    "", "\n", "Subject: CN=host\nissuer=garbage -----BEGIN\n",
    /* A block GnuTLS's list import also meets, and fails on. */
    "-----BEGIN CERTIFICATE REQUEST----- is not here\n"
    "-----END nothing-----\n",
  };
  for (size_t i = 0; i < sizeof between / sizeof *between; i++)
    {
      gnutls_datum_t whole = bundle (path, between[i]);
      assert_windows_find (path, &whole);
      free (whole.data);
    }
}
END_TEST

/* What only reading whole can say stays with it: the window refuses. */
START_TEST (test_window_leaves_the_rest)
{
  char path[96];
  struct cw_pem_window w;
  snprintf (path, sizeof path, "%s/other", unit_dir);
  ck_assert (!cw_pem_window_open (&w, path, 64));      /* missing */
  FILE *f = fopen (path, "w");
  fputs ("-----BEGIN X509 CERTIFICATE-----\n", f);
  fclose (f);
  gnutls_datum_t whole = bundle (path, "");
  f = fopen (path, "a");
  fputs ("-----BEGIN X509 CERTIFICATE-----\n", f);
  fclose (f);
  ck_assert (!cw_pem_window_open (&w, path, 64));
  f = fopen (path, "w");
  fwrite ("\x30\x03\x02\x01\x00", 1, 5, f);
  fclose (f);
  ck_assert (!cw_pem_window_open (&w, path, 64));      /* DER */
  ck_assert (!cw_pem_window_open (&w, "-", 64));
  free (whole.data);
}
END_TEST

static void
count_summary (const struct cw_cert_summary *summary, void *state)
{
  (void) summary;
  ++*(size_t *) state;
}

/* A damaged block refuses the file with its error alone, wherever it
   is, once the certificates before it were given. */
START_TEST (test_damaged_block_refuses)
{
  char path[96];
  snprintf (path, sizeof path, "%s/bundle.pem", unit_dir);
  gnutls_datum_t whole = bundle (path, "");
  size_t given = 0;
  struct cw_diags diags = CW_DIAGS_INIT;
  ck_assert_int_eq (cw_scan_each (path, count_summary, &given, &diags),
                    CW_OK);
  ck_assert_uint_eq (given, CERTS);
  ck_assert_uint_eq (diags.count, 0);
  FILE *f = fopen (path, "a");
  fputs ("-----BEGIN CERTIFICATE-----\nnot base64\n"
         "-----END CERTIFICATE-----\n", f);
  fclose (f);
  given = 0;
  ck_assert_int_eq (cw_scan_each (path, count_summary, &given, &diags),
                    CW_REFUSED);
  ck_assert_uint_eq (diags.count, 1);
  ck_assert_ptr_nonnull (cw_diags_find (&diags, "file-malformed"));
  cw_diags_free (&diags);
  free (whole.data);
}
END_TEST

static Suite *
certscan_suite (void)
{
  Suite *s = suite_create ("certscan");
  TCase *tc = tcase_create ("window");
  tcase_add_checked_fixture (tc, certs_setup, certs_teardown);
  tcase_add_test (tc, test_markers_cut_anywhere);
  tcase_add_test (tc, test_window_leaves_the_rest);
  tcase_add_test (tc, test_damaged_block_refuses);
  suite_add_tcase (s, tc);
  return s;
}

int
main (void)
{
  setlocale (LC_ALL, "");
  return unit_run (certscan_suite (), NULL);
}
