#include <config.h>

#include "names/san.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unictype.h>

#include "names/dnsname.h"
#include "base/i18n.h"
#include "base/unicode.h"
#include "base/xalloc.h"

/* Every finding of this file is about the alternative names.  */
#define FIELD "SAN"

/* The example host the messages suggest when the input gives none.  */
#define EXAMPLE_HOST "mail.contoso.com"

/* ------------------------------------------------------------ text */

static bool
is_blank (char c)
{
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v'
         || c == '\f';
}

static char *
trim_blanks (const char *s)
{
  while (is_blank (*s))
    s++;
  size_t len = strlen (s);
  while (len > 0 && is_blank (s[len - 1]))
    len--;
  return xstrndup (s, len);
}

/* ASCII only: tolower () would follow the locale (Turkish dotless i).  */
static char
ascii_lower (char c)
{
  return c >= 'A' && c <= 'Z' ? (char) (c - 'A' + 'a') : c;
}

static void
lower_ascii (char *s)
{
  for (; *s; s++)
    *s = ascii_lower (*s);
}

static bool
ascii_equal_nocase (const char *a, const char *b)
{
  for (; *a && ascii_lower (*a) == ascii_lower (*b); a++, b++)
    continue;
  return ascii_lower (*a) == ascii_lower (*b);
}

/* A copy of S fit to show in a message: bytes that are not UTF-8
   become '?', so the message itself stays valid text.  */
static char *
printable_copy (const char *s)
{
  char *copy = xstrdup (s);
  for (char *p = copy; *p;)
    {
      uint32_t c;
      size_t n = cw_utf8_decode (p, &c);
      if (!cw_utf8_valid (p, n))
        memset (p, '?', n);
      p += n;
    }
  return copy;
}

/* ------------------------------------------------------- addresses */

static bool
ipv4_is_internal (const unsigned char *a)
{
  return a[0] == 10                                /* 10/8 */
         || a[0] == 127                            /* 127/8 */
         || (a[0] == 172 && (a[1] & 0xf0) == 16)   /* 172.16/12 */
         || (a[0] == 192 && a[1] == 168)           /* 192.168/16 */
         || (a[0] == 169 && a[1] == 254)           /* 169.254/16 */
         || (a[0] == 100 && (a[1] & 0xc0) == 64);  /* 100.64/10 */
}

static bool
ipv6_is_internal (const unsigned char *a)
{
  static const unsigned char loopback[16] = { [15] = 1 };
  static const unsigned char v4_mapped[12] = { [10] = 0xff, [11] = 0xff };
  /* ::ffff:10.0.0.1 reaches the same host as 10.0.0.1.  */
  if (memcmp (a, v4_mapped, sizeof v4_mapped) == 0)
    return ipv4_is_internal (a + sizeof v4_mapped);
  return memcmp (a, loopback, sizeof loopback) == 0
         || (a[0] & 0xfe) == 0xfc                   /* fc00::/7 */
         || (a[0] == 0xfe && (a[1] & 0xc0) == 0x80); /* fe80::/10 */
}

static bool
ip_is_internal (const struct cw_san *san)
{
  return san->ip_len == 4 ? ipv4_is_internal (san->ip)
                          : ipv6_is_internal (san->ip);
}

/* True when TEXT is an IPv4 or IPv6 address; OUT then holds it.  */
static bool
parse_ip (const char *text, struct cw_san *out)
{
  unsigned char bytes[16];
  char canonical[INET6_ADDRSTRLEN];
  int family = AF_INET;
  unsigned len = 4;
  if (inet_pton (AF_INET, text, bytes) != 1)
    {
      family = AF_INET6;
      len = 16;
      if (inet_pton (AF_INET6, text, bytes) != 1)
        return false;
    }
  if (!inet_ntop (family, bytes, canonical, sizeof canonical))
    return false;
  *out = (struct cw_san) { .type = CW_SAN_IP, .name = xstrdup (canonical),
                           .ip_len = len };
  memcpy (out->ip, bytes, len);
  return true;
}

