/* Key choices, the PKCS#10 request, the request operation and the safe
   display of untrusted text. */
#include <config.h>

#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "pki/csr.h"
#include "keys/keyspec.h"
#include "pki/request.h"
#include "store/store.h"
#include "base/safetext.h"
#include "unit.h"

START_TEST (keyspec_default_is_rsa3072)
{
  struct cw_keyspec spec;
  struct cw_diags diags = CW_DIAGS_INIT;
  ck_assert (cw_keyspec_parse (NULL, NULL, &spec, &diags));
  ck_assert_int_eq (spec.algorithm, GNUTLS_PK_RSA);
  ck_assert_uint_eq (spec.bits, 3072);
  char *name = cw_keyspec_name (&spec);
  ck_assert_str_eq (name, "rsa3072");
  free (name);
  cw_diags_free (&diags);
}
END_TEST

START_TEST (keyspec_named_types)
{
  static const char *const names[] = { "rsa2048", "rsa3072", "rsa4096",
                                       "p256", "p384" };
  for (size_t i = 0; i < 5; i++)
    {
      struct cw_keyspec spec;
      struct cw_diags diags = CW_DIAGS_INIT;
      ck_assert (cw_keyspec_parse (names[i], NULL, &spec, &diags));
      char *back = cw_keyspec_name (&spec);
      ck_assert_str_eq (back, names[i]);
      free (back);
      cw_diags_free (&diags);
    }
}
END_TEST

static const char *
refusal_code (const char *type, const char *bits)
{
  static char code[64];
  struct cw_keyspec spec;
  struct cw_diags diags = CW_DIAGS_INIT;
  ck_assert (!cw_keyspec_parse (type, bits, &spec, &diags));
  ck_assert_uint_eq (diags.count, 1);
  ck_assert_int_eq (diags.items[0].severity, CW_ERROR);
  snprintf (code, sizeof code, "%s", diags.items[0].code);
  cw_diags_free (&diags);
  return code;
}

START_TEST (keyspec_refusals)
{
  /* The seed's own example asks for 1024 bits. */
  ck_assert_str_eq (refusal_code (NULL, "1024"), "key-too-small");
  ck_assert_str_eq (refusal_code (NULL, "2047"), "key-too-small");
  ck_assert_str_eq (refusal_code (NULL, "65536"), "key-too-large");
  ck_assert_str_eq (refusal_code (NULL, "-2048"), "key-size-not-number");
  ck_assert_str_eq (refusal_code (NULL, "2k"), "key-size-not-number");
  ck_assert_str_eq (refusal_code ("dsa", NULL), "key-unknown-type");
  ck_assert_str_eq (refusal_code ("p256", "2048"), "key-conflict");
}
END_TEST

START_TEST (keyspec_size_accepted)
{
  struct cw_keyspec spec;
  struct cw_diags diags = CW_DIAGS_INIT;
  ck_assert (cw_keyspec_parse (NULL, "2048", &spec, &diags));
  ck_assert_uint_eq (spec.bits, 2048);
  ck_assert_uint_eq (diags.count, 0);
}
END_TEST

START_TEST (csr_holds_subject_names_and_key)
{
  const char *sans[] = { "mbx.johndogfood.com", "10.0.0.1" };
  struct cw_names_input input = { "C=US, O=John Speare, CN=johndogfood.com",
                                  sans, 2, 0 };
  struct cw_names names = CW_NAMES_INIT;
  struct cw_diags diags = CW_DIAGS_INIT;
  ck_assert (cw_names_build (&input, &names, &diags));
  struct cw_keyspec spec;
  ck_assert (cw_keyspec_parse ("p256", NULL, &spec, &diags));
  struct cw_key *key;
  gnutls_x509_crq_t crq;
  ck_assert_int_eq (cw_key_generate (&spec, NULL, &key, &diags), CW_OK);
  ck_assert_int_ge (cw_csr_build (&names, key, &crq), 0);
  ck_assert_int_ge (gnutls_x509_crq_verify (crq, 0), 0);

  gnutls_datum_t dn;
  ck_assert_int_ge (gnutls_x509_crq_get_dn3 (crq, &dn, 0), 0);
  /* RFC 4514 writes the last RDN first. */
  ck_assert_str_eq ((char *) dn.data, "CN=johndogfood.com,O=John Speare,C=US");
  gnutls_free (dn.data);

  char name[256];
  size_t size = sizeof name;
  unsigned type, critical;
  ck_assert_int_eq (gnutls_x509_crq_get_subject_alt_name (crq, 0, name, &size,
                                                          &type, &critical),
                    GNUTLS_SAN_DNSNAME);
  ck_assert_str_eq (name, "johndogfood.com");
  size = sizeof name;
  ck_assert_int_eq (gnutls_x509_crq_get_subject_alt_name (crq, 2, name, &size,
                                                          &type, &critical),
                    GNUTLS_SAN_IPADDRESS);
  ck_assert_uint_eq (size, 4);

  char id[41], fingerprint[65];
  ck_assert_int_ge (cw_csr_key_id (crq, id), 0);
  ck_assert_uint_eq (strlen (id), 40);
  ck_assert_int_ge (cw_csr_fingerprint (crq, fingerprint), 0);
  ck_assert_uint_eq (strlen (fingerprint), 64);

  gnutls_x509_crq_deinit (crq);
  cw_key_free (key);
  cw_names_free (&names);
  cw_diags_free (&diags);
}
END_TEST

