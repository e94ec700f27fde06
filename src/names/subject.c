#include <config.h>

#include "names/subject.h"

#include <stdlib.h>
#include <string.h>

#include "base/i18n.h"
#include "base/unicode.h"
#include "base/xalloc.h"

/* ------------------------------------------------------------ helpers */

static bool
is_blank (char c)
{
  return c == ' ' || c == '\t';
}

static bool
is_ascii_letter (char c)
{
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

static int
hex_digit (char c)
{
  if (c >= '0' && c <= '9')
    return c - '0';
  if (c >= 'a' && c <= 'f')
    return c - 'a' + 10;
  if (c >= 'A' && c <= 'F')
    return c - 'A' + 10;
  return -1;
}

/* A copy of the LEN bytes at S fit to quote in a message: control
   characters show as "?", and so does every non-ASCII byte when they are
   not valid UTF-8. */
static char *
printable_copy (const char *s, size_t len)
{
  char *copy = xstrndup (s, len);
  bool valid = cw_utf8_valid (copy, strlen (copy));
  for (char *c = copy; *c; c++)
    {
      unsigned char byte = (unsigned char) *c;
      if (byte < 0x20 || byte == 0x7F || (byte >= 0x80 && !valid))
        *c = '?';
    }
  return copy;
}

/* When P is at blanks followed by a known attribute name and "=", as in
   "US o=contoso corp" at the blank after "US", returns where the name
   starts; otherwise NULL.  Exchange users often forget a comma, and an
   unescaped " NAME=" inside a value is far more likely a typo than a
   value. */
static const char *
attribute_after_blanks (const char *p)
{
  if (!is_blank (*p))
    return NULL;
  while (is_blank (*p))
    p++;
  const char *name = p;
  while (is_ascii_letter (*p))
    p++;
  if (*p != '=' || p == name || !cw_attr_lookup (name, (size_t) (p - name)))
    return NULL;
  return name;
}

/* ------------------------------------------------------------ parsing */

struct parser
{
  const char *p;            /* the next character of the text */
  char *buf;                /* the value being read, unescaped */
  size_t len;               /* bytes in BUF */
  size_t kept;              /* bytes of BUF that trimming must keep, up to
                               the last escaped or quoted one */
  bool bad;                 /* the value itself cannot be read */
  enum cw_attr highest;     /* the last in written order read so far */
  bool reordered;
  struct cw_subject *out;
  struct cw_diags *diags;
};

static void
report_bad_escape (struct parser *ps, const char *backslash)
{
  const char *end = backslash + 1;
  if (*end)
    for (end++; (*end & 0xC0) == 0x80; end++)
      continue;
  char *seq = printable_copy (backslash, (size_t) (end - backslash));
  cw_diag_add (ps->diags, CW_ERROR, "bad-escape", "subject",
               /* TRANSLATORS: %s is what the user typed, such as "\q".
                  The characters listed are literal; keep them. */
               _("\"%s\" is not a valid escape. After a backslash, write "
                 "one of , + \" \\ < > ; = # or a space, or two hexadecimal "
                 "digits such as \\C3\\A9; to write a backslash itself, "
                 "type \\\\."), seq);
  free (seq);
  ps->bad = true;
  ps->p = end;
}

/* Reads the escape at PS->p (a backslash) into the value. */
static void
read_escape (struct parser *ps)
{
  const char *e = ps->p + 1;
  if (*e && strchr (",+\"\\<>;=# ", *e))
    {
      ps->buf[ps->len++] = *e;
      ps->p = e + 1;
    }
  else if (hex_digit (e[0]) >= 0 && hex_digit (e[1]) >= 0)
    {
      char byte = (char) (hex_digit (e[0]) * 16 + hex_digit (e[1]));
      ps->p = e + 2;
      /* A NUL would cut the value short, so it is refused here rather
         than by the character rules. */
      if (byte == '\0')
        {
          cw_diag_add (ps->diags, CW_ERROR, "control-char", "subject",
                       _("The subject contains \\00, the control character "
                         "U+0000, which a certificate name cannot hold. "
                         "Remove it."));
          ps->bad = true;
          return;
        }
      ps->buf[ps->len++] = byte;
    }
  else
    {
      report_bad_escape (ps, ps->p);
      return;
    }
  ps->kept = ps->len;
}

/* Reads an unquoted value up to the next comma; returns the attribute
   name that starts after a missing comma, or NULL. */
static const char *
read_plain_value (struct parser *ps)
{
  while (*ps->p && *ps->p != ',')
    {
      const char *next = attribute_after_blanks (ps->p);
      if (next)
        return next;
      if (*ps->p == '\\')
        read_escape (ps);
      else
        ps->buf[ps->len++] = *ps->p++;
    }
  return NULL;
}

static void
skip_after_quote (struct parser *ps)
{
  while (is_blank (*ps->p))
    ps->p++;
  if (*ps->p == '\0' || *ps->p == ',')
    return;
  size_t n = strcspn (ps->p, ",");
  char *rest = printable_copy (ps->p, n);
  cw_diag_add (ps->diags, CW_ERROR, "text-after-quote", "subject",
               _("The text \"%s\" follows a closing double quote. Put the "
                 "whole value inside the quotes, or write a double quote "
                 "that belongs to the value as \\\"."), rest);
  free (rest);
  ps->bad = true;
  ps->p += n;
}

/* Reads a value in double quotes, where commas are plain characters. */
static const char *
read_quoted_value (struct parser *ps)
{
  ps->p++;
  while (*ps->p && *ps->p != '"')
    {
      if (*ps->p == '\\')
        read_escape (ps);
      else
        ps->buf[ps->len++] = *ps->p++;
    }
  ps->kept = ps->len;
  if (*ps->p == '\0')
    {
      cw_diag_add (ps->diags, CW_ERROR, "unterminated-quote", "subject",
                   _("A value starts with a double quote but has no closing "
                     "one. Add a double quote at the end of the value, or "
                     "write a double quote that belongs to the value as "
                     "\\\"."));
      ps->bad = true;
      return NULL;
    }
  ps->p++;
  const char *next = attribute_after_blanks (ps->p);
  if (!next)
    skip_after_quote (ps);
  return next;
}

static void
report_missing_comma (struct parser *ps, const char *name)
{
  size_t name_len = strcspn (name, "=");
  char *attr = printable_copy (name, name_len);
  char *value = printable_copy (ps->buf, ps->len);
  cw_diag_add (ps->diags, CW_ERROR, "missing-comma", "subject",
               /* TRANSLATORS: the first %s is an attribute name such as
                  "o", the others the value typed before it. */
               _("A comma seems to be missing before \"%s=\": as typed, it "
                 "would become part of the value \"%s\". Put a comma after "
                 "\"%s\". If the equals sign belongs to the value, write it "
                 "as \\=."), attr, value, value);
  free (attr);
  free (value);
}

/* Reads the value after "=", unescaped and trimmed, into PS->buf. */
static void
read_value (struct parser *ps)
{
  ps->len = ps->kept = 0;
  ps->bad = false;
  while (is_blank (*ps->p))
    ps->p++;
  const char *next = *ps->p == '"' ? read_quoted_value (ps)
                                   : read_plain_value (ps);
  while (ps->len > ps->kept && is_blank (ps->buf[ps->len - 1]))
    ps->len--;
  ps->buf[ps->len] = '\0';
  if (next)
    report_missing_comma (ps, next);
}

static void
report_no_equals (struct parser *ps, const char *start, size_t len)
{
  while (len > 0 && is_blank (start[len - 1]))
    len--;
  if (len == 0)
    {
      cw_diag_add (ps->diags, CW_ERROR, "empty-component", "subject",
                   _("The subject has an empty part: two commas in a row, "
                     "or a comma at the start or the end. Remove the extra "
                     "comma."));
      return;
    }
  char *part = printable_copy (start, len);
  cw_diag_add (ps->diags, CW_ERROR, "missing-equals", "subject",
               _("The part \"%s\" has no equals sign. Write each part as "
                 "ATTRIBUTE=value, for example O=Contoso Corp. If \"%s\" "
                 "belongs to the value before it, write the comma in front "
                 "of it as \\, or put that value in double quotes."),
               part, part);
  free (part);
}

static void
report_unknown (struct parser *ps, const char *name, size_t len)
{
  while (len > 0 && is_blank (name[len - 1]))
    len--;
  if (len == 0)
    {
      cw_diag_add (ps->diags, CW_ERROR, "unknown-attribute", "subject",
                   _("A part of the subject has no attribute name before "
                     "\"=\". Write each part as ATTRIBUTE=value, with one "
                     "of these attributes: %s."), cw_attr_known_list ());
      return;
    }
  char *shown = printable_copy (name, len);
  cw_diag_add (ps->diags, CW_ERROR, "unknown-attribute", "subject",
               _("The attribute \"%s\" is not known. Use one of these "
                 "attributes: %s."), shown, cw_attr_known_list ());
  free (shown);
}

static void
take_value (struct parser *ps, const struct cw_attr_info *info)
{
  if (ps->len == 0)
    {
      cw_diag_add (ps->diags, CW_ERROR, "empty-value", info->name,
                   /* TRANSLATORS: the first %s is an attribute such as
                      "O", the second its name, such as "Organization". */
                   _("%s (%s) has an empty value. Type a value after "
                     "\"%s=\", or leave the attribute out."),
                   info->name, _(info->label), info->name);
      return;
    }
  cw_rdn_check_value (info->attr, ps->buf, ps->diags);
  cw_subject_add (ps->out, info->attr, ps->buf);
  if (info->attr < ps->highest)
    ps->reordered = true;
  else
    ps->highest = info->attr;
}

/* Reads one ATTR=value part, leaving PS->p at the comma after it, at the
   end of the text, or where a missing comma belongs. */
static void
read_component (struct parser *ps)
{
  while (is_blank (*ps->p))
    ps->p++;
  const char *start = ps->p;
  size_t n = strcspn (start, "=,");
  if (start[n] != '=')
    {
      report_no_equals (ps, start, n);
      ps->p = start + n;
      return;
    }
  size_t name_len = n;
  while (name_len > 0 && is_blank (start[name_len - 1]))
    name_len--;
  const struct cw_attr_info *info = cw_attr_lookup (start, name_len);
  if (!info)
    report_unknown (ps, start, name_len);
  ps->p = start + n + 1;
  read_value (ps);
  if (info && !ps->bad)
    take_value (ps, info);
}

static void
note_order (const struct cw_subject *subject, struct cw_diags *diags)
{
  char *formatted = cw_subject_format (subject);
  char *shown = printable_copy (formatted, strlen (formatted));
  cw_diag_add (diags, CW_NOTE, "order-changed", "subject",
               _("The attributes will be written in the usual order, which "
                 "differs from the order typed: \"%s\". No action is "
                 "needed."), shown);
  free (shown);
  free (formatted);
}

static bool
report_empty (struct cw_diags *diags)
{
  cw_diag_add (diags, CW_ERROR, "subject-empty", "subject",
               _("The subject is empty. Type at least a common name, "
                 "for example CN=mail1.contoso.com."));
  return false;
}

bool
cw_subject_parse (const char *text, struct cw_subject *out,
                  struct cw_diags *diags)
{
  size_t errors_before = cw_diags_count (diags, CW_ERROR);
  if (!text || text[strspn (text, " \t")] == '\0')
    return report_empty (diags);
  /* Unescaping never makes a value longer than the text. */
  struct parser ps = { .p = text, .buf = xmalloc (strlen (text) + 1),
                       .highest = CW_ATTR_C, .out = out, .diags = diags };
  for (;;)
    {
      read_component (&ps);
      if (*ps.p == '\0')
        break;
      if (*ps.p == ',')
        ps.p++;
    }
  free (ps.buf);
  cw_subject_check (out, diags);
  if (ps.reordered)
    note_order (out, diags);
  return cw_diags_count (diags, CW_ERROR) == errors_before;
}

bool
cw_subject_from_pairs (const struct cw_subject_pair *pairs, size_t count,
                       struct cw_subject *out, struct cw_diags *diags)
{
  size_t errors_before = cw_diags_count (diags, CW_ERROR);
  if (count == 0)
    return report_empty (diags);
  struct parser ps = { .highest = CW_ATTR_C, .out = out, .diags = diags };
  for (size_t i = 0; i < count; i++)
    {
      /* A value is trimmed as the parser trims an unquoted one. */
      const char *value = pairs[i].value ? pairs[i].value : "";
      while (is_blank (*value))
        value++;
      size_t len = strlen (value);
      while (len > 0 && is_blank (value[len - 1]))
        len--;
      ps.buf = xstrndup (value, len);
      ps.len = len;
      take_value (&ps, cw_attr_info (pairs[i].attr));
      free (ps.buf);
    }
  cw_subject_check (out, diags);
  if (ps.reordered)
    note_order (out, diags);
  return cw_diags_count (diags, CW_ERROR) == errors_before;
}

/* ------------------------------------------------------ subject rules */

static void
check_repeats (const size_t counts[CW_ATTR_COUNT], struct cw_diags *diags)
{
  /* Codes are stable identifiers, so each is spelled out. */
  static const char *const codes[CW_ATTR_COUNT] = {
    [CW_ATTR_C] = "c-repeated", [CW_ATTR_ST] = "st-repeated",
    [CW_ATTR_L] = "l-repeated", [CW_ATTR_O] = "o-repeated",
  };
  for (size_t a = 0; a < CW_ATTR_COUNT; a++)
    {
      const struct cw_attr_info *info = cw_attr_info (a);
      if (info->many || !codes[a] || counts[a] <= 1)
        continue;
      cw_diag_add (diags, CW_ERROR, codes[a], info->name,
                   /* TRANSLATORS: %zu is a count, then an attribute such
                      as "O" and its name, such as "Organization". */
                   ngettext ("The subject has %zu values for %s (%s); only "
                             "one is allowed. Keep one and remove the "
                             "others.",
                             "The subject has %zu values for %s (%s); only "
                             "one is allowed. Keep one and remove the "
                             "others.", counts[a]),
                   counts[a], info->name, _(info->label));
    }
}

static void
check_dc_total (const struct cw_subject *subject, struct cw_diags *diags)
{
  const struct cw_attr_info *info = cw_attr_info (CW_ATTR_DC);
  size_t chars = 0;
  for (size_t i = 0; i < subject->count; i++)
    if (subject->rdns[i].attr == CW_ATTR_DC)
      chars += cw_utf8_chars (subject->rdns[i].value);
  if (chars <= info->max_chars)
    return;
  cw_diag_add (diags, CW_ERROR, "dc-too-long", info->name,
               ngettext ("The domain components (DC) are %zu character long "
                         "together; the limit for all of them together is "
                         "%u. Use fewer or shorter domain components.",
                         "The domain components (DC) are %zu characters long "
                         "together; the limit for all of them together is "
                         "%u. Use fewer or shorter domain components.",
                         chars), chars, info->max_chars);
}

static void
check_cn_count (size_t count, struct cw_diags *diags)
{
  if (count == 0)
    cw_diag_add (diags, CW_WARNING, "cn-missing", "CN",
                 _("The subject has no common name (CN). Certificate "
                   "authorities and many programs expect one: add the "
                   "server's main host name, for example "
                   "CN=mail1.contoso.com."));
  else if (count > 1)
    cw_diag_add (diags, CW_WARNING, "cn-multiple", "CN",
                 ngettext ("The subject has %zu common name (CN). Some "
                           "programs read only one of them, so several can "
                           "cause interoperability problems. Keep one "
                           "common name and put the other host names in the "
                           "subject alternative names.",
                           "The subject has %zu common names (CN). Some "
                           "programs read only one of them, so several can "
                           "cause interoperability problems. Keep one "
                           "common name and put the other host names in the "
                           "subject alternative names.", count), count);
}

void
cw_subject_check (const struct cw_subject *subject, struct cw_diags *diags)
{
  size_t counts[CW_ATTR_COUNT] = { 0 };
  for (size_t i = 0; i < subject->count; i++)
    counts[subject->rdns[i].attr]++;
  check_repeats (counts, diags);
  if (counts[CW_ATTR_C] > 0 && counts[CW_ATTR_DC] > 0)
    cw_diag_add (diags, CW_WARNING, "c-with-dc", "C",
                 _("The subject has both a country (C) and domain "
                   "components (DC); by convention a subject uses one or "
                   "the other. Keep the one your certificate authority "
                   "asks for and remove the other."));
  check_dc_total (subject, diags);
  check_cn_count (counts[CW_ATTR_CN], diags);
}

/* ----------------------------------------------------------- building */

void
cw_subject_add (struct cw_subject *subject, enum cw_attr attr,
                const char *value)
{
  if (subject->count == subject->capacity)
    {
      subject->capacity = subject->capacity ? 2 * subject->capacity : 8;
      subject->rdns = xreallocarray (subject->rdns, subject->capacity,
                                     sizeof *subject->rdns);
    }
  /* After every attribute that is written before it or is the same, so
     repeated attributes keep the order they were given in. */
  size_t at = subject->count;
  while (at > 0 && subject->rdns[at - 1].attr > attr)
    at--;
  memmove (&subject->rdns[at + 1], &subject->rdns[at],
           (subject->count - at) * sizeof *subject->rdns);
  char *copy = xstrdup (value);
  if (attr == CW_ATTR_C)
    for (char *c = copy; *c; c++)
      if (*c >= 'a' && *c <= 'z')
        *c = (char) (*c - 'a' + 'A');
  subject->rdns[at] = (struct cw_rdn) { attr, copy };
  subject->count++;
}

void
cw_subject_set_cn (struct cw_subject *subject, const char *value)
{
  for (size_t i = 0; i < subject->count; i++)
    if (subject->rdns[i].attr == CW_ATTR_CN)
      {
        char *copy = xstrdup (value);
        free (subject->rdns[i].value);
        subject->rdns[i].value = copy;
        return;
      }
}

const char *
cw_subject_cn (const struct cw_subject *subject)
{
  for (size_t i = 0; i < subject->count; i++)
    if (subject->rdns[i].attr == CW_ATTR_CN)
      return subject->rdns[i].value;
  return NULL;
}

/* Writes VALUE at O with RFC 4514 escapes; returns the new end.  An "="
   that would read back as a missing comma is escaped too. */
static char *
write_value (char *o, const char *value)
{
  size_t len = strlen (value);
  const char *escaped_equals = NULL;
  for (size_t i = 0; i < len; i++)
    {
      char c = value[i];
      const char *name = attribute_after_blanks (value + i);
      if (name)
        escaped_equals = strchr (name, '=');
      if (strchr (",+\"\\<>;", c) || value + i == escaped_equals
          || (i == 0 && (c == '#' || c == ' '))
          || (i == len - 1 && c == ' '))
        *o++ = '\\';
      *o++ = c;
    }
  return o;
}

char *
cw_dn_escape (const char *value)
{
  char *text = xmalloc (2 * strlen (value) + 1);
  *write_value (text, value) = '\0';
  return text;
}

char *
cw_subject_format (const struct cw_subject *subject)
{
  size_t size = 1;
  for (size_t i = 0; i < subject->count; i++)
    size += 2 + strlen (cw_attr_info (subject->rdns[i].attr)->name) + 1
            + 2 * strlen (subject->rdns[i].value);
  char *text = xmalloc (size);
  char *o = text;
  for (size_t i = 0; i < subject->count; i++)
    {
      const char *name = cw_attr_info (subject->rdns[i].attr)->name;
      if (i > 0)
        o = stpcpy (o, ", ");
      o = stpcpy (o, name);
      *o++ = '=';
      o = write_value (o, subject->rdns[i].value);
    }
  *o = '\0';
  return text;
}

void
cw_subject_free (struct cw_subject *subject)
{
  for (size_t i = 0; i < subject->count; i++)
    free (subject->rdns[i].value);
  free (subject->rdns);
  *subject = (struct cw_subject) CW_SUBJECT_INIT;
}
