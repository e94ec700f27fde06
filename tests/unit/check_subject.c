/* Unit tests of the subject: the Exchange syntax, the rules of the RDN
   table, the order the subject is written in, and the design documents'
   own examples. */
#include <config.h>

#include <check.h>
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/diag.h"
#include "names/country.h"
#include "names/subject.h"
#include "unit.h"

/* The fixture: every test parses into these and they are freed after. */
static struct cw_diags diags;
static struct cw_subject subject;

static void
setup (void)
{
  diags = (struct cw_diags) CW_DIAGS_INIT;
  subject = (struct cw_subject) CW_SUBJECT_INIT;
}

static void
teardown (void)
{
  cw_diags_free (&diags);
  cw_subject_free (&subject);
}

/* "code,code,..." of the diagnostics, for failure messages. */
static const char *
codes (void)
{
  static char text[2048];
  text[0] = '\0';
  for (size_t i = 0; i < diags.count; i++)
    {
      strncat (text, diags.items[i].code, sizeof text - strlen (text) - 2);
      strncat (text, ",", sizeof text - strlen (text) - 1);
    }
  return text;
}

static size_t
count_code (const char *code)
{
  size_t n = 0;
  for (size_t i = 0; i < diags.count; i++)
    n += strcmp (diags.items[i].code, code) == 0;
  return n;
}

/* Parses TEXT into a fresh subject; diagnostics accumulate. */
static bool
parse (const char *text)
{
  cw_subject_free (&subject);
  return cw_subject_parse (text, &subject, &diags);
}

static void
check_value (enum cw_attr attr, const char *value)
{
  cw_rdn_check_value (attr, value, &diags);
}

/* Macros, so that a failure names the line of the test. */
#define assert_diag(code, sev)                                     \
  do                                                                    \
    {                                                                   \
      const struct cw_diag *d_ = cw_diags_find (&diags, (code));        \
      ck_assert_msg (d_ != NULL, "no %s among: %s", (code), codes ());  \
      ck_assert_int_eq (d_->severity, (sev));                      \
    }                                                                   \
  while (0)

#define assert_no_diag(code)                                            \
  ck_assert_msg (cw_diags_find (&diags, (code)) == NULL,                \
                 "unexpected %s among: %s", (code), codes ())

#define assert_field(code, name)                                        \
  ck_assert_str_eq (cw_diags_find (&diags, (code))->field, (name))

#define assert_message_has(code, text)                                  \
  do                                                                    \
    {                                                                   \
      const struct cw_diag *d_ = cw_diags_find (&diags, (code));        \
      ck_assert_msg (d_ != NULL, "no %s among: %s", (code), codes ());  \
      ck_assert_msg (strstr (d_->message, (text)) != NULL,              \
                     "\"%s\" not in: %s", (text), d_->message);         \
    }                                                                   \
  while (0)

#define assert_clean()                                                  \
  ck_assert_msg (diags.count == 0, "unexpected: %s", codes ())

#define assert_rdn(i, attribute, text)                                  \
  do                                                                    \
    {                                                                   \
      ck_assert_uint_gt (subject.count, (i));                           \
      ck_assert_int_eq (subject.rdns[i].attr, (attribute));             \
      ck_assert_str_eq (subject.rdns[i].value, (text));                 \
    }                                                                   \
  while (0)

#define assert_formatted(text)                                          \
  do                                                                    \
    {                                                                   \
      char *f_ = cw_subject_format (&subject);                          \
      ck_assert_str_eq (f_, (text));                                    \
      free (f_);                                                        \
    }                                                                   \
  while (0)

/* COUNT copies of the UTF-8 character C. */
static char *
repeat (const char *c, size_t count)
{
  char *s = malloc (strlen (c) * count + 1);
  ck_assert_ptr_nonnull (s);
  s[0] = '\0';
  for (size_t i = 0; i < count; i++)
    strcat (s, c);
  return s;
}

/* ATTR=<COUNT copies of C>, CN=mail1.contoso.com */
static bool
parse_long (const char *attr, const char *c, size_t count)
{
  char *value = repeat (c, count);
  size_t size = strlen (attr) + strlen (value) + 64;
  char *text = malloc (size);
  ck_assert_ptr_nonnull (text);
  snprintf (text, size, "%s=%s, CN=mail1.contoso.com", attr, value);
  bool ok = parse (text);
  free (text);
  free (value);
  return ok;
}

/* ------------------------------------------------------------ seeds */

START_TEST (seed_missing_comma)
{
  /* The design document's own first example lacks a comma. */
  ck_assert (!parse ("C=US o=contoso corp, CN=mail1.contoso.com"));
  assert_diag ("missing-comma", CW_ERROR);
  assert_field ("missing-comma", "subject");
  assert_message_has ("missing-comma", "\"US\"");
  assert_message_has ("missing-comma", "o=");
  /* Never a 16-character country. */
  assert_no_diag ("c-not-iso3166");
  ck_assert_uint_eq (subject.count, 3);
  assert_rdn (0, CW_ATTR_C, "US");
  assert_rdn (1, CW_ATTR_O, "contoso corp");
  assert_rdn (2, CW_ATTR_CN, "mail1.contoso.com");
}
END_TEST

START_TEST (seed_o_cn)
{
  ck_assert (parse ("O=contoso corp, CN=mail1.contoso.com"));
  assert_clean ();
  assert_formatted ("O=contoso corp, CN=mail1.contoso.com");
}
END_TEST

START_TEST (seed_dc_cn)
{
  ck_assert (parse ("DC=contoso, DC=com, CN=mail1.contoso.com"));
  assert_clean ();
  assert_rdn (0, CW_ATTR_DC, "contoso");
  assert_rdn (1, CW_ATTR_DC, "com");
  assert_rdn (2, CW_ATTR_CN, "mail1.contoso.com");
}
END_TEST

START_TEST (seed_dc_blank_o_cn)
{
  ck_assert (parse ("DC= contoso, DC=com, O=contoso corp, "
                    "CN=mail1.contoso.com"));
  assert_clean ();
  assert_rdn (0, CW_ATTR_DC, "contoso");
  assert_formatted ("DC=contoso, DC=com, O=contoso corp, "
                    "CN=mail1.contoso.com");
}
END_TEST

