/* Unit tests of the subject alternative names (san.c) and of the names
   of a certificate taken together (names.c). */
#include <config.h>

#include <check.h>
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/diag.h"
#include "names/names.h"
#include "names/san.h"
#include "base/unicode.h"
#include "unit.h"

/* ------------------------------------------------------------ helpers */

static const char *
field_of (const char *code)
{
  return strcmp (code, "no-names") == 0 ? "subject" : "SAN";
}

/* The diagnostic CODE, which must be there with SEVERITY. */
static const struct cw_diag *
expect_diag (const struct cw_diags *diags, const char *code,
             enum cw_severity severity)
{
  const struct cw_diag *d = cw_diags_find (diags, code);
  ck_assert_msg (d != NULL, "no diagnostic %s", code);
  ck_assert_msg (d->severity == severity, "%s has severity %d, not %d",
                 code, (int) d->severity, (int) severity);
  ck_assert_str_eq (d->field, field_of (code));
  ck_assert_msg (d->message && *d->message, "%s has no message", code);
  return d;
}

static void
expect_in_message (const struct cw_diag *d, const char *text)
{
  ck_assert_msg (strstr (d->message, text) != NULL,
                 "the message of %s lacks \"%s\": %s", d->code, text,
                 d->message);
}

static size_t
count_code (const struct cw_diags *diags, const char *code)
{
  size_t n = 0;
  for (size_t i = 0; i < diags->count; i++)
    n += strcmp (diags->items[i].code, code) == 0;
  return n;
}

/* Parses INPUT, which must be accepted as a DNS name NAME with exactly
   EXTRA diagnostics; returns them for more checks (freed by caller). */
static struct cw_diags
parse_dns (const char *input, const char *name, size_t extra)
{
  struct cw_diags diags = CW_DIAGS_INIT;
  struct cw_san san;
  ck_assert_msg (cw_san_parse (input, &san, &diags), "\"%s\" refused: %s",
                 input, diags.count ? diags.items[0].message : "");
  ck_assert_int_eq (san.type, CW_SAN_DNS);
  ck_assert_str_eq (san.name, name);
  ck_assert_msg (diags.count == extra, "\"%s\": %zu diagnostics, not %zu",
                 input, diags.count, extra);
  cw_san_free (&san);
  return diags;
}

static void
parse_clean (const char *input, const char *name)
{
  struct cw_diags diags = parse_dns (input, name, 0);
  cw_diags_free (&diags);
}

/* INPUT must be refused with the error CODE alone, OUT left untouched;
   returns the message for more checks (freed by caller). */
static char *
parse_error (const char *input, const char *code)
{
  struct cw_diags diags = CW_DIAGS_INIT;
  char untouched[] = "untouched";
  struct cw_san san = { .name = untouched };
  ck_assert_msg (!cw_san_parse (input, &san, &diags), "\"%s\" accepted",
                 input);
  ck_assert_ptr_eq (san.name, untouched);
  const struct cw_diag *d = expect_diag (&diags, code, CW_ERROR);
  ck_assert_uint_eq (diags.count, 1);
  char *message = strdup (d->message);
  cw_diags_free (&diags);
  return message;
}

/* Like parse_error, and the message quotes the input. */
static void
refused_quoting (const char *input, const char *code)
{
  char *message = parse_error (input, code);
  char *quoted;
  ck_assert_int_ge (asprintf (&quoted, "\"%s\"", input), 0);
  ck_assert_msg (strstr (message, quoted), "%s does not quote %s: %s",
                 code, quoted, message);
  free (quoted);
  free (message);
}

static void
refused_naming (const char *input, const char *code, const char *what)
{
  char *message = parse_error (input, code);
  ck_assert_msg (strstr (message, what), "%s does not name %s: %s", code,
                 what, message);
  free (message);
}

/* 'x' repeated N times. */
static char *
repeat (char c, size_t n)
{
  char *s = malloc (n + 1);
  memset (s, c, n);
  s[n] = '\0';
  return s;
}

/* ------------------------------------------------------- host names */

START_TEST (test_seed_edge_names)
{
  static const char *const inputs[] = {
    "mbx.johndogfood.com", "edge.johndogfood.com", "communitycycling.org"
  };
  struct cw_san_list list = CW_SAN_LIST_INIT;
  struct cw_diags diags = CW_DIAGS_INIT;
  for (size_t i = 0; i < 3; i++)
    ck_assert (cw_san_list_add (&list, inputs[i], &diags));
  ck_assert_uint_eq (list.count, 3);
  ck_assert_uint_eq (diags.count, 0);
  for (size_t i = 0; i < 3; i++)
    ck_assert_str_eq (list.items[i].name, inputs[i]);
  cw_san_list_free (&list);
  ck_assert_ptr_null (list.items);
  ck_assert_uint_eq (list.count, 0);
  cw_diags_free (&diags);
}
END_TEST

