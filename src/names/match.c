#include <config.h>

#include "names/match.h"

#include <arpa/inet.h>
#include <gnutls/x509-ext.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "names/dnsname.h"
#include "base/i18n.h"
#include "base/unicode.h"
#include "base/xalloc.h"

/* ------------------------------------------------------------ names */

/* ASCII only: tolower () would follow the locale (Turkish dotless i).  */
static char
ascii_lower (char c)
{
  return c >= 'A' && c <= 'Z' ? (char) (c - 'A' + 'a') : c;
}

/* NAME as names are compared: ASCII lower case, without the trailing
   dot of a fully qualified name.  */
static char *
comparable_name (const char *name)
{
  size_t len = strlen (name);
  if (len > 0 && name[len - 1] == '.')
    len--;
  char *copy = xstrndup (name, len);
  for (char *p = copy; *p; p++)
    *p = ascii_lower (*p);
  return copy;
}

static bool
same_name (const char *a, const char *b)
{
  char *x = comparable_name (a), *y = comparable_name (b);
  bool same = strcmp (x, y) == 0;
  free (x);
  free (y);
  return same;
}

/* A domain or host as names are compared with it.  A Unicode one
   becomes its A-label, since certificates hold only those.  NULL when
   it cannot be converted or is empty.  */
static char *
comparable_target (const char *target)
{
  char *name = comparable_name (target);
  if (!cw_is_ascii (name))
    {
      char *ace = cw_idna_to_ascii (name);
      free (name);
      if (!ace)
        return NULL;
      name = comparable_name (ace);
      free (ace);
    }
  if (*name == '\0')
    {
      free (name);
      return NULL;
    }
  return name;
}

/* A domain must be a host name: otherwise a "*" or other junk in it
   could equal the same junk in a certificate.  */
static char *
comparable_domain (const char *domain)
{
  char *name = comparable_target (domain);
  if (name && cw_dns_check_name (name, NULL) != CW_DNS_OK)
    {
      free (name);
      return NULL;
    }
  return name;
}

/* How many labels NAME lies below DOMAIN (both comparable): 1 for
   mail1.woodgrovebank.com under woodgrovebank.com, 0 when NAME is not
   under DOMAIN at all.  */
static size_t
labels_below (const char *name, const char *domain)
{
  size_t name_len = strlen (name), domain_len = strlen (domain);
  if (name_len < domain_len + 2)
    return 0;
  size_t prefix_len = name_len - domain_len - 1;
  if (name[prefix_len] != '.' || strcmp (name + prefix_len + 1, domain) != 0)
    return 0;
  size_t depth = 1;
  for (size_t i = 0; i < prefix_len; i++)
    depth += name[i] == '.';
  return depth;
}

/* ------------------------------------------------ Domain Security */

/* The domain a Domain Security wildcard stands over: "contoso.com" for
   "*.contoso.com".  NULL unless the whole leftmost label is "*" and no
   other "*" follows, since only that form is a wildcard there.  */
static const char *
wildcard_base (const char *name)
{
  if (strncmp (name, "*.", 2) != 0 || name[2] == '\0'
      || strchr (name + 2, '*'))
    return NULL;
  return name + 2;
}

/* NAME and DOMAIN are comparable.  */
static enum cw_match_rule
domain_rule (const char *name, const char *domain)
{
  if (strchr (name, '*'))
    {
      const char *base = wildcard_base (name);
      bool covers = base && (strcmp (base, domain) == 0
                             || labels_below (domain, base) > 0);
      return covers ? CW_RULE_WILDCARD : CW_RULE_NONE;
    }
  if (strcmp (name, domain) == 0)
    return CW_RULE_EXACT;
  return labels_below (name, domain) == 1 ? CW_RULE_ONE_LABEL
                                           : CW_RULE_NONE;
}

/* The enum lists the rules in the seed's order, which is not how much
   each one proves.  */
