/* Path validation shared by certwiz test and verify: RFC 9525 names,
   how a chain ends, dates, usages; and the probe's small parsers. */
#include <config.h>

#include <check.h>
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "names/match.h"
#include "pki/certread.h"
#include "pki/target.h"
#include "pki/verify.h"
#include "services/probe.h"
#include "services/site.h"
#include "unit.h"

#define DAY (24 * 60 * 60)

struct party
{
  gnutls_x509_privkey_t key;
  gnutls_x509_crt_t crt;
};

struct spec
{
  const char *cn;
  const char *const *dns;      /* NULL-terminated, or NULL */
  const char *ip;              /* 4 bytes, or NULL */
  bool ca;
  long from_days, to_days;     /* from now */
  unsigned usage;              /* key usage; 0: none */
  const char *purpose;         /* an EKU OID, or NULL */
};

/* CRT as certificates come from files and servers: GnuTLS reads some
   extensions of a certificate it built only once it is read again. */
static void
reread (gnutls_x509_crt_t *crt)
{
  gnutls_datum_t der;
  ck_assert_int_ge (gnutls_x509_crt_export2 (*crt, GNUTLS_X509_FMT_DER, &der),
                    0);
  gnutls_x509_crt_deinit (*crt);
  ck_assert_int_ge (gnutls_x509_crt_init (crt), 0);
  ck_assert_int_ge (gnutls_x509_crt_import (*crt, &der, GNUTLS_X509_FMT_DER),
                    0);
  gnutls_free (der.data);
}

static void
make (struct party *p, const struct spec *s, const struct party *issuer)
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
                                 s->cn, (unsigned) strlen (s->cn));
  for (size_t i = 0; s->dns && s->dns[i]; i++)
    ck_assert_int_ge (gnutls_x509_crt_set_subject_alt_name (
                        p->crt, GNUTLS_SAN_DNSNAME, s->dns[i],
                        (unsigned) strlen (s->dns[i]), GNUTLS_FSAN_APPEND),
                      0);
  if (s->ip)
    gnutls_x509_crt_set_subject_alt_name (p->crt, GNUTLS_SAN_IPADDRESS,
                                          s->ip, 4, GNUTLS_FSAN_APPEND);
  gnutls_x509_crt_set_key (p->crt, p->key);
  gnutls_x509_crt_set_activation_time (p->crt, now + s->from_days * DAY);
  gnutls_x509_crt_set_expiration_time (p->crt, now + s->to_days * DAY);
  gnutls_x509_crt_set_basic_constraints (p->crt, s->ca, -1);
  if (s->ca)
    gnutls_x509_crt_set_key_usage (p->crt, GNUTLS_KEY_KEY_CERT_SIGN);
  else if (s->usage)
    gnutls_x509_crt_set_key_usage (p->crt, s->usage);
  if (s->purpose)
    gnutls_x509_crt_set_key_purpose_oid (p->crt, s->purpose, 0);
  gnutls_x509_crt_set_subject_key_id (p->crt, &serial, 1);
  ck_assert_int_ge (gnutls_x509_crt_sign2 (p->crt,
                                           issuer ? issuer->crt : p->crt,
                                           issuer ? issuer->key : p->key,
                                           GNUTLS_DIG_SHA256, 0), 0);
  reread (&p->crt);
}

static void
unmake (struct party *p)
{
  gnutls_x509_crt_deinit (p->crt);
  gnutls_x509_privkey_deinit (p->key);
}

static const struct spec root_spec = { "Unit Root", NULL, NULL, true, -10,
                                       3650, 0, NULL };
static const struct spec inter_spec = { "Unit Issuing CA", NULL, NULL, true,
                                        -10, 3650, 0, NULL };

/* ----------------------------------------------------------- names */

static bool
covers (gnutls_x509_crt_t crt, const char *name, const char *by)
{
  char **names;
  size_t count;
  const char *which;
  bool yes = cw_verify_name (crt, name, &names, &count, &which);
  if (yes && by)
    ck_assert_str_eq (which, by);
  cw_names_list_free (names, count);
  return yes;
}

