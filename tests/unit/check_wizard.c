/* Unit tests of the wizard's model (forms/wizard.c), its draft
   (forms/draft.c) and its help texts (forms/help_text.c).  No terminal:
   nothing here calls initscr. */
#include <config.h>

#include <check.h>
#include <dirent.h>
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "base/atomicfile.h"
#include "pki/certinfo.h"
#include "draft.h"
#include "flow.h"
#include "help_text.h"
#include "base/record.h"
#include "base/textwidth.h"
#include "wizard.h"
#include "unit.h"

/* The fixture: a fresh wizard, and a temporary folder whose "store"
   does not exist yet. */
static struct wizard wz;
static char root[] = "/tmp/certwiz-wizard.XXXXXX";
static char *store_dir;
static struct cw_store *store;

static void
setup (void)
{
  wz_init (&wz);
}

static void
teardown (void)
{
  wz_free (&wz);
}

static void
draft_setup (void)
{
  setup ();
  strcpy (root, "/tmp/certwiz-wizard.XXXXXX");
  ck_assert_ptr_nonnull (mkdtemp (root));
  ck_assert_int_ge (asprintf (&store_dir, "%s/store", root), 0);
  struct cw_diags diags = CW_DIAGS_INIT;
  ck_assert_int_eq (cw_store_open (&store, store_dir, &diags), CW_OK);
  cw_diags_free (&diags);
}

static void
draft_teardown (void)
{
  char *cmd;
  ck_assert_int_ge (asprintf (&cmd, "rm -rf '%s'", root), 0);
  ck_assert_int_eq (system (cmd), 0);
  free (cmd);
  cw_store_close (store);
  free (store_dir);
  teardown ();
}

/* ------------------------------------------------------------ helpers */

static void
set_field (struct wizard *w, enum wz_field field, const char *text)
{
  ui_field_set (&w->subject[field], text);
  wz_check_field (w, field);
}

/* Puts TEXT in FIELD as no keyboard could (past its limit, with control
   characters), to reach the core's own checks. */
static void
force_text (struct ui_field *field, const char *text)
{
  free (field->text);
  field->text = strdup (text);
  ck_assert_ptr_nonnull (field->text);
  field->len = field->cursor = strlen (text);
}

static const char *
codes_of (const struct cw_diags *diags)
{
  static char text[2048];
  text[0] = '\0';
  for (size_t i = 0; i < diags->count; i++)
    {
      strncat (text, diags->items[i].code, sizeof text - strlen (text) - 2);
      strncat (text, ",", sizeof text - strlen (text) - 1);
    }
  return text;
}

#define assert_code(diags, code, sev)                                   \
  do                                                                    \
    {                                                                   \
      const struct cw_diag *d_ = cw_diags_find ((diags), (code));       \
      ck_assert_msg (d_ != NULL, "no %s among: %s", (code),             \
                     codes_of (diags));                                 \
      ck_assert_int_eq (d_->severity, (sev));                           \
    }                                                                   \
  while (0)

static void
fill_contoso (struct wizard *w)
{
  set_field (w, WZ_COUNTRY, "US");
  set_field (w, WZ_ORG, "Contoso Corp");
  set_field (w, WZ_COMMON_NAME, "mail1.contoso.com");
}

static char *
read_file_text (const char *path)
{
  FILE *f = fopen (path, "r");
  ck_assert_ptr_nonnull (f);
  char *text = calloc (1, 65536);
  ck_assert_ptr_nonnull (text);
  ck_assert_uint_lt (fread (text, 1, 65535, f), 65535);
  fclose (f);
  return text;
}

static char *
draft_file (void)
{
  char *path;
  ck_assert_int_ge (asprintf (&path, "%s/draft", store_dir), 0);
  return path;
}

static mode_t
mode_of (const char *path)
{
  struct stat st;
  ck_assert_int_eq (lstat (path, &st), 0);
  return st.st_mode & 07777;
}

/* Writes TEXT as the draft, in a store made by a first save. */
static void
put_draft_text (const char *text)
{
  struct wizard empty;
  wz_init (&empty);
  ck_assert (wz_draft_save (&empty, store));
  wz_free (&empty);
  char *path = draft_file ();
  ck_assert_int_eq (cw_write_file_atomic (path, text, strlen (text), 0600,
                                          true), 0);
  free (path);
}

static void
put_draft_record (const struct cw_record *record)
{
  char *text = cw_record_format (record);
  put_draft_text (text);
  free (text);
}

/* ------------------------------------------------------------- init */

/* Step 2 takes a list as certwiz request --san does: "a, b, c". */
START_TEST (san_list_added_whole)
{
  size_t repeated;
  wz_san_add (&wz, "mail.contoso.com");
  ck_assert_uint_eq (wz_san_add_list (&wz, " owa.contoso.com,autodiscover."
                                      "contoso.com , ,MAIL.contoso.com",
                                      &repeated), 2);
  ck_assert_uint_eq (repeated, 1);
  ck_assert_uint_eq (wz.san_count, 3);
  ck_assert_str_eq (wz.sans[1], "owa.contoso.com");
  ck_assert_str_eq (wz.sans[2], "autodiscover.contoso.com");
  ck_assert_uint_eq (wz_san_add_list (&wz, "smtp.contoso.com", NULL), 1);
  ck_assert_str_eq (wz.sans[3], "smtp.contoso.com");
}
END_TEST

START_TEST (init_defaults)
{
  ck_assert_int_eq (wz.step, WZ_STEP_SUBJECT);
  ck_assert_int_eq (wz.style, WZ_STYLE_COUNTRY);
  ck_assert_ptr_eq (wz.flow, &wz_flow_request);
  ck_assert (wz.exportable);
  ck_assert_ptr_eq (wz.key, wz_key_default ());
  ck_assert_str_eq (wz.key->name, "rsa3072");
  ck_assert_uint_eq (wz.max_sans, 0);
  ck_assert_uint_eq (wz.days, 365);
  ck_assert_uint_eq (wz.san_count, 0);
  for (int i = 0; i < WZ_FIELD_COUNT; i++)
    {
      ck_assert_str_eq (wz.subject[i].text, "");
      ck_assert_uint_eq (wz.subject_diags[i].count, 0);
    }
  ck_assert (!wz_has_input (&wz));
}
END_TEST

START_TEST (key_choices_fixed)
{
  static const char *const names[] = { "rsa2048", "rsa3072", "rsa4096",
                                       "p256", "p384" };
  ck_assert_uint_eq (wz_key_choice_count (), 5);
  for (size_t i = 0; i < 5; i++)
    {
      ck_assert_str_eq (wz_key_choice (i)->name, names[i]);
      ck_assert_ptr_nonnull (wz_key_choice (i)->label);
      ck_assert_ptr_nonnull (wz_key_choice (i)->explain);
    }
  ck_assert_ptr_null (wz_key_choice (5));
}
END_TEST

START_TEST (field_table_follows_rdn_table)
{
  static const struct
  {
    const char *key;
    size_t max;
    bool country, dns;
  } expected[WZ_FIELD_COUNT] = {
    { "C", 2, true, false }, { "DC", 255, false, true },
    { "ST", 128, true, false }, { "L", 128, true, false },
    { "O", 64, true, true }, { "OU", 64, true, true },
    { "CN", 64, true, true },
  };
  for (int i = 0; i < WZ_FIELD_COUNT; i++)
    {
      const struct wz_field_info *info = wz_field_info ((enum wz_field) i);
      ck_assert_int_eq (info->field, i);
      ck_assert_str_eq (info->draft_key, expected[i].key);
      ck_assert_uint_eq (info->max_chars, expected[i].max);
      ck_assert_int_eq (info->country_style, expected[i].country);
      ck_assert_int_eq (info->dns_style, expected[i].dns);
      ck_assert_int_eq (wz_field_shown (&wz, (enum wz_field) i),
                        expected[i].country);
      /* The field takes more: the core's finding speaks of the limit. */
      ck_assert_uint_eq (wz.subject[i].max_chars, WZ_FIELD_INPUT_MAX);
    }
  wz.style = WZ_STYLE_DNS;
  for (int i = 0; i < WZ_FIELD_COUNT; i++)
    ck_assert_int_eq (wz_field_shown (&wz, (enum wz_field) i),
                      expected[i].dns);
}
END_TEST