static int
rule_strength (enum cw_match_rule rule)
{
  switch (rule)
    {
    case CW_RULE_EXACT:
      return 3;
    case CW_RULE_WILDCARD:
      return 2;
    case CW_RULE_ONE_LABEL:
      return 1;
    case CW_RULE_NONE:
    case CW_RULE_HOSTNAME:
    default:
      return 0;
    }
}

bool
cw_match_domain (const char *const *names, size_t count,
                 const char *domain, struct cw_match *match)
{
  struct cw_match best = { CW_RULE_NONE, count, CW_MATCH_DOMAIN, "" };
  char *target = comparable_domain (domain);
  for (size_t i = 0; target && i < count; i++)
    {
      if (!names[i])
        continue;
      char *name = comparable_name (names[i]);
      enum cw_match_rule rule = domain_rule (name, target);
      free (name);
      if (rule_strength (rule) > rule_strength (best.rule))
        best = (struct cw_match) { rule, i, CW_MATCH_DOMAIN, "" };
    }
  free (target);
  if (match)
    *match = best;
  return best.rule != CW_RULE_NONE;
}

/* ------------------------------------------------ certificate names */

struct name_list
{
  char **items;
  size_t count;
  size_t capacity;
};

#define NAME_LIST_INIT { NULL, 0, 0 }

static bool
name_list_has (const struct name_list *list, const char *name)
{
  for (size_t i = 0; i < list->count; i++)
    if (same_name (list->items[i], name))
      return true;
  return false;
}

/* Takes ownership of NAME.  */
static void
name_list_add (struct name_list *list, char *name)
{
  if (list->count == list->capacity)
    {
      list->capacity = list->capacity ? 2 * list->capacity : 4;
      list->items = xreallocarray (list->items, list->capacity,
                                   sizeof *list->items);
    }
  list->items[list->count++] = name;
}

/* Only printable ASCII can be a host name.  TLS clients skip anything
   else, and an embedded NUL would let "bank.com\0.evil.com" pass as
   bank.com.  */
static bool
is_name_text (const char *text, size_t len)
{
  if (len == 0)
    return false;
  for (size_t i = 0; i < len; i++)
    if ((unsigned char) text[i] <= 0x20 || (unsigned char) text[i] >= 0x7f)
      return false;
  return true;
}

static void
add_names_of_extension (const gnutls_datum_t *der, struct name_list *list)
{
  gnutls_subject_alt_names_t sans;
  if (gnutls_subject_alt_names_init (&sans) < 0)
    return;
  if (gnutls_x509_ext_import_subject_alt_names (der, sans, 0) >= 0)
    for (unsigned i = 0;; i++)
      {
        unsigned type;
        gnutls_datum_t san;
        if (gnutls_subject_alt_names_get (sans, i, &type, &san, NULL) < 0)
          break;
        const char *text = (const char *) san.data;
        if (type == GNUTLS_SAN_DNSNAME && is_name_text (text, san.size))
          name_list_add (list, xstrndup (text, san.size));
      }
  gnutls_subject_alt_names_deinit (sans);
}

static void
add_san_dns_names (gnutls_x509_crt_t crt, struct name_list *list)
{
  gnutls_datum_t der = { NULL, 0 };
  if (gnutls_x509_crt_get_extension_by_oid2 (crt, GNUTLS_X509EXT_OID_SAN, 0,
                                             &der, NULL) < 0)
    return;
  add_names_of_extension (&der, list);
  gnutls_free (der.data);
}

/* A common name is often a label for people ("Contoso Mail") or an
   address; only a DNS name, or a wildcard over one, names a host.  */
static bool
cn_is_host_name (const char *cn)
{
  char *name = comparable_name (cn);
  const char *host = strncmp (name, "*.", 2) == 0 ? name + 2 : name;
  unsigned char address[sizeof (struct in_addr)];
  bool is_host = cw_dns_check_name (host, NULL) == CW_DNS_OK
                 && inet_pton (AF_INET, host, address) != 1;
  free (name);
  return is_host;
}