START_TEST (test_client_access_names)
{
  static const char *const inputs[] = {
    "owa1", "contoso.com", "owa1.contoso.com", "Autodiscover.contoso.com",
    "owa.contoso.com"
  };
  struct cw_san_list list = CW_SAN_LIST_INIT;
  struct cw_diags diags = CW_DIAGS_INIT;
  for (size_t i = 0; i < 5; i++)
    ck_assert (cw_san_list_add (&list, inputs[i], &diags));
  ck_assert_uint_eq (list.count, 5);
  ck_assert_str_eq (list.items[3].name, "autodiscover.contoso.com");
  /* Only the NetBIOS name draws a warning. */
  ck_assert_uint_eq (diags.count, 1);
  const struct cw_diag *d = expect_diag (&diags, "san-internal", CW_WARNING);
  expect_in_message (d, "\"owa1\"");
  expect_in_message (d, "owa1.contoso.com");
  cw_san_list_free (&list);
  cw_diags_free (&diags);
}
END_TEST

START_TEST (test_localhost_not_given_a_domain)
{
  /* localhost is every machine's own name: suggesting
     localhost.contoso.com would be nonsense.  */
  static const char *const inputs[] = { "localhost", "LocalHost",
                                        "mail.localhost" };
  for (size_t i = 0; i < 3; i++)
    {
      struct cw_san san;
      struct cw_diags diags = CW_DIAGS_INIT;
      ck_assert (cw_san_parse (inputs[i], &san, &diags));
      const struct cw_diag *d = expect_diag (&diags, "san-internal",
                                             CW_WARNING);
      ck_assert_msg (!strstr (d->message, "contoso.com"), "%s", d->message);
      expect_in_message (d, "every machine");
      cw_san_free (&san);
      cw_diags_free (&diags);
    }
}
END_TEST

START_TEST (test_trim_and_lower_case)
{
  parse_clean ("  MAIL.Contoso.COM \t", "mail.contoso.com");
  parse_clean ("\tmail1.contoso.com\n", "mail1.contoso.com");
}
END_TEST

START_TEST (test_trailing_dot)
{
  struct cw_diags diags = parse_dns ("mail.contoso.com.", "mail.contoso.com",
                                     1);
  const struct cw_diag *d = expect_diag (&diags, "san-trailing-dot",
                                         CW_NOTE);
  expect_in_message (d, "\"mail.contoso.com.\"");
  cw_diags_free (&diags);
  /* Only one final dot is the DNS root; a second is an empty part. */
  refused_quoting ("mail.contoso.com..", "san-empty-label");
}
END_TEST

START_TEST (test_empty)
{
  refused_naming ("", "san-empty", "is empty");
  refused_naming (" \t ", "san-empty", "is empty");
}
END_TEST

START_TEST (test_bad_chars)
{
  refused_quoting ("mail_1.contoso.com", "san-bad-char");
  refused_naming ("mail_1.contoso.com", "san-bad-char", "\"_\"");
  refused_naming ("mail contoso.com", "san-bad-char", "U+0020 SPACE");
  refused_naming ("mail\001.contoso.com", "san-bad-char", "U+0001");
  refused_naming ("a.contoso.com,b.contoso.com", "san-bad-char", "\",\"");
  refused_naming ("mail.contoso.com:443", "san-bad-char", "\":\"");
  refused_naming ("mail.contoso.com/owa", "san-bad-char", "\"/\"");
  /* Every bad character is named, each once, not only the first.  */
  refused_naming ("a_b$c_d.contoso.com", "san-bad-char", "\"_\", \"$\"");
  refused_naming ("a!b c.contoso.com", "san-bad-char",
                  "\"!\", U+0020 SPACE");
  /* Characters that the A-label conversion would silently drop. */
  refused_naming ("mail\xc2\xa0.contoso.com", "san-bad-char",
                  "U+00A0 NO-BREAK SPACE");
  refused_naming ("a\xef\xbc\x8f" "b.contoso.com", "san-bad-char",
                  "U+FF0F FULLWIDTH SOLIDUS");
  refused_naming ("Diversi\xc3\xb3n de Bicicleta", "san-bad-char",
                  "U+0020 SPACE");
}
END_TEST

START_TEST (test_invalid_utf8)
{
  char *message = parse_error ("caf\xe9.contoso.com", "san-bad-char");
  ck_assert (cw_utf8_valid (message, strlen (message)));
  ck_assert_ptr_nonnull (strstr (message, "\"caf?.contoso.com\""));
  free (message);
}
END_TEST

START_TEST (test_label_length)
{
  char *label = repeat ('a', 63);
  char *name;
  ck_assert_int_ge (asprintf (&name, "%s.contoso.com", label), 0);
  parse_clean (name, name);
  free (name);
  free (label);

  label = repeat ('a', 64);
  ck_assert_int_ge (asprintf (&name, "%s.contoso.com", label), 0);
  refused_quoting (name, "san-label-too-long");
  refused_naming (name, "san-label-too-long", "64");
  free (name);
  free (label);
}
END_TEST

START_TEST (test_label_hyphen)
{
  refused_naming ("-mail.contoso.com", "san-label-hyphen", "\"-mail\"");
  refused_naming ("mail-.contoso.com", "san-label-hyphen", "\"mail-\"");
  refused_quoting ("mail.contoso-.com", "san-label-hyphen");
  parse_clean ("mail-1.contoso.com", "mail-1.contoso.com");
}
END_TEST

START_TEST (test_empty_label)
{
  refused_quoting ("mail..contoso.com", "san-empty-label");
  refused_quoting (".contoso.com", "san-empty-label");
  refused_quoting (".", "san-empty-label");
}
END_TEST

