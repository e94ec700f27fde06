/* Unit tests of certificate name matching (match.c): Exchange's Domain
   Security rules, TLS host name checking, the names a certificate holds
   and the sentences that explain a match.  The examples are the seed's:
   woodgrovebank.com for Domain Security, contoso.com for wildcards. */
#include <config.h>

#include <arpa/inet.h>
#include <check.h>
#include <gnutls/gnutls.h>
#include <gnutls/x509.h>
#include <locale.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "names/match.h"
#include "unit.h"

#define ARRAY_SIZE(a) (sizeof (a) / sizeof (a)[0])

/* "bücher" in UTF-8 and as its A-label.  */
#define BUECHER "b\xc3\xbc" "cher"
#define BUECHER_ACE "xn--bcher-kva"

/* ------------------------------------------------------------ helpers */

/* DOMAIN must be covered by NAMES[INDEX] under RULE.  */
static void
expect_domain (const char *const *names, size_t count, const char *domain,
               enum cw_match_rule rule, size_t index)
{
  struct cw_match match;
  ck_assert_msg (cw_match_domain (names, count, domain, &match),
                 "%s not covered", domain);
  ck_assert_msg (match.rule == rule, "%s: rule %d, not %d", domain,
                 (int) match.rule, (int) rule);
  ck_assert_uint_eq (match.index, index);
  ck_assert_int_eq (match.mode, CW_MATCH_DOMAIN);
}

static void
expect_no_domain (const char *const *names, size_t count,
                  const char *domain)
{
  struct cw_match match;
  ck_assert_msg (!cw_match_domain (names, count, domain, &match),
                 "%s covered by %s", domain,
                 match.index < count ? names[match.index] : "?");
  ck_assert_int_eq (match.rule, CW_RULE_NONE);
  ck_assert_uint_eq (match.index, count);
}

/* The certificate, exported and read back so that the names come from
   a parsed certificate as they would from a file.  */
static gnutls_x509_crt_t
reparse (gnutls_x509_crt_t crt)
{
  gnutls_datum_t der;
  gnutls_x509_crt_t parsed;
  ck_assert_int_ge (gnutls_x509_crt_export2 (crt, GNUTLS_X509_FMT_DER, &der),
                    0);
  ck_assert_int_ge (gnutls_x509_crt_init (&parsed), 0);
  ck_assert_int_ge (gnutls_x509_crt_import (parsed, &der,
                                            GNUTLS_X509_FMT_DER), 0);
  gnutls_free (der.data);
  gnutls_x509_crt_deinit (crt);
  return parsed;
}

static void
set_names (gnutls_x509_crt_t crt, const char *const *dns, size_t count,
           const char *ipv4)
{
  for (size_t i = 0; i < count; i++)
    ck_assert_int_ge (gnutls_x509_crt_set_subject_alt_name
                        (crt, GNUTLS_SAN_DNSNAME, dns[i],
                         (unsigned) strlen (dns[i]), GNUTLS_FSAN_APPEND),
                      0);
  unsigned char address[4];
  if (!ipv4)
    return;
  ck_assert_int_eq (inet_pton (AF_INET, ipv4, address), 1);
  ck_assert_int_ge (gnutls_x509_crt_set_subject_alt_name
                      (crt, GNUTLS_SAN_IPADDRESS, address, sizeof address,
                       GNUTLS_FSAN_APPEND), 0);
}

/* A self-signed certificate with the common name CN (none if NULL), the
   SAN dNSNames DNS and the IPv4 address IPV4 (none if NULL).  */
