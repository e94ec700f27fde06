/* The rules for one subject value (cw_rdn_check_value in subject.h).
   The wizard runs them on a form field at every keystroke and the parser
   on every value it reads, so both apply exactly the same rules. */
#include <config.h>

#include "names/subject.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "names/country.h"
#include "names/dnsname.h"
#include "base/i18n.h"
#include "base/unicode.h"
#include "base/xalloc.h"

/* Joins two translated sentences into one message; frees both. */
static char *
join_sentences (char *first, char *second)
{
  /* TRANSLATORS: how a sentence follows another one in a message. */
  char *joined = xasprintf (_("%s %s"), first, second);
  free (first);
  free (second);
  return joined;
}

/* ---------------------------------------------------------- characters */

static bool
is_control (uint32_t c)
{
  return c < 0x20 || (c >= 0x7F && c < 0xA0);
}

/* Reports bytes that are not UTF-8 and control characters; returns false
   then, since the other rules cannot read such a value. */
static bool
check_characters (const struct cw_attr_info *info, const char *value,
                  struct cw_diags *diags)
{
  if (!cw_utf8_valid (value, strlen (value)))
    {
      cw_diag_add (diags, CW_ERROR, "invalid-utf8", info->name,
                   _("The value of %s (%s) is not valid UTF-8 text. Check "
                     "that your terminal or file uses UTF-8, then type the "
                     "value again."), info->name, _(info->label));
      return false;
    }
  for (const char *p = value; *p;)
    {
      uint32_t c;
      p += cw_utf8_decode (p, &c);
      if (!is_control (c))
        continue;
      char *described = cw_unicode_describe (c);
      cw_diag_add (diags, CW_ERROR, "control-char", info->name,
                   /* TRANSLATORS: the last %s is a character code such
                      as "U+0009". */
                   _("The value of %s (%s) contains the control character "
                     "%s, which a certificate name cannot hold. Remove it."),
                   info->name, _(info->label), described);
      free (described);
      return false;
    }
  return true;
}

static void
check_length (const struct cw_attr_info *info, const char *value,
              struct cw_diags *diags)
{
  /* C and DC have rules of their own; codes are spelled out since they
     are stable identifiers. */
  static const char *const codes[CW_ATTR_COUNT] = {
    [CW_ATTR_ST] = "st-too-long", [CW_ATTR_L] = "l-too-long",
    [CW_ATTR_O] = "o-too-long", [CW_ATTR_OU] = "ou-too-long",
    [CW_ATTR_CN] = "cn-too-long",
  };
  size_t chars = cw_utf8_chars (value);
  if (!codes[info->attr] || chars <= info->max_chars)
    return;
  if (info->attr == CW_ATTR_CN)
    cw_diag_add (diags, CW_ERROR, codes[info->attr], info->name,
                 ngettext ("The common name is %zu character long; the limit "
                           "is %u. Use a shorter common name and put the full "
                           "host name in the subject alternative names.",
                           "The common name is %zu characters long; the limit "
                           "is %u. Use a shorter common name and put the full "
                           "host name in the subject alternative names.",
                           chars), chars, info->max_chars);
  else
    cw_diag_add (diags, CW_ERROR, codes[info->attr], info->name,
                 /* TRANSLATORS: an attribute such as "O", its name such
                    as "Organization", a count of characters, a limit. */
                 ngettext ("The value of %s (%s) is %zu character long; the "
                           "limit is %u. Shorten it, for example with "
                           "abbreviations.",
                           "The value of %s (%s) is %zu characters long; the "
                           "limit is %u. Shorten it, for example with "
                           "abbreviations.", chars),
                 info->name, _(info->label), chars, info->max_chars);
}

/* ------------------------------------------------------------- country */