/* Four labels and ".com": 63 + 63 + 63 + LAST + 4 dots + 3. */
static char *
long_name (size_t last)
{
  char *a = repeat ('a', 63), *b = repeat ('b', 63), *c = repeat ('c', 63);
  char *d = repeat ('d', last);
  char *name;
  ck_assert_int_ge (asprintf (&name, "%s.%s.%s.%s.com", a, b, c, d), 0);
  free (a), free (b), free (c), free (d);
  return name;
}

START_TEST (test_name_length)
{
  char *name = long_name (57);
  ck_assert_uint_eq (strlen (name), 253);
  parse_clean (name, name);
  free (name);

  name = long_name (58);
  ck_assert_uint_eq (strlen (name), 254);
  refused_quoting (name, "san-too-long");
  refused_naming (name, "san-too-long", "254");
  free (name);
}
END_TEST

START_TEST (test_not_hostname)
{
  /* The messages suggest the host part instead. */
  refused_quoting ("john@johndogfood.com", "san-not-hostname");
  refused_naming ("john@johndogfood.com", "san-not-hostname",
                  "such as johndogfood.com.");
  refused_quoting ("https://owa.contoso.com/owa", "san-not-hostname");
  refused_naming ("https://owa.contoso.com:443/owa", "san-not-hostname",
                  "such as owa.contoso.com.");
  refused_naming ("http://[2001:db8::1]/", "san-not-hostname",
                  "such as 2001:db8::1.");
  refused_naming ("smtp@", "san-not-hostname", "such as mail.contoso.com.");
  /* Mistyped addresses are no host names either. */
  refused_quoting ("10.0.0.256", "san-not-hostname");
  refused_quoting ("192.0.2.10.", "san-not-hostname");
  refused_naming ("1.2.3", "san-not-hostname", "192.0.2.10");
  refused_quoting ("1234", "san-not-hostname");
  parse_clean ("1.2.3.contoso.com", "1.2.3.contoso.com");
  parse_clean ("3com.com", "3com.com");
}
END_TEST

START_TEST (test_internal_names)
{
  static const char *const internal[] = {
    "owa1", "mail.contoso.local", "host.lan", "x.internal"
  };
  for (size_t i = 0; i < 4; i++)
    {
      struct cw_diags diags = parse_dns (internal[i], internal[i], 1);
      const struct cw_diag *d = expect_diag (&diags, "san-internal",
                                             CW_WARNING);
      expect_in_message (d, internal[i]);
      cw_diags_free (&diags);
    }
  parse_clean ("contoso.co.uk", "contoso.co.uk");
}
END_TEST

/* -------------------------------------------------------- wildcards */

START_TEST (test_wildcard_accepted)
{
  struct cw_diags diags = parse_dns ("*.contoso.com", "*.contoso.com", 1);
  const struct cw_diag *d = expect_diag (&diags, "san-wildcard", CW_NOTE);
  expect_in_message (d, "\"*.contoso.com\"");
  expect_in_message (d, "mail.contoso.com");
  expect_in_message (d, "a.b.contoso.com");
  cw_diags_free (&diags);

  diags = parse_dns ("*.Contoso.COM", "*.contoso.com", 1);
  cw_diags_free (&diags);
}
END_TEST

START_TEST (test_wildcard_refused)
{
  refused_quoting ("*.com", "san-wildcard-too-broad");
  refused_quoting ("*", "san-wildcard-too-broad");
  refused_quoting ("mail.*.contoso.com", "san-wildcard-position");
  refused_quoting ("*mail.contoso.com", "san-wildcard-partial");
  refused_quoting ("m*.contoso.com", "san-wildcard-partial");
  refused_quoting ("*.*.contoso.com", "san-wildcard-position");
}
END_TEST

START_TEST (test_wildcard_public_suffix)
{
  refused_quoting ("*.co.uk", "san-wildcard-too-broad");
  refused_naming ("*.co.uk", "san-wildcard-too-broad", " co.uk ");
  /* The domain under the suffix is the owner's: fine. */
  struct cw_diags diags = parse_dns ("*.contoso.co.uk", "*.contoso.co.uk",
                                     1);
  expect_diag (&diags, "san-wildcard", CW_NOTE);
  cw_diags_free (&diags);
}
END_TEST

START_TEST (test_wildcard_length)
{
  /* "*." counts towards the 253 characters. */
  char *rest = long_name (55);
  char *name;
  ck_assert_int_ge (asprintf (&name, "*.%s", rest), 0);
  ck_assert_uint_eq (strlen (name), 253);
  struct cw_diags diags = parse_dns (name, name, 1);
  cw_diags_free (&diags);
  free (name);
  free (rest);

  rest = long_name (56);
  ck_assert_int_ge (asprintf (&name, "*.%s", rest), 0);
  refused_quoting (name, "san-too-long");
  free (name);
  free (rest);
}
END_TEST

START_TEST (test_wildcard_internal_and_idna)
{
  struct cw_diags diags = parse_dns ("*.contoso.local", "*.contoso.local",
                                     2);
  expect_diag (&diags, "san-wildcard", CW_NOTE);
  expect_diag (&diags, "san-internal", CW_WARNING);
  cw_diags_free (&diags);

  diags = parse_dns ("*.b\xc3\xbc" "cher.de", "*.xn--bcher-kva.de", 2);
  expect_diag (&diags, "san-idna", CW_NOTE);
  expect_diag (&diags, "san-wildcard", CW_NOTE);
  cw_diags_free (&diags);
}
END_TEST