/* Room for the longest host name with a wildcard label and a trailing
   dot: a longer common name cannot be a host name.  */
#define CN_BUFFER_SIZE (CW_DNS_MAX_NAME + 4)

static void
add_dns_common_names (gnutls_x509_crt_t crt, struct name_list *list)
{
  char cn[CN_BUFFER_SIZE];
  for (unsigned i = 0;; i++)
    {
      size_t size = sizeof cn;
      int ret = gnutls_x509_crt_get_dn_by_oid (crt,
                                               GNUTLS_OID_X520_COMMON_NAME,
                                               i, 0, cn, &size);
      if (ret == GNUTLS_E_SHORT_MEMORY_BUFFER)
        continue;
      if (ret < 0)
        break;
      if (is_name_text (cn, size) && cn_is_host_name (cn)
          && !name_list_has (list, cn))
        name_list_add (list, xstrndup (cn, size));
    }
}

char **
cw_cert_dns_names (gnutls_x509_crt_t crt, size_t *count)
{
  struct name_list list = NAME_LIST_INIT;
  add_san_dns_names (crt, &list);
  add_dns_common_names (crt, &list);
  *count = list.count;
  return list.items;
}

char **
cw_cert_san_dns_names (gnutls_x509_crt_t crt, size_t *count)
{
  struct name_list list = NAME_LIST_INIT;
  add_san_dns_names (crt, &list);
  *count = list.count;
  return list.items;
}

void
cw_names_list_free (char **names, size_t count)
{
  for (size_t i = 0; names && i < count; i++)
    free (names[i]);
  free (names);
}

/* ------------------------------------------------ TLS host names */

/* The domain a TLS wildcard may stand over (RFC 9525, section 6.3): two
   labels or more, and not a public suffix, or "*.co.uk" would cover
   every site registered there.  NULL when NAME is no such wildcard.  */
static const char *
tls_wildcard_base (const char *name)
{
  const char *base = wildcard_base (name);
  if (!base || !strchr (base, '.') || cw_dns_is_public_suffix (base))
    return NULL;
  return base;
}

/* NAME and HOST are comparable; HOST is a valid host name.  */
static bool
tls_name_matches (const char *name, const char *host)
{
  if (!strchr (name, '*'))
    return strcmp (name, host) == 0;
  const char *base = tls_wildcard_base (name);
  return base && labels_below (host, base) == 1;
}

/* HOST as TLS clients compare it: comparable, and a valid host name, or
   an underscore or a "*" in it would equal the same junk in a
   certificate.  NULL otherwise.  */
static char *
comparable_host (const char *host)
{
  char *name = comparable_target (host);
  if (name && cw_dns_check_name (name, NULL) != CW_DNS_OK)
    {
      free (name);
      return NULL;
    }
  return name;
}

/* The names a TLS client compares: the SAN dNSNames, never the common
   name (RFC 9525, section 6.4.4, which ended RFC 6125's fallback).  */
static struct name_list
tls_checked_names (gnutls_x509_crt_t crt)
{
  struct name_list list = NAME_LIST_INIT;
  add_san_dns_names (crt, &list);
  return list;
}

/* Which of NAMES makes HOST match: an exact name before a wildcard, and
   never a name the client does not look at (a common name), lest it be
   credited.  COUNT when none does.  */
static size_t
matching_name (gnutls_x509_crt_t crt, const char *const *names,
               size_t count, const char *host)
{
  struct name_list checked = tls_checked_names (crt);
  size_t found = count;
  for (size_t i = 0; i < count; i++)
    {
      if (!names[i] || !name_list_has (&checked, names[i]))
        continue;
      char *name = comparable_name (names[i]);
      bool exact = strcmp (name, host) == 0;
      if (exact || (found == count && tls_name_matches (name, host)))
        found = i;
      free (name);
      if (exact)
        break;
    }
  cw_names_list_free (checked.items, checked.count);
  return found;
}

