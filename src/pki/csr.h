/* The PKCS#10 certificate request: subject in the enforced order, the
   SAN extension, key usage for a TLS server that also does SMTP mutual
   TLS, signed by the key handle with the digest that follows the key. */
#ifndef CERTWIZ_CSR_H
#define CERTWIZ_CSR_H

#include <gnutls/gnutls.h>
#include <gnutls/x509.h>

#include "keys/key.h"
#include "names/names.h"

/* Returns a GnuTLS error code; on success *CRQ is the signed request. */
int cw_csr_build (const struct cw_names *names, const struct cw_key *key,
                  gnutls_x509_crq_t *crq);

/* Hex digests of the request's DER (its fingerprint) and of its public
   key (the key ID that later binds the CA's certificate to the kept
   key).  OUT receives a lower-case hex string. */
int cw_csr_fingerprint (gnutls_x509_crq_t crq, char out[65]);
int cw_csr_key_id (gnutls_x509_crq_t crq, char out[41]);

#endif
