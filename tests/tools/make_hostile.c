/* Writes a self-signed certificate whose names attack terminals: escape
   sequences, an OSC title change, C1 controls, bidirectional overrides,
   backspaces, carriage returns, invalid UTF-8 and a name of thousands of
   characters.  Certificate fields are attacker-controlled; certwiz must
   show them all escaped.  Usage: make_hostile > hostile.pem */
#include <config.h>

#include <gnutls/gnutls.h>
#include <gnutls/x509.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define LONG_NAME 5000

static const char *const hostile_names[] = {
  "title.example\033]0;pwned\007",
  "red.example\033[31mRED\033[0m",
  "c1.example\xc2\x9b" "31m",
  "bidi.example\xe2\x80\xae" "moc.live",
  "iso.example\xe2\x81\xa6" "x\xe2\x81\xa9",
  "back.example\b\b\b\bspace",
  "cr.example\rCARRIAGE",
};

static void
die (const char *what, int ret)
{
  fprintf (stderr, "make_hostile: %s: %s\n", what, gnutls_strerror (ret));
  exit (1);
}

static void
check (const char *what, int ret)
{
  if (ret < 0)
    die (what, ret);
}

/* Appends a DER length. */
static size_t
put_length (unsigned char *out, size_t len)
{
  if (len < 128)
    {
      out[0] = (unsigned char) len;
      return 1;
    }
  out[0] = 0x82;
  out[1] = (unsigned char) (len >> 8);
  out[2] = (unsigned char) len;
  return 3;
}

/* The SAN extension is encoded here: GnuTLS, rightly, refuses to encode
   DNS names that are not host names, and a hostile CA does not ask it. */
static void
add_names (gnutls_x509_crt_t crt)
{
  size_t count = sizeof hostile_names / sizeof hostile_names[0];
  unsigned char *body = malloc (LONG_NAME + 4096), *der;
  size_t n = 0;
  for (size_t i = 0; i <= count; i++)
    {
      size_t len = i < count ? strlen (hostile_names[i]) : LONG_NAME;
      body[n++] = 0x82;               /* [2] dNSName */
      n += put_length (body + n, len);
      if (i < count)
        memcpy (body + n, hostile_names[i], len);
      else
        memset (body + n, 'a', len);
      n += len;
    }
  der = malloc (n + 4);
  size_t head = 1 + put_length (der + 1, n);
  der[0] = 0x30;
  memcpy (der + head, body, n);
  check ("san", gnutls_x509_crt_set_extension_by_oid (crt, "2.5.29.17", der,
                                                      head + n, 0));
  free (body);
  free (der);
}

static void
set_subject (gnutls_x509_crt_t crt)
{
  static const char cn[] = "evil\033]2;owned\033\\\033[2J";
  static const char org[] = "Org\xe2\x80\xae" "gnihsihp\r\033[1A";
  check ("cn", gnutls_x509_crt_set_dn_by_oid (crt, GNUTLS_OID_X520_COMMON_NAME,
                                              0, cn, sizeof cn - 1));
  /* GnuTLS refuses to encode invalid UTF-8, so this value is given as
     DER: a UTF8String holding bytes that are not UTF-8. */
  static const unsigned char bad_ou[] = { 0x0C, 0x05, 'b', 'a', 'd', 0xFF,
                                          0xFE };
  check ("o", gnutls_x509_crt_set_dn_by_oid (
                crt, GNUTLS_OID_X520_ORGANIZATION_NAME, 0, org,
                sizeof org - 1));
  check ("ou", gnutls_x509_crt_set_dn_by_oid (
                 crt, GNUTLS_OID_X520_ORGANIZATIONAL_UNIT_NAME, 1, bad_ou,
                 sizeof bad_ou));
}

int
main (void)
{
  gnutls_x509_privkey_t key;
  gnutls_x509_crt_t crt;
  unsigned char serial[] = { 0x42 };
  time_t now = time (NULL);
  check ("key", gnutls_x509_privkey_init (&key));
  check ("generate", gnutls_x509_privkey_generate (
                       key, GNUTLS_PK_ECDSA,
                       GNUTLS_CURVE_TO_BITS (GNUTLS_ECC_CURVE_SECP256R1), 0));
  check ("crt", gnutls_x509_crt_init (&crt));
  check ("version", gnutls_x509_crt_set_version (crt, 3));
  check ("serial", gnutls_x509_crt_set_serial (crt, serial, 1));
  set_subject (crt);
  add_names (crt);
  check ("pubkey", gnutls_x509_crt_set_key (crt, key));
  check ("from", gnutls_x509_crt_set_activation_time (crt, now));
  check ("to", gnutls_x509_crt_set_expiration_time (crt, now + 86400 * 90));
  check ("sign", gnutls_x509_crt_sign2 (crt, crt, key, GNUTLS_DIG_SHA256, 0));
  gnutls_datum_t pem;
  check ("export", gnutls_x509_crt_export2 (crt, GNUTLS_X509_FMT_PEM, &pem));
  fwrite (pem.data, 1, pem.size, stdout);
  gnutls_free (pem.data);
  gnutls_x509_crt_deinit (crt);
  gnutls_x509_privkey_deinit (key);
  return 0;
}
