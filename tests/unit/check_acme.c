/* Unit tests of the ACME layer against published vectors: the RFC 7638
   thumbprint example, the RFC 7515 A.3 ES256 signature (verified, and
   certwiz's own of the same shape), base64url, problem documents as
   diagnostics, Link and Retry-After headers, RFC 3339 times, and the
   renewal schedule without ARI. */
#include <config.h>

#include <check.h>
#include <gnutls/abstract.h>
#include <gnutls/crypto.h>
#include <gnutls/gnutls.h>
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "acme/acctkey.h"
#include "acme/ari.h"
#include "pki/certinfo.h"
#include "acme/b64url.h"
#include "acme/http.h"
#include "acme/jsonutil.h"
#include "acme/jws.h"
#include "acme/problem.h"
#include "acme/renew.h"
#include "unit.h"

static gnutls_datum_t
decode (const char *b64)
{
  unsigned char *data;
  size_t len;
  ck_assert (cw_b64url_decode (b64, &data, &len));
  return (gnutls_datum_t) { data, (unsigned) len };
}

/* RFC 7638 §3.1. */
START_TEST (test_thumbprint_rfc7638)
{
  gnutls_datum_t n = decode (
    "0vx7agoebGcQSuuPiLJXZptN9nndrQmbXEps2aiAFbWhM78LhWx4cbbfAAtVT86zwu1RK7a"
    "PFFxuhDR1L6tSoc_BJECPebWKRXjBZCiFV4n3oknjhMstn64tZ_2W-5JsGY4Hc5n9yBXArw"
    "l93lqt7_RN5w6Cf0h4QyQ5v-65YGjQR0_FDW2QvzqY368QQMicAtaSqzs8KJZgnYb9c7d0z"
    "gdAZHzu6qMQvRL5hajrn1n91CbOpbISD08qNLyrdkt-bFTWhAI4vMQFh6WeZu0fM4lFd2Nc"
    "Rwr3XPksINHaQ-G_xBniIqbw0Ls1jF44-csFCur-kEgU8awapJzKnqDKgw");
  gnutls_datum_t e = decode ("AQAB");
  gnutls_pubkey_t pub;
  ck_assert_int_ge (gnutls_pubkey_init (&pub), 0);
  ck_assert_int_ge (gnutls_pubkey_import_rsa_raw (pub, &n, &e), 0);
  char *jwk = cw_jwk_json (pub);
  ck_assert_ptr_nonnull (strstr (jwk, "{\"e\":\"AQAB\",\"kty\":\"RSA\",\"n\":\"0vx7"));
  char *thumb = cw_jwk_thumbprint (pub);
  ck_assert_str_eq (thumb, "NzbLsXh8uDCcd-6MNwXF4W_7noWXFZAfHkxZsRGC9Xs");
  free (jwk), free (thumb);
  free (n.data), free (e.data);
  gnutls_pubkey_deinit (pub);
}
END_TEST

#define A3_X "f83OJ3D2xF1Bg8vub9tLe1gHMzV76e8Tus9uPHvRVEU"
#define A3_Y "x_FEzRu9m36HLN_tue659LNpXW6pCyStikYjKIWI5a0"
#define A3_INPUT "eyJhbGciOiJFUzI1NiJ9.eyJpc3MiOiJqb2UiLA0KICJleHAiOjEzMDA4MTkz" \
  "ODAsDQogImh0dHA6Ly9leGFtcGxlLmNvbS9pc19yb290Ijp0cnVlfQ"
#define A3_SIG "DtEhU3ljbEg8L38VWAfUAqOyKAM6-Xx-F4GawxaepmXFCgfTjDxw5djxLa8IS" \
  "lSApmWQxfKTUJqPP3-Kg6NU1Q"

/* The public key of RFC 7515 A.3. */
static gnutls_pubkey_t
a3_public (void)
{
  gnutls_datum_t x = decode (A3_X), y = decode (A3_Y);
  gnutls_pubkey_t pub;
  ck_assert_int_ge (gnutls_pubkey_init (&pub), 0);
  ck_assert_int_ge (gnutls_pubkey_import_ecc_raw (pub,
                                                  GNUTLS_ECC_CURVE_SECP256R1,
                                                  &x, &y), 0);
  free (x.data), free (y.data);
  return pub;
}

/* A P-256 account key made as certwiz makes them. */
static void
p256_key (struct cw_acme_key *key)
{
  gnutls_datum_t pem;
  struct cw_diags diags = CW_DIAGS_INIT;
  ck_assert_int_eq (cw_acme_key_generate ("p256", key, &pem, &diags), CW_OK);
  gnutls_free (pem.data);
}

