/* Host-name syntax, shared by DC values, the common name and the
   subject alternative names, and the public-suffix questions a CA asks. */
#ifndef CERTWIZ_DNSNAME_H
#define CERTWIZ_DNSNAME_H

#include <stdbool.h>
#include <stddef.h>

#define CW_DNS_MAX_NAME 253
#define CW_DNS_MAX_LABEL 63

enum cw_dns_problem
{
  CW_DNS_OK,
  CW_DNS_EMPTY,            /* nothing at all */
  CW_DNS_TOO_LONG,         /* over 253 characters */
  CW_DNS_EMPTY_LABEL,      /* "a..b", ".a", "a." is accepted by callers */
  CW_DNS_LABEL_TOO_LONG,   /* a label over 63 */
  CW_DNS_LABEL_HYPHEN,     /* a label starting or ending with '-' */
  CW_DNS_BAD_CHAR          /* anything but letters, digits and '-' */
};

/* Checks one label of LEN bytes.  On a problem, *BAD (if not NULL) is
   the byte offset of the offending character or of the label. */
enum cw_dns_problem cw_dns_check_label (const char *label, size_t len,
                                        size_t *bad);
/* Checks a whole ASCII host name (letters, digits, hyphens, dots; no
   wildcard, no trailing dot). */
enum cw_dns_problem cw_dns_check_name (const char *name, size_t *bad);

/* True when NAME ends in a top-level domain of the public suffix list,
   so a public CA can validate it.  Single-label names, .local, .lan,
   .internal and other private suffixes are not public. */
bool cw_dns_is_public (const char *name);
/* True when NAME itself is a public suffix ("com", "co.uk"). */
bool cw_dns_is_public_suffix (const char *name);

/* Converts a Unicode host name to its A-label form ("xn--..."), through
   GnuTLS's IDNA support.  Returns NULL when it cannot be converted. */
char *cw_idna_to_ascii (const char *utf8);

#endif