START_TEST (test_rfc9525_names)
{
  static const char *const dns[] = { "www.Contoso.com", "*.mail.contoso.com",
                                     "f*.contoso.com", "*.com",
                                     "xn--bcher-kva.example", NULL };
  struct spec s = { "cn.contoso.com", dns, "\xc0\x00\x02\x01", false, -1, 90,
                    GNUTLS_KEY_DIGITAL_SIGNATURE, NULL };
  struct party p;
  make (&p, &s, NULL);
  ck_assert (covers (p.crt, "www.contoso.com", "www.Contoso.com"));
  ck_assert (covers (p.crt, "WWW.CONTOSO.COM.", "www.Contoso.com"));
  ck_assert (covers (p.crt, "a.mail.contoso.com", "*.mail.contoso.com"));
  /* One label, exactly: neither the bare domain nor two labels. */
  ck_assert (!covers (p.crt, "mail.contoso.com", NULL));
  ck_assert (!covers (p.crt, "a.b.mail.contoso.com", NULL));
  /* A partial wildcard and one over a top-level domain match nothing. */
  ck_assert (!covers (p.crt, "foo.contoso.com", NULL));
  ck_assert (!covers (p.crt, "contoso.com", NULL));
  /* The common name is never looked at. */
  ck_assert (!covers (p.crt, "cn.contoso.com", NULL));
  /* A U-label is compared as its A-label; an address with iPAddress. */
  ck_assert (covers (p.crt, "bücher.example", "xn--bcher-kva.example"));
  ck_assert (covers (p.crt, "192.0.2.1", NULL));
  ck_assert (!covers (p.crt, "192.0.2.2", NULL));
  unmake (&p);

  struct spec cn_only = { "legacy.contoso.com", NULL, NULL, false, -1, 90,
                          0, NULL };
  make (&p, &cn_only, NULL);
  char **names;
  size_t count;
  ck_assert (!cw_verify_name (p.crt, "legacy.contoso.com", &names, &count,
                              NULL));
  ck_assert_uint_eq (count, 0);
  unmake (&p);
}
END_TEST

START_TEST (test_rfc9525_embedded_nul)
{
  struct spec s = { "x", NULL, NULL, false, -1, 90, 0, NULL };
  struct party p;
  make (&p, &s, NULL);
  /* GnuTLS would cut the name at the NUL: the extension is written as
     DER, SEQUENCE { [2] IA5String }. */
  static const char evil[] = "\x30\x14\x82\x12" "bank.com\0.evil.com";
  gnutls_datum_t der = { (unsigned char *) evil, sizeof evil - 1 };
  ck_assert_int_ge (gnutls_x509_crt_set_extension_by_oid (
                      p.crt, GNUTLS_X509EXT_OID_SAN, der.data, der.size, 0),
                    0);
  gnutls_x509_crt_sign2 (p.crt, p.crt, p.key, GNUTLS_DIG_SHA256, 0);
  reread (&p.crt);
  ck_assert (!covers (p.crt, "bank.com", NULL));
  unmake (&p);
}
END_TEST

/* ---------------------------------------------------------- chains */

struct fixture
{
  struct party root, inter, leaf;
  char ca_file[64];
};

static struct fixture fx;

static void
write_pems (const char *path, gnutls_x509_crt_t *crts, size_t count)
{
  FILE *f = fopen (path, "w");
  ck_assert_ptr_nonnull (f);
  for (size_t i = 0; i < count; i++)
    {
      gnutls_datum_t pem;
      ck_assert_int_ge (gnutls_x509_crt_export2 (crts[i], GNUTLS_X509_FMT_PEM,
                                                 &pem), 0);
      fwrite (pem.data, 1, pem.size, f);
      gnutls_free (pem.data);
    }
  fclose (f);
}

static void
write_root (const char *path, gnutls_x509_crt_t crt)
{
  write_pems (path, &crt, 1);
}

static void
chain_setup (void)
{
  unit_dir_setup ();
  static const char *const dns[] = { "www.contoso.com", NULL };
  struct spec leaf = { "www.contoso.com", dns, NULL, false, -1, 90,
                       GNUTLS_KEY_DIGITAL_SIGNATURE,
                       GNUTLS_KP_TLS_WWW_SERVER };
  make (&fx.root, &root_spec, NULL);
  make (&fx.inter, &inter_spec, &fx.root);
  make (&fx.leaf, &leaf, &fx.inter);
  snprintf (fx.ca_file, sizeof fx.ca_file, "%s/root.pem", unit_dir);
  write_root (fx.ca_file, fx.root.crt);
}

