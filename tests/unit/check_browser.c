/* Unit tests of the certificate browser's model (forms/browser_model.c):
   the sort on each column, the filter by name, issuer and thumbprint,
   counts, hostile text; of reading files a slice at a time
   (forms/browser_load.c); and of its help texts.  No terminal: nothing
   here calls initscr.  Speed is not asserted here: timings belong to a
   benchmark, not to a test that a slow machine would fail. */
#include <config.h>

#include <check.h>
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "browser.h"
#include "browser_model.h"
#include "base/textwidth.h"
#include "unit.h"

#define DAY 86400

static struct bm_model model;

static void
setup (void)
{
  bm_init (&model);
}

static void
teardown (void)
{
  bm_free (&model);
}

/* ------------------------------------------------------------ helpers */

/* A certificate row: LABEL, its names (NULL-terminated), ISSUER, days
   to its expiry, whether the key is here. */
static void
add_cert (const char *label, const char *issuer, long days, bool key,
          const char *id, const char *const *names)
{
  size_t count = 0;
  while (names && names[count])
    count++;
  struct bm_entry entry = {
    false, key, id, label, label, issuer, "", names, count,
    time (NULL) + days * DAY + DAY / 2, 0, false, NULL,
  };
  bm_add (&model, &entry);
}

static void
add_request (const char *label, const char *id)
{
  struct bm_entry entry = { true, true, id, label, label, "", "", NULL, 0,
                            time (NULL), 0, false, NULL };
  bm_add (&model, &entry);
}

/* The labels shown, in order, joined by commas. */
static const char *
shown (void)
{
  static char text[4096];
  text[0] = '\0';
  for (size_t i = 0; i < model.shown_count; i++)
    {
      if (i)
        strncat (text, ",", sizeof text - strlen (text) - 1);
      strncat (text, model.shown[i]->label, sizeof text - strlen (text) - 1);
    }
  return text;
}

static const char *const mail_names[] = { "DNS:mail.contoso.com",
                                          "DNS:autodiscover.contoso.com",
                                          "IP:192.0.2.1", NULL };
static const char *const www_names[] = { "DNS:www.fabrikam.com", NULL };
static const char *const three_names[] = { "DNS:a.example", "DNS:b.example",
                                           "DNS:c.example", NULL };

/* Five rows with a different order on every column. */
static void
add_five (void)
{
  add_cert ("Contoso mail", "Contoso Issuing CA", 200, true,
            "aa11bb22cc33dd44ee55ff6600112233aabbccdd", mail_names);
  add_cert ("www.fabrikam.com", "Baltimore Root", -5, false,
            "0123456789abcdef0123456789abcdef01234567", www_names);
  add_cert ("intranet", "ZZ Private CA", 10, true,
            "fedcba9876543210fedcba9876543210fedcba98", three_names);
  add_request ("New mail", "1111222233334444555566667777888899990000");
  add_cert ("ärger.example", "Ärger CA", 400, false,
            "5555555555555555555555555555555555555555", NULL);
  bm_refresh (&model);
}

/* ------------------------------------------------------------ sorting */

START_TEST (sort_default_is_expiry)
{
  add_five ();
  ck_assert_int_eq (model.sort, BM_EXPIRES);
  ck_assert_str_eq (shown (), "www.fabrikam.com,intranet,Contoso mail,"
                              "ärger.example,New mail");
}
END_TEST

static const struct
{
  enum bm_column column;
  const char *ascending;
} sorts[] = {
  { BM_STATE, "www.fabrikam.com,intranet,New mail,Contoso mail,"
              "ärger.example" },
  { BM_NAME, "Contoso mail,intranet,New mail,www.fabrikam.com,"
             "ärger.example" },
  { BM_NAMES, "New mail,ärger.example,www.fabrikam.com,Contoso mail,"
              "intranet" },
  { BM_ISSUER, "www.fabrikam.com,Contoso mail,intranet,ärger.example,"
               "New mail" },
  { BM_EXPIRES, "www.fabrikam.com,intranet,Contoso mail,ärger.example,"
                "New mail" },
  { BM_KEY, "Contoso mail,intranet,New mail,www.fabrikam.com,"
            "ärger.example" },
};

START_TEST (sort_each_column)
{
  add_five ();
  bm_set_sort (&model, sorts[_i].column, false);
  ck_assert_str_eq (shown (), sorts[_i].ascending);
}
END_TEST

/* Descending is the exact reverse, ties included. */
START_TEST (sort_each_column_reversed)
{
  add_five ();
  bm_set_sort (&model, sorts[_i].column, true);
  char reversed[4096] = "";
  for (size_t i = model.shown_count; i-- > 0;)
    {
      strcat (reversed, model.shown[i]->label);
      if (i)
        strcat (reversed, ",");
    }
  ck_assert_str_eq (reversed, sorts[_i].ascending);
}
END_TEST

