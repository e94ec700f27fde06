/* The subject distinguished name: parsing the Exchange syntax
   ("C=US, O=Contoso Corp, CN=mail1.contoso.com") and every naming rule
   of the RDN table. */
#ifndef CERTWIZ_SUBJECT_H
#define CERTWIZ_SUBJECT_H

#include <stdbool.h>
#include <stddef.h>

#include "names/attr.h"
#include "base/diag.h"

struct cw_rdn
{
  enum cw_attr attr;
  char *value;             /* UTF-8, trimmed; C upper-cased */
};

/* Always kept in the order the subject is written in (the attribute
   table's order column); repeated attributes keep their relative order. */
struct cw_subject
{
  struct cw_rdn *rdns;
  size_t count;
  size_t capacity;
};

#define CW_SUBJECT_INIT { NULL, 0, 0 }

/* Parses TEXT in the Exchange syntax: comma-separated ATTR=value,
   attribute names case-insensitive, blanks around names and values
   trimmed, RFC 4514 escapes and quoted values.  Checks every rule (per
   value and across the subject) into DIAGS.  Returns false when TEXT is
   unusable (an error was reported); OUT then holds what could be read. */
bool cw_subject_parse (const char *text, struct cw_subject *out,
                       struct cw_diags *diags);

/* One attribute and its value, as a form holds them. */
struct cw_subject_pair
{
  enum cw_attr attr;
  const char *value;       /* UTF-8, as typed */
};

/* Builds the subject from COUNT attribute/value PAIRS, as the wizard
   holds them (a form, not a text to parse): each value trimmed of the
   blanks around it, refused when empty, checked with every rule of the
   RDN table, put at its place in the written order (a note when that
   changes the order given), then the rules across the subject.  The
   findings are those cw_subject_parse gives for the same subject
   written as text.  Returns false when there is an error. */
bool cw_subject_from_pairs (const struct cw_subject_pair *pairs, size_t count,
                            struct cw_subject *out, struct cw_diags *diags);

/* The rules for one value of one attribute, as the wizard checks a field
   while the user types: characters, length in characters, C as an ISO
   3166-1 code, DC as a DNS label, the CN traps (too long, not a host
   name, non-ASCII look-alike). */
void cw_rdn_check_value (enum cw_attr attr, const char *value,
                         struct cw_diags *diags);

/* The rules across the whole subject: how many of each attribute, C
   together with DC, the length of all DC values together, CN missing or
   repeated. */
void cw_subject_check (const struct cw_subject *subject,
                       struct cw_diags *diags);

/* Inserts VALUE (copied) at its place in the order. */
void cw_subject_add (struct cw_subject *subject, enum cw_attr attr,
                     const char *value);
/* Replaces the value of the first CN, if there is one. */
void cw_subject_set_cn (struct cw_subject *subject, const char *value);
/* The first CN, or NULL. */
const char *cw_subject_cn (const struct cw_subject *subject);
/* "C=US, O=Contoso Corp, CN=mail1.contoso.com", with RFC 4514 escapes
   where a value needs them. */
char *cw_subject_format (const struct cw_subject *subject);
void cw_subject_free (struct cw_subject *subject);

/* VALUE with the RFC 4514 escapes cw_subject_format uses. */
char *cw_dn_escape (const char *value);

#endif