static void
report_bad_country (const char *value, struct cw_diags *diags)
{
  const struct cw_country *country;
  if ((country = cw_country_by_alpha3 (value)))
    cw_diag_add (diags, CW_ERROR, "c-not-iso3166", "C",
                 _("\"%s\" is a three-letter country code, but certificates "
                   "use the two-letter ISO 3166-1 code. Use \"%s\" (%s)."),
                 value, country->alpha2, cw_country_name (country));
  else if ((country = cw_country_by_alias (value)))
    cw_diag_add (diags, CW_ERROR, "c-not-iso3166", "C",
                 _("\"%s\" is not an ISO 3166-1 country code. Use \"%s\" "
                   "(%s) instead."),
                 value, country->alpha2, cw_country_name (country));
  else if ((country = cw_country_by_name (value)))
    cw_diag_add (diags, CW_ERROR, "c-not-iso3166", "C",
                 _("The country is written as its two-letter ISO 3166-1 "
                   "code, not its name. Use \"%s\" for %s."),
                 country->alpha2, cw_country_name (country));
  else
    cw_diag_add (diags, CW_ERROR, "c-not-iso3166", "C",
                 _("\"%s\" is not an assigned ISO 3166-1 country code. Use "
                   "the two-letter ISO 3166-1 code of the country, for "
                   "example \"US\", \"GB\" or \"DE\"."), value);
}

static void
check_country (const char *value, struct cw_diags *diags)
{
  const struct cw_country *country
    = strlen (value) == 2 ? cw_country_by_alpha2 (value) : NULL;
  if (!country)
    report_bad_country (value, diags);
  else if (strcmp (value, country->alpha2) != 0)
    cw_diag_add (diags, CW_NOTE, "c-uppercased", "C",
                 _("The country code \"%s\" will be written in capitals, "
                   "as \"%s\". No action is needed."),
                 value, country->alpha2);
}

/* --------------------------------------------------------- host names */