START_TEST (sort_ties_keep_a_total_order)
{
  /* Same label, same expiry: the order added decides, every time. */
  add_cert ("same", "CA", 10, false, "01", NULL);
  add_cert ("same", "CA", 10, false, "02", NULL);
  add_cert ("same", "CA", 10, false, "03", NULL);
  bm_refresh (&model);
  for (int c = 0; c < BM_COLUMN_COUNT; c++)
    {
      bm_set_sort (&model, (enum bm_column) c, false);
      ck_assert_str_eq (model.shown[0]->id, "01");
      ck_assert_str_eq (model.shown[2]->id, "03");
    }
}
END_TEST

START_TEST (sort_keeps_the_filter)
{
  add_five ();
  bm_set_filter (&model, "contoso");
  bm_set_sort (&model, BM_NAME, true);
  ck_assert_str_eq (shown (), "Contoso mail");
}
END_TEST

START_TEST (sort_out_of_range)
{
  add_five ();
  bm_set_sort (&model, (enum bm_column) 99, false);
  ck_assert_int_eq (model.sort, BM_EXPIRES);
}
END_TEST

/* ---------------------------------------------------------- filtering */

START_TEST (filter_by_name)
{
  add_five ();
  bm_set_filter (&model, "autodiscover");
  ck_assert_str_eq (shown (), "Contoso mail");
  bm_set_filter (&model, "b.example");
  ck_assert_str_eq (shown (), "intranet");
  bm_set_filter (&model, "192.0.2");
  ck_assert_str_eq (shown (), "Contoso mail");
}
END_TEST

START_TEST (filter_by_label)
{
  add_five ();
  bm_set_filter (&model, "mail");
  ck_assert_str_eq (shown (), "Contoso mail,New mail");
}
END_TEST

START_TEST (filter_by_issuer)
{
  add_five ();
  bm_set_filter (&model, "baltimore");
  ck_assert_str_eq (shown (), "www.fabrikam.com");
  bm_set_filter (&model, "CA");
  ck_assert_str_eq (shown (), "intranet,Contoso mail,ärger.example");
}
END_TEST

START_TEST (filter_ignores_case)
{
  add_five ();
  bm_set_filter (&model, "FABRIKAM");
  ck_assert_str_eq (shown (), "www.fabrikam.com");
  bm_set_filter (&model, "fAbRiKaM.CoM");
  ck_assert_str_eq (shown (), "www.fabrikam.com");
  /* Beyond ASCII too. */
  bm_set_filter (&model, "ÄRGER");
  ck_assert_str_eq (shown (), "ärger.example");
}
END_TEST

START_TEST (filter_by_thumbprint_prefix)
{
  add_five ();
  bm_set_filter (&model, "fedc");
  ck_assert_str_eq (shown (), "intranet");
  bm_set_filter (&model, "FEDCBA98");
  ck_assert_str_eq (shown (), "intranet");
  /* As other tools group the digits. */
  bm_set_filter (&model, "fe:dc:ba");
  ck_assert_str_eq (shown (), "intranet");
  bm_set_filter (&model, "FE DC BA");
  ck_assert_str_eq (shown (), "intranet");
  /* A request is found by its key ID. */
  bm_set_filter (&model, "11112222");
  ck_assert_str_eq (shown (), "New mail");
}
END_TEST

START_TEST (filter_thumbprint_is_a_prefix)
{
  add_five ();
  /* In the middle of a thumbprint: no match. */
  bm_set_filter (&model, "9876543210fedc");
  ck_assert_str_eq (shown (), "");
}
END_TEST

START_TEST (filter_by_sha256_prefix)
{
  static const char *const none[] = { NULL };
  struct bm_entry entry = {
    false, false, "00aa", "by sha256", "", "CA", "ABCDEF0123", none, 0,
    time (NULL) + 10 * DAY, 0, false, NULL,
  };
  bm_add (&model, &entry);
  bm_refresh (&model);
  bm_set_filter (&model, "abcdef01");
  ck_assert_str_eq (shown (), "by sha256");
}
END_TEST

START_TEST (filter_kind_prefix_is_not_searched)
{
  /* "dns" is in no name: "DNS:" is how certwiz lists them, not part of
     the name. */
  add_five ();
  bm_set_filter (&model, "dns");
  ck_assert_str_eq (shown (), "");
  bm_set_filter (&model, "ip:");
  ck_assert_str_eq (shown (), "");
}
END_TEST

START_TEST (filter_trims_blanks)
{
  add_five ();
  bm_set_filter (&model, "  intranet\t ");
  ck_assert_str_eq (shown (), "intranet");
  ck_assert_str_eq (model.filter, "intranet");
}
END_TEST

START_TEST (filter_counts)
{
  add_five ();
  ck_assert_uint_eq (model.count, 5);
  ck_assert_uint_eq (model.shown_count, 5);
  bm_set_filter (&model, "example");
  ck_assert_uint_eq (model.shown_count, 2);
  ck_assert_uint_eq (model.count, 5);
  bm_set_filter (&model, "nothing at all");
  ck_assert_uint_eq (model.shown_count, 0);
  bm_set_filter (&model, "");
  ck_assert_uint_eq (model.shown_count, 5);
}
END_TEST

