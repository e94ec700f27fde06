/* Putting a CA's answer in order: the leaf, then each certificate that
   signed the one before, every link's signature checked. */
#ifndef CERTWIZ_CHAIN_H
#define CERTWIZ_CHAIN_H

#include <stdbool.h>

#include "pki/certset.h"
#include "base/diag.h"

struct cw_chain
{
  gnutls_x509_crt_t leaf;
  gnutls_x509_crt_t *issuers;  /* the leaf's issuer first; borrowed */
  size_t count;
  bool incomplete;             /* the leaf's issuer is missing: neither
                                  in the chain nor a root of this
                                  system */
};

#define CW_CHAIN_INIT { NULL, NULL, 0, false }

/* The leaf among CERTS when no key says which: the first certificate
   that signed none of the others, preferring one that is not a CA. */
gnutls_x509_crt_t cw_chain_guess_leaf (const struct cw_certs *certs);

/* Builds the chain of LEAF from CERTS and says what was repaired or is
   missing: certificates out of order (put in order), a root (left out:
   clients have their own), certificates of no use to this chain (left
   out), a link whose signature fails (the chain stops there), a missing
   intermediate. */
void cw_chain_build (const struct cw_certs *certs, gnutls_x509_crt_t leaf,
                     struct cw_chain *chain, struct cw_diags *diags);

/* Certificates of a file a caller set aside after reading them, known
   by name alone: leaves that can be on no chain (a certificate that
   says it is no CA signs none).  AT[i] is how many of the certificates
   kept came before NAMES[i] in the file. */
struct cw_cert_aside
{
  char **names;
  size_t *at;
  size_t count;
};

#define CW_CERT_ASIDE_INIT { NULL, NULL, 0 }

void cw_cert_aside_add (struct cw_cert_aside *aside, gnutls_x509_crt_t crt,
                        size_t at);
void cw_cert_aside_free (struct cw_cert_aside *aside);

/* cw_chain_build of the file's CERTS and ASIDE (or NULL): the
   certificates set aside are told as left out, in the file's order. */
void cw_chain_build_aside (const struct cw_certs *certs,
                           const struct cw_cert_aside *aside,
                           gnutls_x509_crt_t leaf, struct cw_chain *chain,
                           struct cw_diags *diags);
void cw_chain_free (struct cw_chain *chain);

/* CRT as PEM, and CHAIN's issuers as PEM one after the other (owned by
   the caller). */
char *cw_cert_pem (gnutls_x509_crt_t crt);
char *cw_chain_pem (const struct cw_chain *chain);

/* "CN of the certificate" for messages (owned by the caller). */
char *cw_cert_short_name (gnutls_x509_crt_t crt);
/* The same of its issuer, from the certificate alone. */
char *cw_cert_issuer_short_name (gnutls_x509_crt_t crt);

#endif