/* ------------------------------------------------ international names */

START_TEST (test_idna)
{
  /* .example is reserved, so not public: the internal warning too. */
  struct cw_diags diags = parse_dns ("b\xc3\xbc" "cher.example",
                                     "xn--bcher-kva.example", 2);
  const struct cw_diag *d = expect_diag (&diags, "san-idna", CW_NOTE);
  expect_in_message (d, "\"b\xc3\xbc" "cher.example\"");
  expect_in_message (d, "\"xn--bcher-kva.example\"");
  expect_diag (&diags, "san-internal", CW_WARNING);
  cw_diags_free (&diags);

  diags = parse_dns ("B\xc3\x9c" "CHER.de", "xn--bcher-kva.de", 1);
  expect_diag (&diags, "san-idna", CW_NOTE);
  cw_diags_free (&diags);
}
END_TEST

START_TEST (test_idna_invalid)
{
  /* A label cannot start with a combining accent. */
  refused_quoting ("\xcc\x80" "a.contoso.com", "san-idna-invalid");
}
END_TEST

START_TEST (test_idna_too_long)
{
  /* 58 letters are fine as typed, but their A-label would be 64 long:
     the conversion refuses it. */
  char *label = malloc (2 * 58 + 1);
  for (size_t i = 0; i < 58; i++)
    memcpy (label + 2 * i, "\xc3\xbc", 2);
  label[2 * 58] = '\0';
  char *name;
  ck_assert_int_ge (asprintf (&name, "%s.de", label), 0);
  refused_quoting (name, "san-idna-invalid");
  refused_naming (name, "san-idna-invalid", "too long");
  free (name);
  free (label);
}
END_TEST

/* -------------------------------------------------------- addresses */

static void
parse_ip (const char *input, const char *text, const unsigned char *bytes,
          unsigned len)
{
  struct cw_diags diags = CW_DIAGS_INIT;
  struct cw_san san;
  ck_assert (cw_san_parse (input, &san, &diags));
  ck_assert_int_eq (san.type, CW_SAN_IP);
  ck_assert_str_eq (san.name, text);
  ck_assert_uint_eq (san.ip_len, len);
  ck_assert_mem_eq (san.ip, bytes, len);
  ck_assert_uint_eq (diags.count, 0);
  cw_san_free (&san);
  cw_diags_free (&diags);
}

START_TEST (test_ipv4)
{
  static const unsigned char bytes[4] = { 192, 0, 2, 10 };
  parse_ip ("192.0.2.10", "192.0.2.10", bytes, 4);
  parse_ip (" 192.0.2.10\t", "192.0.2.10", bytes, 4);
}
END_TEST

START_TEST (test_ipv6)
{
  static const unsigned char bytes[16] = { 0x20, 0x01, 0x0d, 0xb8,
                                           [15] = 1 };
  parse_ip ("2001:db8::1", "2001:db8::1", bytes, 16);
  parse_ip ("2001:DB8:0::1", "2001:db8::1", bytes, 16);
  parse_ip ("2001:0db8:0000:0000:0000:0000:0000:0001", "2001:db8::1",
            bytes, 16);
}
END_TEST

static bool
warned_internal (const char *address)
{
  struct cw_diags diags = CW_DIAGS_INIT;
  struct cw_san san;
  ck_assert (cw_san_parse (address, &san, &diags));
  ck_assert_int_eq (san.type, CW_SAN_IP);
  bool warned = cw_diags_find (&diags, "san-internal") != NULL;
  if (warned)
    {
      const struct cw_diag *d = expect_diag (&diags, "san-internal",
                                             CW_WARNING);
      expect_in_message (d, san.name);
    }
  cw_san_free (&san);
  cw_diags_free (&diags);
  return warned;
}

START_TEST (test_internal_addresses)
{
  static const char *const internal[] = {
    "10.0.0.5", "10.255.255.255", "172.16.0.1", "172.31.255.255",
    "192.168.1.1", "127.0.0.1", "169.254.1.1", "100.64.0.1",
    "100.127.255.255", "::1", "fc00::1", "fd12:3456::1", "fe80::1",
    "febf::1", "::ffff:10.0.0.1"
  };
  for (size_t i = 0; i < sizeof internal / sizeof *internal; i++)
    ck_assert_msg (warned_internal (internal[i]), "%s not warned",
                   internal[i]);
}
END_TEST

START_TEST (test_public_addresses)
{
  static const char *const public[] = {
    "192.0.2.10", "2001:db8::1", "8.8.8.8", "11.0.0.1", "9.255.255.255",
    "172.15.255.255", "172.32.0.1", "192.169.0.1", "169.255.0.1",
    "100.63.255.255", "100.128.0.1", "128.0.0.1", "::2", "fec0::1",
    "fb00::1", "::ffff:192.0.2.10"
  };
  for (size_t i = 0; i < sizeof public / sizeof *public; i++)
    ck_assert_msg (!warned_internal (public[i]), "%s warned", public[i]);
}
END_TEST

