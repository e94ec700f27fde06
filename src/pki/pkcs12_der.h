/* The little ASN.1 that certwiz reads itself in a PKCS#12 key bag, when
   GnuTLS cannot read the key: decoded by libtasn1 with the definitions
   of pkcs12.asn (compiled into pkcs12_asn1.c), never by hand.  For the
   PKCS#12 code only. */
#ifndef CERTWIZ_PKCS12_DER_H
#define CERTWIZ_PKCS12_DER_H

#include <gnutls/gnutls.h>
#include <libtasn1.h>
#include <stdbool.h>

extern const asn1_static_node cw_p12_asn1_tab[];

/* DER decoded as TYPE of pkcs12.asn ("PrivateKeyInfo") into *NODE (free
   it with asn1_delete_structure); false when DER is not one. */
bool cw_p12_der_decode (const char *type, const gnutls_datum_t *der,
                        asn1_node *node);
/* The value NAME of NODE in *VALUE (free it with cw_p12_der_free): the
   bytes of an OCTET STRING, the DER of an ANY; false when absent. */
bool cw_p12_der_read (asn1_node node, const char *name,
                      gnutls_datum_t *value);
/* Wipes VALUE, which may have held a key, and frees it. */
void cw_p12_der_free (gnutls_datum_t *value);
/* Whether the OBJECT IDENTIFIER NAME of NODE is OID (dotted). */
bool cw_p12_der_oid_is (asn1_node node, const char *name, const char *oid);
/* The non-negative INTEGER NAME of NODE, when it is at most MAX. */
bool cw_p12_der_uint (asn1_node node, const char *name, unsigned long max,
                      unsigned long *value);

#endif