static void
report_internal_ip (const struct cw_san *san, struct cw_diags *diags)
{
  cw_diag_add (diags, CW_WARNING, "san-internal", FIELD,
               _("\"%s\" is a private, loopback or link-local address: "
                 "it only works inside a network, so public certificate "
                 "authorities refuse it. Keep it only if your own "
                 "(private) certificate authority issues this "
                 "certificate; otherwise use the server's public address "
                 "or, better, its host name."), san->name);
}

/* ------------------------------------------- not a host name at all */

/* The host part of a URL or the domain of an email address, to suggest
   what belongs here instead; EXAMPLE_HOST when there is none.  */
static char *
host_hint (const char *text, const char *scheme_end)
{
  const char *host;
  size_t len;
  if (scheme_end)
    {
      host = scheme_end + 3;
      bool bracketed = *host == '[';   /* http://[2001:db8::1]/ */
      host += bracketed;
      len = strcspn (host, bracketed ? "]" : "/?#:@");
    }
  else
    {
      host = strrchr (text, '@') + 1;
      len = strlen (host);
    }
  return len ? xstrndup (host, len) : xstrdup (EXAMPLE_HOST);
}

/* Email addresses and URLs are the usual mix-ups with a host name.  */
static bool
check_is_host_or_address (const char *text, struct cw_diags *diags)
{
  const char *scheme_end = strstr (text, "://");
  if (!scheme_end && !strchr (text, '@'))
    return true;
  char *hint = host_hint (text, scheme_end);
  if (scheme_end)
    cw_diag_add (diags, CW_ERROR, "san-not-hostname", FIELD,
                 /* TRANSLATORS: the second %s is the host name taken
                    from the URL.  */
                 _("\"%s\" looks like a web address (URL). Only host names "
                   "and IP addresses go here: enter just the host name, "
                   "such as %s."), text, hint);
  else
    cw_diag_add (diags, CW_ERROR, "san-not-hostname", FIELD,
                 /* TRANSLATORS: the second %s is the domain taken from
                    the email address.  */
                 _("\"%s\" looks like an email address. Only host names "
                   "and IP addresses go here: enter the mail domain or the "
                   "mail server's name instead, such as %s."), text, hint);
  free (hint);
  return false;
}

/* ------------------------------------------------------ characters */

static bool
is_ldh_or_dot (uint32_t c)
{
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')
         || (c >= '0' && c <= '9') || c == '-' || c == '.';
}

/* Letters, marks and digits of any script have an A-label.  Anything
   else (spaces, symbols, punctuation) would be silently dropped or
   changed by the conversion, so it is refused while the user can still
   see it.  The three full stops are those IDNA reads as dots.  */
static bool
is_name_char (uint32_t c)
{
  if (c < 0x80)
    return is_ldh_or_dot (c);
  if (c == 0x3002 || c == 0xFF0E || c == 0xFF61)
    return true;
  return uc_is_general_category (c, UC_CATEGORY_L)
         || uc_is_general_category (c, UC_CATEGORY_M)
         || uc_is_general_category (c, UC_CATEGORY_N);
}

static bool
is_not_name_char (uint32_t c)
{
  return !is_name_char (c);
}

/* Names every character of TYPED that cannot be in a host name, the
   mix-ups with a list of names or an address and port first.  */
