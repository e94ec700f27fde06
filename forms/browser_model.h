/* The certificate browser's model: the rows of the list, their sort and
   the filter typed over them.  No terminal is needed here, so that the
   unit tests can drive it; forms/browser.c shows it.

   Rows are made once, when they are loaded, with everything the filter
   and the sort look at already computed (the lower-cased search text,
   the sort keys), so that a filter keeps up with typing over thousands
   of certificates: one pass of substring searches per key. */
#ifndef CERTWIZ_FORMS_BROWSER_MODEL_H
#define CERTWIZ_FORMS_BROWSER_MODEL_H

#include <stdbool.h>
#include <stddef.h>
#include <time.h>

#include "base/arena.h"
#include "pki/certinfo.h"
#include "store/listing.h"

/* The columns, in the order shown; each can be sorted on. */
enum bm_column
{
  BM_STATE,                /* pending, expired, expiring, valid */
  BM_NAME,                 /* the friendly name, else the CN */
  BM_NAMES,                /* how many names */
  BM_ISSUER,
  BM_EXPIRES,              /* and the days left */
  BM_KEY,                  /* whether the private key is here */
  BM_COLUMN_COUNT
};

/* What a row is made from; the strings are copied. */
struct bm_entry
{
  bool pending;            /* a request waiting for its certificate */
  bool has_key;
  const char *id;          /* thumbprint (SHA-1), or a request's key ID */
  const char *label;       /* the friendly name, else the CN */
  const char *cn;
  const char *issuer;      /* "" while pending */
  const char *sha256;      /* "" while pending */
  const char *const *names;    /* "DNS:...", "IP:..." */
  size_t name_count;
  time_t not_after;        /* ignored while pending */
  size_t source;           /* where the row came from, for the caller */
  bool key_on_token;       /* the key is on a PKCS#11 token */
  const char *subject;     /* its organization, or the subject as text
                              that holds it: the filter matches it; NULL
                              for none */
};

enum bm_state
{
  BM_STATE_EXPIRED,        /* the order of the state column's sort */
  BM_STATE_EXPIRING,
  BM_STATE_CHAIN_INCOMPLETE,
  BM_STATE_PENDING,
  BM_STATE_VALID
};

struct bm_row
{
  bool pending;
  bool has_key;
  bool key_on_token;
  char *services;          /* "HTTPS, SMTP": what serves it; NULL: none */
  enum bm_state state;
  const char *state_text;  /* translated, static */
  char *id;                /* lower case */
  char *label;
  char *issuer;
  char *sha256;            /* lower case */
  size_t name_count;
  time_t not_after;
  size_t source;
  size_t serial;           /* the order rows were added in: a last tie
                              break, so that every sort is total */
  /* The label, the CN, each name (without "DNS:") and the issuer, each
     escaped as shown (controls as "\x1b"...) and lower-cased, joined by
     newlines: a filter, escaped the same way, holds none, so it never
     matches across two of them. */
  char *search;
  char *label_key;         /* the label, lower-cased, for sorting */
  char *issuer_key;
};

struct bm_model
{
  struct bm_row **rows;    /* every row, sorted once bm_refresh ran */
  size_t count;
  size_t capacity;
  struct bm_row **shown;   /* the rows the filter keeps, sorted */
  size_t shown_count;
  /* A filter reads the rows in the order they were added, which is
     their order in memory: read in the order sorted, a hundred thousand
     rows cost a cache miss each. */
  struct bm_row **added;   /* every row, in the order added (serial) */
  size_t *order;           /* the serial of each of ROWS */
  bool *kept;              /* by serial: whether the filter keeps it */
  size_t filtered;         /* the rows (by serial) KEPT is right for */
  enum bm_column sort;
  bool descending;
  char *filter;            /* lower-cased and trimmed; "" for none */
  bool dirty;              /* rows added since the last bm_refresh */
  size_t sorted;           /* the first rows, sorted; those after them
                              were added since */
  size_t chain_incomplete; /* rows whose intermediate is missing */
  bool any_services;       /* some row is served: the column shows */
  bool any_token;          /* some row's key is on a token */
  struct cw_arena arena;   /* the rows and their strings, side by side
                              however they were read */
};

void bm_init (struct bm_model *model);
void bm_free (struct bm_model *model);
/* Removes every row (to load again), keeping the sort and the filter. */
void bm_clear (struct bm_model *model);

/* Adds a row; it shows once bm_refresh has run. */
void bm_add (struct bm_model *model, const struct bm_entry *entry);
/* The rows of a listing (the store), SOURCE being each row's index. */
void bm_add_listing (struct bm_model *model,
                     const struct cw_listing *listing);
/* Adds LABEL ("SMTP") to the services of the row of certificate ID;
   nothing when no row has that ID or it has the label already. */
void bm_add_service (struct bm_model *model, const char *id,
                     const char *label);
/* A certificate read from a file, SOURCE its place among those read. */
void bm_add_summary (struct bm_model *model,
                     const struct cw_cert_summary *summary, size_t source);
/* Sorts and filters the rows added since the last call. */
void bm_refresh (struct bm_model *model);

/* Sorts on COLUMN; each column's natural order first (the soonest
   expiry, the key here, A before Z), DESCENDING reversing it. */
void bm_set_sort (struct bm_model *model, enum bm_column column,
                  bool descending);
/* Keeps the rows whose names, CN, label or issuer contain TEXT, or whose
   SHA-1 or SHA-256 thumbprint starts with it (colons and blanks in a
   typed thumbprint ignored), without regard to case.  Text is compared
   as it is shown, control characters escaped.  Blanks around TEXT do
   not count; "" keeps every row. */
void bm_set_filter (struct bm_model *model, const char *text);
/* Whether ROW passes the filter now set. */
bool bm_row_matches (const struct bm_model *model, const struct bm_row *row);

/* The position of the row with ID among those shown; false when the
   filter hides it or there is none. */
bool bm_find (const struct bm_model *model, const char *id, size_t *index);

/* TEXT lower-cased (Unicode when TEXT is valid UTF-8, else ASCII
   only); owned by the caller. */
char *bm_fold (const char *text);

/* The heading of COLUMN, and how the rows are sorted on it, such as
   "sorted by expiry, soonest first" (both translated). */
const char *bm_column_heading (enum bm_column column);
const char *bm_column_order (enum bm_column column, bool descending);

#endif