static bool
is_not_host_char (uint32_t c)
{
  return !((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')
           || (c >= '0' && c <= '9') || c == '-' || c == '.');
}

/* Every character of NAME that a host name cannot hold, a leading "*."
   wildcard aside; NULL when there is only one, which the caller names
   with its position. */
static char *
bad_host_chars (const char *name)
{
  const char *rest = strncmp (name, "*.", 2) == 0 ? name + 2 : name;
  char *list = cw_unicode_list (rest, is_not_host_char, 64);
  if (!strchr (list, ','))
    {
      free (list);
      return NULL;
    }
  return list;
}

/* A sentence saying what is wrong with NAME; BAD is the byte offset of
   the problem. */
static char *
dns_problem_sentence (enum cw_dns_problem problem, const char *name,
                      size_t bad)
{
  char *several;
  switch (problem)
    {
    case CW_DNS_BAD_CHAR:
      several = bad_host_chars (name);
      if (several)
        {
          /* TRANSLATORS: %s lists characters, such as "_", "!". */
          char *sentence = xasprintf (_("It contains %s, which are not "
                                        "letters, digits or hyphens."),
                                      several);
          free (several);
          return sentence;
        }
      if (name[bad] == ' ')
        return xasprintf (_("It contains a space at position %zu."),
                          bad + 1);
      return xasprintf (_("It contains \"%c\" at position %zu, which is "
                          "not a letter, a digit or a hyphen."),
                        name[bad], bad + 1);
    case CW_DNS_LABEL_TOO_LONG:
      return xstrdup (_("It has a label (a part between dots) longer than "
                        "63 characters."));
    case CW_DNS_LABEL_HYPHEN:
      return xstrdup (_("It has a label (a part between dots) that starts "
                        "or ends with a hyphen."));
    case CW_DNS_EMPTY_LABEL:
      return xstrdup (_("It has two dots in a row or a dot at the start."));
    case CW_DNS_TOO_LONG:
      return xstrdup (_("It is longer than 253 characters."));
    case CW_DNS_EMPTY:
    case CW_DNS_OK:
      break;
    }
  return xstrdup (_("It is empty."));
}

/* Checks NAME as a host name a TLS client can match: a leading "*."
   wildcard and a trailing dot are accepted.  BAD may be NULL. */
static enum cw_dns_problem
check_host (const char *name, size_t *bad)
{
  size_t ignored;
  if (!bad)
    bad = &ignored;
  size_t skip = strncmp (name, "*.", 2) == 0 ? 2 : 0;
  size_t len = strlen (name + skip);
  if (len > 1 && name[skip + len - 1] == '.')
    len--;
  char *host = xstrndup (name + skip, len);
  enum cw_dns_problem problem = cw_dns_check_name (host, bad);
  *bad += skip;
  free (host);
  return problem;
}

/* True when NAME would be a host name if its characters outside ASCII
   were letters.  IDNA mapping silently drops some characters, spaces
   among them, so its result alone does not tell. */
static bool
shaped_like_host (const char *name)
{
  char *shape = xmalloc (strlen (name) + 1);
  char *o = shape;
  for (const char *p = name; *p;)
    {
      uint32_t c;
      p += cw_utf8_decode (p, &c);
      *o++ = c < 0x80 ? (char) c : 'a';
    }
  *o = '\0';
  bool shaped = check_host (shape, NULL) == CW_DNS_OK;
  free (shape);
  return shaped;
}

/* The A-label form of Unicode host NAME ("xn--..."), or NULL when it
   has none that is a valid host name. */
static char *
idna_host (const char *name)
{
  if (!shaped_like_host (name))
    return NULL;
  bool wildcard = strncmp (name, "*.", 2) == 0;
  char *alabel = cw_idna_to_ascii (name + (wildcard ? 2 : 0));
  if (alabel && check_host (alabel, NULL) != CW_DNS_OK)
    {
      free (alabel);
      return NULL;
    }
  if (alabel && wildcard)
    {
      char *with_wildcard = xasprintf ("*.%s", alabel);
      free (alabel);
      return with_wildcard;
    }
  return alabel;
}

/* ----------------------------------------------------- domain component */

/* "DC=contoso, DC=com" for "contoso.com". */
static char *
split_domain (const char *value)
{
  char *out = xmalloc (5 * strlen (value) + 1);
  char *o = out;
  for (const char *p = value; *p;)
    {
      size_t n = strcspn (p, ".");
      if (n > 0)
        o += sprintf (o, "%sDC=%.*s", o == out ? "" : ", ", (int) n, p);
      p += n + (p[n] == '.');
    }
  *o = '\0';
  return out;
}

static void
report_dc_non_ascii (const char *value, struct cw_diags *diags)
{
  char *message = xasprintf (_("The domain component \"%s\" contains "
                               "characters outside ASCII, which a domain "
                               "component cannot hold."), value);
  char *alabel = strchr (value, '.') ? NULL : idna_host (value);
  if (alabel)
    message = join_sentences (message,
                              xasprintf (_("Write it in its ASCII form, "
                                           "\"%s\"."), alabel));
  else
    message = join_sentences (message,
                              xstrdup (_("Use only ASCII letters, digits "
                                         "and hyphens.")));
  cw_diag_add (diags, CW_ERROR, "dc-not-label", "DC", "%s", message);
  free (alabel);
  free (message);
}

static void
check_dc (const char *value, struct cw_diags *diags)
{
  if (!cw_is_ascii (value))
    {
      report_dc_non_ascii (value, diags);
      return;
    }
  if (strchr (value, '.') && value[strspn (value, ".")] != '\0')
    {
      char *split = split_domain (value);
      cw_diag_add (diags, CW_ERROR, "dc-has-dot", "DC",
                   _("The domain component \"%s\" contains a dot, but each "
                     "domain component holds a single label of the domain "
                     "name. Write it as \"%s\"."), value, split);
      free (split);
      return;
    }
  size_t bad;
  enum cw_dns_problem problem
    = cw_dns_check_label (value, strlen (value), &bad);
  if (problem == CW_DNS_OK)
    return;
  char *message = xasprintf (_("The domain component \"%s\" is not a "
                               "valid DNS label."), value);
  /* The other problems are plain from the advice below; the wording of
     dns_problem_sentence speaks of dots, which a label has none of. */
  if (problem == CW_DNS_BAD_CHAR)
    message = join_sentences (message,
                              dns_problem_sentence (problem, value, bad));
  message = join_sentences (message,
                            xstrdup (_("Use only letters, digits and "
                                       "hyphens, at most 63 of them, with "
                                       "no hyphen at the start or the "
                                       "end.")));
  cw_diag_add (diags, CW_ERROR, "dc-not-label", "DC", "%s", message);
  free (message);
}

/* --------------------------------------------------------- common name */

static bool
is_non_ascii (uint32_t c)
{
  return c >= 0x80;
}

/* "U+00EF LATIN SMALL LETTER I WITH DIAERESIS, ..." for each distinct
   character of VALUE outside ASCII: all of them for any CN within the
   limit of 64 characters. */
static char *
describe_non_ascii (const char *value)
{
  return cw_unicode_list (value, is_non_ascii, 64);
}

static void
report_cn_non_ascii (const char *value, struct cw_diags *diags)
{
  char *chars = describe_non_ascii (value);
  char *message = xasprintf (_("The common name \"%s\" contains characters "
                               "outside ASCII (%s), so TLS clients will not "
                               "treat it as a host name."), value, chars);
  char *lookalike = cw_ascii_lookalike (value);
  char *alabel = idna_host (value);
  if (lookalike)
    message = join_sentences (message, xasprintf (
      _("It can easily be mistaken for \"%s\"; if that is the name you "
        "meant, type it again with plain ASCII letters."), lookalike));
  if (alabel)
    message = join_sentences (message, xasprintf (
      _("If it is an internationalized domain name, certwiz writes it in "
        "the request as its ASCII form, \"%s\", since public certificate "
        "authorities refuse a common name in Unicode."), alabel));
  if (!lookalike && !alabel)
    message = join_sentences (message, xstrdup (
      _("Use a host name made of ASCII letters, digits, hyphens and dots.")));
  cw_diag_add (diags, CW_WARNING, "cn-non-ascii", "CN", "%s", message);
  free (chars);
  free (lookalike);
  free (alabel);
  free (message);
}

static void
check_cn (const char *value, struct cw_diags *diags)
{
  if (!cw_is_ascii (value))
    {
      report_cn_non_ascii (value, diags);
      return;
    }
  size_t bad;
  enum cw_dns_problem problem = check_host (value, &bad);
  if (problem == CW_DNS_OK)
    return;
  char *message
    = join_sentences (xasprintf (_("The common name \"%s\" is not a valid "
                                   "host name."), value),
                      dns_problem_sentence (problem, value, bad));
  message = join_sentences (message, xstrdup (
    _("TLS clients compare the common name with the host name they connect "
      "to, so they will not match this one. Use the server's host name, "
      "such as \"mail1.contoso.com\".")));
  cw_diag_add (diags, CW_WARNING, "cn-not-dns", "CN", "%s", message);
  free (message);
}

/* -------------------------------------------------------------- entry */

void
cw_rdn_check_value (enum cw_attr attr, const char *value,
                    struct cw_diags *diags)
{
  const struct cw_attr_info *info = cw_attr_info (attr);
  /* An empty form field leaves the attribute out; the parser reports an
     empty value in the subject text itself. */
  if (!info || !value || value[0] == '\0')
    return;
  if (!check_characters (info, value, diags))
    return;
  check_length (info, value, diags);
  switch (attr)
    {
    case CW_ATTR_C:
      check_country (value, diags);
      break;
    case CW_ATTR_DC:
      check_dc (value, diags);
      break;
    case CW_ATTR_CN:
      check_cn (value, diags);
      break;
    default:
      break;
    }
}
