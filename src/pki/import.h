/* Importing the CA's answer (or a PKCS#12 backup) into the store: find
   the kept key, bind the certificate to it, put the chain in order. */
#ifndef CERTWIZ_IMPORT_H
#define CERTWIZ_IMPORT_H

#include <gnutls/gnutls.h>
#include <stdbool.h>

#include "pki/certinfo.h"
#include "base/diag.h"
#include "base/status.h"

struct cw_import_options
{
  const char *file;                 /* names the data in messages */
  const gnutls_datum_t *data;       /* NULL: FILE's certificates are read
                                       from it, a window at a time */
  const char *password;             /* for a PKCS#12 file */
  bool cert_only;                   /* install without a key on purpose */
  const char *friendly_name;        /* NULL: keep the request's or the
                                       backup's */
};

struct cw_import_result
{
  struct cw_certinfo info;          /* the certificate installed */
  bool bound;                       /* to a pending request of the store */
  bool restored;                    /* from a PKCS#12 backup */
  bool has_key;
  char *request_id;                 /* the pending request it answered */
  char **chain;                     /* the issuers' names, in order */
  size_t chain_count;
  bool chain_completed;             /* the certificate was installed
                                       already; its chain is longer now */
  char *shared_with;                /* the installed certificate whose key
                                       this one has too, when bound so */
  char **completed;                 /* CA certificates alone: the IDs of
                                       the certificates they completed */
  size_t completed_count;
};

struct cw_store;
/* Installs into STORE.  Nothing is installed unless CW_OK is returned;
   the store is as it was on every other outcome, and is not made when
   it does not exist and a kept key was needed. */
enum cw_status cw_import (struct cw_store *store,
                          const struct cw_import_options *options,
                          struct cw_import_result *result,
                          struct cw_diags *diags);
void cw_import_result_free (struct cw_import_result *result);

#endif
