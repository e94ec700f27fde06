/* Does a certificate cover a domain?  Two answers, because two kinds of
   client ask: Exchange's Domain Security, which is generous (a wildcard
   covers its own domain, a name one label deeper covers the domain
   above it), and TLS clients, which follow RFC 9525.
   Both say which of the certificate's names decided, so the user can be
   told "covered by *.contoso.com" rather than just "yes". */
#ifndef CERTWIZ_MATCH_H
#define CERTWIZ_MATCH_H

#include <gnutls/gnutls.h>
#include <gnutls/x509.h>
#include <stdbool.h>
#include <stddef.h>

enum cw_match_mode
{
  CW_MATCH_DOMAIN,          /* Domain Security (cw_match_domain) */
  CW_MATCH_HOSTNAME         /* TLS host name checking (cw_match_hostname) */
};

enum cw_match_rule
{
  CW_RULE_NONE,
  CW_RULE_EXACT,            /* the name is the domain */
  CW_RULE_WILDCARD,         /* *.d covers d itself and every name under d
                               (Domain Security) */
  CW_RULE_ONE_LABEL,        /* a name one label below the domain:
                               mail1.woodgrovebank.com covers
                               woodgrovebank.com */
  CW_RULE_HOSTNAME,         /* RFC 9525 host name checking, as TLS clients
                               do it */
  CW_RULE_ADDRESS           /* the host is an IP address, equal to one of
                               the certificate's IP address entries */
};

struct cw_match
{
  enum cw_match_rule rule;
  size_t index;             /* which of NAMES matched; COUNT when none did
                               or an IP address entry did */
  enum cw_match_mode mode;  /* which question was asked, so that
                               cw_match_explain can say why not */
  char address[46];         /* CW_RULE_ADDRESS: the entry that matched, in
                               its canonical text form; "" otherwise */
};

/* Domain Security: does any of NAMES (the certificate's DNS names, see
   cw_cert_dns_names) cover DOMAIN?  Names compare without regard to
   ASCII case or a trailing dot, and a Unicode DOMAIN is compared by its
   A-label.  "*.d" covers d and every name under d; a name exactly one
   label below DOMAIN covers it, two or more labels below do not.  A "*"
   anywhere but as the whole leftmost label never matches, and neither
   does a DOMAIN that is not a valid host name.  When several names
   match, the strongest rule wins (exact, then wildcard, then one label)
   and then the first name.  MATCH may be NULL. */
bool cw_match_domain (const char *const *names, size_t count,
                      const char *domain, struct cw_match *match);

/* TLS host name checking as RFC 9525 has it: HOST is compared with the
   certificate's SAN dNSName entries only (the common name is never
   looked at), an IP address with its SAN iPAddress entries.  A wildcard
   is a whole leftmost "*" label standing for exactly one label, never
   for the bare domain, over a domain of two labels or more that is not
   a public suffix ("*.co.uk" covers nothing).  A HOST that is not a
   valid host name ("foo_bar") matches nothing.  MATCH->index tells which
   of NAMES matched, preferring an exact name to a wildcard, and
   MATCH->address which address entry.  MATCH may be NULL. */
bool cw_match_hostname (gnutls_x509_crt_t crt, const char *const *names,
                        size_t count, const char *host,
                        struct cw_match *match);

/* One translated sentence saying why MATCH holds for DOMAIN, naming the
   name that matched, or, for no match, why the nearest of NAMES does
   not.  NAMES, COUNT and DOMAIN must be those given to the match.  The
   sentence quotes certificate text as it is: escape it before showing
   it (cw_safe_text).  Owned by the caller. */
char *cw_match_explain (const struct cw_match *match,
                        const char *const *names, size_t count,
                        const char *domain);

/* The certificate's DNS names: its SAN dNSName entries in order, then
   each common name that is a DNS name and not already listed.  IP
   addresses, other kinds of names and entries that are not printable
   ASCII are left out.  NULL when there are none.  Free with
   cw_names_list_free. */
char **cw_cert_dns_names (gnutls_x509_crt_t crt, size_t *count);
/* The SAN dNSName entries alone, in order, as RFC 9525 clients read
   them (printable ASCII only).  NULL when there are none. */
char **cw_cert_san_dns_names (gnutls_x509_crt_t crt, size_t *count);
void cw_names_list_free (char **names, size_t count);

#endif
