/* The fields certwiz shows of a certificate and of a store entry, in one
   table each: the label a reader sees, the name JSON gives it, where it
   is shown and how its value is read (from struct cw_certinfo or the
   entry's record).  `show`, `show --format json` and the browser's
   details all walk these tables, so a field is added once.  Nothing here
   prints: a value is handed over, and its reader shows it. */
#ifndef CERTWIZ_CERTFIELDS_H
#define CERTWIZ_CERTFIELDS_H

#include <stdbool.h>
#include <stddef.h>

#include "pki/certinfo.h"
#include "store/store.h"

/* Where a field is shown. */
enum
{
  CW_FIELD_SUMMARY = 1 << 0,   /* what import and selfsign print */
  CW_FIELD_TEXT = 1 << 1,      /* every field of show, and the details */
  CW_FIELD_JSON = 1 << 2       /* show --format json */
};

enum cw_field_type
{
  CW_FIELD_STRING,             /* text; none: null in JSON, not shown */
  CW_FIELD_STRINGS,            /* a list of texts, one a line */
  CW_FIELD_NUMBER,
  CW_FIELD_BOOLEAN
};

/* What a field is read from: a certificate's facts, or a store entry. */
struct cw_field_source
{
  const struct cw_certinfo *info;     /* for the certificate's fields */
  const struct cw_store_entry *entry; /* for the entry's */
};

struct cw_field_value
{
  enum cw_field_type type;
  char *text;                  /* STRING: owned; NULL when there is none */
  char **items;                /* STRINGS: owned */
  size_t count;
  long number;
  bool flag;
};

struct cw_certfield
{
  const char *label;           /* N_(): translate when shown */
  const char *json;            /* its name in JSON */
  unsigned shown;              /* CW_FIELD_SUMMARY | ... */
  enum cw_field_type type;
  void (*get) (const struct cw_field_source *source,
               struct cw_field_value *value);
};

/* The three tables, each in the order shown. */
enum cw_field_table
{
  CW_FIELDS_CERT,              /* a certificate (struct cw_certinfo) */
  CW_FIELDS_ENTRY,             /* what an installed entry's record adds */
  CW_FIELDS_REQUEST            /* a pending request, from its record */
};

const struct cw_certfield *cw_certfields (enum cw_field_table table,
                                          size_t *count);

/* FIELD's value from SOURCE into VALUE; free it with
   cw_field_value_free. */
void cw_certfield_get (const struct cw_certfield *field,
                       const struct cw_field_source *source,
                       struct cw_field_value *value);
void cw_field_value_free (struct cw_field_value *value);

#endif