START_TEST (has_input)
{
  set_field (&wz, WZ_LOCALITY, "Redmond");
  ck_assert (wz_has_input (&wz));
  set_field (&wz, WZ_LOCALITY, "");
  ck_assert (!wz_has_input (&wz));
  wz_san_add (&wz, "mail.contoso.com");
  ck_assert (wz_has_input (&wz));
  wz_san_remove (&wz, 0);
  ck_assert (!wz_has_input (&wz));
  ui_field_set (&wz.friendly_name, "Contoso mail");
  ck_assert (wz_has_input (&wz));
}
END_TEST

/* ------------------------------------------------------ field checks */

START_TEST (org_too_long)
{
  char value[66];
  memset (value, 'o', 65);
  value[65] = '\0';
  /* The field takes the whole value, never cut to a shorter one the
     core would accept, and shows the core's finding. */
  set_field (&wz, WZ_ORG, value);
  ck_assert_uint_eq (ui_field_chars (&wz.subject[WZ_ORG]), 65);
  assert_code (&wz.subject_diags[WZ_ORG], "o-too-long", CW_ERROR);
  ck_assert_str_eq (wz_field_worst (&wz, WZ_ORG)->code, "o-too-long");
}
END_TEST

/* ------------------------------------------------- the wizard and check

   The findings under the fields are certwiz check's own: each row is
   typed into the wizard's fields and given to the command line as
   --subject, and the two sets of "FIELD:code" must be the same. */
struct check_row
{
  const char *country, *state, *org, *cn;
};

static const struct check_row check_rows[] = {
  { "germany", NULL, NULL, "mail1.contoso.com" },
  { "Austria", NULL, "Contoso", NULL },
  { "uk", NULL, NULL, "mail.contoso.co.uk" },
  { "us", "Washington", "Contoso Corp", "mail1.contoso.com" },
  { "DEU", NULL, NULL, "a.example.com" },
  { "1", NULL, NULL, NULL },
  { NULL, NULL, "oooooooooooooooooooooooooooooooooooooooooooooooooooooooooooooooooooo",
    "a.example.com" },
  { NULL, NULL, NULL,
    "a123456789.b123456789.c123456789.d123456789.e123456789.f123456789.gh" },
  { NULL, NULL, NULL, "mail.m\xC3\xAF" "crosoft.com" },
  { NULL, NULL, NULL, "foo_bar.example.com" },
  { "US", NULL, "Contoso Corp", "mail..contoso.com" },
  { "US", NULL, NULL, "Mail1.Contoso.COM" },
};

/* Adds "FIELD:code," to LIST, in the order given. */
static void
add_code (char *list, size_t size, const char *field, const char *code)
{
  snprintf (list + strlen (list), size - strlen (list), "%s:%s,", field,
            code);
}

static int
compare_strings (const void *a, const void *b)
{
  return strcmp (*(char *const *) a, *(char *const *) b);
}

/* The comma-separated LIST, sorted, so that order does not count. */
static char *
sorted (const char *list)
{
  char *copy = strdup (list), *items[64], *save = NULL;
  size_t n = 0;
  for (char *t = strtok_r (copy, ",", &save); t && n < 64;
       t = strtok_r (NULL, ",", &save))
    items[n++] = t;
  qsort (items, n, sizeof *items, compare_strings);
  char *out = calloc (1, strlen (list) + 2);
  for (size_t i = 0; i < n; i++)
    strcat (strcat (out, items[i]), ",");
  free (copy);
  return out;
}

/* A row's value with its escapes (\xNN, \t) made bytes. */
static char *
unescape (const char *text)
{
  char *out = malloc (strlen (text) + 1), *o = out;
  for (const char *p = text; *p;)
    if (p[0] == '\\' && p[1] == 't')
      *o++ = '\t', p += 2;
    else if (p[0] == '\\' && p[1] == 'x')
      {
        char hex[3] = { p[2], p[3], 0 };
        *o++ = (char) strtol (hex, NULL, 16), p += 4;
      }
    else
      *o++ = *p++;
  *o = '\0';
  return out;
}

static void
row_dn_add (char *dn, size_t size, const char *attr, const char *value)
{
  if (!value)
    return;
  char *bytes = unescape (value);
  snprintf (dn + strlen (dn), size - strlen (dn), "%s%s=%s",
            *dn ? ", " : "", attr, bytes);
  free (bytes);
}

static void
row_field_set (enum wz_field field, const char *value)
{
  if (!value)
    return;
  char *bytes = unescape (value);
  set_field (&wz, field, bytes);
  free (bytes);
}

/* What certwiz check says about the subject's attributes, as
   "FIELD:code,"; the names as a whole (SAN, subject) are not a
   field's. */
static char *
check_codes (const char *dn)
{
  const char *certwiz = getenv ("CERTWIZ");
  char path[] = "/tmp/certwiz-check-dn-XXXXXX";
  int fd = mkstemp (path);
  ck_assert_int_ge (fd, 0);
  ck_assert_int_eq (write (fd, dn, strlen (dn)), (ssize_t) strlen (dn));
  close (fd);
  char *cmd;
  ck_assert_int_ge (asprintf (&cmd, "'%s' check --subject \"$(cat '%s')\" "
                              "2>&1 >/dev/null", certwiz, path), 0);
  FILE *out = popen (cmd, "r");
  ck_assert_ptr_nonnull (out);
  char line[4096], list[4096] = "";
  while (fgets (line, sizeof line, out))
    {
      char field[16];
      const char *open = strrchr (line, '['), *close = strrchr (line, ']');
      if (sscanf (line, "certwiz: %*[a-z]: %15[A-Z]:", field) != 1
          || !open || !close || close < open
          || strcmp (field, "SAN") == 0)
        continue;
      char code[64];
      snprintf (code, sizeof code, "%.*s", (int) (close - open - 1),
                open + 1);
      add_code (list, sizeof list, field, code);
    }
  pclose (out);
  unlink (path);
  free (cmd);
  return sorted (list);
}

static char *
wizard_codes (void)
{
  char list[4096] = "";
  for (int i = 0; i < WZ_FIELD_COUNT; i++)
    for (size_t j = 0; j < wz.subject_diags[i].count; j++)
      add_code (list, sizeof list, wz.subject_diags[i].items[j].field,
                wz.subject_diags[i].items[j].code);
  return sorted (list);
}

START_TEST (findings_as_check)
{
  if (!getenv ("CERTWIZ"))
    return;
  const struct check_row *row = &check_rows[_i];
  char dn[1024] = "";
  row_dn_add (dn, sizeof dn, "C", row->country);
  row_dn_add (dn, sizeof dn, "ST", row->state);
  row_dn_add (dn, sizeof dn, "O", row->org);
  row_dn_add (dn, sizeof dn, "CN", row->cn);
  row_field_set (WZ_COUNTRY, row->country);
  row_field_set (WZ_STATE, row->state);
  row_field_set (WZ_ORG, row->org);
  row_field_set (WZ_COMMON_NAME, row->cn);
  char *cli = check_codes (dn), *wizard = wizard_codes ();
  ck_assert_msg (strcmp (cli, wizard) == 0,
                 "%s: certwiz check says %s, the wizard %s", dn, cli,
                 wizard);
  ck_assert_msg (strcmp (cli, "") != 0,
                 "%s: no finding at all (the table lost its point)", dn);
  free (cli);
  free (wizard);
}
END_TEST