static void
report_bad_chars (const char *input, const char *typed,
                  struct cw_diags *diags)
{
  const char *separator = strpbrk (typed, ",;");
  if (separator)
    cw_diag_add (diags, CW_ERROR, "san-bad-char", FIELD,
                 /* TRANSLATORS: the second %s is a comma or a semicolon
                    in quotes.  */
                 _("\"%s\" contains %s, so it looks like several names in "
                   "one. Enter each name on its own."), input,
                 *separator == ',' ? "\",\"" : "\";\"");
  else if (strchr (typed, ':'))
    cw_diag_add (diags, CW_ERROR, "san-bad-char", FIELD,
                 _("\"%s\" contains \":\", which cannot appear in a host "
                   "name. If it is an IPv6 address, check that it is "
                   "complete; if a port number follows the name, leave it "
                   "out."), input);
  else
    {
      char *what = cw_unicode_list (typed, is_not_name_char, 64);
      cw_diag_add (diags, CW_ERROR, "san-bad-char", FIELD,
                   /* TRANSLATORS: the second %s names the characters, such
                      as "_" or U+00A0 NO-BREAK SPACE, separated by
                      commas.  */
                   _("\"%s\" contains %s, which cannot appear in a host "
                     "name. Use only letters, digits and hyphens, with dots "
                     "between the parts, as in mail.contoso.com."),
                   input, what);
      free (what);
    }
}

static bool
check_utf8 (const char *text, struct cw_diags *diags)
{
  if (cw_utf8_valid (text, strlen (text)))
    return true;
  char *shown = printable_copy (text);
  cw_diag_add (diags, CW_ERROR, "san-bad-char", FIELD,
               _("\"%s\" contains bytes that are not valid UTF-8 text "
                 "(shown as \"?\"). Type the name again, or save the file "
                 "it came from as UTF-8."), shown);
  free (shown);
  return false;
}

static bool
check_chars (const char *typed, const char *input, struct cw_diags *diags)
{
  for (const char *p = typed; *p;)
    {
      uint32_t c;
      p += cw_utf8_decode (p, &c);
      if (!is_name_char (c))
        {
          report_bad_chars (input, typed, diags);
          return false;
        }
    }
  return true;
}

/* -------------------------------------------------------- wildcards */

enum wildcard
{
  WILDCARD_NONE,
  WILDCARD_OK,             /* "*." and the rest */
  WILDCARD_POSITION,       /* "mail.*.contoso.com", "*.*.contoso.com" */
  WILDCARD_PARTIAL         /* "*mail.contoso.com" */
};

static enum wildcard
classify_wildcard (const char *name)
{
  const char *star = strchr (name, '*');
  if (!star)
    return WILDCARD_NONE;
  const char *first_dot = strchr (name, '.');
  if (first_dot && star > first_dot)
    return WILDCARD_POSITION;
  size_t first_len = first_dot ? (size_t) (first_dot - name) : strlen (name);
  if (first_len != 1)
    return WILDCARD_PARTIAL;
  return strchr (star + 1, '*') ? WILDCARD_POSITION : WILDCARD_OK;
}

/* Sets *WILDCARD; false (reported) when the asterisk is misplaced.  */
static bool
check_wildcard_syntax (const char *typed, const char *input, bool *wildcard,
                       struct cw_diags *diags)
{
  enum wildcard kind = classify_wildcard (typed);
  *wildcard = kind == WILDCARD_OK;
  if (kind == WILDCARD_POSITION)
    cw_diag_add (diags, CW_ERROR, "san-wildcard-position", FIELD,
                 _("\"%s\" has a wildcard (*) that is not the whole first "
                   "part of the name. A wildcard can only stand for the "
                   "leftmost part, as in *.contoso.com; list the other "
                   "names one by one."), input);
  else if (kind == WILDCARD_PARTIAL)
    cw_diag_add (diags, CW_ERROR, "san-wildcard-partial", FIELD,
                 _("\"%s\" uses a wildcard (*) inside a part of the name. "
                   "Certificate authorities accept it only as a whole "
                   "first part, as in *.contoso.com; write that, or list "
                   "each name."), input);
  return kind == WILDCARD_NONE || kind == WILDCARD_OK;
}