static gnutls_x509_crt_t
make_cert (const char *cn, const char *const *dns, size_t count,
           const char *ipv4)
{
  gnutls_x509_privkey_t key;
  gnutls_x509_crt_t crt;
  static const unsigned char serial[] = { 0x01, 0x23 };
  time_t now = time (NULL);
  ck_assert_int_ge (gnutls_x509_privkey_init (&key), 0);
  ck_assert_int_ge (gnutls_x509_privkey_generate
                      (key, GNUTLS_PK_ECDSA,
                       GNUTLS_CURVE_TO_BITS (GNUTLS_ECC_CURVE_SECP256R1), 0),
                    0);
  ck_assert_int_ge (gnutls_x509_crt_init (&crt), 0);
  ck_assert_int_ge (gnutls_x509_crt_set_version (crt, 3), 0);
  ck_assert_int_ge (gnutls_x509_crt_set_serial (crt, serial, sizeof serial),
                    0);
  ck_assert_int_ge (gnutls_x509_crt_set_activation_time (crt, now), 0);
  ck_assert_int_ge (gnutls_x509_crt_set_expiration_time (crt, now + 86400),
                    0);
  if (cn)
    ck_assert_int_ge (gnutls_x509_crt_set_dn_by_oid
                        (crt, GNUTLS_OID_X520_COMMON_NAME, 0, cn,
                         (unsigned) strlen (cn)), 0);
  set_names (crt, dns, count, ipv4);
  ck_assert_int_ge (gnutls_x509_crt_set_key (crt, key), 0);
  ck_assert_int_ge (gnutls_x509_crt_sign2 (crt, crt, key, GNUTLS_DIG_SHA256,
                                           0), 0);
  gnutls_x509_privkey_deinit (key);
  return reparse (crt);
}

/* A certificate and its DNS names, as a caller would hold them.  */
struct cert
{
  gnutls_x509_crt_t crt;
  char **names;
  size_t count;
};

static struct cert
cert_new (const char *cn, const char *const *dns, size_t count,
          const char *ipv4)
{
  struct cert c;
  c.crt = make_cert (cn, dns, count, ipv4);
  c.names = cw_cert_dns_names (c.crt, &c.count);
  return c;
}

static void
cert_free (struct cert *c)
{
  cw_names_list_free (c->names, c->count);
  gnutls_x509_crt_deinit (c->crt);
}

static bool
host_matches (const struct cert *c, const char *host, struct cw_match *match)
{
  return cw_match_hostname (c->crt, (const char *const *) c->names, c->count,
                            host, match);
}

static void
expect_host (const struct cert *c, const char *host, size_t index)
{
  struct cw_match match;
  ck_assert_msg (host_matches (c, host, &match), "%s not accepted", host);
  ck_assert_int_eq (match.rule, CW_RULE_HOSTNAME);
  ck_assert_int_eq (match.mode, CW_MATCH_HOSTNAME);
  ck_assert_uint_eq (match.index, index);
}

static void
expect_no_host (const struct cert *c, const char *host)
{
  struct cw_match match;
  ck_assert_msg (!host_matches (c, host, &match), "%s accepted", host);
  ck_assert_int_eq (match.rule, CW_RULE_NONE);
  ck_assert_uint_eq (match.index, c->count);
}

static void
expect_names (const struct cert *c, const char *const *names, size_t count)
{
  ck_assert_uint_eq (c->count, count);
  for (size_t i = 0; i < count; i++)
    ck_assert_str_eq (c->names[i], names[i]);
}

/* The explanation of matching DOMAIN against NAMES in MODE: non-empty,
   and holding every string of WANT.  */
static void
expect_explained (enum cw_match_mode mode, const char *const *names,
                  size_t count, const char *domain,
                  const struct cw_match *match, const char *const *want,
                  size_t want_count)
{
  ck_assert_int_eq (match->mode, mode);
  char *sentence = cw_match_explain (match, names, count, domain);
  ck_assert_ptr_nonnull (sentence);
  ck_assert_msg (strlen (sentence) > 20, "too short: %s", sentence);
  for (size_t i = 0; i < want_count; i++)
    ck_assert_msg (strstr (sentence, want[i]), "\"%s\" lacks \"%s\"",
                   sentence, want[i]);
  free (sentence);
}

/* Explains cw_match_domain (NAMES, DOMAIN), expecting WANT in it.  */
static void
explain_domain (const char *const *names, size_t count, const char *domain,
                const char *const *want, size_t want_count)
{
  struct cw_match match;
  cw_match_domain (names, count, domain, &match);
  expect_explained (CW_MATCH_DOMAIN, names, count, domain, &match, want,
                    want_count);
}

