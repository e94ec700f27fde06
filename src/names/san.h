/* Subject alternative names: DNS names and IP addresses, with the rules
   public CAs and TLS clients apply. */
#ifndef CERTWIZ_SAN_H
#define CERTWIZ_SAN_H

#include <stdbool.h>
#include <stddef.h>

#include "base/diag.h"

enum cw_san_type
{
  CW_SAN_DNS,
  CW_SAN_IP
};

struct cw_san
{
  enum cw_san_type type;
  char *name;              /* lower-case A-label DNS name, or the address
                              in its canonical text form */
  unsigned char ip[16];    /* network order, for CW_SAN_IP */
  unsigned ip_len;         /* 4 or 16 */
};

struct cw_san_list
{
  struct cw_san *items;
  size_t count;
  size_t capacity;
};

#define CW_SAN_LIST_INIT { NULL, 0, 0 }

/* Checks one name as typed and normalizes it into OUT: IPv4 and IPv6
   addresses become IP entries, Unicode names their A-label (a note),
   wildcards are checked, internal names warned about.  Returns false on
   an error; OUT is then untouched. */
bool cw_san_parse (const char *input, struct cw_san *out,
                   struct cw_diags *diags);

/* Parses INPUT and appends it; a name already in the list is dropped
   with a note.  Returns false on an error. */
bool cw_san_list_add (struct cw_san_list *list, const char *input,
                      struct cw_diags *diags);
bool cw_san_list_contains (const struct cw_san_list *list,
                           const struct cw_san *san);
/* An error past MAX names (a CA's limit); 0 means no limit. */
void cw_san_list_check_limit (const struct cw_san_list *list, unsigned max,
                              struct cw_diags *diags);
void cw_san_list_free (struct cw_san_list *list);
void cw_san_free (struct cw_san *san);

#endif