static void
chain_teardown (void)
{
  unmake (&fx.leaf);
  unmake (&fx.inter);
  unmake (&fx.root);
  unit_dir_teardown ();
}

/* Verifies LEAF with the certificates CERTS (borrowed), served or not;
   returns the codes of the failed checks, one string. */
static char *
failures (gnutls_x509_crt_t *certs, size_t count, const char *name,
          bool served, enum cw_purpose purpose, time_t now,
          struct cw_verification *out)
{
  struct cw_certs set = { certs, count, count };
  struct cw_verify_options options = { name, fx.ca_file, purpose, served,
                                       now };
  struct cw_verification v;
  struct cw_diags diags = CW_DIAGS_INIT;
  ck_assert_int_eq (cw_verify (&set, certs[0], &options, &v, &diags), CW_OK);
  char codes[256] = "";
  for (int i = 0; i < CW_CHECK_COUNT; i++)
    if (v.results[i] == CW_CHECK_FAILED)
      {
        strcat (codes, *codes ? " " : "");
        strcat (codes, v.codes[i]);
      }
  cw_diags_free (&diags);
  if (out)
    *out = v;
  else
    cw_verification_free (&v);
  return strdup (codes);
}

static void
assert_failures (const char *expected, gnutls_x509_crt_t *certs,
                 size_t count, const char *name, bool served)
{
  char *got = failures (certs, count, name, served, CW_PURPOSE_SERVER, 0,
                        NULL);
  ck_assert_str_eq (got, expected);
  free (got);
}

START_TEST (test_chain_ends)
{
  gnutls_x509_crt_t full[] = { fx.leaf.crt, fx.inter.crt };
  assert_failures ("", full, 2, "www.contoso.com", true);
  gnutls_x509_crt_t with_root[] = { fx.leaf.crt, fx.inter.crt, fx.root.crt };
  assert_failures ("", with_root, 3, "www.contoso.com", false);
  gnutls_x509_crt_t bare[] = { fx.leaf.crt };
  assert_failures ("chain-incomplete", bare, 1, NULL, true);
  assert_failures ("name-mismatch", full, 2, "contoso.com", true);

  /* Out of order: valid, with a warning for a served chain. */
  gnutls_x509_crt_t reversed[] = { fx.leaf.crt, fx.root.crt, fx.inter.crt };
  struct cw_verification v;
  free (failures (reversed, 3, NULL, true, CW_PURPOSE_SERVER, 0, &v));
  ck_assert (cw_verification_passed (&v));
  ck_assert_ptr_nonnull (cw_diags_find (&v.problems, "chain-order"));
  ck_assert_uint_eq (v.path_length, 3);
  ck_assert_ptr_eq (v.path[1], fx.inter.crt);
  ck_assert_str_eq (v.anchor, "Unit Root");
  cw_verification_free (&v);
}
END_TEST

static bool
same_cert (gnutls_x509_crt_t a, gnutls_x509_crt_t b)
{
  return gnutls_x509_crt_equals (a, b) != 0;
}

/* A root of its own and a server it issued: certificates a bundle may
   hold beside the fixture's chain, on no path of its leaf. */
static void
make_stranger (struct party *other, struct party *stranger)
{
  struct spec other_root = root_spec;
  other_root.cn = "Other Root";
  make (other, &other_root, NULL);
  static const char *const dns[] = { "www.fabrikam.com", NULL };
  struct spec s = { "www.fabrikam.com", dns, NULL, false, -1, 90, 0, NULL };
  make (stranger, &s, other);
}

/* A file's first certificate keeps, of the others, only those on its
   way up, in the file's order, however they are ordered: a bundle of
   unrelated certificates is not held parsed. */