static void
explain_host (const struct cert *c, const char *host,
              const char *const *want, size_t want_count)
{
  struct cw_match match;
  host_matches (c, host, &match);
  expect_explained (CW_MATCH_HOSTNAME, (const char *const *) c->names,
                    c->count, host, &match, want, want_count);
}

/* -------------------------------------------------- Domain Security */

START_TEST (test_exact)
{
  static const char *const names[] = { "woodgrovebank.com" };
  expect_domain (names, 1, "woodgrovebank.com", CW_RULE_EXACT, 0);
  expect_no_domain (names, 1, "woodgrovebank.net");
  expect_no_domain (names, 1, "contoso.com");
}
END_TEST

START_TEST (test_wildcard_covers_domain_and_below)
{
  static const char *const names[] = { "*.woodgrovebank.com" };
  expect_domain (names, 1, "woodgrovebank.com", CW_RULE_WILDCARD, 0);
  expect_domain (names, 1, "mail1.woodgrovebank.com", CW_RULE_WILDCARD, 0);
  expect_domain (names, 1, "a.b.woodgrovebank.com", CW_RULE_WILDCARD, 0);
  /* The seed's own wildcard example.  */
  static const char *const contoso[] = { "*.contoso.com" };
  expect_domain (contoso, 1, "contoso.com", CW_RULE_WILDCARD, 0);
}
END_TEST

START_TEST (test_wildcard_stays_in_its_domain)
{
  static const char *const names[] = { "*.woodgrovebank.com" };
  expect_no_domain (names, 1, "evilwoodgrovebank.com");
  expect_no_domain (names, 1, "woodgrovebank.com.example");
  expect_no_domain (names, 1, "com");
  expect_no_domain (names, 1, "contoso.com");
}
END_TEST

START_TEST (test_one_label_below)
{
  static const char *const names[] = { "mail1.woodgrovebank.com" };
  expect_domain (names, 1, "woodgrovebank.com", CW_RULE_ONE_LABEL, 0);
  expect_no_domain (names, 1, "bank.com");
  expect_no_domain (names, 1, "grovebank.com");
}
END_TEST

START_TEST (test_two_labels_below_refused)
{
  static const char *const names[] = { "mail1.us.woodgrovebank.com" };
  expect_no_domain (names, 1, "woodgrovebank.com");
  expect_domain (names, 1, "us.woodgrovebank.com", CW_RULE_ONE_LABEL, 0);
}
END_TEST

START_TEST (test_name_does_not_cover_below)
{
  /* One label works upwards only: a name is not a wildcard.  */
  static const char *const names[] = { "woodgrovebank.com" };
  expect_no_domain (names, 1, "mail1.woodgrovebank.com");
}
END_TEST

START_TEST (test_case_insensitive)
{
  static const char *const names[] = { "WoodGroveBank.COM",
                                       "MAIL1.contoso.COM",
                                       "*.Fabrikam.com" };
  expect_domain (names, 3, "WOODGROVEBANK.com", CW_RULE_EXACT, 0);
  expect_domain (names, 3, "Contoso.com", CW_RULE_ONE_LABEL, 1);
  expect_domain (names, 3, "Mail.FABRIKAM.com", CW_RULE_WILDCARD, 2);
}
END_TEST

START_TEST (test_trailing_dot)
{
  static const char *const names[] = { "woodgrovebank.com.",
                                       "mail1.contoso.com",
                                       "*.fabrikam.com." };
  expect_domain (names, 3, "woodgrovebank.com", CW_RULE_EXACT, 0);
  expect_domain (names, 3, "woodgrovebank.com.", CW_RULE_EXACT, 0);
  expect_domain (names, 3, "contoso.com.", CW_RULE_ONE_LABEL, 1);
  expect_domain (names, 3, "fabrikam.com", CW_RULE_WILDCARD, 2);
}
END_TEST