/* One half of R||S as a minimal DER integer's content. */
static gnutls_datum_t
integer (const unsigned char *p, unsigned n, unsigned char *buf)
{
  while (n > 1 && *p == 0)
    p++, n--;
  unsigned lead = *p & 0x80 ? 1 : 0;
  buf[0] = 0;
  memcpy (buf + lead, p, n);
  return (gnutls_datum_t) { buf, n + lead };
}

/* R||S, as JWS carries it, verified as the DER GnuTLS checks. */
static int
verify_raw (gnutls_pubkey_t pub, const char *input, const gnutls_datum_t *rs)
{
  ck_assert_uint_eq (rs->size, 64);
  unsigned char rb[33], sb[33];
  gnutls_datum_t r = integer (rs->data, 32, rb);
  gnutls_datum_t s = integer (rs->data + 32, 32, sb), der;
  ck_assert_int_ge (gnutls_encode_rs_value (&der, &r, &s), 0);
  gnutls_datum_t data = { (unsigned char *) input, (unsigned) strlen (input) };
  int ret = gnutls_pubkey_verify_data2 (pub,
                                        GNUTLS_SIGN_ECDSA_SECP256R1_SHA256,
                                        0, &data, &der);
  gnutls_free (der.data);
  return ret;
}

START_TEST (test_es256_rfc7515_a3)
{
  gnutls_pubkey_t a3 = a3_public ();
  ck_assert_str_eq (cw_acme_key_alg (a3), "ES256");
  char *jwk = cw_jwk_json (a3);
  ck_assert_str_eq (jwk, "{\"crv\":\"P-256\",\"kty\":\"EC\",\"x\":\"" A3_X
                         "\",\"y\":\"" A3_Y "\"}");
  free (jwk);
  /* The RFC's own r||s signature verifies... */
  gnutls_datum_t sig = decode (A3_SIG);
  ck_assert_int_ge (verify_raw (a3, A3_INPUT, &sig), 0);
  free (sig.data);
  gnutls_pubkey_deinit (a3);
  /* ...and certwiz's have the same 64-byte form. */
  struct cw_acme_key key;
  p256_key (&key);
  gnutls_datum_t mine;
  ck_assert_int_ge (cw_acme_key_sign (&key, A3_INPUT, strlen (A3_INPUT),
                                      &mine), 0);
  ck_assert_int_ge (verify_raw (key.pub, A3_INPUT, &mine), 0);
  gnutls_free (mine.data);
  cw_acme_key_free (&key);
}
END_TEST

START_TEST (test_jws_flattened)
{
  struct cw_acme_key key;
  p256_key (&key);
  int err;
  char *jws = cw_jws_sign (&key, NULL, "nonce-1", "https://ca/new-acct",
                           "{\"a\":1}", &err);
  ck_assert_ptr_nonnull (jws);
  json_object *o = cw_json_parse_object (jws, strlen (jws));
  ck_assert_ptr_nonnull (o);
  gnutls_datum_t header = decode (cw_json_str (o, "protected"));
  char *h = strndup ((char *) header.data, header.size);
  ck_assert_ptr_nonnull (strstr (h, "\"alg\":\"ES256\""));
  ck_assert_ptr_nonnull (strstr (h, "\"jwk\":{\"crv\":\"P-256\""));
  ck_assert_ptr_nonnull (strstr (h, "\"nonce\":\"nonce-1\""));
  ck_assert_ptr_null (strstr (h, "\"kid\""));
  char *input = NULL;
  ck_assert_int_ge (asprintf (&input, "%s.%s", cw_json_str (o, "protected"),
                              cw_json_str (o, "payload")), 0);
  gnutls_datum_t sig = decode (cw_json_str (o, "signature"));
  ck_assert_int_ge (verify_raw (key.pub, input, &sig), 0);
  /* With a kid, no jwk; POST-as-GET has an empty payload. */
  char *get = cw_jws_sign (&key, "https://ca/acct/1", "n2", "https://ca/o",
                           "", &err);
  json_object *g = cw_json_parse_object (get, strlen (get));
  ck_assert_str_eq (cw_json_str (g, "payload"), "");
  gnutls_datum_t gh = decode (cw_json_str (g, "protected"));
  ck_assert_ptr_nonnull (memmem (gh.data, gh.size, "\"kid\":", 6));
  ck_assert_ptr_null (memmem (gh.data, gh.size, "\"jwk\"", 5));
  free (gh.data), json_object_put (g), free (get);
  free (sig.data), free (input), free (h), free (header.data);
  json_object_put (o);
  free (jws);
  cw_acme_key_free (&key);
}
END_TEST