START_TEST (filter_on_rows_added_later)
{
  bm_set_filter (&model, "late");
  add_five ();
  ck_assert_uint_eq (model.shown_count, 0);
  add_cert ("late.example", "CA", 3, false, "ab", NULL);
  bm_refresh (&model);
  ck_assert_str_eq (shown (), "late.example");
}
END_TEST

/* Typed a key at a time, a longer filter tests only the rows the
   shorter one kept; each step must keep what a filter set at once
   keeps. */
static const char *
shown_at_once (const char *filter)
{
  static char text[4096];
  struct bm_model saved = model;
  bm_init (&model);
  add_five ();
  bm_set_sort (&model, saved.sort, saved.descending);
  bm_set_filter (&model, filter);
  snprintf (text, sizeof text, "%s", shown ());
  bm_free (&model);
  model = saved;
  return text;
}

START_TEST (filter_typed_key_by_key)
{
  static const char *const typed[] = {
    "c", "co", "con", "cont", "conto", "contoso", "contoso ", "contoso m",
    "contoso", "cont", "c", "", "a", "aa", "aa1", "aa", "5", "55", "5",
    "f", "fe", "fe:", "fe:dc", "fe:", "e", "ex", "exa", "x1b", "",
  };
  add_five ();
  bm_set_sort (&model, BM_NAME, false);
  for (size_t i = 0; i < sizeof typed / sizeof *typed; i++)
    {
      bm_set_filter (&model, typed[i]);
      ck_assert_msg (strcmp (shown (), shown_at_once (typed[i])) == 0,
                     "after \"%s\": %s, not %s", typed[i], shown (),
                     shown_at_once (typed[i]));
    }
}
END_TEST

START_TEST (filter_longer_after_separators)
{
  /* ":" keeps no row by its thumbprint, ":fe" does: the rows ":" did
     not keep are tested again. */
  add_five ();
  bm_set_filter (&model, ":");
  ck_assert_str_eq (shown (), "");
  bm_set_filter (&model, ": fe");
  ck_assert_str_eq (shown (), "intranet");
  bm_set_filter (&model, ":");
  bm_set_filter (&model, "::");
  bm_set_filter (&model, "::01");
  ck_assert_str_eq (shown (), "www.fabrikam.com");
}
END_TEST

START_TEST (filter_shorter_shows_again)
{
  add_five ();
  bm_set_filter (&model, "mail");
  bm_set_filter (&model, "mail.");
  ck_assert_str_eq (shown (), "Contoso mail");
  bm_set_filter (&model, "mail");
  ck_assert_str_eq (shown (), "Contoso mail,New mail");
}
END_TEST

START_TEST (filter_longer_with_rows_added_between)
{
  /* Rows read while the user types are tested whole, then narrowed
     with the others. */
  bm_set_filter (&model, "e");
  add_five ();
  add_cert ("late.example", "CA", 3, false, "ab", NULL);
  add_cert ("elsewhere", "CA", 4, false, "ac", NULL);
  bm_set_filter (&model, "ex");
  ck_assert_str_eq (shown (), "late.example,intranet,ärger.example");
  add_cert ("next.example", "CA", 5, false, "ad", NULL);
  bm_refresh (&model);
  bm_set_filter (&model, "exa");
  ck_assert_str_eq (shown (), "late.example,next.example,intranet,"
                              "ärger.example");
}
END_TEST

START_TEST (sort_after_filter_keeps_it)
{
  add_five ();
  bm_set_filter (&model, "example");
  add_cert ("z.example", "CA", 1, false, "ae", NULL);
  bm_set_sort (&model, BM_NAME, false);
  ck_assert_str_eq (shown (), "intranet,z.example,ärger.example");
  bm_set_sort (&model, BM_NAME, true);
  ck_assert_str_eq (shown (), "ärger.example,z.example,intranet");
}
END_TEST

START_TEST (find_by_id_after_sort)
{
  add_five ();
  size_t index;
  bm_set_sort (&model, BM_NAME, true);
  ck_assert (bm_find (&model, "0123456789abcdef0123456789abcdef01234567",
                      &index));
  ck_assert_str_eq (model.shown[index]->label, "www.fabrikam.com");
  bm_set_filter (&model, "i");
  ck_assert (bm_find (&model, "fedcba9876543210fedcba9876543210fedcba98",
                      &index));
  ck_assert_str_eq (model.shown[index]->label, "intranet");
}
END_TEST

START_TEST (many_rows_in_the_arena)
{
  /* Rows fill several of the arena's blocks, one with a text larger
     than a block; all are kept and freed whole. */
  char label[64], id[64];
  static char big[300 * 1024];
  memset (big, 'b', sizeof big - 1);
  for (int i = 0; i < 5000; i++)
    {
      snprintf (label, sizeof label, "row%d.example", i);
      snprintf (id, sizeof id, "%040x", i);
      add_cert (i == 2500 ? big : label, "CA", i % 300, false, id, NULL);
    }
  bm_refresh (&model);
  bm_set_filter (&model, "row4999.");
  ck_assert_str_eq (shown (), "row4999.example");
  bm_set_filter (&model, "bbbbbbbb");
  ck_assert_uint_eq (model.shown_count, 1);
  ck_assert_uint_eq (strlen (model.shown[0]->label), sizeof big - 1);
  bm_set_filter (&model, "row");
  ck_assert_uint_eq (model.shown_count, 4999);
}
END_TEST

