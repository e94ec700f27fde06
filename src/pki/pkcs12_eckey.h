/* An EC key that GnuTLS 3.7 cannot import from a PKCS#12 key bag because
   it is stored without its public point (RFC 5915 makes the point
   optional; Java's keytool leaves it out): the bag is decrypted again
   and the point computed from the private scalar.  For the PKCS#12 code
   (src/pki/pkcs12*.c) only. */
#ifndef CERTWIZ_PKCS12_ECKEY_H
#define CERTWIZ_PKCS12_ECKEY_H

#include <gnutls/x509.h>
#include <stdbool.h>

/* ENCRYPTED (a PKCS#8 EncryptedPrivateKeyInfo under PBES2: PBKDF2 with
   HMAC-SHA-1 or SHA-2, AES-CBC or 3DES-CBC) decrypted with PASSWORD into
   *PLAIN (free it with cw_p12_der_free); false when it is in another
   form, PASSWORD does not open it, or its key derivation would take more
   than MAX_ROUNDS rounds. */
bool cw_p12_pbes2_decrypt (const gnutls_datum_t *encrypted,
                           const char *password, unsigned long max_rounds,
                           gnutls_datum_t *plain);

/* PLAIN, a PKCS#8 PrivateKeyInfo holding an EC key on P-256, P-384 or
   P-521, with or without its public point, imported into KEY (made by
   gnutls_x509_privkey_init); a GnuTLS error code. */
int cw_p12_eckey_import (const gnutls_datum_t *plain,
                         gnutls_x509_privkey_t key);

#endif