/* The binary form of HOST when it is an IPv4 or IPv6 address; 0 when it
   is not one.  */
static unsigned
parse_address (const char *host, unsigned char out[16])
{
  if (inet_pton (AF_INET, host, out) == 1)
    return 4;
  if (inet_pton (AF_INET6, host, out) == 1)
    return 16;
  return 0;
}

/* Whether one of CRT's SAN iPAddress entries is ADDRESS; its text form
   into TEXT.  */
static bool
has_address (gnutls_x509_crt_t crt, const unsigned char *address,
             unsigned len, char text[46])
{
  for (unsigned i = 0;; i++)
    {
      unsigned char entry[16];
      size_t size = sizeof entry;
      unsigned type;
      int ret = gnutls_x509_crt_get_subject_alt_name2 (crt, i, entry, &size,
                                                       &type, NULL);
      if (ret == GNUTLS_E_SHORT_MEMORY_BUFFER)
        continue;
      if (ret < 0)
        return false;
      if (type == GNUTLS_SAN_IPADDRESS && size == len
          && memcmp (entry, address, len) == 0)
        return inet_ntop (len == 4 ? AF_INET : AF_INET6, entry, text, 46);
    }
}

bool
cw_match_hostname (gnutls_x509_crt_t crt, const char *const *names,
                   size_t count, const char *host, struct cw_match *match)
{
  struct cw_match result = { CW_RULE_NONE, count, CW_MATCH_HOSTNAME, "" };
  unsigned char address[16];
  unsigned address_len = parse_address (host, address);
  if (address_len)
    {
      if (has_address (crt, address, address_len, result.address))
        result.rule = CW_RULE_ADDRESS;
    }
  else
    {
      char *target = comparable_host (host);
      if (target)
        result.index = matching_name (crt, names, count, target);
      if (result.index < count)
        result.rule = CW_RULE_HOSTNAME;
      free (target);
    }
  if (match)
    *match = result;
  return result.rule != CW_RULE_NONE;
}

/* ------------------------------------------------------ near misses */

/* Why a name that looks related to the domain does not cover it.  */
enum miss_kind
{
  MISS_NONE,               /* the name is unrelated */
  MISS_NOT_CHECKED,        /* it would match, but TLS clients skip it */
  MISS_BAD_WILDCARD,       /* a "*" that is not the leftmost label */
  MISS_ABOVE,              /* a parent domain */
  MISS_TOO_DEEP,           /* Domain Security: two or more labels below */
  MISS_WILDCARD_BELOW,     /* Domain Security: *.d with d below */
  MISS_BELOW,              /* TLS: any label below */
  MISS_WILDCARD_BARE,      /* TLS: *.d for d itself */
  MISS_WILDCARD_DEEP,      /* TLS: *.d for two or more labels below d */
  MISS_WILDCARD_PUBLIC     /* TLS: a wildcard over a public suffix */
};

struct near_miss
{
  enum miss_kind kind;
  size_t depth;            /* labels between the name and the domain */
  size_t index;
};

static const struct near_miss no_miss = { MISS_NONE, 0, 0 };

/* A miss by DEPTH labels; a DEPTH of 0 means that neither name lies
   under the other, so they are unrelated.  */
static struct near_miss
miss_by (enum miss_kind kind, size_t depth)
{
  return depth ? (struct near_miss) { kind, depth, 0 } : no_miss;
}

static struct near_miss
miss_of (enum miss_kind kind)
{
  return (struct near_miss) { kind, 0, 0 };
}

/* "mail.*.contoso.com" or "m*.contoso.com": near when what follows the
   label with the "*" is the domain, above it or below it.  */