/* Rows read a slice at a time are sorted in with those before them:
   the same order as all of them sorted at once, on every column. */
START_TEST (sort_rows_added_in_slices)
{
  char slices[4096], once[4096];
  bool descending = _i % 2;
  enum bm_column column = (enum bm_column) (_i / 2);
  bm_set_sort (&model, column, descending);
  for (int i = 0; i < 60; i++)
    {
      char label[32], id[48], issuer[32];
      snprintf (label, sizeof label, "r%02d", (i * 37) % 60);
      snprintf (id, sizeof id, "%040d", i);
      snprintf (issuer, sizeof issuer, "CA %d", (i * 7) % 5);
      if (i % 9 == 4)
        add_request (label, id);
      else
        add_cert (label, issuer, (i * 13) % 40 - 5, i % 3 == 0, id,
                  i % 2 ? mail_names : www_names);
      if (i % 7 == 6)
        bm_refresh (&model);
    }
  bm_refresh (&model);
  snprintf (slices, sizeof slices, "%s", shown ());
  bm_set_sort (&model, column, descending);
  snprintf (once, sizeof once, "%s", shown ());
  ck_assert_str_eq (slices, once);
}
END_TEST

START_TEST (empty_list)
{
  bm_refresh (&model);
  ck_assert_uint_eq (model.count, 0);
  ck_assert_uint_eq (model.shown_count, 0);
  bm_set_filter (&model, "anything");
  ck_assert_uint_eq (model.shown_count, 0);
  for (int c = 0; c < BM_COLUMN_COUNT; c++)
    bm_set_sort (&model, (enum bm_column) c, c % 2);
  size_t index;
  ck_assert (!bm_find (&model, "00", &index));
  bm_clear (&model);
  ck_assert_uint_eq (model.shown_count, 0);
}
END_TEST

START_TEST (clear_keeps_sort_and_filter)
{
  add_five ();
  bm_set_sort (&model, BM_NAME, true);
  bm_set_filter (&model, "mail");
  bm_clear (&model);
  ck_assert_uint_eq (model.count, 0);
  add_five ();
  ck_assert_int_eq (model.sort, BM_NAME);
  ck_assert_str_eq (shown (), "New mail,Contoso mail");
}
END_TEST

START_TEST (find_by_id)
{
  add_five ();
  size_t index;
  ck_assert (bm_find (&model, "fedcba9876543210fedcba9876543210fedcba98",
                      &index));
  ck_assert_str_eq (model.shown[index]->label, "intranet");
  bm_set_filter (&model, "contoso");
  ck_assert (!bm_find (&model, "fedcba9876543210fedcba9876543210fedcba98",
                       &index));
}
END_TEST

START_TEST (states)
{
  add_five ();
  bm_set_sort (&model, BM_STATE, false);
  ck_assert_int_eq (model.shown[0]->state, BM_STATE_EXPIRED);
  ck_assert_int_eq (model.shown[1]->state, BM_STATE_EXPIRING);
  ck_assert_int_eq (model.shown[2]->state, BM_STATE_PENDING);
  ck_assert_int_eq (model.shown[3]->state, BM_STATE_VALID);
  ck_assert (model.shown[2]->pending);
}
END_TEST

/* The Services column: each certificate's services, once each, in the
   order found; a request is never served; the column shows only when
   some row is. */
START_TEST (services_of_rows)
{
  add_cert ("mail", "CA", 90, true, "00aa", NULL);
  add_cert ("web", "CA", 90, true, "00bb", NULL);
  add_request ("next", "00aa");
  bm_refresh (&model);
  ck_assert (!model.any_services);
  bm_add_service (&model, "00AA", "SMTP");
  bm_add_service (&model, "00aa", "IMAP");
  bm_add_service (&model, "00aa", "SMTP");
  bm_add_service (&model, "ffff", "HTTPS");
  ck_assert (model.any_services);
  for (size_t i = 0; i < model.count; i++)
    {
      const struct bm_row *row = model.rows[i];
      if (row->pending || strcmp (row->id, "00bb") == 0)
        ck_assert_ptr_null (row->services);
      else
        ck_assert_str_eq (row->services, "SMTP, IMAP");
    }
  bm_clear (&model);
  ck_assert (!model.any_services);
}
END_TEST

/* The filter matches the organization, which is in no other column. */
START_TEST (filter_by_organization)
{
  static const char *const none[] = { NULL };
  struct bm_entry entry = {
    false, true, "00cc", "mail.contoso.com", "mail.contoso.com", "CA", "",
    none, 0, time (NULL) + 10 * DAY, 0, false,
    "C=US, O=Fabrikam Holdings, CN=mail.contoso.com",
  };
  bm_add (&model, &entry);
  add_cert ("other", "CA", 20, true, "00dd", NULL);
  bm_refresh (&model);
  bm_set_filter (&model, "fabrikam");
  ck_assert_uint_eq (model.shown_count, 1);
  ck_assert_str_eq (model.shown[0]->id, "00cc");
}
END_TEST

