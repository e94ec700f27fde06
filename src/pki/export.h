/* Backing up an installed certificate with its key and chain as a
   password-protected PKCS#12 file. */
#ifndef CERTWIZ_EXPORT_H
#define CERTWIZ_EXPORT_H

#include <stdbool.h>

#include "pki/certset.h"
#include "base/diag.h"
#include "pki/pkcs12.h"
#include "base/status.h"
#include "store/store.h"

struct cw_export
{
  struct cw_store *store;          /* not owned */
  struct cw_store_entry entry;
  struct cw_key *key;
  struct cw_certs certs;           /* the certificate, then its chain */
  const char *out;
  bool force;
};

/* Finds ID in STORE and checks, before any password is asked for, that it can be
   exported to OUT: a certificate (not a pending request) whose key is
   here and was not made non-exportable, and an OUT that does not exist
   unless FORCE. */
enum cw_status cw_export_open (struct cw_export *export,
                               struct cw_store *store, const char *id,
                               const char *out, bool force,
                               struct cw_diags *diags);

/* Writes the backup (0600, atomically), then reads the file back and
   opens it with PASSWORD to prove it decrypts to the same key. */
enum cw_status cw_export_write (struct cw_export *export,
                                enum cw_p12_profile profile,
                                const char *password, struct cw_diags *diags);
void cw_export_close (struct cw_export *export);

#endif