START_TEST (test_unicode_domain)
{
  static const char *const names[] = { BUECHER_ACE ".example",
                                       "*." BUECHER_ACE ".de" };
  expect_domain (names, 2, BUECHER ".example", CW_RULE_EXACT, 0);
  expect_domain (names, 2, "mail." BUECHER ".de", CW_RULE_WILDCARD, 1);
  expect_no_domain (names, 2, "bucher.example");
}
END_TEST

START_TEST (test_strongest_rule_wins)
{
  static const char *const all[] = { "mail1.woodgrovebank.com",
                                     "*.woodgrovebank.com",
                                     "woodgrovebank.com" };
  expect_domain (all, 3, "woodgrovebank.com", CW_RULE_EXACT, 2);
  /* Without the exact name, the wildcard beats the name below.  */
  expect_domain (all, 2, "woodgrovebank.com", CW_RULE_WILDCARD, 1);
  static const char *const reversed[] = { "woodgrovebank.com",
                                          "*.woodgrovebank.com",
                                          "mail1.woodgrovebank.com" };
  expect_domain (reversed, 3, "woodgrovebank.com", CW_RULE_EXACT, 0);
  expect_domain (reversed + 1, 2, "woodgrovebank.com", CW_RULE_WILDCARD, 0);
  /* Among equals, the first.  */
  static const char *const two[] = { "mail1.woodgrovebank.com",
                                     "mail2.woodgrovebank.com" };
  expect_domain (two, 2, "woodgrovebank.com", CW_RULE_ONE_LABEL, 0);
}
END_TEST

START_TEST (test_star_not_leftmost_never_matches)
{
  /* Each is one label below woodgrovebank.com, or would be a wildcard
     over it, if its "*" counted.  */
  static const char *const names[] = { "m*.woodgrovebank.com",
                                       "*x.woodgrovebank.com",
                                       "mail.*.woodgrovebank.com",
                                       "*.*.woodgrovebank.com",
                                       "**.woodgrovebank.com" };
  for (size_t i = 0; i < ARRAY_SIZE (names); i++)
    {
      expect_no_domain (names + i, 1, "woodgrovebank.com");
      expect_no_domain (names + i, 1, "mail.woodgrovebank.com");
      expect_no_domain (names + i, 1, "mx.woodgrovebank.com");
    }
}
END_TEST

START_TEST (test_domain_must_be_host_name)
{
  /* A "*" in the domain is no wildcard to compare by equality.  */
  static const char *const names[] = { "*.woodgrovebank.com",
                                       "m*.woodgrovebank.com", "" };
  expect_no_domain (names, 3, "*.woodgrovebank.com");
  expect_no_domain (names, 3, "m*.woodgrovebank.com");
  expect_no_domain (names, 3, "");
  expect_no_domain (names, 3, ".");
}
END_TEST

START_TEST (test_no_names)
{
  static const char *const names[] = { NULL };
  expect_no_domain (names, 0, "woodgrovebank.com");
  expect_no_domain (names, 1, "woodgrovebank.com");
  ck_assert (!cw_match_domain (names, 0, "woodgrovebank.com", NULL));
  static const char *const one[] = { "woodgrovebank.com" };
  ck_assert (cw_match_domain (one, 1, "woodgrovebank.com", NULL));
}
END_TEST

/* ---------------------------------------------- TLS host name checks */

START_TEST (test_hostname_wildcard_one_label)
{
  static const char *const dns[] = { "*.contoso.com" };
  struct cert c = cert_new ("Contoso wildcard", dns, 1, NULL);
  expect_host (&c, "mail.contoso.com", 0);
  expect_no_host (&c, "contoso.com");
  expect_no_host (&c, "a.b.contoso.com");
  expect_no_host (&c, "mail.fabrikam.com");
  /* Domain Security says yes to both: the modes differ.  */
  const char *const *names = (const char *const *) c.names;
  expect_domain (names, c.count, "contoso.com", CW_RULE_WILDCARD, 0);
  expect_domain (names, c.count, "a.b.contoso.com", CW_RULE_WILDCARD, 0);
  cert_free (&c);
}
END_TEST