START_TEST (cn_non_ascii)
{
  set_field (&wz, WZ_COMMON_NAME, "mail.m\xC3\xAF" "crosoft.com");
  assert_code (&wz.subject_diags[WZ_COMMON_NAME], "cn-non-ascii",
               CW_WARNING);
  ck_assert_int_eq (wz_field_worst (&wz, WZ_COMMON_NAME)->severity,
                    CW_WARNING);
}
END_TEST

START_TEST (country_uk)
{
  set_field (&wz, WZ_COUNTRY, "uk");
  assert_code (&wz.subject_diags[WZ_COUNTRY], "c-not-iso3166", CW_ERROR);
  ck_assert_ptr_nonnull (strstr (wz.subject_diags[WZ_COUNTRY]
                                 .items[0].message, "GB"));
  set_field (&wz, WZ_COUNTRY, "us");
  ck_assert (!cw_diags_has_errors (&wz.subject_diags[WZ_COUNTRY]));
  assert_code (&wz.subject_diags[WZ_COUNTRY], "c-uppercased", CW_NOTE);
}
END_TEST

START_TEST (empty_field_clears)
{
  set_field (&wz, WZ_COUNTRY, "uk");
  ck_assert_ptr_nonnull (wz_field_worst (&wz, WZ_COUNTRY));
  set_field (&wz, WZ_COUNTRY, "");
  ck_assert_uint_eq (wz.subject_diags[WZ_COUNTRY].count, 0);
  ck_assert_ptr_null (wz_field_worst (&wz, WZ_COUNTRY));
}
END_TEST

START_TEST (domain_each_label)
{
  wz_set_style (&wz, WZ_STYLE_DNS);
  set_field (&wz, WZ_DOMAIN, "contoso.com");
  ck_assert_uint_eq (wz.subject_diags[WZ_DOMAIN].count, 0);
  set_field (&wz, WZ_DOMAIN, "contoso.c_m");
  assert_code (&wz.subject_diags[WZ_DOMAIN], "dc-not-label", CW_ERROR);
  ck_assert_ptr_nonnull (strstr (wz.subject_diags[WZ_DOMAIN]
                                 .items[0].message, "\"c_m\""));
  set_field (&wz, WZ_DOMAIN, "-contoso.com");
  assert_code (&wz.subject_diags[WZ_DOMAIN], "dc-not-label", CW_ERROR);
}
END_TEST

/* An empty label would silently vanish from the subject. */
START_TEST (domain_empty_label)
{
  static const char *const domains[] = { "contoso..com", ".contoso.com",
                                         "contoso.com..", "." };
  wz_set_style (&wz, WZ_STYLE_DNS);
  set_field (&wz, WZ_DOMAIN, domains[_i]);
  ck_assert_msg (cw_diags_has_errors (&wz.subject_diags[WZ_DOMAIN]),
                 "\"%s\" gave only: %s", domains[_i],
                 codes_of (&wz.subject_diags[WZ_DOMAIN]));
}
END_TEST

/* The review, too, refuses it rather than drop the label. */
START_TEST (domain_empty_label_at_review)
{
  struct cw_names names = CW_NAMES_INIT;
  struct cw_diags diags = CW_DIAGS_INIT;
  wz.style = WZ_STYLE_DNS;
  force_text (&wz.subject[WZ_DOMAIN], "contoso..com");
  set_field (&wz, WZ_COMMON_NAME, "mail1.contoso.com");
  ck_assert_msg (!wz_check_all (&wz, &names, &diags), "%s",
                 codes_of (&diags));
  for (size_t i = 0; i < diags.count; i++)
    if (diags.items[i].severity == CW_ERROR)
      ck_assert_int_eq (wz_step_of_diag (&diags.items[i]), WZ_STEP_SUBJECT);
  cw_names_free (&names);
  cw_diags_free (&diags);
}
END_TEST

/* --------------------------------------------------------- subject */

/* The subject the core makes of the wizard's pairs, written out. */
static char *
subject_text (void)
{
  struct cw_subject subject = CW_SUBJECT_INIT;
  struct cw_diags diags = CW_DIAGS_INIT;
  cw_subject_from_pairs (wz.pairs.pairs, wz.pairs.count, &subject, &diags);
  char *text = cw_subject_format (&subject);
  cw_subject_free (&subject);
  cw_diags_free (&diags);
  return text;
}

START_TEST (subject_country_order)
{
  set_field (&wz, WZ_COMMON_NAME, "mail1.contoso.com");
  set_field (&wz, WZ_UNIT, "IT");
  set_field (&wz, WZ_ORG, "Contoso Corp");
  set_field (&wz, WZ_LOCALITY, "Redmond");
  set_field (&wz, WZ_STATE, "Washington");
  set_field (&wz, WZ_COUNTRY, "US");
  set_field (&wz, WZ_DOMAIN, "contoso.com");  /* not in this style */
  char *text = subject_text ();
  ck_assert_str_eq (text, "C=US, ST=Washington, L=Redmond, O=Contoso Corp, "
                          "OU=IT, CN=mail1.contoso.com");
  free (text);
}
END_TEST

START_TEST (subject_dns_style)
{
  wz.style = WZ_STYLE_DNS;
  set_field (&wz, WZ_COMMON_NAME, "mail1.contoso.com");
  set_field (&wz, WZ_ORG, "contoso corp");
  set_field (&wz, WZ_DOMAIN, "contoso.com");
  set_field (&wz, WZ_COUNTRY, "US");          /* not in this style */
  set_field (&wz, WZ_STATE, "Washington");
  char *text = subject_text ();
  ck_assert_str_eq (text, "DC=contoso, DC=com, O=contoso corp, "
                          "CN=mail1.contoso.com");
  free (text);
}
END_TEST

START_TEST (subject_escapes)
{
  set_field (&wz, WZ_ORG, "Contoso, Inc.");
  set_field (&wz, WZ_UNIT, "R=D");
  set_field (&wz, WZ_COMMON_NAME, "mail1.contoso.com");
  /* The values go to the core as they are: nothing to escape. */
  ck_assert_uint_eq (wz.pairs.count, 3);
  ck_assert_str_eq (wz.pairs.pairs[0].value, "Contoso, Inc.");
  ck_assert_str_eq (wz.pairs.pairs[1].value, "R=D");
  char *text = subject_text ();
  ck_assert_ptr_nonnull (strstr (text, "O=Contoso\\, Inc."));
  struct cw_subject subject = CW_SUBJECT_INIT;
  struct cw_diags diags = CW_DIAGS_INIT;
  ck_assert_msg (cw_subject_parse (text, &subject, &diags), "%s",
                 codes_of (&diags));
  ck_assert_uint_eq (subject.count, 3);
  ck_assert_str_eq (subject.rdns[0].value, "Contoso, Inc.");
  ck_assert_str_eq (subject.rdns[1].value, "R=D");
  cw_subject_free (&subject);
  cw_diags_free (&diags);
  free (text);
}
END_TEST

/* The pairs follow the style: the domain's labels as DCs, or the
   country, never a text for the core to parse. */