/* REST is what follows "*.", in A-label form.  */
static bool
check_wildcard_scope (const char *rest, const char *input,
                      struct cw_diags *diags)
{
  if (!strchr (rest, '.'))
    {
      cw_diag_add (diags, CW_ERROR, "san-wildcard-too-broad", FIELD,
                   _("The wildcard name \"%s\" is too broad: a wildcard "
                     "needs at least a domain and its top-level domain "
                     "after it, as in *.contoso.com. Certificate "
                     "authorities refuse anything broader."), input);
      return false;
    }
  if (cw_dns_is_public_suffix (rest))
    {
      cw_diag_add (diags, CW_ERROR, "san-wildcard-too-broad", FIELD,
                   /* TRANSLATORS: the second and third %s are a public
                      suffix such as co.uk; the example reads
                      *.contoso.co.uk.  */
                   _("The wildcard name \"%s\" is too broad: under %s "
                     "anyone can register a domain, so no certificate "
                     "authority issues a wildcard for it. Put your own "
                     "domain after the wildcard, as in *.contoso.%s."),
                   input, rest, rest);
      return false;
    }
  return true;
}

/* ------------------------------------------------------ host names */

static char *
to_ascii (const char *typed, const char *input, struct cw_diags *diags)
{
  char *ascii = cw_is_ascii (typed) ? xstrdup (typed)
                                    : cw_idna_to_ascii (typed);
  if (!ascii)
    {
      cw_diag_add (diags, CW_ERROR, "san-idna-invalid", FIELD,
                   _("\"%s\" cannot be converted to the ASCII form "
                     "(A-label) that certificates carry for international "
                     "names: a part breaks the rules for such names, for "
                     "example it is too long once converted, starts with "
                     "an accent, or mixes right-to-left and left-to-right "
                     "letters. Check the spelling, or use the server's "
                     "ASCII name."), input);
      return NULL;
    }
  lower_ascii (ascii);
  return ascii;
}

/* The label of NAME that holds byte OFFSET (owned by the caller).  */
static char *
label_at (const char *name, size_t offset)
{
  size_t start = offset;
  while (start > 0 && name[start - 1] != '.')
    start--;
  return xstrndup (name + start, strcspn (name + start, "."));
}

static void
report_label_problem (enum cw_dns_problem problem, const char *input,
                      const char *label, struct cw_diags *diags)
{
  if (problem == CW_DNS_LABEL_TOO_LONG)
    cw_diag_add (diags, CW_ERROR, "san-label-too-long", FIELD,
                 /* TRANSLATORS: a "part" is a DNS label, the text
                    between two dots.  */
                 _("In \"%s\", the part \"%s\" is %zu characters long, but "
                   "a part between dots can have at most %d. Shorten "
                   "it."), input, label, strlen (label), CW_DNS_MAX_LABEL);
  else if (problem == CW_DNS_LABEL_HYPHEN)
    cw_diag_add (diags, CW_ERROR, "san-label-hyphen", FIELD,
                 _("In \"%s\", the part \"%s\" starts or ends with a "
                   "hyphen, which host names do not allow. Remove the "
                   "hyphen or move it inside the part."), input, label);
  else
    cw_diag_add (diags, CW_ERROR, "san-empty-label", FIELD,
                 _("\"%s\" has an empty part: two dots in a row, or a dot "
                   "at the start. Remove the extra dot."), input);
}

static void
report_dns_problem (enum cw_dns_problem problem, const char *input,
                    const char *checked, size_t bad, struct cw_diags *diags)
{
  if (problem == CW_DNS_BAD_CHAR)
    report_bad_chars (input, checked, diags);
  else if (problem == CW_DNS_EMPTY)
    cw_diag_add (diags, CW_ERROR, "san-empty", FIELD,
                 _("\"%s\" leaves no host name once converted. Enter the "
                   "server's name, such as mail.contoso.com."), input);
  else if (problem == CW_DNS_TOO_LONG)
    cw_diag_add (diags, CW_ERROR, "san-too-long", FIELD,
                 _("\"%s\" is %zu characters long in the form certificates "
                   "carry, but a host name can have at most %d. Use a "
                   "shorter name."), input, strlen (checked),
                 CW_DNS_MAX_NAME);
  else
    {
      char *label = label_at (checked, bad);
      report_label_problem (problem, input, label, diags);
      free (label);
    }
}