START_TEST (test_hostname_no_one_label_rule)
{
  static const char *const dns[] = { "mail1.woodgrovebank.com" };
  struct cert c = cert_new (NULL, dns, 1, NULL);
  expect_host (&c, "mail1.woodgrovebank.com", 0);
  expect_no_host (&c, "woodgrovebank.com");
  cert_free (&c);
}
END_TEST

START_TEST (test_hostname_prefers_exact)
{
  static const char *const dns[] = { "*.contoso.com", "mail.contoso.com" };
  struct cert c = cert_new (NULL, dns, 2, NULL);
  expect_host (&c, "mail.contoso.com", 1);
  expect_host (&c, "owa.contoso.com", 0);
  cert_free (&c);
}
END_TEST

START_TEST (test_hostname_cn_beside_sans_not_credited)
{
  /* TLS clients ignore the CN when there are SANs: the wildcard is what
     matched, even though the CN is in the list and equal to the host.  */
  static const char *const dns[] = { "*.contoso.com" };
  struct cert c = cert_new ("mail.contoso.com", dns, 1, NULL);
  ck_assert_uint_eq (c.count, 2);
  expect_host (&c, "mail.contoso.com", 0);
  cert_free (&c);

  c = cert_new ("owa.fabrikam.com", dns, 1, NULL);
  ck_assert_uint_eq (c.count, 2);
  expect_no_host (&c, "owa.fabrikam.com");
  cert_free (&c);
}
END_TEST

START_TEST (test_hostname_cn_alone)
{
  /* RFC 9525 ended the fall-back to the common name: a certificate
     without DNS names covers no host name, whatever its CN says.  */
  struct cert c = cert_new ("mail.contoso.com", NULL, 0, NULL);
  ck_assert_uint_eq (c.count, 1);
  expect_no_host (&c, "mail.contoso.com");
  expect_no_host (&c, "contoso.com");
  static const char *const want[] = { "mail.contoso.com", "common name",
                                      "RFC 9525" };
  explain_host (&c, "mail.contoso.com", want, 3);
  cert_free (&c);
}
END_TEST

START_TEST (test_hostname_public_suffix_wildcard)
{
  static const char *const dns[] = { "*.co.uk", "*.contoso.co.uk" };
  struct cert c = cert_new (NULL, dns, 2, NULL);
  expect_no_host (&c, "fabrikam.co.uk");
  expect_host (&c, "mail.contoso.co.uk", 1);
  static const char *const want[] = { "nearest, *.co.uk", "public suffix" };
  explain_host (&c, "fabrikam.co.uk", want, 2);
  cert_free (&c);
}
END_TEST

START_TEST (test_hostname_partial_wildcard)
{
  /* Only a whole "*" label is a wildcard (RFC 9525, 6.3).  */
  static const char *const dns[] = { "w*.contoso.com", "*w.fabrikam.com" };
  struct cert c = cert_new (NULL, dns, 2, NULL);
  expect_no_host (&c, "www.contoso.com");
  expect_no_host (&c, "aw.fabrikam.com");
  static const char *const want[] = { "w*.contoso.com", "leftmost label" };
  explain_host (&c, "www.contoso.com", want, 2);
  cert_free (&c);
}
END_TEST

START_TEST (test_hostname_invalid_host)
{
  /* A host name no client could look up matches nothing, not even the
     same junk in a certificate.  */
  static const char *const dns[] = { "foo_bar.contoso.com", "*.contoso.com" };
  struct cert c = cert_new (NULL, dns, 2, NULL);
  expect_no_host (&c, "foo_bar.contoso.com");
  expect_no_host (&c, "*.contoso.com");
  static const char *const want[] = { "foo_bar.contoso.com",
                                      "not a valid host name" };
  explain_host (&c, "foo_bar.contoso.com", want, 2);
  cert_free (&c);
}
END_TEST

