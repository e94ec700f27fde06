/* Writes a CA and N certificates it issued, as one PEM bundle: the large
   files the browser and the benchmarks read.  Every certificate has its
   own names and serial; a few expired, a few expire soon.  The leaves
   share one key, which only makes the file quick to write.
   Usage: make_bundle N > bundle.pem */
#include <config.h>

#include <gnutls/gnutls.h>
#include <gnutls/x509.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static void
check (const char *what, int ret)
{
  if (ret >= 0)
    return;
  fprintf (stderr, "make_bundle: %s: %s\n", what, gnutls_strerror (ret));
  exit (1);
}

static gnutls_x509_privkey_t
new_key (void)
{
  gnutls_x509_privkey_t key;
  check ("key", gnutls_x509_privkey_init (&key));
  check ("generate", gnutls_x509_privkey_generate (
                       key, GNUTLS_PK_ECDSA,
                       GNUTLS_CURVE_TO_BITS (GNUTLS_ECC_CURVE_SECP256R1), 0));
  return key;
}

static void
write_pem (gnutls_x509_crt_t crt)
{
  gnutls_datum_t pem;
  check ("export", gnutls_x509_crt_export2 (crt, GNUTLS_X509_FMT_PEM, &pem));
  fwrite (pem.data, 1, pem.size, stdout);
  gnutls_free (pem.data);
}

static gnutls_x509_crt_t
new_cert (const char *cn, unsigned serial, gnutls_x509_privkey_t key,
          time_t from, time_t to)
{
  gnutls_x509_crt_t crt;
  unsigned char bytes[4] = { (unsigned char) (serial >> 24) | 0x40,
                             (unsigned char) (serial >> 16),
                             (unsigned char) (serial >> 8),
                             (unsigned char) serial };
  check ("crt", gnutls_x509_crt_init (&crt));
  check ("version", gnutls_x509_crt_set_version (crt, 3));
  check ("serial", gnutls_x509_crt_set_serial (crt, bytes, sizeof bytes));
  check ("cn", gnutls_x509_crt_set_dn_by_oid (crt, GNUTLS_OID_X520_COMMON_NAME,
                                              0, cn, (unsigned) strlen (cn)));
  check ("pubkey", gnutls_x509_crt_set_key (crt, key));
  check ("from", gnutls_x509_crt_set_activation_time (crt, from));
  check ("to", gnutls_x509_crt_set_expiration_time (crt, to));
  return crt;
}

/* Certificate I: expired every 50th, expiring soon every 20th. */
static time_t
expiry_of (unsigned i, time_t now)
{
  if (i % 50 == 7)
    return now - 86400 * (time_t) (1 + i % 300);
  if (i % 20 == 3)
    return now + 86400 * (time_t) (1 + i % 25);
  return now + 86400 * (time_t) (60 + i % 700);
}

static void
write_leaf (unsigned i, gnutls_x509_crt_t ca, gnutls_x509_privkey_t ca_key,
            gnutls_x509_privkey_t key, time_t now)
{
  char cn[64], san[64];
  snprintf (cn, sizeof cn, "host%05u.example.com", i);
  snprintf (san, sizeof san, "alt%05u.example.org", i);
  gnutls_x509_crt_t crt = new_cert (cn, i + 2, key, now - 86400 * 400,
                                    expiry_of (i, now));
  check ("san", gnutls_x509_crt_set_subject_alt_name (
                  crt, GNUTLS_SAN_DNSNAME, cn, (unsigned) strlen (cn),
                  GNUTLS_FSAN_APPEND));
  check ("san", gnutls_x509_crt_set_subject_alt_name (
                  crt, GNUTLS_SAN_DNSNAME, san, (unsigned) strlen (san),
                  GNUTLS_FSAN_APPEND));
  check ("sign", gnutls_x509_crt_sign2 (crt, ca, ca_key, GNUTLS_DIG_SHA256,
                                        0));
  write_pem (crt);
  gnutls_x509_crt_deinit (crt);
}

int
main (int argc, char **argv)
{
  unsigned long count = argc > 1 ? strtoul (argv[1], NULL, 10) : 1000;
  time_t now = time (NULL);
  gnutls_x509_privkey_t ca_key = new_key (), key = new_key ();
  gnutls_x509_crt_t ca = new_cert ("Example Bundle CA", 1, ca_key,
                                   now - 86400 * 800, now + 86400 * 3650);
  check ("ca", gnutls_x509_crt_set_basic_constraints (ca, 1, -1));
  check ("ca usage", gnutls_x509_crt_set_key_usage (ca,
                                                    GNUTLS_KEY_KEY_CERT_SIGN));
  check ("ca sign", gnutls_x509_crt_sign2 (ca, ca, ca_key, GNUTLS_DIG_SHA256,
                                           0));
  write_pem (ca);
  for (unsigned i = 0; i < count; i++)
    write_leaf (i, ca, ca_key, key, now);
  gnutls_x509_crt_deinit (ca);
  gnutls_x509_privkey_deinit (key);
  gnutls_x509_privkey_deinit (ca_key);
  return 0;
}