START_TEST (test_eab_hmac)
{
  struct cw_acme_key key;
  p256_key (&key);
  const unsigned char mac[] = "0123456789abcdef0123456789abcdef";
  char *eab = cw_jws_eab ("kid-1", mac, 32, key.pub, "https://ca/new-acct");
  json_object *o = cw_json_parse_object (eab, strlen (eab));
  char *input = NULL;
  ck_assert_int_ge (asprintf (&input, "%s.%s", cw_json_str (o, "protected"),
                              cw_json_str (o, "payload")), 0);
  unsigned char expect[32];
  gnutls_hmac_fast (GNUTLS_MAC_SHA256, mac, 32, input, strlen (input), expect);
  char *expect64 = cw_b64url_encode (expect, 32);
  ck_assert_str_eq (cw_json_str (o, "signature"), expect64);
  gnutls_datum_t payload = decode (cw_json_str (o, "payload"));
  char *jwk = cw_jwk_json (key.pub);
  ck_assert_uint_eq (payload.size, strlen (jwk));
  ck_assert (memcmp (payload.data, jwk, payload.size) == 0);
  gnutls_datum_t header = decode (cw_json_str (o, "protected"));
  ck_assert_ptr_nonnull (memmem (header.data, header.size,
                                 "\"alg\":\"HS256\"", 13));
  free (header.data), free (payload.data), free (jwk), free (expect64);
  free (input), json_object_put (o), free (eab);
  cw_acme_key_free (&key);
}
END_TEST

START_TEST (test_b64url)
{
  const char *cases[][2] = { { "", "" }, { "f", "Zg" }, { "fo", "Zm8" },
                             { "foo", "Zm9v" }, { "\xfb\xff", "-_8" } };
  for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++)
    {
      char *e = cw_b64url_encode (cases[i][0], strlen (cases[i][0]));
      ck_assert_str_eq (e, cases[i][1]);
      gnutls_datum_t d = decode (e);
      ck_assert_uint_eq (d.size, strlen (cases[i][0]));
      free (d.data), free (e);
    }
  unsigned char *out;
  size_t len;
  ck_assert (!cw_b64url_decode ("a$b", &out, &len));
  ck_assert (cw_b64url_token_valid ("LoqXcYV8q5ONbJQxbmR7SCTNo3tiAXDfowyjxAjEuX0"));
  ck_assert (!cw_b64url_token_valid ("../../etc/passwd"));
  ck_assert (!cw_b64url_token_valid ("a/b"));
  ck_assert (!cw_b64url_token_valid (""));
}
END_TEST

static struct cw_http_response
problem_response (const char *body)
{
  struct cw_http_response r = { .status = 400 };
  r.body = strdup (body);
  r.len = strlen (body);
  r.content_type = strdup ("application/problem+json");
  r.url = strdup ("https://ca/x");
  return r;
}

START_TEST (test_problem_codes)
{
  struct cw_http_response r = problem_response (
    "{\"type\":\"urn:ietf:params:acme:error:rejectedIdentifier\","
    "\"detail\":\"no \\u001b[1m\",\"subproblems\":["
    "{\"type\":\"urn:ietf:params:acme:error:caa\",\"detail\":\"CAA\","
    "\"identifier\":{\"type\":\"dns\",\"value\":\"a.example\"}}]}");
  r.retry_after = 0;
  struct cw_diags diags = CW_DIAGS_INIT;
  cw_acme_problem_report (&r, "testing", &diags);
  ck_assert_uint_eq (diags.count, 2);
  ck_assert_str_eq (diags.items[0].code, "acme-rejected-identifier");
  ck_assert_ptr_null (strchr (diags.items[0].message, '\x1b'));
  ck_assert_ptr_nonnull (strstr (diags.items[0].message, "\\x1b"));
  ck_assert_str_eq (diags.items[1].code, "acme-caa");
  ck_assert_ptr_nonnull (strstr (diags.items[1].message, "a.example"));
  char *type;
  ck_assert (cw_acme_problem_type (&r, &type));
  ck_assert_str_eq (type, "rejectedIdentifier");
  free (type);
  cw_diags_free (&diags);
  cw_http_response_free (&r);
  ck_assert_str_eq (cw_acme_problem_code ("rateLimited"), "acme-rate-limited");
  ck_assert_str_eq (cw_acme_problem_code ("userActionRequired"),
                    "acme-user-action-required");
  ck_assert_str_eq (cw_acme_problem_code ("noSuchType"), "acme-problem");
}
END_TEST

START_TEST (test_not_a_problem)
{
  struct cw_http_response r = problem_response ("<html>oops</html>");
  free (r.content_type);
  r.content_type = strdup ("text/html");
  r.status = 502;
  struct cw_diags diags = CW_DIAGS_INIT;
  cw_acme_problem_report (&r, "testing", &diags);
  ck_assert_str_eq (diags.items[0].code, "acme-server-error");
  cw_diags_free (&diags);
  cw_http_response_free (&r);
}
END_TEST