START_TEST (subject_pairs_follow_style)
{
  set_field (&wz, WZ_COUNTRY, "DE");
  set_field (&wz, WZ_DOMAIN, "contoso.com");
  set_field (&wz, WZ_COMMON_NAME, "mail1.contoso.com");
  ck_assert_uint_eq (wz.pairs.count, 2);
  ck_assert_int_eq (wz.pairs.pairs[0].attr, CW_ATTR_C);
  wz_set_style (&wz, WZ_STYLE_DNS);
  ck_assert_uint_eq (wz.pairs.count, 3);
  ck_assert_int_eq (wz.pairs.pairs[0].attr, CW_ATTR_DC);
  ck_assert_str_eq (wz.pairs.pairs[0].value, "contoso");
  ck_assert_int_eq (wz.pairs.pairs[1].attr, CW_ATTR_DC);
  ck_assert_str_eq (wz.pairs.pairs[1].value, "com");
  ck_assert_int_eq (wz.pairs.pairs[2].attr, CW_ATTR_CN);
  wz_set_style (&wz, WZ_STYLE_COUNTRY);
  ck_assert_uint_eq (wz.pairs.count, 2);
  ck_assert_str_eq (wz.pairs.pairs[0].value, "DE");
}
END_TEST

START_TEST (subject_empty)
{
  ck_assert_uint_eq (wz.pairs.count, 0);
  set_field (&wz, WZ_ORG, "   ");
  ck_assert_uint_eq (wz.pairs.count, 0);
  char *text = subject_text ();
  ck_assert_str_eq (text, "");
  free (text);
}
END_TEST

/* ------------------------------------------------------------ names */

START_TEST (san_editing)
{
  wz_san_add (&wz, "mail.contoso.com");
  wz_san_add (&wz, "owa.contoso.com");
  wz_san_add (&wz, "contoso.com");
  ck_assert (wz_san_has (&wz, "OWA.Contoso.com"));
  wz_san_set (&wz, 1, "autodiscover.contoso.com");
  wz_san_set (&wz, 7, "ignored.contoso.com");
  ck_assert (!wz_san_has (&wz, "owa.contoso.com"));
  wz_san_remove (&wz, 0);
  wz_san_remove (&wz, 9);
  ck_assert_uint_eq (wz.san_count, 2);
  ck_assert_str_eq (wz.sans[0], "autodiscover.contoso.com");
  ck_assert_str_eq (wz.sans[1], "contoso.com");
}
END_TEST

START_TEST (suggestions_for_cn)
{
  char *out[3];
  set_field (&wz, WZ_COMMON_NAME, "mail1.contoso.com");
  size_t n = wz_suggestions (&wz, out);
  ck_assert_uint_eq (n, 3);
  ck_assert_str_eq (out[0], "contoso.com");
  ck_assert_str_eq (out[1], "autodiscover.contoso.com");
  ck_assert_str_eq (out[2], "mail.contoso.com");
  wz_suggestions_free (out, n);

  wz_san_add (&wz, "Autodiscover.contoso.com");
  n = wz_suggestions (&wz, out);
  ck_assert_uint_eq (n, 2);
  ck_assert_str_eq (out[0], "contoso.com");
  ck_assert_str_eq (out[1], "mail.contoso.com");
  wz_suggestions_free (out, n);
}
END_TEST

START_TEST (suggestions_not_the_cn)
{
  char *out[3];
  set_field (&wz, WZ_COMMON_NAME, "contoso.com");
  size_t n = wz_suggestions (&wz, out);
  ck_assert_uint_eq (n, 2);
  ck_assert_str_eq (out[0], "autodiscover.contoso.com");
  ck_assert_str_eq (out[1], "mail.contoso.com");
  wz_suggestions_free (out, n);
}
END_TEST

START_TEST (suggestions_none)
{
  static const char *const cns[] = { "", "owa1", "*.contoso.com",
                                     "Diversi\xC3\xB3n de Bicicleta" };
  char *out[3];
  set_field (&wz, WZ_COMMON_NAME, cns[_i]);
  ck_assert_uint_eq (wz_suggestions (&wz, out), 0);
}
END_TEST

/* ------------------------------------------------------- check all */

START_TEST (check_all_first_example)
{
  struct cw_names names = CW_NAMES_INIT;
  struct cw_diags diags = CW_DIAGS_INIT;
  set_field (&wz, WZ_COUNTRY, "us");
  set_field (&wz, WZ_ORG, "contoso corp");
  set_field (&wz, WZ_COMMON_NAME, "mail1.contoso.com");
  wz_san_add (&wz, "mail.contoso.com");
  ck_assert_msg (wz_check_all (&wz, &names, &diags), "%s",
                 codes_of (&diags));
  assert_code (&diags, "cn-added-to-san", CW_NOTE);
  ck_assert_uint_eq (names.sans.count, 2);
  ck_assert_str_eq (names.sans.items[0].name, "mail1.contoso.com");
  ck_assert_str_eq (names.sans.items[1].name, "mail.contoso.com");
  ck_assert_uint_eq (names.subject.count, 3);
  ck_assert_str_eq (names.subject.rdns[0].value, "US");
  cw_names_free (&names);
  cw_diags_free (&diags);
}
END_TEST

START_TEST (check_all_dns_example)
{
  struct cw_names names = CW_NAMES_INIT;
  struct cw_diags diags = CW_DIAGS_INIT;
  wz.style = WZ_STYLE_DNS;
  set_field (&wz, WZ_DOMAIN, "contoso.com");
  set_field (&wz, WZ_ORG, "contoso corp");
  set_field (&wz, WZ_COMMON_NAME, "mail1.contoso.com");
  set_field (&wz, WZ_COUNTRY, "US");  /* hidden: no c-with-dc */
  ck_assert_msg (wz_check_all (&wz, &names, &diags), "%s",
                 codes_of (&diags));
  ck_assert_ptr_null (cw_diags_find (&diags, "c-with-dc"));
  ck_assert_uint_eq (names.subject.count, 4);
  ck_assert_int_eq (names.subject.rdns[0].attr, CW_ATTR_DC);
  ck_assert_str_eq (names.subject.rdns[1].value, "com");
  ck_assert_uint_eq (names.sans.count, 1);
  cw_names_free (&names);
  cw_diags_free (&diags);
}
END_TEST

/* The blog's certificate for an Edge Transport and a Mailbox server. */
static void
fill_johndogfood (void)
{
  set_field (&wz, WZ_COUNTRY, "us");
  set_field (&wz, WZ_ORG, "John Speare");
  set_field (&wz, WZ_COMMON_NAME, "johndogfood.com");
  wz_san_add (&wz, "mbx.johndogfood.com");
  wz_san_add (&wz, "edge.johndogfood.com");
  wz_san_add (&wz, "communitycycling.org");
  ui_field_set (&wz.friendly_name, "JohndogfoodCert");
}

START_TEST (check_all_ca_limit)
{
  struct cw_names names = CW_NAMES_INIT;
  struct cw_diags diags = CW_DIAGS_INIT;
  fill_johndogfood ();
  wz.max_sans = 10;
  ck_assert_msg (wz_check_all (&wz, &names, &diags), "%s",
                 codes_of (&diags));
  ck_assert_uint_eq (names.sans.count, 4);
  ck_assert_str_eq (names.sans.items[0].name, "johndogfood.com");
  cw_names_free (&names);
  cw_diags_clear (&diags);
  /* The CN counts: three names typed make four. */
  wz.max_sans = 3;
  ck_assert (!wz_check_all (&wz, &names, &diags));
  assert_code (&diags, "san-too-many", CW_ERROR);
  ck_assert_int_eq (wz_step_of_diag (cw_diags_find (&diags,
                                                    "san-too-many")),
                    WZ_STEP_NAMES);
  cw_names_free (&names);
  cw_diags_free (&diags);
}
END_TEST