/* ------------------------------------------------------------ lists */

START_TEST (test_duplicates)
{
  struct cw_san_list list = CW_SAN_LIST_INIT;
  struct cw_diags diags = CW_DIAGS_INIT;
  ck_assert (cw_san_list_add (&list, "Mail.Contoso.com", &diags));
  ck_assert (cw_san_list_add (&list, "mail.contoso.com.", &diags));
  ck_assert (cw_san_list_add (&list, " MAIL.CONTOSO.COM ", &diags));
  ck_assert_uint_eq (list.count, 1);
  ck_assert_str_eq (list.items[0].name, "mail.contoso.com");
  /* Only the notes about the repeats; the dropped entry's own trailing
     dot note would be noise. */
  ck_assert_uint_eq (diags.count, 2);
  ck_assert_uint_eq (count_code (&diags, "san-duplicate"), 2);
  const struct cw_diag *d = expect_diag (&diags, "san-duplicate", CW_NOTE);
  expect_in_message (d, "\"mail.contoso.com.\"");
  expect_in_message (d, "as \"mail.contoso.com\"");
  cw_san_list_free (&list);
  cw_diags_free (&diags);
}
END_TEST

START_TEST (test_duplicate_warned_once)
{
  struct cw_san_list list = CW_SAN_LIST_INIT;
  struct cw_diags diags = CW_DIAGS_INIT;
  ck_assert (cw_san_list_add (&list, "owa1", &diags));
  ck_assert (cw_san_list_add (&list, "OWA1", &diags));
  ck_assert_uint_eq (list.count, 1);
  ck_assert_uint_eq (count_code (&diags, "san-internal"), 1);
  expect_diag (&diags, "san-duplicate", CW_NOTE);
  cw_san_list_free (&list);
  cw_diags_free (&diags);
}
END_TEST

START_TEST (test_duplicate_addresses)
{
  struct cw_san_list list = CW_SAN_LIST_INIT;
  struct cw_diags diags = CW_DIAGS_INIT;
  ck_assert (cw_san_list_add (&list, "2001:db8::1", &diags));
  ck_assert (cw_san_list_add (&list, "2001:DB8:0::1", &diags));
  ck_assert (cw_san_list_add (&list, "192.0.2.10", &diags));
  ck_assert_uint_eq (list.count, 2);
  ck_assert_uint_eq (diags.count, 1);
  const struct cw_diag *d = expect_diag (&diags, "san-duplicate", CW_NOTE);
  expect_in_message (d, "\"2001:DB8:0::1\"");
  cw_san_list_free (&list);
  cw_diags_free (&diags);
}
END_TEST

START_TEST (test_contains)
{
  struct cw_san_list list = CW_SAN_LIST_INIT;
  struct cw_diags diags = CW_DIAGS_INIT;
  ck_assert (cw_san_list_add (&list, "mail.contoso.com", &diags));
  ck_assert (cw_san_list_add (&list, "192.0.2.10", &diags));
  struct cw_san same = { CW_SAN_DNS, (char *) "MAIL.contoso.com", { 0 }, 0 };
  struct cw_san other = { CW_SAN_DNS, (char *) "owa.contoso.com", { 0 }, 0 };
  struct cw_san address = { CW_SAN_IP, (char *) "192.0.2.10",
                            { 192, 0, 2, 10 }, 4 };
  struct cw_san as_name = { CW_SAN_DNS, (char *) "192.0.2.10", { 0 }, 0 };
  ck_assert (cw_san_list_contains (&list, &same));
  ck_assert (!cw_san_list_contains (&list, &other));
  ck_assert (cw_san_list_contains (&list, &address));
  ck_assert (!cw_san_list_contains (&list, &as_name));
  cw_san_list_free (&list);
  cw_diags_free (&diags);
}
END_TEST

START_TEST (test_add_refused)
{
  struct cw_san_list list = CW_SAN_LIST_INIT;
  struct cw_diags diags = CW_DIAGS_INIT;
  ck_assert (cw_san_list_add (&list, "mail.contoso.com", &diags));
  ck_assert (!cw_san_list_add (&list, "mail_2.contoso.com", &diags));
  ck_assert_uint_eq (list.count, 1);
  expect_diag (&diags, "san-bad-char", CW_ERROR);
  cw_san_list_free (&list);
  cw_diags_free (&diags);
}
END_TEST

/* A list of COUNT names, host1.contoso.com and on. */
static struct cw_san_list
numbered_list (unsigned count)
{
  struct cw_san_list list = CW_SAN_LIST_INIT;
  struct cw_diags diags = CW_DIAGS_INIT;
  for (unsigned i = 1; i <= count; i++)
    {
      char *name;
      ck_assert_int_ge (asprintf (&name, "host%u.contoso.com", i), 0);
      ck_assert (cw_san_list_add (&list, name, &diags));
      free (name);
    }
  ck_assert_uint_eq (diags.count, 0);
  cw_diags_free (&diags);
  return list;
}