START_TEST (test_file_keeps_path_only)
{
  struct party other, stranger;
  make_stranger (&other, &stranger);
  gnutls_x509_crt_t file[] = { fx.leaf.crt, stranger.crt, fx.root.crt,
                               other.crt, fx.inter.crt };
  char path[96];
  snprintf (path, sizeof path, "%s/bundle.pem", unit_dir);
  write_pems (path, file, 5);

  struct cw_target target;
  struct cw_diags diags = CW_DIAGS_INIT;
  ck_assert_int_eq (cw_target_load_file_path (&target, path, &diags), CW_OK);
  ck_assert_uint_eq (target.certs.count, 3);
  ck_assert (same_cert (target.certs.items[0], fx.leaf.crt));
  ck_assert (same_cert (target.certs.items[1], fx.root.crt));
  ck_assert (same_cert (target.certs.items[2], fx.inter.crt));
  struct cw_verify_options options = { "www.contoso.com", fx.ca_file,
                                       CW_PURPOSE_SERVER, false, 0 };
  struct cw_verification v;
  ck_assert_int_eq (cw_verify (&target.certs, target.certs.items[0],
                               &options, &v, &diags), CW_OK);
  ck_assert (cw_verification_passed (&v));
  ck_assert_uint_eq (v.path_length, 3);
  cw_verification_free (&v);
  cw_target_free (&target);

  /* A damaged block is refused as reading the whole file refuses it. */
  FILE *f = fopen (path, "a");
  fputs ("-----BEGIN CERTIFICATE-----\nnot base64\n"
         "-----END CERTIFICATE-----\n", f);
  fclose (f);
  ck_assert_int_eq (cw_target_load_file_path (&target, path, &diags),
                    CW_REFUSED);
  ck_assert (cw_diags_has_errors (&diags));
  ck_assert_uint_eq (target.certs.count, 0);
  cw_target_free (&target);
  cw_diags_free (&diags);
  unmake (&stranger);
  unmake (&other);
}
END_TEST

/* verify takes a file's leaf wherever it is, first, with only its way
   up: a bundle of unrelated certificates is not held parsed. */
START_TEST (test_file_finds_leaf_anywhere)
{
  struct party other, stranger;
  make_stranger (&other, &stranger);
  gnutls_x509_crt_t file[] = { fx.root.crt, fx.leaf.crt, other.crt,
                               stranger.crt, fx.inter.crt };
  char path[96];
  snprintf (path, sizeof path, "%s/bundle.pem", unit_dir);
  write_pems (path, file, 5);

  struct cw_target target;
  struct cw_diags diags = CW_DIAGS_INIT;
  ck_assert_int_eq (cw_target_load_file (&target, path, &diags), CW_OK);
  ck_assert_uint_eq (target.certs.count, 3);
  ck_assert (same_cert (target.certs.items[0], fx.leaf.crt));
  ck_assert (same_cert (target.certs.items[1], fx.root.crt));
  ck_assert (same_cert (target.certs.items[2], fx.inter.crt));
  cw_target_free (&target);
  cw_diags_free (&diags);
  unmake (&stranger);
  unmake (&other);
}
END_TEST

START_TEST (test_untrusted)
{
  struct party other, stranger;
  struct spec other_root = root_spec;
  other_root.cn = "Other Root";
  make (&other, &other_root, NULL);
  static const char *const dns[] = { "www.contoso.com", NULL };
  struct spec s = { "www.contoso.com", dns, NULL, false, -1, 90, 0, NULL };
  make (&stranger, &s, &other);
  /* Its root sent along: a root that is not an anchor. */
  gnutls_x509_crt_t rooted[] = { stranger.crt, other.crt };
  assert_failures ("untrusted-root", rooted, 2, NULL, true);
  /* A self-signed leaf; a CA certificate as a server's, which may only
     sign certificates, also has the wrong usage. */
  struct party self;
  struct spec self_spec = s;
  self_spec.usage = GNUTLS_KEY_DIGITAL_SIGNATURE;
  make (&self, &self_spec, NULL);
  assert_failures ("untrusted-root", &self.crt, 1, NULL, false);
  assert_failures ("untrusted-root wrong-purpose", &other.crt, 1, NULL,
                   false);
  unmake (&self);
  /* An intermediate whose issuer is unknown: untrusted, not incomplete. */
  struct party inter2;
  struct spec other_inter = inter_spec;
  other_inter.cn = "Other Issuing CA";
  make (&inter2, &other_inter, &other);
  struct party leaf2;
  make (&leaf2, &s, &inter2);
  gnutls_x509_crt_t open[] = { leaf2.crt, inter2.crt };
  struct cw_verification v;
  char *got = failures (open, 2, NULL, true, CW_PURPOSE_SERVER, 0, &v);
  ck_assert_str_eq (got, "untrusted-root");
  ck_assert_int_eq (v.results[CW_CHECK_CHAIN], CW_CHECK_SKIPPED);
  free (got);
  cw_verification_free (&v);
  unmake (&leaf2);
  unmake (&inter2);
  unmake (&stranger);
  unmake (&other);
}
END_TEST