/* REST is the name without "*."; NAME the whole name, for its length. */
static bool
check_dns_syntax (const char *rest, const char *name, const char *input,
                  struct cw_diags *diags)
{
  size_t bad = 0;
  enum cw_dns_problem problem = cw_dns_check_name (rest, &bad);
  if (problem == CW_DNS_OK && strlen (name) > CW_DNS_MAX_NAME)
    problem = CW_DNS_TOO_LONG;
  if (problem == CW_DNS_OK)
    return true;
  report_dns_problem (problem, input, problem == CW_DNS_TOO_LONG ? name
                                                                 : rest,
                      bad, diags);
  return false;
}

/* A name whose last part is a number ("10.0.0.256", "192.0.2.10.") is a
   mistyped address: no top-level domain is all digits, and programs
   would read it as an address anyway.  */
static bool
check_not_numeric (const char *rest, const char *input,
                   struct cw_diags *diags)
{
  const char *dot = strrchr (rest, '.');
  const char *last = dot ? dot + 1 : rest;
  if (last[strspn (last, "0123456789")] != '\0')
    return true;
  cw_diag_add (diags, CW_ERROR, "san-not-hostname", FIELD,
               _("\"%s\" looks like an IP address, but it is not a valid "
                 "one: an IPv4 address is four numbers from 0 to 255 "
                 "separated by dots, such as 192.0.2.10, with nothing "
                 "before or after them. Correct it, or enter a host name "
                 "instead."), input);
  return false;
}

/* localhost and the names under it (RFC 6761) are every machine's own
   name for itself.  */
static bool
is_loopback_name (const char *name)
{
  size_t len = strlen (name);
  return strcmp (name, "localhost") == 0
         || (len > 10 && strcmp (name + len - 10, ".localhost") == 0);
}

static void
report_internal_name (const char *rest, const char *input,
                      struct cw_diags *diags)
{
  if (is_loopback_name (rest))
    cw_diag_add (diags, CW_WARNING, "san-internal", FIELD,
                 _("\"%s\" is the name every machine gives itself, so no "
                   "public certificate authority issues it and no client "
                   "reaches your server by it. Keep it only for a test "
                   "certificate (self-signed, or from your own "
                   "certificate authority); for the server, use its real "
                   "host name."), input);
  else if (!strchr (rest, '.'))
    cw_diag_add (diags, CW_WARNING, "san-internal", FIELD,
                 /* TRANSLATORS: both %s are a short server name such as
                    owa1; the example reads owa1.contoso.com.  */
                 _("\"%s\" is a short name without a domain. Public "
                   "certificate authorities refuse such names, since any "
                   "network can use them. Keep it only if your own "
                   "(private) certificate authority issues this "
                   "certificate; otherwise use the full name, such as "
                   "%s.contoso.com."), input, rest);
  else
    cw_diag_add (diags, CW_WARNING, "san-internal", FIELD,
                 _("\"%s\" is not under a public top-level domain such as "
                   ".com or .org (names under .local, .lan or .internal "
                   "only exist inside a network), so public certificate "
                   "authorities refuse it. Keep it only if your own "
                   "(private) certificate authority issues this "
                   "certificate; otherwise use the server's public "
                   "name."), input);
}

static void
explain_wildcard (const char *name, const char *rest,
                  struct cw_diags *diags)
{
  cw_diag_add (diags, CW_NOTE, "san-wildcard", FIELD,
               /* TRANSLATORS: the first %s is a wildcard name such as
                  *.contoso.com, the others its domain, contoso.com.  */
               _("\"%s\" covers the names one level below %s, such as "
                 "mail.%s, but neither %s itself nor names further down, "
                 "such as a.b.%s. Add %s as a name of its own if clients "
                 "use it too."), name, rest, rest, rest, rest, rest);
}