START_TEST (request_refuses_before_writing)
{
  char dir[] = "/tmp/certwiz-req.XXXXXX";
  ck_assert_ptr_nonnull (mkdtemp (dir));
  char *store;
  ck_assert_int_ge (asprintf (&store, "%s/store", dir), 0);
  struct cw_request_options options = {
    .names = { "C=US, CN=mail1.contoso.com", NULL, 0, 0 },
    .key_size = "1024", .friendly_name = "bad\x01name",
    .exportable = true, .out = "/nonexistent/x.req",
  };
  struct cw_request result = CW_REQUEST_INIT;
  struct cw_diags diags = CW_DIAGS_INIT;
  struct cw_store *handle;
  ck_assert_int_eq (cw_store_open (&handle, store, &diags), CW_OK);
  ck_assert_int_eq (cw_request_create (handle, &options, NULL, NULL,
                                       &result, &diags), CW_REFUSED);
  cw_store_close (handle);
  /* Every problem at once, and no store made. */
  ck_assert_ptr_nonnull (cw_diags_find (&diags, "key-too-small"));
  ck_assert_ptr_nonnull (cw_diags_find (&diags, "friendly-name-invalid"));
  ck_assert_int_eq (access (store, F_OK), -1);
  cw_request_free (&result);
  cw_diags_free (&diags);
  rmdir (dir);
  free (store);
}
END_TEST

static void
assert_safe (const char *in, const char *expected, bool utf8)
{
  char *out = cw_safe_text (in, strlen (in), utf8);
  ck_assert_str_eq (out, expected);
  free (out);
}

START_TEST (safe_text_escapes_controls)
{
  assert_safe ("plain", "plain", true);
  assert_safe ("\033]0;title\007", "\\x1b]0;title\\x07", true);
  assert_safe ("a\rb\bc\x7f", "a\\x0db\\x08c\\x7f", true);
  assert_safe ("\xc2\x9b" "31m", "\\x9b31m", true);       /* C1 CSI */
  assert_safe ("\xe2\x80\xae" "evil", "<U+202E>evil", true);
  assert_safe ("\xe2\x81\xa6" "x", "<U+2066>x", true);
  assert_safe ("bad\xff\xfe", "bad\\xff\\xfe", true);
  assert_safe ("m\xc3\xaf" "crosoft", "m\xc3\xaf" "crosoft", true);
  assert_safe ("m\xc3\xaf" "crosoft", "m<U+00EF>crosoft", false);
}
END_TEST

/* The steps without a file: the request is whole in memory and pending
   in the store, for a delivery other than a file. */
START_TEST (request_steps_without_a_file)
{
  char *path;
  ck_assert_int_ge (asprintf (&path, "%s/store", unit_dir), 0);
  struct cw_request_options options = {
    .names = { "C=US, CN=mail1.contoso.com", NULL, 0, 0 },
    .key_type = "p256", .exportable = true,
  };
  struct cw_request request;
  struct cw_diags diags = CW_DIAGS_INIT;
  struct cw_store *store;
  ck_assert_int_eq (cw_store_open (&store, path, &diags), CW_OK);
  ck_assert_int_eq (cw_request_prepare (&options, &request, &diags), CW_OK);
  ck_assert_int_eq (cw_request_make_key (&request, NULL, NULL, &diags),
                    CW_OK);
  ck_assert_str_eq (request.key_description, "ECDSA P-256");
  ck_assert_int_eq (cw_request_sign (&request, &diags), CW_OK);
  ck_assert_uint_gt (request.der.size, 0);
  ck_assert (memmem (request.pem.data, request.pem.size,
                     "CERTIFICATE REQUEST", 19));
  ck_assert_int_ge (gnutls_x509_crq_verify (request.crq, 0), 0);
  char id[41];
  ck_assert_int_ge (cw_key_id (request.key, id), 0);
  ck_assert_str_eq (id, request.id);
  ck_assert_int_eq (cw_store_ready (store, &diags), CW_OK);
  ck_assert_int_eq (cw_request_record (&request, store, NULL, &diags),
                    CW_OK);
  struct cw_store_entry entry;
  ck_assert_int_eq (cw_store_find (store, request.id, &entry, &diags),
                    CW_OK);
  ck_assert_str_eq (entry.area, CW_STORE_PENDING);
  ck_assert (entry.has_key);
  ck_assert_ptr_null (cw_record_get (&entry.record, "request-file"));
  ck_assert_str_eq (cw_record_get (&entry.record, "request-fingerprint"),
                    request.fingerprint);
  ck_assert_str_eq (cw_record_get (&entry.record, "key"), "p256");
  ck_assert (!cw_diags_has_errors (&diags));
  cw_store_entry_free (&entry);
  cw_store_close (store);
  cw_request_free (&request);
  cw_diags_free (&diags);
  free (path);
}
END_TEST