static struct near_miss
bad_wildcard_miss (const char *name, const char *domain)
{
  const char *dot = strchr (strrchr (name, '*'), '.');
  const char *tail = dot && dot[1] ? dot + 1 : NULL;
  bool near = tail && (strcmp (tail, domain) == 0
                       || labels_below (tail, domain)
                       || labels_below (domain, tail));
  return near ? miss_of (MISS_BAD_WILDCARD) : no_miss;
}

static struct near_miss
domain_miss (const char *name, const char *domain)
{
  const char *base = wildcard_base (name);
  if (base)
    return miss_by (MISS_WILDCARD_BELOW, labels_below (base, domain));
  if (strchr (name, '*'))
    return bad_wildcard_miss (name, domain);
  size_t below = labels_below (name, domain);
  if (below >= 2)
    return miss_by (MISS_TOO_DEEP, below);
  return miss_by (MISS_ABOVE, labels_below (domain, name));
}

/* NAME is a wildcard over BASE.  */
static struct near_miss
wildcard_host_miss (const char *base, const char *host)
{
  bool public_base = !strchr (base, '.') || cw_dns_is_public_suffix (base);
  if (strcmp (base, host) == 0)
    return miss_of (public_base ? MISS_WILDCARD_PUBLIC : MISS_WILDCARD_BARE);
  size_t below = labels_below (host, base);
  if (public_base)
    return below ? miss_of (MISS_WILDCARD_PUBLIC) : no_miss;
  return miss_by (MISS_WILDCARD_DEEP, below);
}

static struct near_miss
hostname_miss (const char *name, const char *host)
{
  if (tls_name_matches (name, host))
    return miss_of (MISS_NOT_CHECKED);
  const char *base = wildcard_base (name);
  if (base)
    return wildcard_host_miss (base, host);
  if (strchr (name, '*'))
    return bad_wildcard_miss (name, host);
  size_t below = labels_below (name, host);
  if (below)
    return miss_by (MISS_BELOW, below);
  return miss_by (MISS_ABOVE, labels_below (host, name));
}

/* How far a miss is from a match, to pick the nearest name.  */
static size_t
miss_distance (const struct near_miss *near)
{
  switch (near->kind)
    {
    case MISS_NOT_CHECKED:
      return 0;
    case MISS_TOO_DEEP:
    case MISS_WILDCARD_DEEP:
      return near->depth - 1;
    case MISS_BAD_WILDCARD:
    case MISS_WILDCARD_BARE:
      return 1;
    case MISS_NONE:
      return SIZE_MAX;
    default:
      return near->depth;
    }
}

static struct near_miss
nearest_miss (enum cw_match_mode mode, const char *const *names,
              size_t count, const char *target)
{
  struct near_miss nearest = { MISS_NONE, 0, count };
  for (size_t i = 0; i < count; i++)
    {
      if (!names[i])
        continue;
      char *name = comparable_name (names[i]);
      struct near_miss near = mode == CW_MATCH_DOMAIN
                              ? domain_miss (name, target)
                              : hostname_miss (name, target);
      free (name);
      near.index = i;
      if (near.kind != MISS_NONE
          && miss_distance (&near) < miss_distance (&nearest))
        nearest = near;
    }
  return nearest;
}

/* ----------------------------------------------------- explanations */

/* Misses that read the same for both questions.  */
static char *
common_miss_sentence (const struct near_miss *near, const char *name,
                      const char *domain)
{
  if (near->kind == MISS_BAD_WILDCARD)
    /* TRANSLATORS: the first %s is the domain checked, the second a
       name of the certificate.  A label is one part of a DNS name
       between dots.  */
    return xasprintf (_("None of the certificate's names covers %s: the "
                        "nearest, %s, has a \"*\" that is not its whole "
                        "leftmost label, and such a name matches "
                        "nothing."), domain, name);
  if (near->kind == MISS_NOT_CHECKED)
    return xasprintf (_("None of the certificate's names covers %s for TLS "
                        "clients: %s is only its common name, which they "
                        "no longer look at (RFC 9525). The name must be "
                        "one of the certificate's subject alternative "
                        "names: ask the CA for a certificate that lists "
                        "it."), domain, name);
  /* TRANSLATORS: the first %s is the domain checked, the second a
     domain above it, such as contoso.com for mail.contoso.com.  */
  return xasprintf (_("None of the certificate's names covers %s: the "
                      "nearest, %s, is a domain above it, and a name does "
                      "not cover the names under it."), domain, name);
}