START_TEST (no_name)
{
  struct bm_entry entry = { false, false, "01", "", "", "CA", "", NULL, 0,
                            time (NULL), 0, false, NULL };
  bm_add (&model, &entry);
  bm_refresh (&model);
  ck_assert_str_ne (model.shown[0]->label, "");
}
END_TEST

/* ------------------------------------------------------------ hostile */

static char *
long_name (size_t length)
{
  char *name = malloc (length + 1);
  ck_assert_ptr_nonnull (name);
  for (size_t i = 0; i < length; i++)
    name[i] = "abcdefghij"[i % 10];
  name[length] = '\0';
  return name;
}

START_TEST (hostile_strings_filter)
{
  char *big = long_name (5000);
  const char *const hostile[] = {
    "DNS:a\033]0;pwned\007.example.com",
    "DNS:b\033[31m.example.com",
    "DNS:\xe2\x80\xae" "moc.elpmaxe",
    "DNS:c\r\b.example.com",
    "DNS:bad\xff\xfeutf8.example.com",
    "DNS:line\nbreak.example.com",
    big,
    NULL,
  };
  add_cert ("evil\033]0;pwned\007\xc2\x9b\xff", "Org\033[2J\xff", 10, false,
            "0c2b", hostile);
  add_five ();
  ck_assert_uint_eq (model.shown_count, 6);
  bm_set_filter (&model, "pwned");
  ck_assert_uint_eq (model.shown_count, 1);
  bm_set_filter (&model, "BAD\xff\xfeUTF8");
  ck_assert_uint_eq (model.shown_count, 1);
  bm_set_filter (&model, "\033[31m");
  ck_assert_uint_eq (model.shown_count, 1);
  bm_set_filter (&model, "ghijabcdefghij");
  ck_assert_uint_eq (model.shown_count, 1);
  /* A filter never matches across two names. */
  bm_set_filter (&model, "com\nb");
  ck_assert_uint_eq (model.shown_count, 0);
  bm_set_filter (&model, "\xe2\x80\xae");
  ck_assert_uint_eq (model.shown_count, 1);
  bm_set_filter (&model, "\xff");
  ck_assert_uint_eq (model.shown_count, 1);
  for (int c = 0; c < BM_COLUMN_COUNT; c++)
    bm_set_sort (&model, (enum bm_column) c, false);
  free (big);
}
END_TEST

START_TEST (hostile_filter_text)
{
  add_five ();
  char *big = long_name (100000);
  bm_set_filter (&model, big);
  ck_assert_uint_eq (model.shown_count, 0);
  bm_set_filter (&model, "\xff\xfe\033");
  ck_assert_uint_eq (model.shown_count, 0);
  bm_set_filter (&model, ":::: ");
  ck_assert_uint_eq (model.shown_count, 0);
  free (big);
}
END_TEST

START_TEST (fold)
{
  char *a = bm_fold ("MAIL.Contoso.COM");
  char *b = bm_fold ("ÄRGER Straße");
  char *c = bm_fold ("BAD\xff");
  ck_assert_str_eq (a, "mail.contoso.com");
  ck_assert_str_eq (b, "ärger straße");
  ck_assert_str_eq (c, "bad\xff");
  free (a), free (b), free (c);
}
END_TEST

START_TEST (one_line)
{
  char *a = bw_one_line ("evil\nIssuer: Trusted CA\n");
  char *b = bw_one_line ("");
  char *c = bw_one_line ("plain \033[31m");
  ck_assert_str_eq (a, "evil\\x0aIssuer: Trusted CA\\x0a");
  ck_assert_str_eq (b, "");
  ck_assert_str_eq (c, "plain \033[31m");
  free (a), free (b), free (c);
}
END_TEST

/* ---------------------------------------------------------- adapters */

START_TEST (from_listing)
{
  char name[] = "DNS:x.example", empty[] = "", friendly[] = "Friendly";
  char id_a[] = "aaaa", id_b[] = "bbbb", cn[] = "cn.example";
  char issuer[] = "Some CA", sha[] = "cc";
  const char *names[] = { name };
  struct cw_listing_row rows[2] = {
    { .pending = true, .id = id_a, .label = empty, .friendly_name = empty,
      .cn = empty, .issuer = empty, .sha256 = empty, .names = names,
      .name_count = 1, .not_after = time (NULL), .has_key = true },
    { .pending = false, .id = id_b, .label = friendly,
      .friendly_name = friendly, .cn = cn, .issuer = issuer, .sha256 = sha,
      .names = NULL, .name_count = 0, .not_after = time (NULL) + 100 * DAY },
  };
  struct cw_listing listing = { rows, 2, 2 };
  bm_add_listing (&model, &listing);
  bm_refresh (&model);
  bm_set_sort (&model, BM_NAME, false);
  /* A request without a name is known by its first name. */
  ck_assert_str_eq (shown (), "Friendly,x.example");
  ck_assert_uint_eq (model.shown[1]->source, 0);
  bm_set_filter (&model, "cn.example");
  ck_assert_str_eq (shown (), "Friendly");
}
END_TEST