START_TEST (seed_spanish)
{
  ck_assert (parse ("C=ES,O=Diversión de Bicicleta,"
                    "CN=mail1. DiversiondeBicicleta.com"));
  assert_diag ("cn-not-dns", CW_WARNING);
  assert_field ("cn-not-dns", "CN");
  assert_no_diag ("cn-non-ascii");
  assert_no_diag ("o-too-long");
  assert_rdn (1, CW_ATTR_O, "Diversión de Bicicleta");
  assert_rdn (2, CW_ATTR_CN, "mail1. DiversiondeBicicleta.com");
}
END_TEST

START_TEST (seed_lower_case)
{
  ck_assert (parse ("c=us, o=John Speare, CN=johndogfood.com"));
  assert_diag ("c-uppercased", CW_NOTE);
  assert_field ("c-uppercased", "C");
  ck_assert_uint_eq (diags.count, 1);
  assert_rdn (0, CW_ATTR_C, "US");
  assert_formatted ("C=US, O=John Speare, CN=johndogfood.com");
}
END_TEST

START_TEST (seed_microsoft_lookalike)
{
  ck_assert (parse ("CN=mail.mïcrosoft.com"));
  assert_diag ("cn-non-ascii", CW_WARNING);
  assert_field ("cn-non-ascii", "CN");
  assert_message_has ("cn-non-ascii",
                      "U+00EF LATIN SMALL LETTER I WITH DIAERESIS");
  assert_message_has ("cn-non-ascii", "mail.microsoft.com");
  assert_message_has ("cn-non-ascii", "xn--");
  assert_no_diag ("cn-not-dns");
}
END_TEST

START_TEST (seed_examples_clean)
{
  ck_assert (parse ("C=US, O=contoso corp, CN=mail1.contoso.com"));
  ck_assert (parse ("C=US, O=John Speare, CN=johndogfood.com"));
  assert_clean ();
}
END_TEST

/* ----------------------------------------------------------- syntax */

START_TEST (empty_subject)
{
  static const char *const texts[] = { "", "   ", " \t " };
  ck_assert (!parse (texts[_i]));
  assert_diag ("subject-empty", CW_ERROR);
  assert_field ("subject-empty", "subject");
}
END_TEST

START_TEST (null_subject)
{
  ck_assert (!parse (NULL));
  assert_diag ("subject-empty", CW_ERROR);
}
END_TEST

START_TEST (empty_component)
{
  static const char *const texts[] = {
    "C=US,,O=x, CN=a", "C=US, O=x, CN=a,", ",CN=a", "CN=a, ,O=x"
  };
  ck_assert (!parse (texts[_i]));
  assert_diag ("empty-component", CW_ERROR);
  ck_assert_uint_eq (count_code ("empty-component"), 1);
  assert_no_diag ("missing-equals");
}
END_TEST

START_TEST (missing_equals)
{
  ck_assert (!parse ("C=US, contoso, CN=a"));
  assert_diag ("missing-equals", CW_ERROR);
  assert_message_has ("missing-equals", "\"contoso\"");
  assert_no_diag ("empty-component");
  /* The rest is still read. */
  ck_assert_uint_eq (subject.count, 2);
}
END_TEST

START_TEST (unknown_attribute)
{
  ck_assert (!parse ("E=admin@contoso.com, CN=mail1.contoso.com"));
  assert_diag ("unknown-attribute", CW_ERROR);
  assert_message_has ("unknown-attribute", "\"E\"");
  assert_message_has ("unknown-attribute", cw_attr_known_list ());
  ck_assert_uint_eq (subject.count, 1);
}
END_TEST

START_TEST (missing_attribute_name)
{
  ck_assert (!parse ("=contoso, CN=a"));
  assert_diag ("unknown-attribute", CW_ERROR);
  assert_message_has ("unknown-attribute", cw_attr_known_list ());
}
END_TEST

START_TEST (names_case_blanks_alias)
{
  ck_assert (parse ("  s = Washington ,l=Redmond, o=contoso corp , "
                    "ou=IT, Cn = mail1.contoso.com  "));
  assert_clean ();
  assert_rdn (0, CW_ATTR_ST, "Washington");
  assert_rdn (1, CW_ATTR_L, "Redmond");
  assert_rdn (2, CW_ATTR_O, "contoso corp");
  assert_rdn (3, CW_ATTR_OU, "IT");
  assert_rdn (4, CW_ATTR_CN, "mail1.contoso.com");
}
END_TEST

START_TEST (empty_value)
{
  static const char *const texts[] = {
    "O=, CN=a", "O=   , CN=a", "O=\"\", CN=a"
  };
  ck_assert (!parse (texts[_i]));
  assert_diag ("empty-value", CW_ERROR);
  assert_field ("empty-value", "O");
  ck_assert_uint_eq (subject.count, 1);
}
END_TEST

START_TEST (missing_comma_before_cn)
{
  ck_assert (!parse ("O=contoso corp CN=mail1.contoso.com"));
  assert_diag ("missing-comma", CW_ERROR);
  assert_message_has ("missing-comma", "\"contoso corp\"");
  assert_rdn (0, CW_ATTR_O, "contoso corp");
  assert_rdn (1, CW_ATTR_CN, "mail1.contoso.com");
  /* Read as two attributes, so no count or length rule fires. */
  assert_no_diag ("cn-missing");
}
END_TEST

START_TEST (missing_comma_after_quote)
{
  ck_assert (!parse ("O=\"Contoso, Inc.\" CN=mail1.contoso.com"));
  assert_diag ("missing-comma", CW_ERROR);
  assert_rdn (0, CW_ATTR_O, "Contoso, Inc.");
  assert_rdn (1, CW_ATTR_CN, "mail1.contoso.com");
}
END_TEST

