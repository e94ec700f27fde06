/* The subject attributes certwiz accepts, after the RDN table of the
   design documents: name, OID, limit, how many, and position. */
#ifndef CERTWIZ_ATTR_H
#define CERTWIZ_ATTR_H

#include <stdbool.h>
#include <stddef.h>

/* Declared in the order the subject is written in. */
enum cw_attr
{
  CW_ATTR_C,
  CW_ATTR_DC,
  CW_ATTR_ST,
  CW_ATTR_L,
  CW_ATTR_O,
  CW_ATTR_OU,
  CW_ATTR_CN,
  CW_ATTR_COUNT
};

struct cw_attr_info
{
  enum cw_attr attr;
  const char *name;        /* canonical short name: "ST" */
  const char *alias;       /* also accepted: "S", or NULL */
  const char *oid;
  const char *label;       /* N_("State or province"); translate when shown */
  unsigned max_chars;      /* Unicode characters; for DC, all values together */
  bool many;               /* may appear more than once without an error */
  unsigned order;          /* position in the written subject, 1..6 */
};

const struct cw_attr_info *cw_attr_info (enum cw_attr attr);

/* Case-insensitive lookup of NAME (LEN bytes) among names and aliases;
   NULL when unknown. */
const struct cw_attr_info *cw_attr_lookup (const char *name, size_t len);

/* "C, DC, ST (or S), L, O, OU, CN", for messages that list them. */
const char *cw_attr_known_list (void);

#endif