static char *
domain_miss_sentence (const struct near_miss *near, const char *name,
                      const char *domain)
{
  if (near->kind == MISS_TOO_DEEP)
    /* TRANSLATORS: the first %s is the domain checked, the second a
       name of the certificate, %zu how many labels (parts between
       dots) it lies below the domain.  */
    return xasprintf (ngettext ("None of the certificate's names covers "
                                "%s: the nearest, %s, is %zu label below "
                                "it, and Domain Security accepts one at "
                                "most.",
                                "None of the certificate's names covers "
                                "%s: the nearest, %s, is %zu labels below "
                                "it, and Domain Security accepts one at "
                                "most.", near->depth),
                      domain, name, near->depth);
  const char *base = wildcard_base (name);
  /* TRANSLATORS: the first %s is the domain checked, the second a
     wildcard name such as *.mail1.contoso.com, the third its domain
     (mail1.contoso.com).  */
  return xasprintf (_("None of the certificate's names covers %s: the "
                      "nearest, %s, covers only %s and the names under "
                      "it."), domain, name, base ? base : name);
}

/* Wildcards as TLS clients read them: one label, never the domain.  */
static char *
tls_wildcard_miss_sentence (const struct near_miss *near, const char *name,
                            const char *host)
{
  if (near->kind == MISS_WILDCARD_BARE)
    return xasprintf (_("None of the certificate's names covers %s: the "
                        "nearest, %s, is a wildcard, and TLS clients "
                        "accept a wildcard only for the names one label "
                        "below its domain, not for the domain itself."),
                      host, name);
  if (near->kind == MISS_WILDCARD_DEEP)
    /* TRANSLATORS: %zu is how many labels the host name has below the
       wildcard's domain, two or more.  */
    return xasprintf (ngettext ("None of the certificate's names covers "
                                "%s: the nearest, %s, is a wildcard, which "
                                "TLS clients let stand for one label only, "
                                "not %zu.",
                                "None of the certificate's names covers "
                                "%s: the nearest, %s, is a wildcard, which "
                                "TLS clients let stand for one label only, "
                                "not %zu.", near->depth),
                      host, name, near->depth);
  /* TRANSLATORS: a public suffix is a domain under which anyone can
     register names, such as com or co.uk.  */
  return xasprintf (_("None of the certificate's names covers %s: the "
                      "nearest, %s, is a wildcard over a public suffix, "
                      "which TLS clients refuse, since it would stand for "
                      "every site registered there."), host, name);
}

static char *
hostname_miss_sentence (const struct near_miss *near, const char *name,
                        const char *host)
{
  if (near->kind != MISS_BELOW)
    return tls_wildcard_miss_sentence (near, name, host);
  /* TRANSLATORS: the first %s is the host name checked, the second a
     name of the certificate, %zu how many labels (parts between dots)
     it lies below the host name.  */
  return xasprintf (ngettext ("None of the certificate's names covers %s: "
                              "the nearest, %s, is %zu label below it, and "
                              "TLS clients need the exact name.",
                              "None of the certificate's names covers %s: "
                              "the nearest, %s, is %zu labels below it, and "
                              "TLS clients need the exact name.",
                              near->depth),
                    host, name, near->depth);
}

