/* A file's certificates read one at a time, so that a bundle of
   thousands is never held parsed all at once: certwiz list --file and
   the browser.  The same certificates, refusals and warnings as
   cw_certs_read. */
#ifndef CERTWIZ_CERTREAD_H
#define CERTWIZ_CERTREAD_H

#include <gnutls/gnutls.h>
#include <gnutls/x509.h>
#include <stdbool.h>
#include <stddef.h>

#include "pki/certset.h"
#include "base/diag.h"
#include "base/status.h"

struct cw_cert_reader
{
  const gnutls_datum_t *data;   /* borrowed: it must outlive the reader */
  const char *file;
  enum cw_file_kind kind;
  size_t next;             /* PEM: where the next block starts */
  size_t number;           /* certificates met so far, usable or not */
  size_t given;            /* certificates handed out */
  bool ended;              /* refused for holding no usable one */
  struct cw_certs whole;   /* a DER or PKCS#7 file, read at once */
};

/* Refuses, as cw_certs_read does, a file that holds no certificates. */
enum cw_status cw_cert_reader_open (struct cw_cert_reader *reader,
                                    const gnutls_datum_t *data,
                                    const char *file, struct cw_diags *diags);

/* The next certificate into *CRT, the caller's to free, and where it
   starts in the data into *OFFSET (PEM; 0 otherwise); CW_OK with *CRT
   NULL once there is none left.  A damaged PEM block is CW_REFUSED with
   an error in DIAGS (a file with one refused whole, as cw_certs_read
   would); the next call goes on after it. */
enum cw_status cw_cert_reader_next (struct cw_cert_reader *reader,
                                    gnutls_x509_crt_t *crt, size_t *offset,
                                    struct cw_diags *diags);

void cw_cert_reader_close (struct cw_cert_reader *reader);

/* What cw_certs_each calls for each certificate, INDEX from 0: true
   when it keeps CRT (then its to free), false to have it freed. */
typedef bool (*cw_cert_each_fn) (gnutls_x509_crt_t crt, size_t index,
                                 void *state);

/* Calls EACH for every usable certificate of DATA, in order, one parsed
   at a time; CW_REFUSED at the first damaged one, as cw_certs_read
   refuses the file. */
enum cw_status cw_certs_each (const gnutls_datum_t *data, const char *file,
                              cw_cert_each_fn each, void *state,
                              struct cw_diags *diags);

/* The same of FILE ("-": standard input), read a window at a time
   when it is a PEM file (pki/pemwindow.h), so that neither the file nor
   its certificates are held whole; whole otherwise. */
enum cw_status cw_certs_each_file (const char *file, cw_cert_each_fn each,
                                   void *state, struct cw_diags *diags);

/* The first certificate of DATA, then those of the others that can be on
   its path up (the issuer of a kept one, again and again), in the file's
   order: what match needs of a file, without holding a
   bundle of thousands parsed.  The refusals and warnings of
   cw_certs_read. */
enum cw_status cw_certs_read_path (const gnutls_datum_t *data,
                                   const char *file, struct cw_certs *certs,
                                   struct cw_diags *diags);

/* The certificate of FILE that verify takes for the leaf (the choice
   of cw_chain_guess_leaf among them all), first, then those of the
   file that can be on its way up, in the file's order: a bundle of
   thousands is neither held nor kept parsed.  The refusals and
   warnings of cw_certs_read. */
enum cw_status cw_certs_read_leaf_path (const char *file,
                                        struct cw_certs *certs,
                                        struct cw_diags *diags);

/* Where the first PEM certificate block at or after FROM starts, as
   GnuTLS's list import finds them; the size of DATA when none is left. */
size_t cw_pem_next_cert (const gnutls_datum_t *data, size_t from);

/* The PEM certificate that starts at OFFSET of DATA, as
   cw_cert_reader_next found it. */
int cw_cert_at (const gnutls_datum_t *data, size_t offset,
                gnutls_x509_crt_t *crt);

#endif