START_TEST (escaped_equals_is_no_missing_comma)
{
  /* Only an unescaped " NAME=" looks like a missing comma, and a word
     that is not an attribute never does. */
  ck_assert (parse ("O=Team L\\=3, OU=a x=b, CN=mail1.contoso.com"));
  assert_clean ();
  assert_rdn (0, CW_ATTR_O, "Team L=3");
  assert_rdn (1, CW_ATTR_OU, "a x=b");
  assert_formatted ("O=Team L\\=3, OU=a x=b, CN=mail1.contoso.com");
}
END_TEST

START_TEST (bad_escape)
{
  static const char *const texts[] = {
    "O=con\\toso, CN=a", "O=contoso\\", "O=\\C, CN=a", "O=\\G0, CN=a",
    "O=\\é, CN=a"
  };
  ck_assert (!parse (texts[_i]));
  assert_diag ("bad-escape", CW_ERROR);
  assert_field ("bad-escape", "subject");
  for (size_t i = 0; i < subject.count; i++)
    ck_assert_int_ne (subject.rdns[i].attr, CW_ATTR_O);
}
END_TEST

START_TEST (unterminated_quote)
{
  ck_assert (!parse ("O=\"Contoso, CN=mail1.contoso.com"));
  assert_diag ("unterminated-quote", CW_ERROR);
  ck_assert_uint_eq (subject.count, 0);
}
END_TEST

START_TEST (text_after_quote)
{
  ck_assert (!parse ("O=\"Big\" Corp, CN=mail1.contoso.com"));
  assert_diag ("text-after-quote", CW_ERROR);
  assert_message_has ("text-after-quote", "\"Corp\"");
  assert_rdn (0, CW_ATTR_CN, "mail1.contoso.com");
}
END_TEST

START_TEST (quoted_value)
{
  ck_assert (parse ("O=\"Contoso, Inc.\", CN=mail1.contoso.com"));
  assert_clean ();
  assert_rdn (0, CW_ATTR_O, "Contoso, Inc.");
  assert_formatted ("O=Contoso\\, Inc., CN=mail1.contoso.com");
}
END_TEST

START_TEST (quoted_keeps_blanks_and_escapes)
{
  ck_assert (parse ("O=\" a \\\"b\\\" \" , CN=mail1.contoso.com"));
  assert_rdn (0, CW_ATTR_O, " a \"b\" ");
  assert_formatted ("O=\\ a \\\"b\\\"\\ , CN=mail1.contoso.com");
}
END_TEST

START_TEST (escaped_comma)
{
  ck_assert (parse ("O=Contoso\\, Inc., CN=mail1.contoso.com"));
  assert_clean ();
  assert_rdn (0, CW_ATTR_O, "Contoso, Inc.");
}
END_TEST

START_TEST (hex_escapes_utf8)
{
  ck_assert (parse ("O=\\C3\\A9cole, CN=mail1.contoso.com"));
  assert_clean ();
  assert_rdn (0, CW_ATTR_O, "école");
  ck_assert (parse ("L=\\c3\\a9"));
  assert_rdn (0, CW_ATTR_L, "é");
}
END_TEST

START_TEST (all_escapes)
{
  ck_assert (parse ("O=a\\,\\+\\\"\\\\\\<\\>\\;\\=\\#\\ b, "
                    "CN=mail1.contoso.com"));
  assert_clean ();
  assert_rdn (0, CW_ATTR_O, "a,+\"\\<>;=# b");
}
END_TEST

START_TEST (escaped_trailing_space_kept)
{
  ck_assert (parse ("O=\\ abc\\  , CN=mail1.contoso.com"));
  assert_rdn (0, CW_ATTR_O, " abc ");
  assert_formatted ("O=\\ abc\\ , CN=mail1.contoso.com");
}
END_TEST

START_TEST (plus_is_literal)
{
  ck_assert (parse ("O=Smith+Jones, CN=mail1.contoso.com"));
  assert_clean ();
  ck_assert_uint_eq (subject.count, 2);
  assert_rdn (0, CW_ATTR_O, "Smith+Jones");
  assert_formatted ("O=Smith\\+Jones, CN=mail1.contoso.com");
}
END_TEST

/* ----------------------------------------------------- value rules */

START_TEST (invalid_utf8_raw)
{
  ck_assert (!parse ("O=caf\xC3\x28, CN=mail1.contoso.com"));
  assert_diag ("invalid-utf8", CW_ERROR);
  assert_field ("invalid-utf8", "O");
}
END_TEST

START_TEST (invalid_utf8_escaped)
{
  ck_assert (!parse ("O=\\C3\\28, CN=mail1.contoso.com"));
  assert_diag ("invalid-utf8", CW_ERROR);
  ck_assert (!parse ("CN=\xFF"));
  ck_assert_uint_eq (count_code ("invalid-utf8"), 2);
}
END_TEST

START_TEST (control_characters)
{
  static const char *const texts[] = {
    "O=a\tb, CN=a", "O=a\x7f, CN=a", "O=a\xC2\x85, CN=a",
    "O=a\\0Ab, CN=a", "O=a\\00b, CN=a", "O=a\x01, CN=a"
  };
  ck_assert (!parse (texts[_i]));
  assert_diag ("control-char", CW_ERROR);
}
END_TEST

START_TEST (o_length_in_characters)
{
  ck_assert (parse_long ("O", "a", 64));
  assert_no_diag ("o-too-long");
  ck_assert (parse_long ("O", "é", 64));
  assert_no_diag ("o-too-long");
  ck_assert (!parse_long ("O", "a", 65));
  assert_diag ("o-too-long", CW_ERROR);
  assert_field ("o-too-long", "O");
}
END_TEST

START_TEST (st_l_ou_lengths)
{
  ck_assert (parse_long ("ST", "é", 128));
  ck_assert (parse_long ("L", "é", 128));
  ck_assert (parse_long ("OU", "é", 64));
  assert_clean ();
  ck_assert (!parse_long ("S", "a", 129));
  assert_diag ("st-too-long", CW_ERROR);
  ck_assert (!parse_long ("L", "a", 129));
  assert_diag ("l-too-long", CW_ERROR);
  ck_assert (!parse_long ("OU", "a", 65));
  assert_diag ("ou-too-long", CW_ERROR);
}
END_TEST