static char *
explain_miss (enum cw_match_mode mode, const char *const *names,
              size_t count, const char *domain, const char *target)
{
  struct near_miss near = nearest_miss (mode, names, count, target);
  if (near.kind == MISS_NONE)
    return xasprintf (_("None of the certificate's names covers %s: none "
                        "of them is in that domain or above it."), domain);
  const char *name = names[near.index];
  switch (near.kind)
    {
    case MISS_TOO_DEEP:
    case MISS_WILDCARD_BELOW:
      return domain_miss_sentence (&near, name, domain);
    case MISS_BELOW:
    case MISS_WILDCARD_BARE:
    case MISS_WILDCARD_DEEP:
    case MISS_WILDCARD_PUBLIC:
      return hostname_miss_sentence (&near, name, domain);
    default:
      return common_miss_sentence (&near, name, domain);
    }
}

static char *
explain_exact (const char *name, const char *domain)
{
  return xasprintf (_("The certificate's name %s is %s itself, an exact "
                      "match."), name, domain);
}

static char *
explain_rule (enum cw_match_rule rule, const char *name, const char *domain)
{
  switch (rule)
    {
    case CW_RULE_WILDCARD:
      /* TRANSLATORS: the first %s is a wildcard name such as
         *.contoso.com, the second the domain checked.  */
      return xasprintf (_("The certificate's name %s covers %s: for Domain "
                          "Security, a wildcard covers its own domain and "
                          "every name under it."), name, domain);
    case CW_RULE_ONE_LABEL:
      /* TRANSLATORS: a label is one part of a DNS name between dots.  */
      return xasprintf (_("%s is one label below %s, which Domain Security "
                          "accepts."), name, domain);
    case CW_RULE_HOSTNAME:
      if (name[0] != '*')
        return explain_exact (name, domain);
      return xasprintf (_("The certificate's name %s covers %s: TLS "
                          "clients let a wildcard stand for exactly one "
                          "label."), name, domain);
    case CW_RULE_EXACT:
    case CW_RULE_NONE:
    default:
      return explain_exact (name, domain);
    }
}

static char *
explain_invalid (enum cw_match_mode mode, const char *domain)
{
  if (mode == CW_MATCH_DOMAIN)
    return xasprintf (_("%s is not a valid domain name, so no certificate "
                        "name covers it."), domain);
  return xasprintf (_("%s is not a valid host name, so no certificate name "
                      "covers it."), domain);
}

static bool
has_names (const char *const *names, size_t count)
{
  for (size_t i = 0; i < count; i++)
    if (names[i])
      return true;
  return false;
}

/* Why an IP address is or is not covered.  */
static char *
explain_address (const struct cw_match *match, const char *host)
{
  if (match->rule == CW_RULE_ADDRESS)
    return xasprintf (_("The certificate's IP address entry %s is %s "
                        "itself, an exact match."), match->address, host);
  return xasprintf (_("None of the certificate's IP address entries is %s. "
                      "TLS clients connecting to an address compare it "
                      "with those entries only: ask the CA for a "
                      "certificate that lists the address."), host);
}

char *
cw_match_explain (const struct cw_match *match, const char *const *names,
                  size_t count, const char *domain)
{
  unsigned char address[16];
  if (match->mode == CW_MATCH_HOSTNAME && parse_address (domain, address))
    return explain_address (match, domain);
  char *target = match->mode == CW_MATCH_DOMAIN ? comparable_domain (domain)
                                                : comparable_host (domain);
  const char *name = match->index < count ? names[match->index] : NULL;
  char *sentence;
  if (!target)
    sentence = explain_invalid (match->mode, domain);
  else if (match->rule != CW_RULE_NONE && name)
    sentence = explain_rule (match->rule, name, domain);
  else if (!has_names (names, count))
    sentence = xasprintf (_("None of the certificate's names covers %s: it "
                            "has no DNS names."), domain);
  else
    sentence = explain_miss (match->mode, names, count, domain, target);
  free (target);
  return sentence;
}
