/* Certificates read from a file: what kind of file it is (by content,
   never by extension) and the certificates it holds. */
#ifndef CERTWIZ_CERTSET_H
#define CERTWIZ_CERTSET_H

#include <gnutls/gnutls.h>
#include <gnutls/x509.h>
#include <stdbool.h>
#include <stddef.h>

#include "base/diag.h"
#include "base/status.h"

/* The one limit of every file certwiz reads certificates, keys or
   backups from, whatever the command: a CA bundle for list --file or
   browse is large, a CA's answer is not, and both are read by the same
   reader.  A regular file is refused by its size before it is read. */
#define CW_INPUT_MAX_BYTES (256 * 1024 * 1024)

enum cw_file_kind
{
  CW_FILE_EMPTY,
  CW_FILE_UNKNOWN,
  CW_FILE_CERT_PEM,        /* one or more CERTIFICATE blocks */
  CW_FILE_CERT_DER,
  CW_FILE_PKCS7_PEM,
  CW_FILE_PKCS7_DER,
  CW_FILE_PKCS12,
  CW_FILE_REQUEST,         /* a PKCS#10 request: not an answer */
  CW_FILE_PRIVATE_KEY      /* a bare key: not an answer either */
};

struct cw_certs
{
  gnutls_x509_crt_t *items;
  size_t count;
  size_t capacity;
};

#define CW_CERTS_INIT { NULL, 0, 0 }

enum cw_file_kind cw_file_detect (const gnutls_datum_t *data);
/* "a PKCS#7 bundle (.p7b)", translated, for messages. */
const char *cw_file_kind_describe (enum cw_file_kind kind);

/* Reads every certificate of a certificate, chain or PKCS#7 file; a
   PKCS#12 file needs its password and is read by cw_p12_read.  FILE
   names the file in messages. */
enum cw_status cw_certs_read (const gnutls_datum_t *data, const char *file,
                              struct cw_certs *certs, struct cw_diags *diags);

/* The error for a file of KIND whose certificates cannot be read: RET,
   a GnuTLS error, or 0 when it holds none. */
void cw_certs_refuse_damaged (enum cw_file_kind kind, const char *file,
                              int ret, struct cw_diags *diags);

/* Whether CRT's public key can be read. */
bool cw_cert_key_readable (gnutls_x509_crt_t crt);
/* The same; if not, warns that certificate
   NUMBER (from 1) of FILE is skipped. */
bool cw_cert_usable (gnutls_x509_crt_t crt, size_t number, const char *file,
                     struct cw_diags *diags);
void cw_cert_warn_unusable (size_t number, const char *file,
                            struct cw_diags *diags);

/* Drops, with a warning, the certificates of CERTS from FIRST on whose
   public key cannot be read: nothing could be done with them. */
void cw_certs_drop_unreadable (struct cw_certs *certs, size_t first,
                               const char *file, struct cw_diags *diags);

/* Takes ownership of CRT. */
void cw_certs_add (struct cw_certs *certs, gnutls_x509_crt_t crt);
void cw_certs_free (struct cw_certs *certs);

/* Reads the open file FD whole, refusing more than MAX bytes (a regular
   file by its size, before reading); FILE names it in messages. */
enum cw_status cw_fd_read (int fd, const char *file, size_t max,
                           gnutls_datum_t *data, struct cw_diags *diags);
/* Reads FILE whole, refusing more than MAX bytes.  FILE "-" is stdin. */
enum cw_status cw_file_read (const char *file, size_t max,
                             gnutls_datum_t *data, struct cw_diags *diags);
/* The error for FILE that could not be read for ERR (an errno). */
enum cw_status cw_file_read_failed (const char *file, int err,
                                    struct cw_diags *diags);
/* The reader of every input file: cw_file_read up to CW_INPUT_MAX_BYTES,
   the same refusal for every command. */
enum cw_status cw_input_read (const char *file, gnutls_datum_t *data,
                              struct cw_diags *diags);

#endif