START_TEST (test_links_and_retry_after)
{
  struct cw_http_response r = { 0 };
  cw_http_parse_links ("<https://ca/dir>;rel=\"index\", </cert/1/alt>; "
                       "rel=\"alternate\"", "https://ca/cert/1", &r);
  ck_assert_uint_eq (r.link_count, 2);
  ck_assert_str_eq (cw_http_link (&r, "index"), "https://ca/dir");
  ck_assert_str_eq (cw_http_link (&r, "alternate"), "https://ca/cert/1/alt");
  ck_assert_ptr_null (cw_http_link (&r, "up"));
  cw_http_response_free (&r);
  ck_assert_int_eq (cw_http_parse_retry_after ("120", 1000), 1120);
  ck_assert_int_eq (cw_http_parse_retry_after ("Wed, 21 Oct 2015 07:28:00 GMT",
                                               0), 1445412480);
  ck_assert_int_eq (cw_http_parse_retry_after ("soon", 0), 0);
  ck_assert (cw_http_url_allowed ("https://acme.example/dir"));
  ck_assert (cw_http_url_allowed ("http://127.0.0.1:14000/dir"));
  ck_assert (!cw_http_url_allowed ("http://acme.example/dir"));
  ck_assert (!cw_http_url_allowed ("ftp://acme.example/dir"));
}
END_TEST

START_TEST (test_json_strict)
{
  json_object *ok = cw_json_parse_object ("{\"a\":1}  \n", 9);
  ck_assert_ptr_nonnull (ok);
  json_object_put (ok);
  ck_assert_ptr_null (cw_json_parse_object ("{\"a\":1} x", 9));
  ck_assert_ptr_null (cw_json_parse_object ("[1]", 3));
  ck_assert_ptr_null (cw_json_parse_object ("{\"a\":", 5));
  char deep[200] = "";
  for (int i = 0; i < 40; i++)
    strcat (deep, "[");
  ck_assert_ptr_null (cw_json_parse_object (deep, strlen (deep)));
}
END_TEST

START_TEST (test_rfc3339)
{
  ck_assert_int_eq (cw_rfc3339_parse ("1970-01-01T00:01:00Z"), 60);
  ck_assert_int_eq (cw_rfc3339_parse ("1970-01-01T01:00:00.123456789Z"), 3600);
  ck_assert_int_eq (cw_rfc3339_parse ("1970-01-01T02:00:00+01:00"), 3600);
  ck_assert_int_eq (cw_rfc3339_parse ("1970-01-01 02:00:00"), -1);
  ck_assert_int_eq (cw_rfc3339_parse ("yesterday"), -1);
}
END_TEST

START_TEST (test_renew_schedule)
{
  /* 90 days: at 60; 6 days: at 3. */
  ck_assert_int_eq (cw_renew_time_from_lifetime (0, 90 * 86400), 60 * 86400);
  ck_assert_int_eq (cw_renew_time_from_lifetime (0, 6 * 86400), 3 * 86400);
  ck_assert_int_eq (cw_renew_backoff (1), 3600);
  ck_assert_int_eq (cw_renew_backoff (3), 4 * 3600);
  ck_assert_int_eq (cw_renew_backoff (30), 24 * 3600);
  for (int i = 0; i < 100; i++)
    {
      time_t t = cw_ari_pick (1000, 2000);
      ck_assert (t >= 1000 && t <= 2000);
    }
}
END_TEST

static Suite *
acme_suite (void)
{
  Suite *s = suite_create ("acme");
  TCase *tc = tcase_create ("jws");
  tcase_add_test (tc, test_thumbprint_rfc7638);
  tcase_add_test (tc, test_es256_rfc7515_a3);
  tcase_add_test (tc, test_jws_flattened);
  tcase_add_test (tc, test_eab_hmac);
  tcase_add_test (tc, test_b64url);
  suite_add_tcase (s, tc);
  tc = tcase_create ("protocol");
  tcase_add_test (tc, test_problem_codes);
  tcase_add_test (tc, test_not_a_problem);
  tcase_add_test (tc, test_links_and_retry_after);
  tcase_add_test (tc, test_json_strict);
  tcase_add_test (tc, test_rfc3339);
  tcase_add_test (tc, test_renew_schedule);
  suite_add_tcase (s, tc);
  return s;
}

int
main (void)
{
  setlocale (LC_ALL, "");
  gnutls_global_init ();
  return unit_run (acme_suite (), NULL);
}