/* Cancelled while the key is searched for: nothing is written. */
START_TEST (request_cancelled_writes_nothing)
{
  char *path, *out;
  ck_assert_int_ge (asprintf (&path, "%s/store", unit_dir), 0);
  ck_assert_int_ge (asprintf (&out, "%s/x.req", unit_dir), 0);
  struct cw_request_options options = {
    .names = { "C=US, CN=mail1.contoso.com", NULL, 0, 0 },
    .key_type = "rsa2048", .exportable = true, .out = out,
  };
  struct cw_progress progress = { .say = NULL };
  cw_progress_cancel (&progress);
  struct cw_request request;
  struct cw_diags diags = CW_DIAGS_INIT;
  struct cw_store *store;
  ck_assert_int_eq (cw_store_open (&store, path, &diags), CW_OK);
  ck_assert_int_eq (cw_request_create (store, &options, NULL, &progress,
                                       &request, &diags), CW_CANCELLED);
  ck_assert (!cw_diags_has_errors (&diags));
  ck_assert_int_eq (access (out, F_OK), -1);
  char *pending;
  ck_assert_int_ge (asprintf (&pending, "%s/pending", path), 0);
  ck_assert_int_eq (rmdir (pending), 0);
  cw_store_close (store);
  cw_request_free (&request);
  cw_diags_free (&diags);
  free (pending), free (path), free (out);
}
END_TEST

/* The one routine that writes diagnostics out, for the command line and
   the screens alike. */
START_TEST (diagnostics_as_text)
{
  struct cw_diags diags = CW_DIAGS_INIT;
  cw_diag_add (&diags, CW_ERROR, "out-exists", "out",
               "The file \"a\x1b[2Jb\" exists.");
  cw_diag_add (&diags, CW_NOTE, "cn-added-to-san", "SAN", "Added.");
  char *line = cw_diag_text (&diags.items[0], CW_DIAG_LINE, "Add --force.",
                             true);
  ck_assert_str_eq (line, "certwiz: error: out: The file \"a\\x1b[2Jb\" "
                          "exists. Add --force. [out-exists]");
  free (line);
  char *message = cw_diag_text (&diags.items[1], CW_DIAG_MESSAGE, NULL,
                                false);
  ck_assert_str_eq (message, "Added.");
  free (message);
  char *all = cw_diags_text (&diags, CW_DIAG_MESSAGE, "\n\n", false);
  ck_assert_str_eq (all, "The file \"a\x1b[2Jb\" exists.\n\nAdded.");
  free (all);
  cw_diags_free (&diags);
}
END_TEST

static Suite *
request_suite (void)
{
  Suite *s = suite_create ("request");
  TCase *keys = tcase_create ("keys");
  tcase_add_test (keys, keyspec_default_is_rsa3072);
  tcase_add_test (keys, keyspec_named_types);
  tcase_add_test (keys, keyspec_refusals);
  tcase_add_test (keys, keyspec_size_accepted);
  suite_add_tcase (s, keys);
  TCase *csr = tcase_create ("csr");
  tcase_set_timeout (csr, 60);
  tcase_add_test (csr, csr_holds_subject_names_and_key);
  tcase_add_test (csr, request_refuses_before_writing);
  suite_add_tcase (s, csr);
  TCase *steps = tcase_create ("steps");
  tcase_set_timeout (steps, 60);
  tcase_add_checked_fixture (steps, unit_dir_setup, unit_dir_teardown);
  tcase_add_test (steps, request_steps_without_a_file);
  tcase_add_test (steps, request_cancelled_writes_nothing);
  suite_add_tcase (s, steps);
  TCase *safe = tcase_create ("safe text");
  tcase_add_test (safe, safe_text_escapes_controls);
  tcase_add_test (safe, diagnostics_as_text);
  suite_add_tcase (s, safe);
  return s;
}

int
main (void)
{
  return unit_run (request_suite (), NULL);
}