/* The Client Access server's list: its NetBIOS name is internal. */
START_TEST (check_all_client_access)
{
  struct cw_names names = CW_NAMES_INIT;
  struct cw_diags diags = CW_DIAGS_INIT;
  fill_contoso (&wz);
  set_field (&wz, WZ_COMMON_NAME, "owa1.contoso.com");
  wz_san_add (&wz, "owa1");
  wz_san_add (&wz, "contoso.com");
  wz_san_add (&wz, "Autodiscover.contoso.com");
  wz_san_add (&wz, "owa.contoso.com");
  ck_assert_msg (wz_check_all (&wz, &names, &diags), "%s",
                 codes_of (&diags));
  assert_code (&diags, "san-internal", CW_WARNING);
  ck_assert_int_eq (wz_step_of_diag (cw_diags_find (&diags,
                                                    "san-internal")),
                    WZ_STEP_NAMES);
  ck_assert_uint_eq (names.sans.count, 5);
  ck_assert_str_eq (names.sans.items[0].name, "owa1.contoso.com");
  cw_names_free (&names);
  cw_diags_free (&diags);
}
END_TEST

START_TEST (check_all_wildcard)
{
  struct cw_names names = CW_NAMES_INIT;
  struct cw_diags diags = CW_DIAGS_INIT;
  fill_contoso (&wz);
  wz_san_add (&wz, "*.contoso.com");
  ck_assert_msg (wz_check_all (&wz, &names, &diags), "%s",
                 codes_of (&diags));
  assert_code (&diags, "san-wildcard", CW_NOTE);
  cw_names_free (&names);
  cw_diags_free (&diags);
}
END_TEST

/* The seed's request asked for a 1024-bit key; the wizard offers only
   its fixed choices, and the core accepts every one of them. */
START_TEST (check_all_every_key)
{
  fill_johndogfood ();
  for (size_t i = 0; i < wz_key_choice_count (); i++)
    {
      struct cw_names names = CW_NAMES_INIT;
      struct cw_diags diags = CW_DIAGS_INIT;
      wz.key = wz_key_choice (i);
      ck_assert_msg (wz_check_all (&wz, &names, &diags), "%s: %s",
                     wz_key_choice (i)->name, codes_of (&diags));
      cw_names_free (&names);
      cw_diags_free (&diags);
    }
}
END_TEST

START_TEST (check_all_errors_to_steps)
{
  struct cw_names names = CW_NAMES_INIT;
  struct cw_diags diags = CW_DIAGS_INIT;
  fill_contoso (&wz);
  set_field (&wz, WZ_COUNTRY, "uk");
  wz_san_add (&wz, "mail..contoso.com");
  force_text (&wz.friendly_name, "Contoso\tmail");
  ck_assert (!wz_check_all (&wz, &names, &diags));
  ck_assert_int_eq (wz_step_of_diag (cw_diags_find (&diags,
                                                    "c-not-iso3166")),
                    WZ_STEP_SUBJECT);
  ck_assert_int_eq (wz_step_of_diag (cw_diags_find (&diags,
                                                    "san-empty-label")),
                    WZ_STEP_NAMES);
  ck_assert_int_eq (wz_step_of_diag (cw_diags_find (&diags,
                                                    "friendly-name-invalid")),
                    WZ_STEP_KEY);
  cw_names_free (&names);
  cw_diags_free (&diags);
}
END_TEST

START_TEST (check_all_nothing)
{
  struct cw_names names = CW_NAMES_INIT;
  struct cw_diags diags = CW_DIAGS_INIT;
  ck_assert (!wz_check_all (&wz, &names, &diags));
  for (size_t i = 0; i < diags.count; i++)
    if (diags.items[i].severity == CW_ERROR)
      ck_assert_int_eq (wz_step_of_diag (&diags.items[i]), WZ_STEP_SUBJECT);
  cw_names_free (&names);
  cw_diags_free (&diags);
}
END_TEST

START_TEST (step_of_diag_fields)
{
  static const struct
  {
    const char *field;
    enum wz_step step;
  } cases[] = {
    { "C", WZ_STEP_SUBJECT }, { "CN", WZ_STEP_SUBJECT },
    { "subject", WZ_STEP_SUBJECT }, { "SAN", WZ_STEP_NAMES },
    { "key", WZ_STEP_KEY }, { "friendly-name", WZ_STEP_KEY },
    /* cw_request_create's findings about the request file. */
    { "out", WZ_STEP_WRITE },
  };
  for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++)
    {
      struct cw_diag diag = { "code", CW_ERROR, cases[i].field, NULL };
      ck_assert_msg (wz_step_of_diag (&diag) == cases[i].step,
                     "field %s", cases[i].field);
    }
}
END_TEST

/* ------------------------------------------------------------ steps */

START_TEST (step_subject)
{
  wz.step = WZ_STEP_SUBJECT;
  ck_assert (wz_step_complete (&wz));
  set_field (&wz, WZ_COMMON_NAME, "mail.m\xC3\xAF" "crosoft.com");
  ck_assert (wz_step_complete (&wz));         /* a warning only */
  set_field (&wz, WZ_COUNTRY, "uk");
  ck_assert (!wz_step_complete (&wz));
  wz.style = WZ_STYLE_DNS;                    /* C is not shown */
  ck_assert (wz_step_complete (&wz));
}
END_TEST

START_TEST (step_names)
{
  wz.step = WZ_STEP_NAMES;
  ck_assert (wz_step_complete (&wz));
  wz_san_add (&wz, "mail.contoso.com");
  wz_san_add (&wz, "mail..contoso.com");
  ck_assert (!wz_step_complete (&wz));
  wz_san_remove (&wz, 1);
  ck_assert (wz_step_complete (&wz));
}
END_TEST

START_TEST (step_key)
{
  wz.step = WZ_STEP_KEY;
  ck_assert (wz_step_complete (&wz));
  ui_field_set (&wz.friendly_name, "Contoso mail");
  ck_assert (wz_step_complete (&wz));
  force_text (&wz.friendly_name, "Contoso\nmail");
  ck_assert (!wz_step_complete (&wz));
}
END_TEST

START_TEST (step_review)
{
  wz.step = WZ_STEP_REVIEW;
  ck_assert (!wz_step_complete (&wz));
  fill_contoso (&wz);
  ck_assert (wz_step_complete (&wz));
  wz.max_sans = 1;
  wz_san_add (&wz, "mail.contoso.com");
  ck_assert (!wz_step_complete (&wz));
}
END_TEST

START_TEST (step_write)
{
  wz.step = WZ_STEP_WRITE;
  ck_assert (!wz_step_complete (&wz));
  ui_field_set (&wz.out_path, "mail1.contoso.com.req");
  ck_assert (wz_step_complete (&wz));
  ui_field_clear (&wz.out_path);
  /* A self-signed certificate's last step asks for days, not a file. */
  wz.flow = &wz_flow_selfsign;
  wz.step = WZ_STEP_VALIDITY;
  ck_assert (wz_step_complete (&wz));
}
END_TEST

/* ------------------------------------------------------------ draft */

/* Every setting away from its default, in the style that hides C. */
static void
fill_everything (struct wizard *w)
{
  w->style = WZ_STYLE_DNS;
  w->flow = &wz_flow_selfsign;
  set_field (w, WZ_COUNTRY, "uk");            /* hidden, kept */
  set_field (w, WZ_DOMAIN, "contoso.com");
  set_field (w, WZ_STATE, "Washington");
  set_field (w, WZ_LOCALITY, "Redmond");
  set_field (w, WZ_ORG, "Contoso, Inc. \\ R&D");
  set_field (w, WZ_UNIT, "Messaging");
  set_field (w, WZ_COMMON_NAME, "mail1.contoso.com");
  wz_san_add (w, "Autodiscover.contoso.com");
  wz_san_add (w, "mail.contoso.com");
  wz_san_add (w, "*.contoso.com");
  w->max_sans = 10;
  w->key = wz_key_choice (4);
  w->exportable = false;
  ui_field_set (&w->friendly_name, "Contoso mail: 2026");
  ui_field_set (&w->out_path, "/srv/requests/mail1 contoso.req");
  w->days = 730;
  w->step = WZ_STEP_KEY;
}