/* ----------------------------------------------------------- loading */

static char root[] = "/tmp/certwiz-browser.XXXXXX";

static void
load_setup (void)
{
  setup ();
  strcpy (root, "/tmp/certwiz-browser.XXXXXX");
  ck_assert_ptr_nonnull (mkdtemp (root));
}

static void
load_teardown (void)
{
  char *cmd;
  ck_assert_int_ge (asprintf (&cmd, "rm -rf '%s'", root), 0);
  ck_assert_int_eq (system (cmd), 0);
  free (cmd);
  teardown ();
}

/* A self-signed certificate for NAME (signed by ISSUER when not NULL),
   appended to F as PEM. */
static gnutls_x509_privkey_t
write_cert (FILE *f, const char *name, gnutls_x509_privkey_t issuer_key,
            gnutls_x509_crt_t issuer, gnutls_x509_crt_t *out)
{
  static unsigned char serial = 1;
  gnutls_x509_privkey_t key;
  gnutls_x509_crt_t crt;
  time_t now = time (NULL);
  ck_assert_int_ge (gnutls_x509_privkey_init (&key), 0);
  ck_assert_int_ge (gnutls_x509_privkey_generate (
                      key, GNUTLS_PK_ECDSA,
                      GNUTLS_CURVE_TO_BITS (GNUTLS_ECC_CURVE_SECP256R1), 0),
                    0);
  ck_assert_int_ge (gnutls_x509_crt_init (&crt), 0);
  gnutls_x509_crt_set_version (crt, 3);
  gnutls_x509_crt_set_serial (crt, &serial, 1);
  serial++;
  gnutls_x509_crt_set_dn_by_oid (crt, GNUTLS_OID_X520_COMMON_NAME, 0, name,
                                 (unsigned) strlen (name));
  gnutls_x509_crt_set_key (crt, key);
  gnutls_x509_crt_set_activation_time (crt, now);
  gnutls_x509_crt_set_expiration_time (crt, now + 86400);
  gnutls_x509_crt_set_basic_constraints (crt, !issuer, -1);
  ck_assert_int_ge (gnutls_x509_crt_sign2 (crt, issuer ? issuer : crt,
                                           issuer ? issuer_key : key,
                                           GNUTLS_DIG_SHA256, 0), 0);
  gnutls_datum_t pem;
  ck_assert_int_ge (gnutls_x509_crt_export2 (crt, GNUTLS_X509_FMT_PEM, &pem),
                    0);
  fwrite (pem.data, 1, pem.size, f);
  gnutls_free (pem.data);
  if (out)
    *out = crt;
  else
    gnutls_x509_crt_deinit (crt);
  return key;
}

/* A bundle of COUNT certificates signed by one root, which comes last;
   DAMAGED certificates after the first are broken. */
static char *
write_bundle (size_t count, bool damaged)
{
  char *path;
  ck_assert_int_ge (asprintf (&path, "%s/bundle.pem", root), 0);
  FILE *f = fopen (path, "w");
  ck_assert_ptr_nonnull (f);
  FILE *scratch = tmpfile ();
  gnutls_x509_crt_t ca;
  gnutls_x509_privkey_t ca_key = write_cert (scratch, "Bundle Root", NULL,
                                             NULL, &ca);
  fclose (scratch);
  fputs ("# a comment, as some bundles have\n", f);
  for (size_t i = 0; i < count; i++)
    {
      char name[64];
      snprintf (name, sizeof name, "host%zu.example", i);
      gnutls_x509_privkey_deinit (write_cert (f, name, ca_key, ca, NULL));
      if (damaged && i == 0)
        fputs ("-----BEGIN CERTIFICATE-----\nMIIBroken!!\n"
               "-----END CERTIFICATE-----\n", f);
    }
  gnutls_x509_privkey_deinit (write_cert (f, "Bundle Root", ca_key, ca,
                                          NULL));
  gnutls_x509_crt_deinit (ca);
  gnutls_x509_privkey_deinit (ca_key);
  fclose (f);
  return path;
}

static void
load_all (struct bw_files *files)
{
  /* Each step lasts about a millisecond; the slices must add up. */
  size_t steps = 0;
  while (bw_files_step (files, &model, 1))
    steps++;
  ck_assert (bw_files_done (files));
  ck_assert_uint_eq (files->added, model.count);
}

START_TEST (load_bundle_in_slices)
{
  char *path = write_bundle (70, false);
  const char *names[] = { path };
  struct bw_files files;
  struct cw_diags diags = CW_DIAGS_INIT;
  ck_assert (bw_files_open (&files, names, 1, &diags));
  ck_assert_uint_eq (model.count, 0);
  load_all (&files);
  ck_assert_uint_eq (model.count, 71);
  ck_assert_uint_eq (files.skipped, 0);
  bm_set_filter (&model, "host69.");
  ck_assert_str_eq (shown (), "host69.example");
  bw_files_free (&files);
  cw_diags_free (&diags);
  free (path);
}
END_TEST