START_TEST (test_limit)
{
  struct cw_diags diags = CW_DIAGS_INIT;
  struct cw_san_list list = numbered_list (10);
  cw_san_list_check_limit (&list, 10, &diags);
  ck_assert_uint_eq (diags.count, 0);
  cw_san_list_free (&list);

  list = numbered_list (11);
  cw_san_list_check_limit (&list, 0, &diags);
  ck_assert_uint_eq (diags.count, 0);
  cw_san_list_check_limit (&list, 10, &diags);
  ck_assert_uint_eq (diags.count, 1);
  const struct cw_diag *d = expect_diag (&diags, "san-too-many", CW_ERROR);
  expect_in_message (d, "11");
  expect_in_message (d, "10");
  expect_in_message (d, "Remove 1 name,");
  cw_diags_clear (&diags);

  cw_san_list_check_limit (&list, 9, &diags);
  expect_in_message (expect_diag (&diags, "san-too-many", CW_ERROR),
                     "Remove 2 names");
  cw_san_list_free (&list);
  cw_diags_free (&diags);
}
END_TEST

/* ------------------------------------------------------------ names */

struct built
{
  bool ok;
  struct cw_names names;
  struct cw_diags diags;
};

static struct built
build (const char *subject, const char *const *sans, size_t count,
       unsigned max)
{
  struct cw_names_input input = { subject, sans, count, max, NULL, 0 };
  struct built b = { false, CW_NAMES_INIT, CW_DIAGS_INIT };
  b.ok = cw_names_build (&input, &b.names, &b.diags);
  return b;
}

static void
built_free (struct built *b)
{
  cw_names_free (&b->names);
  ck_assert_ptr_null (b->names.sans.items);
  ck_assert_ptr_null (b->names.subject.rdns);
  cw_diags_free (&b->diags);
}

START_TEST (test_names_seed)
{
  static const char *const sans[] = {
    "mbx.johndogfood.com", "edge.johndogfood.com", "communitycycling.org"
  };
  struct built b = build ("C=US, O=John Speare, CN=johndogfood.com", sans,
                          3, 10);
  ck_assert (b.ok);
  ck_assert_uint_eq (b.names.sans.count, 4);
  ck_assert_str_eq (b.names.sans.items[0].name, "johndogfood.com");
  for (size_t i = 0; i < 3; i++)
    ck_assert_str_eq (b.names.sans.items[i + 1].name, sans[i]);
  const struct cw_diag *d = expect_diag (&b.diags, "cn-added-to-san",
                                         CW_NOTE);
  expect_in_message (d, "\"johndogfood.com\"");
  ck_assert_str_eq (cw_subject_cn (&b.names.subject), "johndogfood.com");
  built_free (&b);
}
END_TEST

START_TEST (test_names_client_access)
{
  static const char *const sans[] = {
    "owa1", "contoso.com", "owa1.contoso.com", "Autodiscover.contoso.com",
    "owa.contoso.com"
  };
  struct built b = build ("C=US, O=Contoso Corp, CN=mail1.contoso.com",
                          sans, 5, 0);
  ck_assert (b.ok);
  ck_assert_uint_eq (b.names.sans.count, 6);
  ck_assert_str_eq (b.names.sans.items[0].name, "mail1.contoso.com");
  ck_assert_str_eq (b.names.sans.items[1].name, "owa1");
  ck_assert_uint_eq (count_code (&b.diags, "san-internal"), 1);
  built_free (&b);
}
END_TEST

START_TEST (test_names_cn_present)
{
  static const char *const sans[] = { "owa.contoso.com",
                                      "mail1.contoso.com" };
  struct built b = build ("O=Contoso Corp, CN=Mail1.Contoso.com", sans, 2,
                          0);
  ck_assert (b.ok);
  ck_assert_uint_eq (b.names.sans.count, 2);
  ck_assert_str_eq (b.names.sans.items[0].name, "owa.contoso.com");
  ck_assert_ptr_null (cw_diags_find (&b.diags, "cn-added-to-san"));
  ck_assert_ptr_null (cw_diags_find (&b.diags, "san-duplicate"));
  built_free (&b);
}
END_TEST

START_TEST (test_names_cn_not_a_host)
{
  static const char *const sans[] = { "mail1.diversiondebicicleta.com" };
  struct built b = build ("C=ES, O=Diversi\xc3\xb3n de Bicicleta, "
                          "CN=Diversi\xc3\xb3n de Bicicleta", sans, 1, 0);
  ck_assert_uint_eq (b.names.sans.count, 1);
  ck_assert_str_eq (b.names.sans.items[0].name,
                    "mail1.diversiondebicicleta.com");
  ck_assert_ptr_null (cw_diags_find (&b.diags, "cn-added-to-san"));
  /* Why the CN is no host name is the subject's business, not a SAN
     error. */
  ck_assert_ptr_null (cw_diags_find (&b.diags, "san-bad-char"));
  ck_assert_ptr_null (cw_diags_find (&b.diags, "no-names"));
  ck_assert_ptr_null (cw_diags_find (&b.diags, "no-host-name"));
  built_free (&b);

  /* The same CN alone names nothing a TLS client can match; so does the
     seed's CN with a stray blank. */
  b = build ("C=ES, CN=Diversi\xc3\xb3n de Bicicleta", NULL, 0, 0);
  ck_assert (!b.ok);
  expect_diag (&b.diags, "no-host-name", CW_ERROR);
  built_free (&b);
  b = build ("CN=mail1. DiversiondeBicicleta.com", NULL, 0, 0);
  ck_assert (!b.ok);
  expect_diag (&b.diags, "no-host-name", CW_ERROR);
  built_free (&b);
}
END_TEST

