/* The rows certwiz lists: pending requests and installed certificates
   from the store's records, or the certificates of files. */
#ifndef CERTWIZ_LISTING_H
#define CERTWIZ_LISTING_H

#include <stdbool.h>
#include <stddef.h>
#include <time.h>

#include "base/diag.h"
#include "base/record.h"
#include "base/status.h"

#define CW_EXPIRING_DAYS 30

/* The strings of a row are kept in its TEXTS (for a store entry, the
   entry's record itself): a listing of ten thousand copies nothing. */
struct cw_listing_row
{
  bool pending;
  const char *state;       /* translated: pending, valid, expiring... */
  const char *state_code;  /* the same, untranslated, for JSON */
  char *id;                /* thumbprint, or a request's key ID */
  const char *label;       /* the friendly name, else the CN */
  const char *friendly_name;   /* "" when none */
  const char *cn;
  const char *issuer;      /* the issuer's name; "" while pending */
  const char *subject;     /* the subject as text (its organization...);
                              "" when not recorded */
  const char *sha256;      /* "" while pending */
  const char **names;      /* "DNS:...", "IP:..." */
  size_t name_count;
  const char **dns;        /* the DNS names and the CN, for matching */
  size_t dns_count;
  time_t not_after;
  bool has_key;
  const char *key_token;   /* the token the key is on; NULL for a key
                              file or no key */
  struct cw_record texts;
};

struct cw_listing
{
  struct cw_listing_row *rows;
  size_t count;
  size_t capacity;
};

#define CW_LISTING_INIT { NULL, 0, 0 }

/* Pending requests first, oldest first; then certificates, those that
   expire first first. */
struct cw_store;
enum cw_status cw_listing_from_store (struct cw_listing *listing,
                                      struct cw_store *store,
                                      struct cw_diags *diags);
enum cw_status cw_listing_from_files (struct cw_listing *listing,
                                      const char *const *files, size_t count,
                                      struct cw_diags *diags);
/* The rows of the files' certificates one at a time, in the files'
   order, none kept: a listing of a bundle of any size.  ROW is freed
   after the call.  A file refused part way was already partly given
   (see cw_scan_each). */
typedef void (*cw_listing_row_fn) (const struct cw_listing_row *row,
                                   void *state);
enum cw_status cw_listing_each_file (const char *const *files, size_t count,
                                     cw_listing_row_fn each, void *state,
                                     struct cw_diags *diags);
void cw_listing_free (struct cw_listing *listing);

/* Days from now until T, rounded down; negative once past. */
long cw_days_left (time_t t);
/* The state of a certificate that expires at NOT_AFTER; *CODE receives
   the untranslated word when CODE is not NULL. */
const char *cw_validity_state (time_t not_after, const char **code);

/* The same for an installed certificate whose RECORD may say its chain
   lacks its intermediate: "chain incomplete" then, unless it expired.
   CODE must not be NULL. */
const char *cw_chain_state (const struct cw_record *record,
                            time_t not_after, const char **code);

/* "2026-11-21T19:50:00Z to 2027-11-21T19:50:00Z (365 days left)",
   translated; owned by the caller. */
char *cw_validity_text (time_t not_before, time_t not_after);

/* The DNS names a request's record asks for (its "san" lines without
   "DNS:"); free with cw_names_list_free (match.h). */
char **cw_record_dns_names (const struct cw_record *record, size_t *count);

#endif