START_TEST (load_skips_a_damaged_block)
{
  char *path = write_bundle (40, true);
  const char *names[] = { path };
  struct bw_files files;
  struct cw_diags diags = CW_DIAGS_INIT;
  ck_assert (bw_files_open (&files, names, 1, &diags));
  load_all (&files);
  ck_assert_uint_eq (model.count, 41);
  ck_assert_uint_eq (files.skipped, 1);
  bw_files_free (&files);
  cw_diags_free (&diags);
  free (path);
}
END_TEST

START_TEST (load_refuses_what_is_not_certificates)
{
  char *path, *missing;
  ck_assert_int_ge (asprintf (&path, "%s/key.pem", root), 0);
  ck_assert_int_ge (asprintf (&missing, "%s/missing.pem", root), 0);
  FILE *f = fopen (path, "w");
  fputs ("-----BEGIN PRIVATE KEY-----\nMII=\n-----END PRIVATE KEY-----\n", f);
  fclose (f);
  const char *names[] = { path };
  struct bw_files files;
  struct cw_diags diags = CW_DIAGS_INIT;
  ck_assert (!bw_files_open (&files, names, 1, &diags));
  ck_assert_ptr_nonnull (cw_diags_find (&diags, "file-is-key"));
  bw_files_free (&files);
  cw_diags_clear (&diags);
  names[0] = missing;
  ck_assert (!bw_files_open (&files, names, 1, &diags));
  ck_assert (cw_diags_has_errors (&diags));
  bw_files_free (&files);
  cw_diags_free (&diags);
  free (path), free (missing);
}
END_TEST

START_TEST (chain_among_the_files)
{
  char *path = write_bundle (3, false);
  const char *names[] = { path };
  struct browser b = { .read_only = true };
  struct cw_diags diags = CW_DIAGS_INIT;
  ck_assert (bw_files_open (&b.files, names, 1, &diags));
  while (bw_files_step (&b.files, &model, 10))
    continue;
  bm_set_filter (&model, "host1.");
  ck_assert_uint_eq (model.shown_count, 1);
  struct bw_item item;
  ck_assert (bw_item_load (&b, model.shown[0], &item, &diags));
  ck_assert_ptr_nonnull (item.leaf);
  ck_assert_uint_eq (item.chain_count, 1);
  ck_assert_ptr_nonnull (strstr (item.pem, "-----BEGIN CERTIFICATE-----"));
  /* The leaf and its issuer. */
  ck_assert_ptr_nonnull (strstr (strstr (item.pem, "-----END") + 1,
                                 "-----BEGIN CERTIFICATE-----"));
  bw_item_free (&item);
  bw_item_free (&item);
  bw_files_free (&b.files);
  cw_diags_free (&diags);
  free (path);
}
END_TEST

/* -------------------------------------------------------------- help */

START_TEST (help_texts_fit)
{
  enum bw_help topic = (enum bw_help) _i;
  const char *title = bw_help_title (topic);
  const char *text = bw_help_text (topic);
  ck_assert_uint_gt (strlen (title), 0);
  ck_assert_msg (text[0] != '\n' && text[strlen (text) - 1] != '\n',
                 "%s: blank line at an end", title);
  ck_assert_msg (!strstr (text, "\n\n\n"), "%s: two blank lines", title);
  for (const char *p = text; *p;)
    {
      size_t len = strcspn (p, "\n");
      char *line = strndup (p, len);
      ck_assert_msg (cw_text_width (line) <= 76, "%s: %zu columns: %s",
                     title, cw_text_width (line), line);
      ck_assert_msg (len == 0 || line[len - 1] != ' ',
                     "%s: trailing blank: %s", title, line);
      free (line);
      p += len + (p[len] == '\n');
    }
}
END_TEST

START_TEST (headings_and_orders)
{
  for (int c = 0; c < BM_COLUMN_COUNT; c++)
    {
      ck_assert_uint_gt (strlen (bm_column_heading ((enum bm_column) c)), 0);
      ck_assert_str_ne (bm_column_order ((enum bm_column) c, false),
                        bm_column_order ((enum bm_column) c, true));
    }
}
END_TEST

START_TEST (action_keys)
{
  ck_assert_int_eq (bw_action_of_key ('t'), BW_TEST);
  ck_assert_int_eq (bw_action_of_key ('B'), BW_BACKUP);
  ck_assert_int_eq (bw_action_of_key ('c'), BW_CLONE);
  ck_assert_int_eq (bw_action_of_key ('d'), BW_DELETE);
  ck_assert_int_eq (bw_action_of_key ('w'), BW_WRITE);
  ck_assert_int_eq (bw_action_of_key ('x'), BW_ACTION_COUNT);
}
END_TEST