START_TEST (ou_each_limited)
{
  char *text = repeat ("a", 60);
  char *subject_text = NULL;
  ck_assert_int_ge (asprintf (&subject_text, "OU=%s, OU=%s, OU=%sbcdef, "
                              "CN=mail1.contoso.com", text, text, text), 0);
  ck_assert (!parse (subject_text));
  ck_assert_uint_eq (count_code ("ou-too-long"), 1);
  free (subject_text);
  free (text);
}
END_TEST

START_TEST (cn_too_long)
{
  char *label = repeat ("a", 60);
  char *text = NULL;
  ck_assert_int_ge (asprintf (&text, "CN=%s.contoso", label), 0);
  ck_assert (!parse (text));
  assert_diag ("cn-too-long", CW_ERROR);
  assert_field ("cn-too-long", "CN");
  assert_message_has ("cn-too-long", "68 characters");
  assert_message_has ("cn-too-long", "64");
  assert_message_has ("cn-too-long", "subject alternative names");
  free (text);
  free (label);
}
END_TEST

START_TEST (cn_multibyte_length)
{
  char *value = repeat ("é", 64);
  check_value (CW_ATTR_CN, value);
  assert_no_diag ("cn-too-long");
  assert_diag ("cn-non-ascii", CW_WARNING);
  free (value);
  value = repeat ("é", 65);
  check_value (CW_ATTR_CN, value);
  assert_diag ("cn-too-long", CW_ERROR);
  free (value);
}
END_TEST

START_TEST (c_alpha3)
{
  ck_assert (!parse ("C=USA, CN=mail1.contoso.com"));
  assert_diag ("c-not-iso3166", CW_ERROR);
  assert_field ("c-not-iso3166", "C");
  /* The suggestion, not the examples any bad code gets. */
  assert_message_has ("c-not-iso3166", "\"US\" (United States)");
}
END_TEST

START_TEST (c_uk)
{
  ck_assert (!parse ("C=UK, CN=mail1.contoso.com"));
  assert_diag ("c-not-iso3166", CW_ERROR);
  assert_message_has ("c-not-iso3166", "\"GB\" (United Kingdom)");
}
END_TEST

START_TEST (c_unassigned)
{
  static const char *const values[] = { "XX", "U", "U1", "Ü", "ÜS" };
  check_value (CW_ATTR_C, values[_i]);
  assert_diag ("c-not-iso3166", CW_ERROR);
  assert_message_has ("c-not-iso3166", "two-letter ISO 3166-1");
}
END_TEST

START_TEST (c_country_name)
{
  check_value (CW_ATTR_C, "Germany");
  assert_diag ("c-not-iso3166", CW_ERROR);
  assert_message_has ("c-not-iso3166", "\"DE\" for Germany");
}
END_TEST

START_TEST (c_find_by_anything_typed)
{
  static const struct
  {
    const char *typed;
    const char *code;
  } cases[] = {
    { "de", "DE" }, { "DEU", "DE" }, { "germany", "DE" }, { "GERMANY", "DE" },
    { "uk", "GB" }, { "Netherlands", "NL" }, { "austria", "AT" },
    { "Mexico", "MX" }, { "china", "CN" }, { "Ireland", "IE" },
  };
  for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++)
    {
      const struct cw_country *c = cw_country_find (cases[i].typed);
      ck_assert_msg (c != NULL, "%s not found", cases[i].typed);
      ck_assert_str_eq (c->alpha2, cases[i].code);
    }
  ck_assert_ptr_null (cw_country_find ("Atlantis"));
  ck_assert_ptr_null (cw_country_find (""));
  /* Names in the user's language, case ignored beyond ASCII.  */
  setenv ("LANGUAGE", "de", 1);
  ck_assert_str_eq (cw_country_find ("DEUTSCHLAND")->alpha2, "DE");
  ck_assert_str_eq (cw_country_find ("\xc3\xb6sterreich")->alpha2, "AT");
  setenv ("LANGUAGE", "ja", 1);
  ck_assert_str_eq (cw_country_find ("\xe6\x97\xa5\xe6\x9c\xac")->alpha2,
                    "JP");
  unsetenv ("LANGUAGE");
}
END_TEST

START_TEST (c_uppercased)
{
  check_value (CW_ATTR_C, "Us");
  assert_diag ("c-uppercased", CW_NOTE);
  assert_message_has ("c-uppercased", "\"US\"");
  cw_diags_clear (&diags);
  check_value (CW_ATTR_C, "US");
  assert_clean ();
}
END_TEST

START_TEST (dc_has_dot)
{
  ck_assert (!parse ("DC=contoso.com, CN=mail1.contoso.com"));
  assert_diag ("dc-has-dot", CW_ERROR);
  assert_field ("dc-has-dot", "DC");
  assert_message_has ("dc-has-dot", "DC=contoso, DC=com");
}
END_TEST

START_TEST (dc_not_label)
{
  static const char *const values[] = {
    "con_toso", "-contoso", "contoso-", "con toso", "münchen", "*",
    "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"
  };
  check_value (CW_ATTR_DC, values[_i]);
  assert_diag ("dc-not-label", CW_ERROR);
  assert_no_diag ("dc-has-dot");
}
END_TEST

START_TEST (dc_unicode_suggests_alabel)
{
  check_value (CW_ATTR_DC, "münchen");
  assert_message_has ("dc-not-label", "xn--mnchen-3ya");
}
END_TEST

START_TEST (dc_total_length)
{
  /* Four 63-character labels and one of 3: 255 characters together. */
  char *label = repeat ("a", 63);
  char *text = NULL;
  ck_assert_int_ge (asprintf (&text, "DC=%s, DC=%s, DC=%s, DC=%s, DC=abc, "
                              "CN=a.contoso.com", label, label, label,
                              label), 0);
  ck_assert (parse (text));
  assert_no_diag ("dc-too-long");
  free (text);
  ck_assert_int_ge (asprintf (&text, "DC=%s, DC=%s, DC=%s, DC=%s, DC=abcd, "
                              "CN=a.contoso.com", label, label, label,
                              label), 0);
  ck_assert (!parse (text));
  assert_diag ("dc-too-long", CW_ERROR);
  assert_field ("dc-too-long", "DC");
  free (text);
  free (label);
}
END_TEST