START_TEST (test_names_cn_idna)
{
  struct built b = build ("CN=b\xc3\xbc" "cher.de", NULL, 0, 0);
  ck_assert_uint_eq (b.names.sans.count, 1);
  ck_assert_str_eq (b.names.sans.items[0].name, "xn--bcher-kva.de");
  const struct cw_diag *d = expect_diag (&b.diags, "cn-added-to-san",
                                         CW_NOTE);
  expect_in_message (d, "\"xn--bcher-kva.de\"");
  expect_diag (&b.diags, "san-idna", CW_NOTE);
  built_free (&b);
}
END_TEST

START_TEST (test_names_cn_written_as_its_san)
{
  /* Public CAs refuse a U-label CN: a host name's CN is written as its
     SAN is, A-label and lower case.  */
  struct built b = build ("O=B\xc3\xbc" "cher GmbH, CN=Mail.B\xc3\xbc"
                          "cher.de", NULL, 0, 0);
  ck_assert (b.ok);
  ck_assert_str_eq (cw_subject_cn (&b.names.subject),
                    "mail.xn--bcher-kva.de");
  ck_assert_str_eq (b.names.sans.items[0].name, "mail.xn--bcher-kva.de");
  const struct cw_diag *d = cw_diags_find (&b.diags, "cn-as-san");
  ck_assert_ptr_nonnull (d);
  ck_assert_int_eq (d->severity, CW_NOTE);
  /* The organization keeps its Unicode.  */
  ck_assert_str_eq (b.names.subject.rdns[0].value, "B\xc3\xbc" "cher GmbH");
  built_free (&b);

  b = build ("CN=MAIL1.Contoso.com", NULL, 0, 0);
  ck_assert_str_eq (cw_subject_cn (&b.names.subject), "mail1.contoso.com");
  ck_assert_ptr_nonnull (cw_diags_find (&b.diags, "cn-as-san"));
  built_free (&b);

  /* A CN that is no host name is the user's choice: kept as typed.  */
  static const char *const sans[] = { "mail.contoso.com" };
  b = build ("CN=M\xc3\xbcller Mail", sans, 1, 0);
  ck_assert_str_eq (cw_subject_cn (&b.names.subject), "M\xc3\xbcller Mail");
  ck_assert_ptr_null (cw_diags_find (&b.diags, "cn-as-san"));
  built_free (&b);

  /* Already in its SAN form: nothing to say.  */
  b = build ("CN=mail.contoso.com", NULL, 0, 0);
  ck_assert_ptr_null (cw_diags_find (&b.diags, "cn-as-san"));
  built_free (&b);
}
END_TEST

START_TEST (test_names_cn_alabel_too_long)
{
  /* 60 characters typed, over 64 once written as its A-label.  */
  struct built b = build ("CN=\xc3\xbc\xc3\xb6\xc3\xa4\xc3\xa9\xc3\xa8"
                          "\xc3\xa0\xc3\xa7\xc3\xb1.\xc3\xbc\xc3\xb6"
                          "\xc3\xa4\xc3\xa9\xc3\xa8\xc3\xa0\xc3\xa7"
                          "\xc3\xb1.abcdefghijklmnopqrstuvwxyzabcdefghijk"
                          ".com", NULL, 0, 0);
  ck_assert (!b.ok);
  const struct cw_diag *d = cw_diags_find (&b.diags, "cn-too-long");
  ck_assert_ptr_nonnull (d);
  ck_assert_ptr_nonnull (strstr (d->message, "xn--"));
  built_free (&b);
}
END_TEST

START_TEST (test_names_cn_address_and_wildcard)
{
  static const char *const sans[] = { "mail.contoso.com" };
  struct built b = build ("CN=192.0.2.10", sans, 1, 0);
  ck_assert_uint_eq (b.names.sans.count, 2);
  ck_assert_int_eq (b.names.sans.items[0].type, CW_SAN_IP);
  ck_assert_str_eq (b.names.sans.items[0].name, "192.0.2.10");
  expect_diag (&b.diags, "cn-added-to-san", CW_NOTE);
  built_free (&b);

  b = build ("CN=*.contoso.com", sans, 1, 0);
  ck_assert_uint_eq (b.names.sans.count, 2);
  ck_assert_str_eq (b.names.sans.items[0].name, "*.contoso.com");
  expect_diag (&b.diags, "cn-added-to-san", CW_NOTE);
  built_free (&b);
}
END_TEST

START_TEST (test_names_none)
{
  struct built b = build ("O=Contoso Corp", NULL, 0, 0);
  ck_assert (!b.ok);
  ck_assert_uint_eq (b.names.sans.count, 0);
  expect_diag (&b.diags, "no-names", CW_ERROR);
  built_free (&b);

  /* Names without a CN are enough to name the certificate. */
  static const char *const sans[] = { "mail.contoso.com" };
  b = build ("O=Contoso Corp", sans, 1, 0);
  ck_assert_ptr_null (cw_diags_find (&b.diags, "no-names"));
  ck_assert (b.ok);
  built_free (&b);
}
END_TEST