/* What was noticed on the way, said once the name is accepted.  */
struct dns_notes
{
  bool trailing_dot;
  bool converted;
  bool wildcard;
};

static void
report_dns_notes (const struct dns_notes *notes, const char *input,
                  const char *name, const char *rest,
                  struct cw_diags *diags)
{
  if (notes->trailing_dot)
    cw_diag_add (diags, CW_NOTE, "san-trailing-dot", FIELD,
                 _("The dot at the end of \"%s\" was removed: certificates "
                   "carry host names without it."), input);
  if (notes->converted)
    cw_diag_add (diags, CW_NOTE, "san-idna", FIELD,
                 _("\"%s\" was converted to \"%s\", the ASCII form "
                   "(A-label) that certificates carry for international "
                   "names. Check that it is the name you meant: some "
                   "letters of other scripts look like Latin ones."),
                 input, name);
  if (notes->wildcard)
    explain_wildcard (name, rest, diags);
  if (!cw_dns_is_public (rest))
    report_internal_name (rest, input, diags);
}

/* A single final dot is the DNS root, not a typo; more are reported as
   empty parts.  */
static char *
strip_trailing_dot (const char *input, bool *stripped)
{
  size_t len = strlen (input);
  *stripped = len > 1 && input[len - 1] == '.' && input[len - 2] != '.';
  return xstrndup (input, *stripped ? len - 1 : len);
}

/* REST is the A-label form without "*."; on success *NAME is the whole
   normalized name.  */
static bool
normalize_dns (const char *typed, const char *input, struct dns_notes *notes,
               char **name, struct cw_diags *diags)
{
  if (!check_wildcard_syntax (typed, input, &notes->wildcard, diags))
    return false;
  /* A lone "*" has nothing after it: the scope check refuses it.  */
  const char *typed_rest = !notes->wildcard ? typed
                           : typed[1] == '.' ? typed + 2 : typed + 1;
  if (!check_chars (typed_rest, input, diags))
    return false;
  notes->converted = !cw_is_ascii (typed_rest);
  char *rest = to_ascii (typed_rest, input, diags);
  if (!rest)
    return false;
  *name = notes->wildcard ? xasprintf ("*.%s", rest) : xstrdup (rest);
  bool ok = (!notes->wildcard || check_wildcard_scope (rest, input, diags))
            && check_dns_syntax (rest, *name, input, diags)
            && check_not_numeric (rest, input, diags);
  free (rest);
  if (!ok)
    {
      free (*name);
      *name = NULL;
    }
  return ok;
}

static bool
parse_dns (const char *input, struct cw_san *out, struct cw_diags *diags)
{
  struct dns_notes notes = { false, false, false };
  char *name = NULL;
  char *typed = strip_trailing_dot (input, &notes.trailing_dot);
  bool ok = normalize_dns (typed, input, &notes, &name, diags);
  free (typed);
  if (!ok)
    return false;
  const char *rest = notes.wildcard ? name + 2 : name;
  report_dns_notes (&notes, input, name, rest, diags);
  *out = (struct cw_san) { .type = CW_SAN_DNS, .name = name };
  return true;
}

/* ------------------------------------------------------------- API */

bool
cw_san_parse (const char *input, struct cw_san *out, struct cw_diags *diags)
{
  char *text = trim_blanks (input);
  bool ok = true;
  if (*text == '\0')
    {
      cw_diag_add (diags, CW_ERROR, "san-empty", FIELD,
                   _("An alternative name is empty. Enter a host name "
                     "such as mail.contoso.com or an IP address, or remove "
                     "the empty entry."));
      ok = false;
    }
  else if (!check_utf8 (text, diags)
           || !check_is_host_or_address (text, diags))
    ok = false;
  else if (parse_ip (text, out))
    {
      if (ip_is_internal (out))
        report_internal_ip (out, diags);
    }
  else
    ok = parse_dns (text, out, diags);
  free (text);
  return ok;
}