START_TEST (cn_not_dns)
{
  static const char *const values[] = {
    "mail1. DiversiondeBicicleta.com", "mail_1.contoso.com", "Contoso Mail",
    "mail1..contoso.com", "-mail.contoso.com", "mail*.contoso.com", "*"
  };
  check_value (CW_ATTR_CN, values[_i]);
  assert_diag ("cn-not-dns", CW_WARNING);
  assert_no_diag ("cn-non-ascii");
}
END_TEST

START_TEST (cn_host_names_accepted)
{
  static const char *const values[] = {
    "mail1.contoso.com", "*.contoso.com", "mail1.contoso.com.", "owa1",
    "MAIL1.Contoso.COM"
  };
  check_value (CW_ATTR_CN, values[_i]);
  assert_clean ();
}
END_TEST

START_TEST (cn_non_ascii_each_character_once)
{
  /* A Cyrillic "а" and two "ï". */
  check_value (CW_ATTR_CN, "mаil.mïcrosoft.ïnfo");
  assert_diag ("cn-non-ascii", CW_WARNING);
  const char *message = cw_diags_find (&diags, "cn-non-ascii")->message;
  ck_assert_ptr_nonnull (strstr (message, "U+0430 CYRILLIC SMALL LETTER A"));
  const char *first = strstr (message, "U+00EF");
  ck_assert_ptr_nonnull (first);
  ck_assert_ptr_null (strstr (first + 1, "U+00EF"));
  assert_message_has ("cn-non-ascii", "mail.microsoft.info");
}
END_TEST

START_TEST (cn_non_ascii_names_every_character)
{
  /* Nine distinct letters, a CJK ideograph among the rest: each named,
     the ideograph by its Unicode name too.  */
  check_value (CW_ATTR_CN, "\xe4\xbe\x8b.\xc3\xbc.\xc3\xb6.\xc3\xa4.\xc3\xa9"
               ".\xc3\xa8.\xc3\xa0.\xc3\xa7.\xc3\xb1.\xc3\x9f.com");
  assert_message_has ("cn-non-ascii", "U+4F8B CJK UNIFIED IDEOGRAPH-4F8B");
  assert_message_has ("cn-non-ascii", "U+00DF LATIN SMALL LETTER SHARP S");
  assert_message_has ("cn-non-ascii", "U+00F1");
  assert_message_has ("cn-non-ascii", "certwiz writes it");
}
END_TEST

START_TEST (cn_non_ascii_hostile_stays_short)
{
  /* 100 distinct characters: 64 named, the rest counted.  */
  char value[400], *o = value;
  for (unsigned c = 0x100; c < 0x140; c++)
    {
      *o++ = (char) (0xC0 | (c >> 6));
      *o++ = (char) (0x80 | (c & 0x3F));
    }
  for (unsigned c = 0x400; c < 0x424; c++)
    {
      *o++ = (char) (0xC0 | (c >> 6));
      *o++ = (char) (0x80 | (c & 0x3F));
    }
  *o = '\0';
  check_value (CW_ATTR_CN, value);
  assert_message_has ("cn-non-ascii", "U+013F");
  assert_message_has ("cn-non-ascii", ", +36)");
}
END_TEST

START_TEST (cn_not_dns_names_every_character)
{
  check_value (CW_ATTR_CN, "foo_bar!x.com");
  assert_diag ("cn-not-dns", CW_WARNING);
  assert_message_has ("cn-not-dns", "\"_\", \"!\"");
}
END_TEST

START_TEST (cn_non_ascii_without_alabel)
{
  /* No A-label for a name with spaces: the advice still says what to do. */
  check_value (CW_ATTR_CN, "Diversión de Bicicleta");
  assert_diag ("cn-non-ascii", CW_WARNING);
  assert_message_has ("cn-non-ascii", "U+00F3");
  const char *message = cw_diags_find (&diags, "cn-non-ascii")->message;
  ck_assert_ptr_null (strstr (message, "xn--"));
}
END_TEST

/* ---------------------------------------------------- subject rules */

START_TEST (repeated_single_attributes)
{
  static const struct
  {
    const char *text;
    const char *code;
    const char *field;
  } cases[] = {
    { "C=US, C=DE, CN=a.contoso.com", "c-repeated", "C" },
    { "ST=WA, S=Oregon, CN=a.contoso.com", "st-repeated", "ST" },
    { "L=Redmond, L=Seattle, CN=a.contoso.com", "l-repeated", "L" },
    { "O=Contoso, O=Fabrikam, CN=a.contoso.com", "o-repeated", "O" },
  };
  ck_assert (!parse (cases[_i].text));
  assert_diag (cases[_i].code, CW_ERROR);
  assert_field (cases[_i].code, cases[_i].field);
  ck_assert_uint_eq (count_code (cases[_i].code), 1);
}
END_TEST

START_TEST (repeated_many_attributes)
{
  ck_assert (parse ("DC=mail, DC=contoso, DC=com, OU=IT, OU=Mail, "
                    "CN=mail1.contoso.com"));
  assert_clean ();
}
END_TEST

START_TEST (c_with_dc)
{
  ck_assert (parse ("C=US, DC=contoso, DC=com, CN=mail1.contoso.com"));
  assert_diag ("c-with-dc", CW_WARNING);
  ck_assert_uint_eq (diags.count, 1);
}
END_TEST

START_TEST (cn_multiple)
{
  ck_assert (parse ("O=Contoso, CN=mail1.contoso.com, CN=owa.contoso.com"));
  assert_diag ("cn-multiple", CW_WARNING);
  assert_field ("cn-multiple", "CN");
  ck_assert_str_eq (cw_subject_cn (&subject), "mail1.contoso.com");
}
END_TEST

START_TEST (cn_missing)
{
  ck_assert (parse ("O=contoso corp"));
  assert_diag ("cn-missing", CW_WARNING);
  assert_field ("cn-missing", "CN");
  ck_assert_ptr_null (cw_subject_cn (&subject));
}
END_TEST