START_TEST (test_dates)
{
  gnutls_x509_crt_t full[] = { fx.leaf.crt, fx.inter.crt };
  time_t now = time (NULL);
  struct cw_verification v;
  char *got = failures (full, 2, NULL, false, CW_PURPOSE_SERVER,
                        now + 100 * DAY, &v);
  ck_assert_str_eq (got, "expired");
  ck_assert_int_eq (v.days_left, -10);
  free (got);
  cw_verification_free (&v);
  got = failures (full, 2, NULL, false, CW_PURPOSE_SERVER, now - 5 * DAY,
                  &v);
  ck_assert_str_eq (got, "not-yet-valid");
  free (got);
  cw_verification_free (&v);
  got = failures (full, 2, NULL, false, CW_PURPOSE_SERVER, now + 80 * DAY,
                  &v);
  ck_assert_str_eq (got, "");
  /* 10 days, or a second less. */
  ck_assert (v.days_left == 9 || v.days_left == 10);
  ck_assert_ptr_nonnull (cw_diags_find (&v.problems, "expires-soon"));
  free (got);
  cw_verification_free (&v);

  /* An expired intermediate fails it too. */
  struct party old_inter, leaf;
  struct spec old = inter_spec;
  old.from_days = -400;
  old.to_days = -1;
  make (&old_inter, &old, &fx.root);
  static const char *const dns[] = { "a.contoso.com", NULL };
  struct spec s = { "a.contoso.com", dns, NULL, false, -1, 90, 0, NULL };
  make (&leaf, &s, &old_inter);
  gnutls_x509_crt_t chain[] = { leaf.crt, old_inter.crt };
  got = failures (chain, 2, NULL, false, CW_PURPOSE_SERVER, 0, &v);
  ck_assert_str_eq (got, "expired");
  ck_assert_ptr_nonnull (strstr (v.details[CW_CHECK_VALIDITY],
                                 "Unit Issuing CA"));
  free (got);
  cw_verification_free (&v);
  unmake (&leaf);
  unmake (&old_inter);
}
END_TEST

START_TEST (test_purposes)
{
  static const char *const dns[] = { "c.contoso.com", NULL };
  struct spec client = { "c.contoso.com", dns, NULL, false, -1, 90,
                         GNUTLS_KEY_DIGITAL_SIGNATURE,
                         GNUTLS_KP_TLS_WWW_CLIENT };
  struct spec encipher = { "e.contoso.com", dns, NULL, false, -1, 90,
                           GNUTLS_KEY_KEY_ENCIPHERMENT, NULL };
  struct party c, e;
  make (&c, &client, &fx.inter);
  make (&e, &encipher, &fx.inter);
  gnutls_x509_crt_t cc[] = { c.crt, fx.inter.crt };
  gnutls_x509_crt_t ec[] = { e.crt, fx.inter.crt };
  char *got = failures (cc, 2, NULL, false, CW_PURPOSE_SERVER, 0, NULL);
  ck_assert_str_eq (got, "wrong-purpose");
  free (got);
  got = failures (cc, 2, NULL, false, CW_PURPOSE_CLIENT, 0, NULL);
  ck_assert_str_eq (got, "");
  free (got);
  /* An ECDSA key that may only encipher cannot sign a handshake. */
  got = failures (ec, 2, NULL, false, CW_PURPOSE_SERVER, 0, NULL);
  ck_assert_str_eq (got, "wrong-purpose");
  free (got);
  unmake (&c);
  unmake (&e);
}
END_TEST

/* ----------------------------------------------------------- probe */

