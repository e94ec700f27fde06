/* The small text record kept beside each key in the store: "name: value"
   lines, a name may repeat (one "san" line per name).  It is what lets a
   later import find the request a certificate answers. */
#ifndef CERTWIZ_RECORD_H
#define CERTWIZ_RECORD_H

#include <stdbool.h>
#include <stddef.h>

struct cw_record_field
{
  char *name;              /* NAME and VALUE are one allocation, owned */
  char *value;             /* by the record: never freed on their own */
};

struct cw_record
{
  struct cw_record_field *fields;
  size_t count;
  size_t capacity;
};

#define CW_RECORD_INIT { NULL, 0, 0 }

void cw_record_add (struct cw_record *record, const char *name,
                    const char *value);
/* Moves FIELD's strings to the end of RECORD, without copying them;
   FIELD is left empty. */
void cw_record_take (struct cw_record *record, struct cw_record_field *field);
/* Replaces the first value of NAME, or adds it. */
void cw_record_set (struct cw_record *record, const char *name,
                    const char *value);
/* The first value of NAME, or NULL. */
const char *cw_record_get (const struct cw_record *record, const char *name);

/* The text form; values may hold any byte but NUL, escaped as needed. */
char *cw_record_format (const struct cw_record *record);
/* Reads the text form; false when TEXT is not a record. */
bool cw_record_parse (const char *text, struct cw_record *record);
void cw_record_free (struct cw_record *record);

#endif