START_TEST (subject_check_alone)
{
  /* The wizard builds the subject field by field, then checks it. */
  cw_subject_add (&subject, CW_ATTR_CN, "a.contoso.com");
  cw_subject_add (&subject, CW_ATTR_O, "Contoso");
  cw_subject_add (&subject, CW_ATTR_O, "Fabrikam");
  cw_subject_add (&subject, CW_ATTR_C, "US");
  cw_subject_add (&subject, CW_ATTR_DC, "contoso");
  cw_subject_check (&subject, &diags);
  assert_diag ("o-repeated", CW_ERROR);
  assert_diag ("c-with-dc", CW_WARNING);
  assert_no_diag ("cn-missing");
  assert_no_diag ("cn-multiple");
  assert_no_diag ("order-changed");
  ck_assert_uint_eq (diags.count, 2);
}
END_TEST

START_TEST (subject_check_empty)
{
  cw_subject_check (&subject, &diags);
  assert_diag ("cn-missing", CW_WARNING);
  ck_assert_uint_eq (diags.count, 1);
}
END_TEST

START_TEST (parse_result_ignores_earlier_errors)
{
  cw_diag_add (&diags, CW_ERROR, "earlier", "SAN", "%s", "from elsewhere");
  ck_assert (parse ("CN=mail1.contoso.com"));
  ck_assert (parse ("CN=mail1 contoso"));
  ck_assert (!parse ("CN="));
}
END_TEST

/* ----------------------------------------------------- order, format */

START_TEST (reordered)
{
  ck_assert (parse ("CN=x.contoso.com, O=y, C=US"));
  assert_rdn (0, CW_ATTR_C, "US");
  assert_rdn (1, CW_ATTR_O, "y");
  assert_rdn (2, CW_ATTR_CN, "x.contoso.com");
  assert_diag ("order-changed", CW_NOTE);
  assert_message_has ("order-changed", "C=US, O=y, CN=x.contoso.com");
  ck_assert_uint_eq (diags.count, 1);
}
END_TEST

START_TEST (c_before_dc)
{
  ck_assert (parse ("DC=contoso, C=US, CN=mail1.contoso.com"));
  assert_rdn (0, CW_ATTR_C, "US");
  assert_rdn (1, CW_ATTR_DC, "contoso");
  assert_diag ("order-changed", CW_NOTE);
}
END_TEST

START_TEST (dc_relative_order_kept)
{
  ck_assert (parse ("CN=mail1.contoso.com, DC=mail, O=Contoso, DC=contoso, "
                    "DC=com"));
  assert_formatted ("DC=mail, DC=contoso, DC=com, O=Contoso, "
                    "CN=mail1.contoso.com");
  assert_diag ("order-changed", CW_NOTE);
}
END_TEST

START_TEST (in_order_no_note)
{
  ck_assert (parse ("C=US, ST=WA, L=Redmond, O=Contoso, OU=IT, OU=Mail, "
                    "CN=mail1.contoso.com, CN=owa.contoso.com"));
  assert_no_diag ("order-changed");
  assert_formatted ("C=US, ST=WA, L=Redmond, O=Contoso, OU=IT, OU=Mail, "
                    "CN=mail1.contoso.com, CN=owa.contoso.com");
}
END_TEST

START_TEST (add_keeps_order_and_capitals)
{
  cw_subject_add (&subject, CW_ATTR_CN, "a.contoso.com");
  cw_subject_add (&subject, CW_ATTR_OU, "first");
  cw_subject_add (&subject, CW_ATTR_C, "de");
  cw_subject_add (&subject, CW_ATTR_OU, "second");
  cw_subject_add (&subject, CW_ATTR_DC, "contoso");
  assert_formatted ("C=DE, DC=contoso, OU=first, OU=second, "
                    "CN=a.contoso.com");
}
END_TEST

START_TEST (format_escapes)
{
  cw_subject_add (&subject, CW_ATTR_O, "#1 a,b+c\"d\\e<f>g;h ");
  cw_subject_add (&subject, CW_ATTR_OU, " x#=y");
  assert_formatted ("O=\\#1 a\\,b\\+c\\\"d\\\\e\\<f\\>g\\;h\\ , "
                    "OU=\\ x#=y");
}
END_TEST

START_TEST (format_round_trip)
{
  cw_subject_add (&subject, CW_ATTR_O, "#1 \"Contoso\", Inc.; <R&D> ");
  cw_subject_add (&subject, CW_ATTR_OU, "Team L=3 + CN=x");
  cw_subject_add (&subject, CW_ATTR_CN, "mail1.contoso.com");
  char *text = cw_subject_format (&subject);
  struct cw_subject again = CW_SUBJECT_INIT;
  ck_assert_msg (cw_subject_parse (text, &again, &diags), "%s: %s", text,
                 codes ());
  ck_assert_uint_eq (again.count, subject.count);
  for (size_t i = 0; i < again.count; i++)
    ck_assert_str_eq (again.rdns[i].value, subject.rdns[i].value);
  cw_subject_free (&again);
  free (text);
}
END_TEST

START_TEST (format_empty)
{
  assert_formatted ("");
}
END_TEST

START_TEST (free_resets)
{
  ck_assert (parse ("CN=mail1.contoso.com"));
  cw_subject_free (&subject);
  ck_assert_uint_eq (subject.count, 0);
  ck_assert_ptr_null (subject.rdns);
  cw_subject_free (&subject);
}
END_TEST

/* ----------------------------------------------- one field, as typed */

START_TEST (field_nothing_subject_wide)
{
  check_value (CW_ATTR_CN, "mail1.contoso.com");
  check_value (CW_ATTR_C, "US");
  check_value (CW_ATTR_DC, "contoso");
  check_value (CW_ATTR_O, "Contoso, Inc. + <R&D>");
  assert_clean ();
}
END_TEST

START_TEST (field_empty_is_left_out)
{
  for (enum cw_attr a = CW_ATTR_C; a < CW_ATTR_COUNT; a++)
    check_value (a, "");
  assert_clean ();
}
END_TEST