START_TEST (draft_round_trip)
{
  struct wizard back;
  char *saved_at = NULL;
  fill_everything (&wz);
  time_t before = time (NULL);
  ck_assert (wz_draft_save (&wz, store));
  time_t after = time (NULL);
  ck_assert (wz_draft_exists (store));
  wz_init (&back);
  ck_assert (wz_draft_load (&back, store, &saved_at));
  ck_assert_int_eq (back.step, WZ_STEP_KEY);
  ck_assert_int_eq (back.style, WZ_STYLE_DNS);
  ck_assert_ptr_eq (back.flow, &wz_flow_selfsign);
  for (int i = 0; i < WZ_FIELD_COUNT; i++)
    {
      ck_assert_str_eq (back.subject[i].text, wz.subject[i].text);
      ck_assert_uint_eq (back.subject_diags[i].count,
                         wz.subject_diags[i].count);
    }
  /* The country is not the DNS style's: its finding shows with it. */
  wz_set_style (&back, WZ_STYLE_COUNTRY);
  assert_code (&back.subject_diags[WZ_COUNTRY], "c-not-iso3166", CW_ERROR);
  ck_assert_uint_eq (back.san_count, 3);
  for (size_t i = 0; i < 3; i++)
    ck_assert_str_eq (back.sans[i], wz.sans[i]);
  ck_assert_uint_eq (back.max_sans, 10);
  ck_assert_str_eq (back.key->name, "p384");
  ck_assert (!back.exportable);
  ck_assert_str_eq (back.friendly_name.text, "Contoso mail: 2026");
  ck_assert_str_eq (back.out_path.text, "/srv/requests/mail1 contoso.req");
  ck_assert_uint_eq (back.days, 730);
  ck_assert_ptr_nonnull (saved_at);
  time_t saved = cw_time_parse (saved_at);
  ck_assert (saved >= before - 1 && saved <= after + 1);
  free (saved_at);
  wz_free (&back);
}
END_TEST

START_TEST (draft_saved_at_optional)
{
  struct wizard back;
  fill_contoso (&wz);
  ck_assert (wz_draft_save (&wz, store));
  wz_init (&back);
  ck_assert (wz_draft_load (&back, store, NULL));
  ck_assert_str_eq (back.subject[WZ_COMMON_NAME].text, "mail1.contoso.com");
  wz_free (&back);
}
END_TEST

START_TEST (draft_modes)
{
  fill_contoso (&wz);
  mode_t old = umask (0);
  bool saved = wz_draft_save (&wz, store);
  umask (old);
  ck_assert (saved);
  char *path = draft_file ();
  ck_assert_uint_eq (mode_of (store_dir), 0700);
  ck_assert_uint_eq (mode_of (path), 0600);
  free (path);
}
END_TEST

static const char *const draft_names[] = {
  "flow", "step", "style", "C", "DC", "ST", "L", "O", "OU", "CN",
  "san", "max-sans", "key", "exportable", "friendly-name", "out", "days",
  "saved", "token-uri", "token-label", "token-key",
};

static bool
is_draft_name (const char *name)
{
  for (size_t i = 0; i < sizeof draft_names / sizeof draft_names[0]; i++)
    if (strcmp (name, draft_names[i]) == 0)
      return true;
  return false;
}

/* Only the draft is written (under the store's lock): no key, no
   request, no entry. */
static void
assert_store_holds_only_draft (void)
{
  static const char *const areas[] = { "pending", "certs", "tmp" };
  DIR *dir = opendir (store_dir);
  ck_assert_ptr_nonnull (dir);
  struct dirent *e;
  while ((e = readdir (dir)))
    ck_assert_msg (strcmp (e->d_name, ".") == 0
                   || strcmp (e->d_name, "..") == 0
                   || strcmp (e->d_name, "draft") == 0
                   || strcmp (e->d_name, ".lock") == 0
                   || strcmp (e->d_name, "pending") == 0
                   || strcmp (e->d_name, "certs") == 0
                   || strcmp (e->d_name, "tmp") == 0,
                   "unexpected %s in the store", e->d_name);
  closedir (dir);
  for (size_t i = 0; i < 3; i++)
    {
      char *path;
      ck_assert_int_ge (asprintf (&path, "%s/%s", store_dir, areas[i]), 0);
      dir = opendir (path);
      ck_assert_ptr_nonnull (dir);
      while ((e = readdir (dir)))
        ck_assert_msg (e->d_name[0] == '.', "unexpected %s in %s",
                       e->d_name, path);
      closedir (dir);
      free (path);
    }
}

START_TEST (draft_holds_no_secret)
{
  fill_everything (&wz);
  ck_assert (wz_draft_save (&wz, store));
  char *path = draft_file ();
  char *text = read_file_text (path);
  struct cw_record record = CW_RECORD_INIT;
  ck_assert (cw_record_parse (text, &record));
  for (size_t i = 0; i < record.count; i++)
    ck_assert_msg (is_draft_name (record.fields[i].name),
                   "unexpected line \"%s\"", record.fields[i].name);
  ck_assert_str_eq (cw_record_get (&record, "key"), "p384");
  ck_assert_ptr_null (strstr (text, "PRIVATE"));
  ck_assert_ptr_null (strstr (text, "BEGIN"));
  ck_assert_ptr_null (strstr (text, "key.pem"));
  ck_assert_ptr_null (strstr (text, "password"));
  assert_store_holds_only_draft ();
  cw_record_free (&record);
  free (text);
  free (path);
}
END_TEST

/* A token key chosen is kept by its URI and labels, never its PIN; the
   resumed wizard stops at the key step until the PIN is given again. */
START_TEST (draft_keeps_token_key_not_pin)
{
  static const char uri[] = "pkcs11:token=hsm;object=mail;type=private";
  struct wizard back;
  fill_contoso (&wz);
  wz.step = WZ_STEP_REVIEW;
  wz_token_choose (&wz, uri, "hsm", "mail - ECDSA P-256", "4711-secret");
  ck_assert (wz_draft_save (&wz, store));
  char *path = draft_file ();
  char *text = read_file_text (path);
  ck_assert_ptr_null (strstr (text, "4711-secret"));
  wz_init (&back);
  ck_assert (wz_draft_load (&back, store, NULL));
  ck_assert_str_eq (back.token.uri, uri);
  ck_assert_str_eq (back.token.token_label, "hsm");
  ck_assert_str_eq (back.token.key_text, "mail - ECDSA P-256");
  ck_assert_ptr_null (back.token.pin);
  ck_assert (wz_token_pin_needed (&back));
  ck_assert_int_eq (back.step, WZ_STEP_KEY);
  wz_free (&back);
  free (text);
  free (path);
}
END_TEST

/* A token line that is not a pkcs11: URI is ignored, as any bad value. */
START_TEST (draft_token_not_uri_ignored)
{
  struct wizard back;
  fill_contoso (&wz);
  wz_token_choose (&wz, "/etc/passwd", "hsm", NULL, "1234");
  ck_assert (wz_draft_save (&wz, store));
  wz_init (&back);
  ck_assert (wz_draft_load (&back, store, NULL));
  ck_assert_ptr_null (back.token.uri);
  ck_assert (!wz_token_pin_needed (&back));
  wz_free (&back);
}
END_TEST