static bool
same_san (const struct cw_san *a, const struct cw_san *b)
{
  if (a->type != b->type)
    return false;
  if (a->type == CW_SAN_IP)
    return a->ip_len == b->ip_len && memcmp (a->ip, b->ip, a->ip_len) == 0;
  return ascii_equal_nocase (a->name, b->name);
}

static const struct cw_san *
list_find (const struct cw_san_list *list, const struct cw_san *san)
{
  for (size_t i = 0; i < list->count; i++)
    if (same_san (&list->items[i], san))
      return &list->items[i];
  return NULL;
}

bool
cw_san_list_contains (const struct cw_san_list *list,
                      const struct cw_san *san)
{
  return list_find (list, san) != NULL;
}

static void
list_append (struct cw_san_list *list, const struct cw_san *san)
{
  if (list->count == list->capacity)
    {
      list->capacity = list->capacity ? 2 * list->capacity : 8;
      list->items = xreallocarray (list->items, list->capacity,
                                   sizeof *list->items);
    }
  list->items[list->count++] = *san;
}

static void
report_duplicate (const char *input, const struct cw_san *same,
                  struct cw_diags *diags)
{
  char *text = trim_blanks (input);
  if (strcmp (text, same->name) == 0)
    cw_diag_add (diags, CW_NOTE, "san-duplicate", FIELD,
                 _("\"%s\" is already in the list, so it was added only "
                   "once."), text);
  else if (same->type == CW_SAN_IP)
    cw_diag_add (diags, CW_NOTE, "san-duplicate", FIELD,
                 _("\"%s\" is the same address as \"%s\", which is already "
                   "in the list, so it was added only once."),
                 text, same->name);
  else
    cw_diag_add (diags, CW_NOTE, "san-duplicate", FIELD,
                 _("\"%s\" is already in the list as \"%s\", so it was "
                   "added only once: host names do not depend on upper or "
                   "lower case, nor on a final dot."), text, same->name);
  free (text);
}

bool
cw_san_list_add (struct cw_san_list *list, const char *input,
                 struct cw_diags *diags)
{
  struct cw_diags found = CW_DIAGS_INIT;
  struct cw_san san;
  if (!cw_san_parse (input, &san, &found))
    {
      cw_diags_move (diags, &found);
      return false;
    }
  const struct cw_san *same = list_find (list, &san);
  if (same)
    {
      /* The first entry's notes and warnings already said it all.  */
      cw_diags_free (&found);
      report_duplicate (input, same, diags);
      cw_san_free (&san);
      return true;
    }
  list_append (list, &san);
  cw_diags_move (diags, &found);
  return true;
}

void
cw_san_list_check_limit (const struct cw_san_list *list, unsigned max,
                         struct cw_diags *diags)
{
  if (max == 0 || list->count <= max)
    return;
  size_t excess = list->count - max;
  cw_diag_add (diags, CW_ERROR, "san-too-many", FIELD,
               /* TRANSLATORS: how many names there are, the certificate
                  authority's limit, and how many to remove (which
                  chooses the plural form).  */
               ngettext ("The certificate would carry %zu host names and "
                         "addresses, but the certificate authority accepts "
                         "at most %u. Remove %zu name, or ask for a second "
                         "certificate for the rest.",
                         "The certificate would carry %zu host names and "
                         "addresses, but the certificate authority accepts "
                         "at most %u. Remove %zu names, or ask for a second "
                         "certificate for the rest.",
                         excess),
               list->count, max, excess);
}

void
cw_san_free (struct cw_san *san)
{
  free (san->name);
  san->name = NULL;
}

void
cw_san_list_free (struct cw_san_list *list)
{
  for (size_t i = 0; i < list->count; i++)
    cw_san_free (&list->items[i]);
  free (list->items);
  *list = (struct cw_san_list) CW_SAN_LIST_INIT;
}