START_TEST (field_checks_characters)
{
  check_value (CW_ATTR_O, "a\xC3");
  assert_diag ("invalid-utf8", CW_ERROR);
  check_value (CW_ATTR_L, "a\nb");
  assert_diag ("control-char", CW_ERROR);
  assert_field ("control-char", "L");
}
END_TEST

/* -------------------------------------------------------------- main */

static TCase *
tcase (const char *name)
{
  TCase *tc = tcase_create (name);
  tcase_add_checked_fixture (tc, setup, teardown);
  return tc;
}

static Suite *
seeds_suite (void)
{
  Suite *s = suite_create ("seeds");
  TCase *tc = tcase ("examples");
  tcase_add_test (tc, seed_missing_comma);
  tcase_add_test (tc, seed_o_cn);
  tcase_add_test (tc, seed_dc_cn);
  tcase_add_test (tc, seed_dc_blank_o_cn);
  tcase_add_test (tc, seed_spanish);
  tcase_add_test (tc, seed_lower_case);
  tcase_add_test (tc, seed_microsoft_lookalike);
  tcase_add_test (tc, seed_examples_clean);
  suite_add_tcase (s, tc);
  return s;
}

static Suite *
syntax_suite (void)
{
  Suite *s = suite_create ("syntax");
  TCase *tc = tcase ("components");
  tcase_add_loop_test (tc, empty_subject, 0, 3);
  tcase_add_test (tc, null_subject);
  tcase_add_loop_test (tc, empty_component, 0, 4);
  tcase_add_test (tc, missing_equals);
  tcase_add_test (tc, unknown_attribute);
  tcase_add_test (tc, missing_attribute_name);
  tcase_add_test (tc, names_case_blanks_alias);
  tcase_add_loop_test (tc, empty_value, 0, 3);
  tcase_add_test (tc, missing_comma_before_cn);
  tcase_add_test (tc, missing_comma_after_quote);
  tcase_add_test (tc, escaped_equals_is_no_missing_comma);
  suite_add_tcase (s, tc);
  tc = tcase ("escapes and quotes");
  tcase_add_loop_test (tc, bad_escape, 0, 5);
  tcase_add_test (tc, unterminated_quote);
  tcase_add_test (tc, text_after_quote);
  tcase_add_test (tc, quoted_value);
  tcase_add_test (tc, quoted_keeps_blanks_and_escapes);
  tcase_add_test (tc, escaped_comma);
  tcase_add_test (tc, hex_escapes_utf8);
  tcase_add_test (tc, all_escapes);
  tcase_add_test (tc, escaped_trailing_space_kept);
  tcase_add_test (tc, plus_is_literal);
  suite_add_tcase (s, tc);
  return s;
}

static Suite *
values_suite (void)
{
  Suite *s = suite_create ("values");
  TCase *tc = tcase ("characters and lengths");
  tcase_add_test (tc, invalid_utf8_raw);
  tcase_add_test (tc, invalid_utf8_escaped);
  tcase_add_loop_test (tc, control_characters, 0, 6);
  tcase_add_test (tc, o_length_in_characters);
  tcase_add_test (tc, st_l_ou_lengths);
  tcase_add_test (tc, ou_each_limited);
  tcase_add_test (tc, cn_too_long);
  tcase_add_test (tc, cn_multibyte_length);
  suite_add_tcase (s, tc);
  tc = tcase ("country");
  tcase_add_test (tc, c_alpha3);
  tcase_add_test (tc, c_uk);
  tcase_add_loop_test (tc, c_unassigned, 0, 5);
  tcase_add_test (tc, c_country_name);
  tcase_add_test (tc, c_uppercased);
  tcase_add_test (tc, c_find_by_anything_typed);
  suite_add_tcase (s, tc);
  tc = tcase ("domain components");
  tcase_add_test (tc, dc_has_dot);
  tcase_add_loop_test (tc, dc_not_label, 0, 7);
  tcase_add_test (tc, dc_unicode_suggests_alabel);
  tcase_add_test (tc, dc_total_length);
  suite_add_tcase (s, tc);
  tc = tcase ("common name");
  tcase_add_loop_test (tc, cn_not_dns, 0, 7);
  tcase_add_loop_test (tc, cn_host_names_accepted, 0, 5);
  tcase_add_test (tc, cn_non_ascii_each_character_once);
  tcase_add_test (tc, cn_non_ascii_without_alabel);
  tcase_add_test (tc, cn_non_ascii_names_every_character);
  tcase_add_test (tc, cn_not_dns_names_every_character);
  tcase_add_test (tc, cn_non_ascii_hostile_stays_short);
  suite_add_tcase (s, tc);
  return s;
}

static Suite *
subject_suite (void)
{
  Suite *s = suite_create ("subject");
  TCase *tc = tcase ("rules");
  tcase_add_loop_test (tc, repeated_single_attributes, 0, 4);
  tcase_add_test (tc, repeated_many_attributes);
  tcase_add_test (tc, c_with_dc);
  tcase_add_test (tc, cn_multiple);
  tcase_add_test (tc, cn_missing);
  tcase_add_test (tc, subject_check_alone);
  tcase_add_test (tc, subject_check_empty);
  tcase_add_test (tc, parse_result_ignores_earlier_errors);
  suite_add_tcase (s, tc);
  tc = tcase ("order and format");
  tcase_add_test (tc, reordered);
  tcase_add_test (tc, c_before_dc);
  tcase_add_test (tc, dc_relative_order_kept);
  tcase_add_test (tc, in_order_no_note);
  tcase_add_test (tc, add_keeps_order_and_capitals);
  tcase_add_test (tc, format_escapes);
  tcase_add_test (tc, format_round_trip);
  tcase_add_test (tc, format_empty);
  tcase_add_test (tc, free_resets);
  suite_add_tcase (s, tc);
  tc = tcase ("one field");
  tcase_add_test (tc, field_nothing_subject_wide);
  tcase_add_test (tc, field_empty_is_left_out);
  tcase_add_test (tc, field_checks_characters);
  suite_add_tcase (s, tc);
  return s;
}

/* ------------------------------------------------------------- pairs */

/* The same subject given as pairs and written as text: the findings
   (code, severity, field, message, in order) and the subject built are
   the same. */