START_TEST (draft_replaced)
{
  struct wizard back;
  fill_contoso (&wz);
  ck_assert (wz_draft_save (&wz, store));
  set_field (&wz, WZ_COMMON_NAME, "mail2.contoso.com");
  ck_assert (wz_draft_save (&wz, store));
  wz_init (&back);
  ck_assert (wz_draft_load (&back, store, NULL));
  ck_assert_str_eq (back.subject[WZ_COMMON_NAME].text, "mail2.contoso.com");
  wz_free (&back);
  assert_store_holds_only_draft ();
}
END_TEST

START_TEST (draft_missing)
{
  char *saved_at = (char *) "untouched";
  ck_assert (!wz_draft_exists (store));
  ck_assert (!wz_draft_load (&wz, store, &saved_at));
  ck_assert_ptr_null (saved_at);
  ck_assert (!wz_draft_exists (NULL));
  ck_assert (!wz_draft_load (&wz, NULL, NULL));
  ck_assert (!wz_draft_save (&wz, NULL));
  wz_draft_discard (NULL);
}
END_TEST

START_TEST (draft_damaged)
{
  static const char *const texts[] = {
    "",
    "not a record at all\n",
    "# certwiz record 1\nstep subject\nCN: mail1.contoso.com\n",
    "# certwiz record 1\n: no name\n",
  };
  char *saved_at = NULL;
  put_draft_text (texts[_i]);
  ck_assert (!wz_draft_exists (store));
  ck_assert (!wz_draft_load (&wz, store, &saved_at));
  ck_assert_ptr_null (saved_at);
  ck_assert (!wz_has_input (&wz));
  ck_assert_int_eq (wz.step, WZ_STEP_SUBJECT);
}
END_TEST

START_TEST (draft_with_nul_ignored)
{
  static const char text[] = "# certwiz record 1\nCN: mail1\0.contoso.com\n";
  put_draft_text ("");
  char *path = draft_file ();
  ck_assert_int_eq (cw_write_file_atomic (path, text, sizeof text - 1,
                                          0600, true), 0);
  ck_assert (!wz_draft_load (&wz, store, NULL));
  ck_assert (!wz_has_input (&wz));
  free (path);
}
END_TEST

START_TEST (draft_too_large_ignored)
{
  size_t size = 100 * 1024;
  char *text = malloc (size + 1);
  ck_assert_ptr_nonnull (text);
  strcpy (text, "# certwiz record 1\n");
  for (size_t n = strlen (text); n + 20 < size;)
    n += (size_t) sprintf (text + n, "san: a%06zu.com\n", n);
  put_draft_text (text);
  ck_assert (!wz_draft_load (&wz, store, NULL));
  ck_assert_uint_eq (wz.san_count, 0);
  free (text);
}
END_TEST

START_TEST (draft_symlink_ignored)
{
  char *target, *path = draft_file ();
  fill_contoso (&wz);
  ck_assert (wz_draft_save (&wz, store));
  ck_assert_int_ge (asprintf (&target, "%s/elsewhere", root), 0);
  ck_assert_int_eq (rename (path, target), 0);
  ck_assert_int_eq (symlink (target, path), 0);
  ck_assert (!wz_draft_exists (store));
  free (target);
  free (path);
}
END_TEST

/* Values are checked again as if typed; unknown lines are ignored. */
START_TEST (draft_values_revalidated)
{
  struct cw_record record = CW_RECORD_INIT;
  cw_record_add (&record, "step", "somewhere");
  cw_record_add (&record, "style", "klingon");
  cw_record_add (&record, "self-signed", "maybe");
  cw_record_add (&record, "key", "rsa1024");
  cw_record_add (&record, "max-sans", "-1");
  cw_record_add (&record, "days", "0");
  cw_record_add (&record, "exportable", "");
  cw_record_add (&record, "colour", "blue");
  cw_record_add (&record, "CN", "mail.m\xC3\xAF" "crosoft.com");
  cw_record_add (&record, "san", "");
  put_draft_record (&record);
  cw_record_free (&record);
  ck_assert (wz_draft_load (&wz, store, NULL));
  ck_assert_int_eq (wz.step, WZ_STEP_SUBJECT);
  ck_assert_int_eq (wz.style, WZ_STYLE_COUNTRY);
  ck_assert_ptr_eq (wz.flow, &wz_flow_request);
  ck_assert_ptr_eq (wz.key, wz_key_default ());
  ck_assert_uint_eq (wz.max_sans, 0);
  ck_assert_uint_eq (wz.days, 365);
  ck_assert (wz.exportable);
  ck_assert_uint_eq (wz.san_count, 0);
  assert_code (&wz.subject_diags[WZ_COMMON_NAME], "cn-non-ascii",
               CW_WARNING);
}
END_TEST

START_TEST (draft_numbers_out_of_range)
{
  static const char *const max_sans[] = { "10001", "1e3", "99999999999",
                                          " 5", "5x" };
  struct cw_record record = CW_RECORD_INIT;
  cw_record_add (&record, "max-sans", max_sans[_i]);
  cw_record_add (&record, "days", "36501");
  put_draft_record (&record);
  cw_record_free (&record);
  ck_assert (wz_draft_load (&wz, store, NULL));
  ck_assert_uint_eq (wz.max_sans, 0);
  ck_assert_uint_eq (wz.days, 365);
}
END_TEST

/* A draft never resumes past a step that now has an error. */
START_TEST (draft_step_goes_back)
{
  struct wizard back;
  fill_contoso (&wz);
  set_field (&wz, WZ_COUNTRY, "uk");
  wz.step = WZ_STEP_REVIEW;
  ck_assert (wz_draft_save (&wz, store));
  wz_init (&back);
  ck_assert (wz_draft_load (&back, store, NULL));
  ck_assert_int_eq (back.step, WZ_STEP_SUBJECT);
  wz_free (&back);

  set_field (&wz, WZ_COUNTRY, "GB");
  wz.step = WZ_STEP_WRITE;
  ck_assert (wz_draft_save (&wz, store));
  wz_init (&back);
  ck_assert (wz_draft_load (&back, store, NULL));
  ck_assert_int_eq (back.step, WZ_STEP_WRITE);
  wz_free (&back);
}
END_TEST

START_TEST (draft_discard)
{
  fill_contoso (&wz);
  ck_assert (wz_draft_save (&wz, store));
  ck_assert (wz_draft_exists (store));
  wz_draft_discard (store);
  ck_assert (!wz_draft_exists (store));
  char *path = draft_file ();
  ck_assert_int_ne (access (path, F_OK), 0);
  free (path);
  wz_draft_discard (store);
  ck_assert (!wz_draft_load (&wz, store, NULL));
}
END_TEST

/* A store others can reach holds private keys unsafely: no draft goes
   there either. */
START_TEST (draft_refuses_open_store)
{
  fill_contoso (&wz);
  ck_assert (wz_draft_save (&wz, store));
  wz_draft_discard (store);
  ck_assert_int_eq (chmod (store_dir, 0755), 0);
  ck_assert (!wz_draft_save (&wz, store));
  ck_assert (!wz_draft_exists (store));
}
END_TEST

/* ------------------------------------------------------------- help */

