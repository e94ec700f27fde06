/* What certwiz shows and records of a certificate: thumbprints, names,
   issuer, validity, key, usages. */
#ifndef CERTWIZ_CERTINFO_H
#define CERTWIZ_CERTINFO_H

#include <gnutls/gnutls.h>
#include <gnutls/x509.h>
#include <stdbool.h>
#include <time.h>

#include "base/record.h"

struct cw_certinfo
{
  char sha1[41];           /* the thumbprint Exchange shows; the ID */
  char sha256[65];
  char key_id[41];         /* SHA-1 of the public key: finds the request */
  char *subject;           /* "C=US, O=Contoso, CN=mail1.contoso.com" */
  char *cn;                /* "" when none */
  char *issuer;
  char *issuer_name;       /* the issuer's CN, else O, else the whole DN */
  char *serial;            /* hex */
  time_t not_before;
  time_t not_after;
  char *key;               /* "RSA 3072 bits" */
  char *usage;             /* "digitalSignature, keyEncipherment" */
  char *ext_usage;         /* "serverAuth, clientAuth" */
  char **names;            /* "DNS:mail.contoso.com", "IP:192.0.2.1" */
  size_t name_count;
  bool self_signed;
  bool is_ca;
};

int cw_certinfo_get (gnutls_x509_crt_t crt, struct cw_certinfo *info);
void cw_certinfo_free (struct cw_certinfo *info);

/* The few fields a list shows, read without the others (both DNs in
   full, usages, key): what listing thousands of certificates needs. */
struct cw_cert_summary
{
  char sha1[41];
  char sha256[65];
  char *cn;                /* "" when none */
  char *name;              /* the CN, else the whole subject (many roots
                              have no CN) */
  char *issuer_name;       /* the issuer's CN, else O, else the whole DN */
  char *organization;      /* the subject's first O; "" when none */
  char **names;            /* as cw_certinfo's */
  size_t name_count;
  time_t not_after;
};

int cw_cert_summary_get (gnutls_x509_crt_t crt,
                         struct cw_cert_summary *summary);
void cw_cert_summary_free (struct cw_cert_summary *summary);

/* The certificate's facts as record fields (cert-subject, issuer,
   not-after, ...), so that listing needs no certificate parsing. */
void cw_certinfo_to_record (const struct cw_certinfo *info,
                            struct cw_record *record);

#define CW_DN_MAX_ATTRIBUTES 64

typedef void (*cw_dn_attribute_fn) (const char *oid, const char *value,
                                    void *state);
/* Calls EACH with every attribute of CRT's subject (or ISSUER), in the
   order they are written, values decoded to UTF-8. */
void cw_cert_dn_each (gnutls_x509_crt_t crt, bool issuer,
                      cw_dn_attribute_fn each, void *state);

/* The INDEXth value of OID in CRT's subject (or ISSUER), as UTF-8 text
   without escapes; NULL when there is none. */
char *cw_cert_dn_value (gnutls_x509_crt_t crt, bool issuer, const char *oid,
                        unsigned index);

/* SHA-1 of the public key, as a request's key ID is computed. */
int cw_cert_key_id (gnutls_x509_crt_t crt, char out[41]);
/* The certificate's key algorithm, and in BITS its size (an EC key's
   curve size: 521 for P-521). */
int cw_cert_key_kind (gnutls_x509_crt_t crt, unsigned *bits);
/* "2026-11-21T19:50:00Z". */
char *cw_time_format (time_t t);
/* The inverse; (time_t) -1 when TEXT is not such a time. */
time_t cw_time_parse (const char *text);

/* When to renew a certificate when its CA suggests no time: at two
   thirds of the lifetime, at half of it for certificates that live less
   than 10 days. */
time_t cw_renew_time_from_lifetime (time_t not_before, time_t not_after);

#endif
