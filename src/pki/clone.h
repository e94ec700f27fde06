/* Cloning: the subject and names of an existing certificate or request
   for a new request, never its key. */
#ifndef CERTWIZ_CLONE_H
#define CERTWIZ_CLONE_H

#include <gnutls/x509.h>
#include <stddef.h>

#include "store/store.h"

struct cw_clone_names
{
  char *subject;           /* in certwiz's syntax */
  char **sans;             /* host names and addresses */
  size_t san_count;
  char *friendly_name;     /* "" when none */
  char *key_type;          /* "p256"...: the kind of key to make again;
                              "" when unknown */
};

/* Reads ENTRY's names.  Subject attributes certwiz does not write (an
   e-mail address, a serial number...) and names other than host names
   and addresses are left out, each with a note. */
enum cw_status cw_clone_names (struct cw_store *store,
                               const struct cw_store_entry *entry,
                               struct cw_clone_names *names,
                               struct cw_diags *diags);
/* The same for a certificate that is not in the store (a file's). */
void cw_clone_names_of_cert (gnutls_x509_crt_t crt,
                             struct cw_clone_names *names,
                             struct cw_diags *diags);
void cw_clone_names_free (struct cw_clone_names *names);

#endif