START_TEST (test_probe_parsers)
{
  char *host;
  unsigned port = 443;
  ck_assert (cw_probe_parse_target ("mail.contoso.com", &host, &port));
  ck_assert_str_eq (host, "mail.contoso.com");
  ck_assert_uint_eq (port, 443);
  free (host);
  ck_assert (cw_probe_parse_target ("127.0.0.1:25", &host, &port));
  ck_assert_str_eq (host, "127.0.0.1");
  ck_assert_uint_eq (port, 25);
  free (host);
  ck_assert (cw_probe_parse_target ("[::1]:993", &host, &port));
  ck_assert_str_eq (host, "::1");
  ck_assert_uint_eq (port, 993);
  free (host);
  ck_assert (cw_probe_parse_target ("::1", &host, &port));
  ck_assert_str_eq (host, "::1");
  free (host);
  static const char *const bad[] = { "", ":25", "a:0", "a:70000", "a:x",
                                     "[::1", "[::1]x", "a:", NULL };
  for (size_t i = 0; bad[i]; i++)
    ck_assert_msg (!cw_probe_parse_target (bad[i], &host, &port), "%s",
                   bad[i]);

  ck_assert_int_eq (cw_starttls_of_port (25), CW_STARTTLS_SMTP);
  ck_assert_int_eq (cw_starttls_of_port (587), CW_STARTTLS_SMTP);
  ck_assert_int_eq (cw_starttls_of_port (143), CW_STARTTLS_IMAP);
  ck_assert_int_eq (cw_starttls_of_port (110), CW_STARTTLS_POP3);
  ck_assert_int_eq (cw_starttls_of_port (993), CW_STARTTLS_NONE);
  ck_assert_int_eq (cw_starttls_of_port (8443), CW_STARTTLS_AUTO);
  ck_assert_int_eq (cw_starttls_of_greeting ("220 mx ESMTP", 12),
                    CW_STARTTLS_SMTP);
  ck_assert_int_eq (cw_starttls_of_greeting ("* OK [CAP", 9),
                    CW_STARTTLS_IMAP);
  ck_assert_int_eq (cw_starttls_of_greeting ("+OK Dovecot", 11),
                    CW_STARTTLS_POP3);
  ck_assert_int_eq (cw_starttls_of_greeting ("\x15\x03\x03", 3),
                    CW_STARTTLS_NONE);
}
END_TEST

START_TEST (test_listen_addresses)
{
  static const struct
  {
    const char *text, *address;
    unsigned port;
  } good[] = {
    { "443", "*", 443 }, { "*:8443", "*", 8443 }, { ":443", "*", 443 },
    { "127.0.0.1:25", "127.0.0.1", 25 }, { "[::]:443", "[::]", 443 },
    { "localhost", "localhost", 80 }, { "[::1]", "[::1]", 80 },
    { "::1", "::1", 80 },
  };
  for (size_t i = 0; i < sizeof good / sizeof good[0]; i++)
    {
      char *address;
      unsigned port;
      ck_assert_msg (cw_listen_address (good[i].text, 80, &address, &port),
                     "%s", good[i].text);
      ck_assert_str_eq (address, good[i].address);
      ck_assert_uint_eq (port, good[i].port);
      free (address);
    }
  char *address;
  unsigned port;
  ck_assert (!cw_listen_address ("a:0", 80, &address, &port));
  ck_assert (!cw_listen_address ("a:99999", 80, &address, &port));
  ck_assert (!cw_listen_address ("[::1", 80, &address, &port));
}
END_TEST

static Suite *
verify_suite (void)
{
  Suite *s = suite_create ("verification");
  TCase *tc = tcase_create ("names");
  tcase_add_test (tc, test_rfc9525_names);
  tcase_add_test (tc, test_rfc9525_embedded_nul);
  suite_add_tcase (s, tc);

  tc = tcase_create ("chains");
  tcase_add_checked_fixture (tc, chain_setup, chain_teardown);
  tcase_add_test (tc, test_chain_ends);
  tcase_add_test (tc, test_file_keeps_path_only);
  tcase_add_test (tc, test_file_finds_leaf_anywhere);
  tcase_add_test (tc, test_untrusted);
  tcase_add_test (tc, test_dates);
  tcase_add_test (tc, test_purposes);
  suite_add_tcase (s, tc);

  tc = tcase_create ("probe");
  tcase_add_test (tc, test_probe_parsers);
  tcase_add_test (tc, test_listen_addresses);
  suite_add_tcase (s, tc);
  return s;
}

int
main (void)
{
  setlocale (LC_ALL, "");
  return unit_run (verify_suite (), NULL);
}