START_TEST (help_texts_fit)
{
  enum wz_help topic = (enum wz_help) _i;
  const char *title = wz_help_title (topic);
  const char *text = wz_help_text (topic);
  ck_assert_ptr_nonnull (title);
  ck_assert_ptr_nonnull (text);
  ck_assert_uint_gt (strlen (title), 0);
  ck_assert_ptr_null (strchr (title, '\n'));
  ck_assert_msg (text[0] != '\n' && text[strlen (text) - 1] != '\n',
                 "%s: blank line at an end", title);
  ck_assert_msg (!strstr (text, "\n\n\n"), "%s: two blank lines", title);
  ck_assert_ptr_null (strchr (text, '\t'));
  size_t lines = 0;
  for (const char *p = text; *p;)
    {
      size_t len = strcspn (p, "\n");
      char *line = strndup (p, len);
      ck_assert_msg (cw_text_width (line) <= 76, "%s: %zu columns: %s",
                     title, cw_text_width (line), line);
      ck_assert_msg (len == 0 || line[len - 1] != ' ',
                     "%s: trailing blank: %s", title, line);
      free (line);
      lines++;
      p += len + (p[len] == '\n');
    }
  ck_assert_msg (lines >= 4 && lines <= 15, "%s: %zu lines", title, lines);
}
END_TEST

START_TEST (help_for_fields)
{
  static const enum wz_help expected[WZ_FIELD_COUNT] = {
    WZ_HELP_COUNTRY, WZ_HELP_DOMAIN, WZ_HELP_STATE, WZ_HELP_LOCALITY,
    WZ_HELP_ORG, WZ_HELP_UNIT, WZ_HELP_CN,
  };
  for (int i = 0; i < WZ_FIELD_COUNT; i++)
    ck_assert_int_eq (wz_help_for_field ((enum wz_field) i), expected[i]);
}
END_TEST

START_TEST (help_out_of_range)
{
  ck_assert_str_eq (wz_help_text (WZ_HELP_COUNT),
                    wz_help_text (WZ_HELP_MENU));
  ck_assert_str_eq (wz_help_title ((enum wz_help) -1),
                    wz_help_title (WZ_HELP_MENU));
}
END_TEST

/* The rules behind each field, as the design documents give them. */
START_TEST (help_says_the_rules)
{
  ck_assert_ptr_nonnull (strstr (wz_help_text (WZ_HELP_CN), "64"));
  ck_assert_ptr_nonnull (strstr (wz_help_text (WZ_HELP_CN), "names step"));
  ck_assert_ptr_nonnull (strstr (wz_help_text (WZ_HELP_ORG), "64"));
  ck_assert_ptr_nonnull (strstr (wz_help_text (WZ_HELP_STATE), "128"));
  ck_assert_ptr_nonnull (strstr (wz_help_text (WZ_HELP_DOMAIN), "255"));
  ck_assert_ptr_nonnull (strstr (wz_help_text (WZ_HELP_COUNTRY), "GB"));
  ck_assert_ptr_nonnull (strstr (wz_help_text (WZ_HELP_NAMES),
                                 "autodiscover.contoso.com"));
  ck_assert_ptr_nonnull (strstr (wz_help_text (WZ_HELP_NAMES),
                                 "Edge Transport"));
  ck_assert_ptr_nonnull (strstr (wz_help_text (WZ_HELP_KEY),
                                 "same\nstore"));
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

static TCase *
draft_tcase (const char *name)
{
  TCase *tc = tcase_create (name);
  tcase_add_checked_fixture (tc, draft_setup, draft_teardown);
  return tc;
}

static Suite *
model_suite (void)
{
  Suite *s = suite_create ("model");
  TCase *tc = tcase ("init");
  tcase_add_test (tc, init_defaults);
  tcase_add_test (tc, san_list_added_whole);
  tcase_add_test (tc, key_choices_fixed);
  tcase_add_test (tc, field_table_follows_rdn_table);
  tcase_add_test (tc, has_input);
  suite_add_tcase (s, tc);
  tc = tcase ("fields");
  tcase_add_test (tc, org_too_long);
  tcase_add_loop_test (tc, findings_as_check, 0,
                       sizeof check_rows / sizeof *check_rows);
  tcase_add_test (tc, cn_non_ascii);
  tcase_add_test (tc, country_uk);
  tcase_add_test (tc, empty_field_clears);
  tcase_add_test (tc, domain_each_label);
  tcase_add_loop_test (tc, domain_empty_label, 0, 4);
  tcase_add_test (tc, domain_empty_label_at_review);
  suite_add_tcase (s, tc);
  tc = tcase ("subject and names");
  tcase_add_test (tc, subject_country_order);
  tcase_add_test (tc, subject_dns_style);
  tcase_add_test (tc, subject_escapes);
  tcase_add_test (tc, subject_pairs_follow_style);
  tcase_add_test (tc, subject_empty);
  tcase_add_test (tc, san_editing);
  tcase_add_test (tc, suggestions_for_cn);
  tcase_add_test (tc, suggestions_not_the_cn);
  tcase_add_loop_test (tc, suggestions_none, 0, 4);
  suite_add_tcase (s, tc);
  return s;
}

static Suite *
steps_suite (void)
{
  Suite *s = suite_create ("steps");
  TCase *tc = tcase ("check all");
  tcase_add_test (tc, check_all_first_example);
  tcase_add_test (tc, check_all_dns_example);
  tcase_add_test (tc, check_all_ca_limit);
  tcase_add_test (tc, check_all_client_access);
  tcase_add_test (tc, check_all_wildcard);
  tcase_add_test (tc, check_all_every_key);
  tcase_add_test (tc, check_all_errors_to_steps);
  tcase_add_test (tc, check_all_nothing);
  tcase_add_test (tc, step_of_diag_fields);
  suite_add_tcase (s, tc);
  tc = tcase ("complete");
  tcase_add_test (tc, step_subject);
  tcase_add_test (tc, step_names);
  tcase_add_test (tc, step_key);
  tcase_add_test (tc, step_review);
  tcase_add_test (tc, step_write);
  suite_add_tcase (s, tc);
  return s;
}

static Suite *
draft_suite (void)
{
  Suite *s = suite_create ("draft");
  TCase *tc = draft_tcase ("save and load");
  tcase_add_test (tc, draft_round_trip);
  tcase_add_test (tc, draft_saved_at_optional);
  tcase_add_test (tc, draft_modes);
  tcase_add_test (tc, draft_holds_no_secret);
  tcase_add_test (tc, draft_keeps_token_key_not_pin);
  tcase_add_test (tc, draft_token_not_uri_ignored);
  tcase_add_test (tc, draft_replaced);
  tcase_add_test (tc, draft_discard);
  tcase_add_test (tc, draft_refuses_open_store);
  suite_add_tcase (s, tc);
  tc = draft_tcase ("damaged");
  tcase_add_test (tc, draft_missing);
  tcase_add_loop_test (tc, draft_damaged, 0, 4);
  tcase_add_test (tc, draft_with_nul_ignored);
  tcase_add_test (tc, draft_too_large_ignored);
  tcase_add_test (tc, draft_symlink_ignored);
  tcase_add_test (tc, draft_values_revalidated);
  tcase_add_loop_test (tc, draft_numbers_out_of_range, 0, 5);
  tcase_add_test (tc, draft_step_goes_back);
  suite_add_tcase (s, tc);
  return s;
}

static Suite *
help_suite (void)
{
  Suite *s = suite_create ("help");
  TCase *tc = tcase ("texts");
  tcase_add_loop_test (tc, help_texts_fit, 0, WZ_HELP_COUNT);
  tcase_add_test (tc, help_for_fields);
  tcase_add_test (tc, help_out_of_range);
  tcase_add_test (tc, help_says_the_rules);
  suite_add_tcase (s, tc);
  return s;
}

int
main (void)
{
  setlocale (LC_ALL, "");
  return unit_run (model_suite (), steps_suite (), draft_suite (), help_suite (), NULL);
}
