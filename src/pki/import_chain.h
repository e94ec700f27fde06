/* Chains completed after the fact: an installed certificate whose
   intermediate came later, in a file of its own or beside the
   certificate again. */
#ifndef CERTWIZ_IMPORT_CHAIN_H
#define CERTWIZ_IMPORT_CHAIN_H

#include <stdbool.h>

#include "pki/certset.h"
#include "base/diag.h"
#include "base/status.h"
#include "store/store.h"

/* The record's line that says whether a certificate's chain lacks its
   intermediate ("incomplete") or not ("complete"). */
#define CW_RECORD_CHAIN "chain"

/* Whether RECORD, an installed certificate's, says its intermediate is
   missing. */
bool cw_record_chain_incomplete (const struct cw_record *record);
/* What to do about it, translated. */
const char *cw_chain_incomplete_fix (void);

/* Whether every certificate of CERTS is a CA certificate: chain
   material, never a leaf. */
bool cw_certs_all_ca (const struct cw_certs *certs);

/* Builds the chain of the installed ENTRY from its own certificates and
   EXTRA.  When that chain is longer than the one kept, its chain.pem
   and its record's chain line are written anew (all or nothing, the
   store locked by the caller), *COMPLETED is set and *NAMES (when not
   NULL) receives the issuers' names, "a, b" (owned by the caller). */
enum cw_status cw_import_complete_entry (struct cw_store *store,
                                         const struct cw_store_entry *entry,
                                         const struct cw_certs *extra,
                                         bool *completed, char **names,
                                         struct cw_diags *diags);

/* CA certificates alone (CAS, from FILE) complete the chain of every
   installed certificate they complete; *COMPLETED receives those
   certificates' IDs (*COUNT of them).  Refused, nothing changed, when
   they complete none.  The store must be locked. */
enum cw_status cw_import_chain_material (struct cw_store *store,
                                         const struct cw_certs *cas,
                                         const char *file,
                                         char ***completed, size_t *count,
                                         struct cw_diags *diags);
/* The same refusal, for a store that has no certificate at all. */
void cw_import_refuse_chain_material (const struct cw_certs *cas,
                                      const char *file,
                                      struct cw_diags *diags);

#endif