struct pairs_case
{
  const char *text;
  struct cw_subject_pair pairs[6];
  size_t count;
};

static const struct pairs_case pairs_cases[] = {
  { "C=US, O=Contoso Corp, CN=mail1.contoso.com",
    { { CW_ATTR_C, "US" }, { CW_ATTR_O, "Contoso Corp" },
      { CW_ATTR_CN, "mail1.contoso.com" } }, 3 },
  { "C=UK, CN=mail1.contoso.com",
    { { CW_ATTR_C, "UK" }, { CW_ATTR_CN, "mail1.contoso.com" } }, 2 },
  { "c=us, o=contoso, cn=mail.m\\C3\\AFcrosoft.com",
    { { CW_ATTR_C, "us" }, { CW_ATTR_O, "contoso" },
      { CW_ATTR_CN, "mail.m\xC3\xAF" "crosoft.com" } }, 3 },
  { "CN=mail1.contoso.com, C=US, O=Contoso",
    { { CW_ATTR_CN, "mail1.contoso.com" }, { CW_ATTR_C, "US" },
      { CW_ATTR_O, "Contoso" } }, 3 },
  { "O=Contoso\\, Inc., OU=R\\=D, CN=mail1.contoso.com",
    { { CW_ATTR_O, "Contoso, Inc." }, { CW_ATTR_OU, "R=D" },
      { CW_ATTR_CN, "mail1.contoso.com" } }, 3 },
  { "O=  Contoso  , CN= mail1.contoso.com ",
    { { CW_ATTR_O, "  Contoso  " }, { CW_ATTR_CN, " mail1.contoso.com " } },
    2 },
  { "O=, CN=mail1.contoso.com",
    { { CW_ATTR_O, "" }, { CW_ATTR_CN, "mail1.contoso.com" } }, 2 },
  { "C=US, DC=contoso, DC=com, CN=a.contoso.com, CN=b.contoso.com",
    { { CW_ATTR_C, "US" }, { CW_ATTR_DC, "contoso" }, { CW_ATTR_DC, "com" },
      { CW_ATTR_CN, "a.contoso.com" }, { CW_ATTR_CN, "b.contoso.com" } },
    5 },
  { "O=Contoso, O=Fabrikam",
    { { CW_ATTR_O, "Contoso" }, { CW_ATTR_O, "Fabrikam" } }, 2 },
  { "DC=con_toso, DC=com, CN=mail1.contoso.com",
    { { CW_ATTR_DC, "con_toso" }, { CW_ATTR_DC, "com" },
      { CW_ATTR_CN, "mail1.contoso.com" } }, 3 },
  { "O=Contoso\\0ACorp, CN=0123456789012345678901234567890123456789"
    "0123456789012345678901234.com",
    { { CW_ATTR_O, "Contoso\nCorp" },
      { CW_ATTR_CN, "0123456789012345678901234567890123456789"
                    "0123456789012345678901234.com" } }, 2 },
  { "", { { CW_ATTR_CN, NULL } }, 0 },
};

START_TEST (pairs_as_parsed)
{
  const struct pairs_case *c = &pairs_cases[_i];
  struct cw_diags parsed = CW_DIAGS_INIT;
  struct cw_subject from_text = CW_SUBJECT_INIT;
  bool text_ok = cw_subject_parse (c->text, &from_text, &parsed);
  bool pairs_ok = cw_subject_from_pairs (c->pairs, c->count, &subject,
                                         &diags);
  ck_assert_msg (text_ok == pairs_ok, "\"%s\": %d, pairs %d", c->text,
                 text_ok, pairs_ok);
  ck_assert_msg (parsed.count == diags.count, "\"%s\": %zu findings, pairs "
                 "%zu (%s)", c->text, parsed.count, diags.count, codes ());
  for (size_t i = 0; i < diags.count; i++)
    {
      const struct cw_diag *a = &parsed.items[i], *b = &diags.items[i];
      ck_assert_str_eq (a->code, b->code);
      ck_assert_int_eq (a->severity, b->severity);
      ck_assert_str_eq (a->field, b->field);
      ck_assert_str_eq (a->message, b->message);
    }
  char *text_form = cw_subject_format (&from_text);
  char *pairs_form = cw_subject_format (&subject);
  ck_assert_str_eq (pairs_form, text_form);
  free (text_form);
  free (pairs_form);
  cw_subject_free (&from_text);
  cw_diags_free (&parsed);
}
END_TEST

/* Some cases above must find something, or they would prove little. */
START_TEST (pairs_find_what_text_finds)
{
  static const struct { size_t at; const char *code; } found[] = {
    { 1, "c-not-iso3166" }, { 2, "cn-non-ascii" }, { 3, "order-changed" },
    { 6, "empty-value" }, { 7, "c-with-dc" }, { 7, "cn-multiple" },
    { 8, "o-repeated" }, { 10, "control-char" }, { 10, "cn-too-long" },
    { 11, "subject-empty" },
  };
  for (size_t i = 0; i < sizeof found / sizeof found[0]; i++)
    {
      const struct pairs_case *c = &pairs_cases[found[i].at];
      cw_diags_clear (&diags);
      cw_subject_free (&subject);
      cw_subject_from_pairs (c->pairs, c->count, &subject, &diags);
      ck_assert_msg (count_code (found[i].code) > 0, "\"%s\": no %s (%s)",
                     c->text, found[i].code, codes ());
    }
}
END_TEST

static Suite *
pairs_suite (void)
{
  Suite *s = suite_create ("pairs");
  TCase *tc = tcase_create ("pairs");
  tcase_add_checked_fixture (tc, setup, teardown);
  tcase_add_loop_test (tc, pairs_as_parsed, 0,
                       sizeof pairs_cases / sizeof pairs_cases[0]);
  tcase_add_test (tc, pairs_find_what_text_finds);
  suite_add_tcase (s, tc);
  return s;
}

int
main (void)
{
  setlocale (LC_ALL, "");
  return unit_run (seeds_suite (), syntax_suite (), values_suite (), subject_suite (), pairs_suite (),
                   NULL);
}
