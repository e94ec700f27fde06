/* A certificate request, made in steps:

     (a) cw_request_prepare    check the names, the key choice and the
                               friendly name; nothing is made
     (b) cw_request_make_key   make the key (a new key of a type, in
                               memory or on a token) or open a token key;
                               cw_request_use_key takes one already open
     (c) cw_request_sign       build and sign the PKCS#10 request, in
                               memory: DER, PEM, key ID, fingerprint
     (d) cw_request_record     record it as pending in the store: the key
                               (a key file, or the token key's URI), the
                               request and its record
     (e) deliver it            cw_request_write_file writes the request
                               file; a CA over the network is another
                               delivery, from the same struct cw_request

   The key is in the store (d) before the request leaves (e), so no
   request is ever sent whose key is lost.  cw_request_create runs every
   step for a request file: the CLI's request and clone and the wizard's
   last step call it; selfsign.h takes (a) to (c) for a certificate. */
#ifndef CERTWIZ_REQUEST_H
#define CERTWIZ_REQUEST_H

#include <gnutls/gnutls.h>
#include <gnutls/x509.h>
#include <stdbool.h>
#include <stddef.h>

#include "base/diag.h"
#include "base/progress.h"
#include "base/record.h"
#include "base/status.h"
#include "keys/key.h"
#include "keys/keyspec.h"
#include "names/names.h"

struct cw_store;

struct cw_request_options
{
  struct cw_names_input names;
  const char *key_type;         /* "rsa3072"...; NULL: see key_size */
  const char *key_size;         /* RSA bits as typed; NULL: the default */
  const char *key_uri;          /* a pkcs11: URI: a key on a token, or a
                                   token to make the key on; NULL: a new
                                   key in the store */
  const char *friendly_name;    /* NULL: none */
  bool exportable;
  const char *out;              /* the request file; NULL: a default path
                                   beside the user */
  bool force;                   /* replace an existing OUT */
};

struct cw_request
{
  /* (a) */
  const struct cw_request_options *options;
  struct cw_names names;
  struct cw_keyspec keyspec;    /* of a new key */
  /* (b) */
  struct cw_key *key;
  char *key_description;        /* "RSA 3072 bits" */
  /* (c) */
  gnutls_x509_crq_t crq;
  gnutls_datum_t der;
  gnutls_datum_t pem;
  char id[41];                  /* the key ID: the pending entry's ID */
  char fingerprint[65];         /* SHA-256 of the DER */
  /* (e) by file */
  char *out_path;
};

#define CW_REQUEST_INIT { .names = CW_NAMES_INIT }

void cw_request_free (struct cw_request *request);

/* (a) Refuses (CW_REFUSED) any error in the names, the key choice or the
   friendly name.  OPTIONS must outlive REQUEST. */
enum cw_status cw_request_prepare (const struct cw_request_options *options,
                                   struct cw_request *request,
                                   struct cw_diags *diags);
/* (b) A new key of the type asked for, or the token key of
   options->key_uri (a new one made there when the URI names a token
   alone), its PIN from PIN.  PROGRESS (may be NULL) hears the step and
   may cancel: CW_CANCELLED, nothing made. */
enum cw_status cw_request_make_key (struct cw_request *request,
                                    const struct cw_pin_source *pin,
                                    struct cw_progress *progress,
                                    struct cw_diags *diags);
/* (b) Takes KEY, already open, as the request's key. */
void cw_request_use_key (struct cw_request *request, struct cw_key *key);
/* (c) */
enum cw_status cw_request_sign (struct cw_request *request,
                                struct cw_diags *diags);
/* (d) Keeps the key and the request in STORE as the pending entry of the
   key ID.  FILE, when not NULL, is where the request file is about to
   be written, recorded so that a lost file can be found again. */
enum cw_status cw_request_record (const struct cw_request *request,
                                  struct cw_store *store, const char *file,
                                  struct cw_diags *diags);

/* (e) by file, in two parts: before the key is made, the path is chosen
   (options->out, else cw_request_default_path) and refused when it
   exists (unless options->force) or its folder cannot be written; after
   (d), the request is written there. */
enum cw_status cw_request_choose_file (struct cw_request *request,
                                       struct cw_diags *diags);
enum cw_status cw_request_write_file (struct cw_request *request,
                                      struct cw_store *store,
                                      struct cw_diags *diags);

/* Every step, for a request file: (a), the file chosen, (b), (c), (d),
   (e).  Refuses (CW_REFUSED, nothing written) on any error in the input
   or an existing file; CW_FAILED on I/O or crypto failures; CW_CANCELLED
   when PROGRESS was cancelled before anything was written. */
enum cw_status cw_request_create (struct cw_store *store,
                                  const struct cw_request_options *options,
                                  const struct cw_pin_source *pin,
                                  struct cw_progress *progress,
                                  struct cw_request *request,
                                  struct cw_diags *diags);

/* The checks of (a) alone: the names, the key type, the friendly name.  */
bool cw_request_check (const struct cw_request_options *options,
                       struct cw_names *names, struct cw_keyspec *key,
                       struct cw_diags *diags);

/* Adds to RECORD what the store keeps of a new key: when and where it was
   made, for which names, friendly name, exportable, key type, and for a
   token key its URI and token. */
void cw_request_describe (const struct cw_request *request,
                          struct cw_record *record);

/* The rules for a friendly name: printable, at most 128 characters. */
bool cw_friendly_name_check (const char *name, struct cw_diags *diags);

/* "mail1.contoso.com.req" in the current folder, or the first free
   "mail1.contoso.com-2.req"... when taken. */
char *cw_request_default_path (const struct cw_names *names);

#endif