START_TEST (actions_allowed)
{
  struct browser files = { .read_only = true };
  struct browser store = { .read_only = false };
  char pem[] = "PEM", none[] = "";
  struct bw_item cert = { .pem = pem, .has_key = true, .in_store = true };
  struct bw_item request = { .pem = pem, .has_key = true, .pending = true,
                             .in_store = true };
  struct bw_item no_key = { .pem = pem, .in_store = true };
  const char *why;
  ck_assert (bw_action_allowed (&store, &cert, BW_BACKUP, NULL));
  ck_assert (!bw_action_allowed (&files, &cert, BW_BACKUP, &why));
  ck_assert_ptr_nonnull (why);
  ck_assert (!bw_action_allowed (&store, &request, BW_BACKUP, &why));
  ck_assert (!bw_action_allowed (&store, &no_key, BW_BACKUP, &why));
  ck_assert (bw_action_allowed (&store, &request, BW_DELETE, NULL));
  ck_assert (!bw_action_allowed (&files, &cert, BW_DELETE, &why));
  ck_assert (bw_action_allowed (&files, &cert, BW_CLONE, NULL));
  ck_assert (bw_action_allowed (&files, &cert, BW_TEST, NULL));
  cert.pem = none;
  ck_assert (!bw_action_allowed (&files, &cert, BW_WRITE, &why));
}
END_TEST

/* ------------------------------------------------------------- suites */

static Suite *
model_suite (void)
{
  Suite *s = suite_create ("model");
  TCase *tc = tcase_create ("sort");
  tcase_add_checked_fixture (tc, setup, teardown);
  tcase_add_test (tc, sort_default_is_expiry);
  tcase_add_loop_test (tc, sort_each_column, 0,
                       sizeof sorts / sizeof sorts[0]);
  tcase_add_loop_test (tc, sort_each_column_reversed, 0,
                       sizeof sorts / sizeof sorts[0]);
  tcase_add_test (tc, sort_ties_keep_a_total_order);
  tcase_add_test (tc, sort_keeps_the_filter);
  tcase_add_test (tc, sort_out_of_range);
  tcase_add_loop_test (tc, sort_rows_added_in_slices, 0,
                       2 * BM_COLUMN_COUNT);
  suite_add_tcase (s, tc);
  tc = tcase_create ("filter");
  tcase_add_checked_fixture (tc, setup, teardown);
  tcase_add_test (tc, filter_by_name);
  tcase_add_test (tc, services_of_rows);
  tcase_add_test (tc, filter_by_organization);
  tcase_add_test (tc, filter_by_label);
  tcase_add_test (tc, filter_by_issuer);
  tcase_add_test (tc, filter_ignores_case);
  tcase_add_test (tc, filter_by_thumbprint_prefix);
  tcase_add_test (tc, filter_thumbprint_is_a_prefix);
  tcase_add_test (tc, filter_by_sha256_prefix);
  tcase_add_test (tc, filter_kind_prefix_is_not_searched);
  tcase_add_test (tc, filter_trims_blanks);
  tcase_add_test (tc, filter_counts);
  tcase_add_test (tc, filter_on_rows_added_later);
  tcase_add_test (tc, filter_typed_key_by_key);
  tcase_add_test (tc, filter_longer_after_separators);
  tcase_add_test (tc, filter_shorter_shows_again);
  tcase_add_test (tc, filter_longer_with_rows_added_between);
  tcase_add_test (tc, sort_after_filter_keeps_it);
  tcase_add_test (tc, find_by_id_after_sort);
  tcase_add_test (tc, many_rows_in_the_arena);
  tcase_add_test (tc, empty_list);
  tcase_add_test (tc, clear_keeps_sort_and_filter);
  tcase_add_test (tc, find_by_id);
  tcase_add_test (tc, states);
  tcase_add_test (tc, no_name);
  tcase_add_test (tc, from_listing);
  suite_add_tcase (s, tc);
  tc = tcase_create ("hostile");
  tcase_add_checked_fixture (tc, setup, teardown);
  tcase_add_test (tc, hostile_strings_filter);
  tcase_add_test (tc, hostile_filter_text);
  tcase_add_test (tc, fold);
  tcase_add_test (tc, one_line);
  suite_add_tcase (s, tc);
  return s;
}

static Suite *
load_suite (void)
{
  Suite *s = suite_create ("load");
  TCase *tc = tcase_create ("files");
  tcase_add_checked_fixture (tc, load_setup, load_teardown);
  tcase_set_timeout (tc, 60);
  tcase_add_test (tc, load_bundle_in_slices);
  tcase_add_test (tc, load_skips_a_damaged_block);
  tcase_add_test (tc, load_refuses_what_is_not_certificates);
  tcase_add_test (tc, chain_among_the_files);
  suite_add_tcase (s, tc);
  return s;
}

static Suite *
screens_suite (void)
{
  Suite *s = suite_create ("screens");
  TCase *tc = tcase_create ("texts");
  tcase_add_loop_test (tc, help_texts_fit, 0, BW_HELP_COUNT);
  tcase_add_test (tc, headings_and_orders);
  tcase_add_test (tc, action_keys);
  tcase_add_test (tc, actions_allowed);
  suite_add_tcase (s, tc);
  return s;
}

int
main (void)
{
  setlocale (LC_ALL, "");
  gnutls_global_init ();
  int status = unit_run (model_suite (), load_suite (), screens_suite (), NULL);
  gnutls_global_deinit ();
  return status;
}