START_TEST (test_hostname_case_dot_unicode)
{
  static const char *const dns[] = { "mail.contoso.com",
                                     BUECHER_ACE ".example" };
  struct cert c = cert_new (NULL, dns, 2, NULL);
  expect_host (&c, "Mail.CONTOSO.com", 0);
  expect_host (&c, "mail.contoso.com.", 0);
  expect_host (&c, BUECHER ".example", 1);
  expect_host (&c, BUECHER ".example.", 1);
  expect_no_host (&c, "");
  cert_free (&c);
}
END_TEST

START_TEST (test_hostname_address)
{
  /* The address entry matched, and the match names it.  */
  static const char *const dns[] = { "mail.contoso.com" };
  struct cert c = cert_new (NULL, dns, 1, "192.0.2.1");
  struct cw_match match;
  ck_assert (host_matches (&c, "192.0.2.1", &match));
  ck_assert_int_eq (match.rule, CW_RULE_ADDRESS);
  ck_assert_uint_eq (match.index, c.count);
  ck_assert_str_eq (match.address, "192.0.2.1");
  expect_no_host (&c, "192.0.2.2");
  static const char *const want[] = { "IP address entry 192.0.2.1",
                                      "exact match" };
  explain_host (&c, "192.0.2.1", want, 2);
  static const char *const none[] = { "192.0.2.2", "IP address entries" };
  explain_host (&c, "192.0.2.2", none, 2);
  cert_free (&c);
}
END_TEST

/* ----------------------------------------------- certificate names */

START_TEST (test_cert_names_sans_then_cn)
{
  static const char *const dns[] = { "mail1.contoso.com",
                                     "autodiscover.contoso.com" };
  struct cert c = cert_new ("owa1.contoso.com", dns, 2, "192.0.2.1");
  static const char *const want[] = { "mail1.contoso.com",
                                      "autodiscover.contoso.com",
                                      "owa1.contoso.com" };
  expect_names (&c, want, 3);
  cert_free (&c);
}
END_TEST

START_TEST (test_cert_names_cn_already_listed)
{
  static const char *const dns[] = { "mail1.contoso.com",
                                     "autodiscover.contoso.com" };
  struct cert c = cert_new ("MAIL1.contoso.com", dns, 2, "192.0.2.1");
  expect_names (&c, dns, 2);
  cert_free (&c);
}
END_TEST

START_TEST (test_cert_names_cn_not_dns)
{
  static const char *const dns[] = { "mail1.contoso.com" };
  /* The seed's look-alike: an i with a diaeresis is no DNS name.  */
  static const char *const cns[] = { "Contoso Mail",
                                     "mail.m\xc3\xaf" "crosoft.com",
                                     "192.0.2.1", "mail_1.contoso.com" };
  for (size_t i = 0; i < ARRAY_SIZE (cns); i++)
    {
      struct cert c = cert_new (cns[i], dns, 1, "192.0.2.1");
      expect_names (&c, dns, 1);
      cert_free (&c);
    }
}
END_TEST

START_TEST (test_cert_names_wildcard_cn)
{
  struct cert c = cert_new ("*.contoso.com", NULL, 0, NULL);
  static const char *const want[] = { "*.contoso.com" };
  expect_names (&c, want, 1);
  cert_free (&c);
}
END_TEST

START_TEST (test_cert_names_none)
{
  struct cert c = cert_new ("Contoso Mail", NULL, 0, "192.0.2.1");
  ck_assert_uint_eq (c.count, 0);
  ck_assert_ptr_null (c.names);
  expect_no_domain ((const char *const *) c.names, c.count, "contoso.com");
  static const char *const want[] = { "contoso.com", "no DNS names" };
  explain_domain ((const char *const *) c.names, c.count, "contoso.com",
                  want, 2);
  cert_free (&c);
}
END_TEST

/* ----------------------------------------------------- explanations */

START_TEST (test_explain_exact)
{
  static const char *const names[] = { "WoodGroveBank.com" };
  static const char *const want[] = { "WoodGroveBank.com",
                                      "woodgrovebank.com", "exact" };
  explain_domain (names, 1, "woodgrovebank.com", want, 3);
}
END_TEST

