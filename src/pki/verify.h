/* Path validation, as a TLS client does it, with a reason and a next
   step for every failure: certwiz verify checks certificates offline,
   certwiz test the chain a server serves, both with this code.

   The chain is built from the certificates given, leaf first; trust
   anchors are the system's or those of a file; every certificate must
   be valid now, the leaf fit for the purpose (key usage, extended key
   usage) and, when a name is asked, cover it as RFC 9525 says: DNS
   names of the subject alternative names only, never the common name,
   a wildcard standing for exactly one whole leftmost label. */
#ifndef CERTWIZ_PKI_VERIFY_H
#define CERTWIZ_PKI_VERIFY_H

#include <gnutls/gnutls.h>
#include <gnutls/x509.h>
#include <stdbool.h>
#include <stddef.h>
#include <time.h>

#include "base/diag.h"
#include "base/status.h"
#include "pki/certset.h"

enum cw_purpose
{
  CW_PURPOSE_SERVER,       /* a TLS server: serverAuth */
  CW_PURPOSE_CLIENT        /* a TLS client: clientAuth */
};

enum cw_check
{
  CW_CHECK_CHAIN,          /* nothing missing between leaf and anchor */
  CW_CHECK_TRUST,          /* signatures and constraints up to an anchor */
  CW_CHECK_VALIDITY,       /* every certificate valid now */
  CW_CHECK_PURPOSE,        /* key usage and extended key usage */
  CW_CHECK_NAME,           /* the name asked for */
  CW_CHECK_EXPECTED,       /* the store's certificate (test --expect) */
  CW_CHECK_COUNT
};

enum cw_check_result
{
  CW_CHECK_SKIPPED,        /* not asked, or cannot be told */
  CW_CHECK_PASSED,
  CW_CHECK_FAILED
};

struct cw_verify_options
{
  const char *name;        /* a host name or address; NULL: not checked */
  const char *ca_file;     /* trust anchors; NULL: the system's */
  enum cw_purpose purpose;
  bool served;             /* the chain a server sent, which says what to
                              fix on the server */
  time_t now;              /* 0: now */
};

struct cw_verification
{
  enum cw_check_result results[CW_CHECK_COUNT];
  char *details[CW_CHECK_COUNT];   /* one translated sentence each */
  const char *codes[CW_CHECK_COUNT];  /* a failed check's code */
  gnutls_x509_crt_t *path;         /* the leaf, then each issuer found
                                      among the certificates (borrowed) */
  size_t path_length;
  char *anchor;            /* the trust anchor's name, when found */
  long days_left;          /* the leaf's; negative once expired */
  struct cw_diags problems;  /* an error for each failed check, with a
                                stable code; notes and warnings */
};

/* Validates the chain of LEAF (one of CERTS) with OPTIONS.  CW_FAILED
   only when the trust anchors cannot be read (an error in DIAGS); the
   verdict itself is in V. */
enum cw_status cw_verify (const struct cw_certs *certs,
                          gnutls_x509_crt_t leaf,
                          const struct cw_verify_options *options,
                          struct cw_verification *v, struct cw_diags *diags);
/* Records the result of a check made elsewhere (test --expect); both
   take DETAIL.  A failure is also an error with CODE in V->problems. */
void cw_verification_pass (struct cw_verification *v, enum cw_check check,
                           char *detail);
void cw_verification_fail (struct cw_verification *v, enum cw_check check,
                           const char *code, char *detail);
/* Whether no check failed. */
bool cw_verification_passed (const struct cw_verification *v);
void cw_verification_free (struct cw_verification *v);

/* "chain", "trust", ...: a check's name in JSON, never translated. */
const char *cw_check_key (enum cw_check check);
/* "Chain", "Trust", ...: its label, translated. */
const char *cw_check_label (enum cw_check check);

/* RFC 9525, as names/match.h's cw_match_hostname decides it: whether
   CRT covers REFERENCE (a DNS name, its U-labels turned into A-labels,
   or an IP address).  *NAMES gets the SAN DNS names, for messages (free
   with cw_names_list_free); *WHICH the one that matched, as the
   certificate writes it, or NULL. */
bool cw_verify_name (gnutls_x509_crt_t crt, const char *reference,
                     char ***names, size_t *count, const char **which);

/* The certificates of the entry of STORE whose ID is WHAT or, when
   ALLOW_FILE and such a file exists, of the file WHAT (a certificate, a
   chain, a .p7b), leaf first for an entry: what verify and test
   --expect read.  STORE may be NULL for a file.  An entry must hold a
   certificate, not only a pending request. */
struct cw_store;
enum cw_status cw_verify_load (struct cw_store *store, const char *what,
                               bool allow_file, struct cw_certs *certs,
                               bool *from_store, struct cw_diags *diags);

#endif
