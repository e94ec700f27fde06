/* Making a certificate request: check the names, make the key, keep it in
   the store with the request and its record, and write the request file.
   The CLI's `request` and the wizard both run this. */
#ifndef CERTWIZ_REQUEST_H
#define CERTWIZ_REQUEST_H

#include <stdbool.h>
#include <stddef.h>

#include "base/diag.h"
#include "keys/keyspec.h"
#include "names/names.h"
#include "base/record.h"
#include "base/status.h"

struct cw_request_options
{
  struct cw_names_input names;
  const char *key_type;         /* "rsa3072"...; NULL: see key_size */
  const char *key_size;         /* RSA bits as typed; NULL: the default */
  const char *friendly_name;   /* NULL: none */
  bool exportable;
  const char *out;             /* NULL: a default path beside the user */
  bool force;                  /* replace an existing OUT */
  const char *store;           /* NULL: the default store */
};

struct cw_request_result
{
  struct cw_names names;
  char *out_path;
  char *store_path;
  struct cw_keyspec key;
  char *key_description;       /* "RSA 3072 bits" */
  char id[41];                 /* the pending request's key ID */
  char fingerprint[65];        /* SHA-256 of the request */
};

/* Refuses (CW_REFUSED, nothing written) on any error in the names, the
   friendly name or an existing output file; CW_FAILED on I/O or crypto
   failures.  The key is in the store before the request file exists, so
   no request can ever be sent whose key is lost. */
enum cw_status cw_request_create (const struct cw_request_options *options,
                                  struct cw_request_result *result,
                                  struct cw_diags *diags);
void cw_request_result_free (struct cw_request_result *result);

/* The checks every new key goes through, for a request or a self-signed
   certificate: the names, the key type, the friendly name.  */
bool cw_request_check (const struct cw_request_options *options,
                       struct cw_names *names, struct cw_keyspec *key,
                       struct cw_diags *diags);

/* Adds to RECORD what the store keeps of a new key: when and where it was
   made, for which names, friendly name, exportable, key type. */
void cw_request_describe (const struct cw_request_options *options,
                          const struct cw_names *names,
                          const struct cw_keyspec *key,
                          struct cw_record *record);

/* The rules for a friendly name: printable, at most 128 characters. */
bool cw_friendly_name_check (const char *name, struct cw_diags *diags);

/* "mail1.contoso.com.req" in the current folder, or the first free
   "mail1.contoso.com-2.req"... when taken. */
char *cw_request_default_path (const struct cw_names *names);

#endif