START_TEST (test_explain_wildcard)
{
  static const char *const names[] = { "*.contoso.com" };
  static const char *const want[] = { "*.contoso.com", "wildcard" };
  explain_domain (names, 1, "contoso.com", want, 2);
}
END_TEST

START_TEST (test_explain_one_label)
{
  static const char *const names[] = { "contoso.com",
                                       "mail1.woodgrovebank.com" };
  struct cw_match match;
  ck_assert (cw_match_domain (names, 2, "woodgrovebank.com", &match));
  char *sentence = cw_match_explain (&match, names, 2, "woodgrovebank.com");
  ck_assert_str_eq (sentence, "mail1.woodgrovebank.com is one label below "
                    "woodgrovebank.com, which Domain Security accepts.");
  free (sentence);
}
END_TEST

START_TEST (test_explain_two_labels_below)
{
  /* The nearest name is the one fewest labels away, wherever listed.  */
  static const char *const names[] = { "a.b.c.woodgrovebank.com",
                                       "mail1.us.woodgrovebank.com",
                                       "contoso.com" };
  static const char *const want[] = { "mail1.us.woodgrovebank.com",
                                      "woodgrovebank.com", "2 labels" };
  explain_domain (names, 3, "woodgrovebank.com", want, 3);
  static const char *const three[] = { "3 labels",
                                       "a.b.c.woodgrovebank.com" };
  explain_domain (names, 1, "woodgrovebank.com", three, 2);
}
END_TEST

START_TEST (test_explain_misplaced_star)
{
  static const char *const names[] = { "*.*.woodgrovebank.com" };
  static const char *const want[] = { "*.*.woodgrovebank.com", "leftmost" };
  explain_domain (names, 1, "woodgrovebank.com", want, 2);
  static const char *const partial[] = { "m*.woodgrovebank.com" };
  static const char *const want_partial[] = { "m*.woodgrovebank.com",
                                              "leftmost" };
  explain_domain (partial, 1, "woodgrovebank.com", want_partial, 2);
}
END_TEST

START_TEST (test_explain_wildcard_below)
{
  static const char *const names[] = { "*.mail1.woodgrovebank.com" };
  static const char *const want[] = { "*.mail1.woodgrovebank.com",
                                      "only mail1.woodgrovebank.com" };
  explain_domain (names, 1, "woodgrovebank.com", want, 2);
}
END_TEST

START_TEST (test_explain_above)
{
  static const char *const names[] = { "woodgrovebank.com" };
  static const char *const want[] = { "nearest, woodgrovebank.com",
                                      "above" };
  explain_domain (names, 1, "mail1.woodgrovebank.com", want, 2);
}
END_TEST

START_TEST (test_explain_unrelated_and_invalid)
{
  static const char *const names[] = { "contoso.com" };
  static const char *const want[] = { "woodgrovebank.com", "None" };
  explain_domain (names, 1, "woodgrovebank.com", want, 2);
  static const char *const invalid[] = { "*.woodgrovebank.com", "valid" };
  explain_domain (names, 1, "*.woodgrovebank.com", invalid, 2);
}
END_TEST

START_TEST (test_explain_hostname)
{
  static const char *const dns[] = { "*.contoso.com",
                                     "autodiscover.contoso.com" };
  struct cert c = cert_new (NULL, dns, 2, NULL);
  static const char *const wildcard[] = { "*.contoso.com",
                                          "exactly one label" };
  explain_host (&c, "mail.contoso.com", wildcard, 2);
  static const char *const exact[] = { "autodiscover.contoso.com", "exact" };
  explain_host (&c, "autodiscover.contoso.com", exact, 2);
  static const char *const bare[] = { "nearest, *.contoso.com",
                                      "not for the domain itself" };
  explain_host (&c, "contoso.com", bare, 2);
  static const char *const deep[] = { "nearest, *.contoso.com", "not 2" };
  explain_host (&c, "a.b.contoso.com", deep, 2);
  cert_free (&c);
}
END_TEST