START_TEST (test_names_limit_counts_cn)
{
  static const char *const sans[] = {
    "host1.contoso.com", "host2.contoso.com", "host3.contoso.com",
    "host4.contoso.com", "host5.contoso.com", "host6.contoso.com",
    "host7.contoso.com", "host8.contoso.com", "host9.contoso.com",
    "host10.contoso.com"
  };
  struct built b = build ("CN=mail1.contoso.com", sans, 10, 10);
  ck_assert (!b.ok);
  ck_assert_uint_eq (b.names.sans.count, 11);
  expect_in_message (expect_diag (&b.diags, "san-too-many", CW_ERROR),
                     "11");
  built_free (&b);

  b = build ("CN=host1.contoso.com", sans, 10, 10);
  ck_assert (b.ok);
  ck_assert_ptr_null (cw_diags_find (&b.diags, "san-too-many"));
  built_free (&b);
}
END_TEST

START_TEST (test_names_san_error)
{
  static const char *const sans[] = { "mail.contoso.com",
                                      "bad_name.contoso.com" };
  struct built b = build ("CN=mail.contoso.com", sans, 2, 0);
  ck_assert (!b.ok);
  expect_diag (&b.diags, "san-bad-char", CW_ERROR);
  ck_assert_uint_eq (b.names.sans.count, 1);
  built_free (&b);
}
END_TEST

START_TEST (test_names_own_errors_only)
{
  /* An error already in the list is not this build's. */
  struct cw_diags diags = CW_DIAGS_INIT;
  cw_diag_add (&diags, CW_ERROR, "earlier", "key", "%s", "earlier error");
  struct cw_names_input input = { "CN=mail.contoso.com", NULL, 0, 0, NULL,
                                  0 };
  struct cw_names names = CW_NAMES_INIT;
  ck_assert (cw_names_build (&input, &names, &diags));
  cw_names_free (&names);
  cw_diags_free (&diags);
}
END_TEST

/* ------------------------------------------------------------- main */

static Suite *
san_suite (void)
{
  Suite *s = suite_create ("san");
  TCase *tc = tcase_create ("host names");
  tcase_add_test (tc, test_seed_edge_names);
  tcase_add_test (tc, test_client_access_names);
  tcase_add_test (tc, test_localhost_not_given_a_domain);
  tcase_add_test (tc, test_trim_and_lower_case);
  tcase_add_test (tc, test_trailing_dot);
  tcase_add_test (tc, test_empty);
  tcase_add_test (tc, test_bad_chars);
  tcase_add_test (tc, test_invalid_utf8);
  tcase_add_test (tc, test_label_length);
  tcase_add_test (tc, test_label_hyphen);
  tcase_add_test (tc, test_empty_label);
  tcase_add_test (tc, test_name_length);
  tcase_add_test (tc, test_not_hostname);
  tcase_add_test (tc, test_internal_names);
  suite_add_tcase (s, tc);

  tc = tcase_create ("wildcards");
  tcase_add_test (tc, test_wildcard_accepted);
  tcase_add_test (tc, test_wildcard_refused);
  tcase_add_test (tc, test_wildcard_public_suffix);
  tcase_add_test (tc, test_wildcard_length);
  tcase_add_test (tc, test_wildcard_internal_and_idna);
  suite_add_tcase (s, tc);

  tc = tcase_create ("international names");
  tcase_add_test (tc, test_idna);
  tcase_add_test (tc, test_idna_invalid);
  tcase_add_test (tc, test_idna_too_long);
  suite_add_tcase (s, tc);

  tc = tcase_create ("addresses");
  tcase_add_test (tc, test_ipv4);
  tcase_add_test (tc, test_ipv6);
  tcase_add_test (tc, test_internal_addresses);
  tcase_add_test (tc, test_public_addresses);
  suite_add_tcase (s, tc);

  tc = tcase_create ("lists");
  tcase_add_test (tc, test_duplicates);
  tcase_add_test (tc, test_duplicate_warned_once);
  tcase_add_test (tc, test_duplicate_addresses);
  tcase_add_test (tc, test_contains);
  tcase_add_test (tc, test_add_refused);
  tcase_add_test (tc, test_limit);
  suite_add_tcase (s, tc);
  return s;
}

static Suite *
names_suite (void)
{
  Suite *s = suite_create ("names");
  TCase *tc = tcase_create ("names");
  tcase_add_test (tc, test_names_seed);
  tcase_add_test (tc, test_names_client_access);
  tcase_add_test (tc, test_names_cn_present);
  tcase_add_test (tc, test_names_cn_not_a_host);
  tcase_add_test (tc, test_names_cn_idna);
  tcase_add_test (tc, test_names_cn_written_as_its_san);
  tcase_add_test (tc, test_names_cn_alabel_too_long);
  tcase_add_test (tc, test_names_cn_address_and_wildcard);
  tcase_add_test (tc, test_names_none);
  tcase_add_test (tc, test_names_limit_counts_cn);
  tcase_add_test (tc, test_names_san_error);
  tcase_add_test (tc, test_names_own_errors_only);
  suite_add_tcase (s, tc);
  return s;
}

int
main (void)
{
  setlocale (LC_ALL, "");
  return unit_run (san_suite (), names_suite (), NULL);
}