START_TEST (test_explain_hostname_misses)
{
  static const char *const dns[] = { "mail.us.contoso.com" };
  struct cert c = cert_new ("owa.fabrikam.com", dns, 1, NULL);
  static const char *const below[] = { "nearest, mail.us.contoso.com",
                                       "2 labels", "exact name" };
  explain_host (&c, "contoso.com", below, 3);
  static const char *const ignored[] = { "owa.fabrikam.com",
                                         "common name" };
  explain_host (&c, "owa.fabrikam.com", ignored, 2);
  cert_free (&c);

  /* A wildcard needs two labels after its "*", and "com" is a public
     suffix too.  */
  static const char *const broad[] = { "*.com" };
  c = cert_new (NULL, broad, 1, NULL);
  expect_no_host (&c, "fabrikam.com");
  static const char *const refused[] = { "nearest, *.com", "public suffix" };
  explain_host (&c, "fabrikam.com", refused, 2);
  cert_free (&c);
}
END_TEST

/* ------------------------------------------------------------- main */

static Suite *
match_suite (void)
{
  Suite *s = suite_create ("match");
  TCase *tc = tcase_create ("domain security");
  tcase_add_test (tc, test_exact);
  tcase_add_test (tc, test_wildcard_covers_domain_and_below);
  tcase_add_test (tc, test_wildcard_stays_in_its_domain);
  tcase_add_test (tc, test_one_label_below);
  tcase_add_test (tc, test_two_labels_below_refused);
  tcase_add_test (tc, test_name_does_not_cover_below);
  tcase_add_test (tc, test_case_insensitive);
  tcase_add_test (tc, test_trailing_dot);
  tcase_add_test (tc, test_unicode_domain);
  tcase_add_test (tc, test_strongest_rule_wins);
  tcase_add_test (tc, test_star_not_leftmost_never_matches);
  tcase_add_test (tc, test_domain_must_be_host_name);
  tcase_add_test (tc, test_no_names);
  suite_add_tcase (s, tc);

  tc = tcase_create ("host names");
  tcase_add_test (tc, test_hostname_wildcard_one_label);
  tcase_add_test (tc, test_hostname_no_one_label_rule);
  tcase_add_test (tc, test_hostname_prefers_exact);
  tcase_add_test (tc, test_hostname_cn_beside_sans_not_credited);
  tcase_add_test (tc, test_hostname_cn_alone);
  tcase_add_test (tc, test_hostname_public_suffix_wildcard);
  tcase_add_test (tc, test_hostname_partial_wildcard);
  tcase_add_test (tc, test_hostname_invalid_host);
  tcase_add_test (tc, test_hostname_case_dot_unicode);
  tcase_add_test (tc, test_hostname_address);
  suite_add_tcase (s, tc);

  tc = tcase_create ("certificate names");
  tcase_add_test (tc, test_cert_names_sans_then_cn);
  tcase_add_test (tc, test_cert_names_cn_already_listed);
  tcase_add_test (tc, test_cert_names_cn_not_dns);
  tcase_add_test (tc, test_cert_names_wildcard_cn);
  tcase_add_test (tc, test_cert_names_none);
  suite_add_tcase (s, tc);

  tc = tcase_create ("explanations");
  tcase_add_test (tc, test_explain_exact);
  tcase_add_test (tc, test_explain_wildcard);
  tcase_add_test (tc, test_explain_one_label);
  tcase_add_test (tc, test_explain_two_labels_below);
  tcase_add_test (tc, test_explain_misplaced_star);
  tcase_add_test (tc, test_explain_wildcard_below);
  tcase_add_test (tc, test_explain_above);
  tcase_add_test (tc, test_explain_unrelated_and_invalid);
  tcase_add_test (tc, test_explain_hostname);
  tcase_add_test (tc, test_explain_hostname_misses);
  suite_add_tcase (s, tc);
  return s;
}

int
main (void)
{
  setlocale (LC_ALL, "");
  return unit_run (match_suite (), NULL);
}
