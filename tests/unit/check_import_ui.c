/* Unit tests of the import and backup screens' parts that need no
   terminal: Tab completion and the file list (forms/file_names.c), the
   masked entry and the password strength hint (forms/password_entry.c),
   the words of the import's outcome (forms/import_result.c) and the help
   texts (forms/import_backup_help.c).  Curses is never started here. */
#include <config.h>

#include <check.h>
#include <curses.h>
#include <fcntl.h>
#include <locale.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <uniwidth.h>
#include <unistd.h>

#include "base/diag.h"
#include "file_picker.h"
#include "pki/import.h"
#include "import_backup_help.h"
#include "import_result.h"
#include "password_entry.h"
#include "report_view.h"
#include "term.h"
#include "unit.h"

/* ------------------------------------------------------------ helpers */

/* Completes TYPED against the names that follow (a trailing "/" marks a
   folder, NULL ends them); returns the completion, to be freed. */
static struct wz_completion
complete (const char *typed, ...)
{
  const char *names[16];
  bool dirs[16];
  char buf[16][64];
  size_t n = 0;
  va_list ap;
  va_start (ap, typed);
  for (const char *name; (name = va_arg (ap, const char *)) != NULL; n++)
    {
      size_t len = strlen (name);
      dirs[n] = len > 0 && name[len - 1] == '/';
      snprintf (buf[n], sizeof buf[n], "%.*s", (int) (len - dirs[n]), name);
      names[n] = buf[n];
    }
  va_end (ap);
  struct wz_completion c;
  wz_complete_names (typed, names, dirs, n, &c);
  return c;
}

static void
expect_completion (const char *typed, const char *text, size_t count,
                   struct wz_completion c)
{
  ck_assert_msg (strcmp (c.text, text) == 0, "\"%s\" gave \"%s\", not \"%s\"",
                 typed, c.text, text);
  ck_assert_msg (c.count == count, "\"%s\": %zu matches, not %zu", typed,
                 c.count, count);
  wz_completion_free (&c);
}

static char tmp[] = "/tmp/certwiz-import-ui.XXXXXX";

static void
touch (const char *name)
{
  char path[256];
  snprintf (path, sizeof path, "%s/%s", tmp, name);
  int fd = open (path, O_WRONLY | O_CREAT | O_TRUNC, 0600);
  ck_assert_int_ge (fd, 0);
  close (fd);
}

static void
make_folder (const char *name)
{
  char path[256];
  snprintf (path, sizeof path, "%s/%s", tmp, name);
  ck_assert_int_eq (mkdir (path, 0700), 0);
}

static void
setup_tmp (void)
{
  strcpy (tmp, "/tmp/certwiz-import-ui.XXXXXX");
  ck_assert_ptr_nonnull (mkdtemp (tmp));
  touch ("mail1.cer");
  touch ("mail2.cer");
  touch ("answer.txt");
  touch ("Backup.PFX");
  touch (".hidden.pem");
  make_folder ("certs");
}

static void
teardown_tmp (void)
{
  char command[300];
  snprintf (command, sizeof command, "rm -rf '%s'", tmp);
  ck_assert_int_eq (system (command), 0);
}

/* ---------------------------------------------------------- completion */

START_TEST (test_complete_common_prefix)
{
  expect_completion ("ma", "mail", 2,
                     complete ("ma", "mail1.cer", "mail2.cer", "other.pem",
                               NULL));
  expect_completion ("m.p", "m.p", 2,
                     complete ("m.p", "m.p7b", "m.pem", "m.cer", NULL));
  expect_completion ("o", "other.pem", 1,
                     complete ("o", "mail1.cer", "other.pem", NULL));
  /* Everything fits an empty part: the prefix is what they share. */
  expect_completion ("", "m", 2, complete ("", "m.cer", "mail.pem", NULL));
}
END_TEST

START_TEST (test_complete_no_match)
{
  expect_completion ("x", "x", 0, complete ("x", "mail1.cer", "certs/",
                                            NULL));
  expect_completion ("/srv/x", "/srv/x", 0,
                     complete ("/srv/x", "mail1.cer", NULL));
  expect_completion ("a", "a", 0, complete ("a", NULL));
}
END_TEST

START_TEST (test_complete_folder_gets_slash)
{
  expect_completion ("ce", "certs/", 1, complete ("ce", "certs/",
                                                  "mail.cer", NULL));
  expect_completion ("/srv/ce", "/srv/certs/", 1,
                     complete ("/srv/ce", "certs/", NULL));
  /* Not while another name fits too. */
  expect_completion ("ce", "certs", 2, complete ("ce", "certs/",
                                                 "certs.pem", NULL));
  struct wz_completion c = complete ("c", "certs/", "c.pem", NULL);
  ck_assert_str_eq (c.matches[0], "c.pem");
  ck_assert_str_eq (c.matches[1], "certs/");
  wz_completion_free (&c);
}
END_TEST

START_TEST (test_complete_hidden_and_dots)
{
  expect_completion ("", "mail.cer", 1,
                     complete ("", ".hidden", "mail.cer", ".", "..", NULL));
  expect_completion (".", ".hidden", 1,
                     complete (".", ".hidden", "mail.cer", ".", "..",
                               NULL));
}
END_TEST

START_TEST (test_complete_utf8_boundary)
{
  /* "é" and "è" share their first byte: the prefix stops before it. */
  expect_completion ("c", "caf", 2,
                     complete ("c", "caf\xc3\xa9.cer", "caf\xc3\xa8.cer",
                               NULL));
}
END_TEST

START_TEST (test_complete_path)
{
  char typed[300], want[300];
  struct wz_completion c;
  snprintf (typed, sizeof typed, "%s/ce", tmp);
  snprintf (want, sizeof want, "%s/certs/", tmp);
  wz_complete_path (typed, &c);
  expect_completion (typed, want, 1, c);
  snprintf (typed, sizeof typed, "%s/m", tmp);
  snprintf (want, sizeof want, "%s/mail", tmp);
  wz_complete_path (typed, &c);
  expect_completion (typed, want, 2, c);
  snprintf (typed, sizeof typed, "%s/nothing/m", tmp);
  wz_complete_path (typed, &c);
  expect_completion (typed, typed, 0, c);
}
END_TEST

START_TEST (test_expand_home)
{
  setenv ("HOME", "/home/admin", 1);
  char *p = wz_expand_path ("~/mail.cer");
  ck_assert_str_eq (p, "/home/admin/mail.cer");
  free (p);
  p = wz_expand_path ("~");
  ck_assert_str_eq (p, "/home/admin");
  free (p);
  p = wz_expand_path ("~other/x");
  ck_assert_str_eq (p, "~other/x");
  free (p);
}
END_TEST

/* -------------------------------------------------------- likely files */

START_TEST (test_likely_files)
{
  const char *likely[] = {
    "mail.cer", "mail.crt", "mail.pem", "mail.der", "chain.p7b",
    "chain.p7c", "backup.pfx", "backup.p12", "CERTNEW.CER", "Backup.PFX",
    "a.b.pem",
  };
  const char *unlikely[] = {
    "mail.req", "mail.csr", "mail.key", "notes.txt", "pem", "cer.",
    ".pem", "mail.pem.bak", "mail.pfx~",
  };
  for (size_t i = 0; i < sizeof likely / sizeof likely[0]; i++)
    ck_assert_msg (wz_file_likely (likely[i]), "%s", likely[i]);
  for (size_t i = 0; i < sizeof unlikely / sizeof unlikely[0]; i++)
    ck_assert_msg (!wz_file_likely (unlikely[i]), "%s", unlikely[i]);
}
END_TEST

static void
expect_items (const struct wz_folder *f, size_t count, ...)
{
  ck_assert_uint_eq (f->count, count);
  va_list ap;
  va_start (ap, count);
  for (size_t i = 0; i < count; i++)
    ck_assert_str_eq (f->items[i].name, va_arg (ap, const char *));
  va_end (ap);
}

START_TEST (test_folder_likely_only)
{
  struct wz_folder f;
  ck_assert_int_eq (wz_folder_read (&f, tmp, false), 0);
  /* "..", folders, then files: no .txt, nothing hidden. */
  expect_items (&f, 5, "..", "certs", "Backup.PFX", "mail1.cer",
                "mail2.cer");
  ck_assert (f.items[0].dir && f.items[1].dir && !f.items[2].dir);
  wz_folder_free (&f);
  ck_assert_int_eq (wz_folder_read (&f, tmp, true), 0);
  expect_items (&f, 6, "..", "certs", "Backup.PFX", "answer.txt",
                "mail1.cer", "mail2.cer");
  wz_folder_free (&f);
}
END_TEST

START_TEST (test_folder_errors_and_root)
{
  struct wz_folder f;
  char missing[300];
  snprintf (missing, sizeof missing, "%s/missing", tmp);
  ck_assert_int_ne (wz_folder_read (&f, missing, false), 0);
  ck_assert_int_eq (wz_folder_read (&f, "/", false), 0);
  for (size_t i = 0; i < f.count; i++)
    ck_assert_str_ne (f.items[i].name, "..");
  wz_folder_free (&f);
}
END_TEST

START_TEST (test_folder_join)
{
  const char *cases[][3] = {
    { "/srv/certs", "..", "/srv" }, { "/srv", "..", "/" },
    { "/", "..", "/" }, { "/", "x.cer", "/x.cer" },
    { "/srv", "x.cer", "/srv/x.cer" },
  };
  for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++)
    {
      char *joined = wz_folder_join (cases[i][0], cases[i][1]);
      ck_assert_str_eq (joined, cases[i][2]);
      free (joined);
    }
}
END_TEST

START_TEST (test_safe_file_name)
{
  const char *cases[][2] = {
    { "Contoso mail", "Contoso_mail.pfx" },
    { "*.contoso.com", "_.contoso.com.pfx" },
    { "mail1.contoso.com", "mail1.contoso.com.pfx" },
    { "a/b", "a_b.pfx" }, { "-rf", "_rf.pfx" }, { ".profile", "_profile.pfx" },
    { "", "certificate.pfx" }, { "M\xc3\xbcller", "M\xc3\xbcller.pfx" },
  };
  for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++)
    {
      char *name = wz_safe_file_name (cases[i][0], ".pfx");
      ck_assert_str_eq (name, cases[i][1]);
      free (name);
    }
}
END_TEST

/* ------------------------------------------------------------ strength */

static void
expect_strength (const char *password, enum wz_strength want, size_t chars,
                 unsigned kinds)
{
  size_t got_chars;
  unsigned got_kinds;
  ck_assert_msg (wz_password_strength (password, &got_chars, &got_kinds)
                 == want, "\"%s\"", password);
  ck_assert_uint_eq (got_chars, chars);
  ck_assert_uint_eq (got_kinds, kinds);
}

START_TEST (test_strength_levels)
{
  expect_strength ("", WZ_STRENGTH_EMPTY, 0, 0);
  expect_strength ("abc", WZ_STRENGTH_WEAK, 3, WZ_KIND_LOWER);
  expect_strength ("Passw0rd!", WZ_STRENGTH_WEAK, 9,
                   WZ_KIND_LOWER | WZ_KIND_UPPER | WZ_KIND_DIGIT
                   | WZ_KIND_OTHER);
  expect_strength ("Tr0ub4dor&3", WZ_STRENGTH_FAIR, 11,
                   WZ_KIND_LOWER | WZ_KIND_UPPER | WZ_KIND_DIGIT
                   | WZ_KIND_OTHER);
  expect_strength ("password1234", WZ_STRENGTH_FAIR, 12,
                   WZ_KIND_LOWER | WZ_KIND_DIGIT);
  expect_strength ("abcdefghijklmnop", WZ_STRENGTH_FAIR, 16, WZ_KIND_LOWER);
  expect_strength ("correct horse battery staple", WZ_STRENGTH_STRONG, 28,
                   WZ_KIND_LOWER | WZ_KIND_OTHER);
  expect_strength ("abcdefghijklmnopqrst", WZ_STRENGTH_STRONG, 20,
                   WZ_KIND_LOWER);
  expect_strength ("Mail2026-backup", WZ_STRENGTH_STRONG, 15,
                   WZ_KIND_LOWER | WZ_KIND_UPPER | WZ_KIND_DIGIT
                   | WZ_KIND_OTHER);
}
END_TEST

START_TEST (test_strength_counts_characters)
{
  /* "ï" is two bytes and one character, of no ASCII kind. */
  expect_strength ("na\xc3\xafve", WZ_STRENGTH_WEAK, 5,
                   WZ_KIND_LOWER | WZ_KIND_OTHER);
}
END_TEST

START_TEST (test_strength_text)
{
  char *text = wz_strength_text ("password1234");
  ck_assert_str_eq (text, "Strength: fair (12 characters: lower case, "
                          "digits)");
  free (text);
  text = wz_strength_text ("ab");
  ck_assert_str_eq (text, "Strength: weak (2 characters: lower case); "
                          "longer is stronger");
  free (text);
  text = wz_strength_text ("");
  ck_assert_str_eq (text, "A backup needs a password.");
  free (text);
  ck_assert_int_eq (wz_strength_role (WZ_STRENGTH_WEAK), UI_WARNING);
}
END_TEST

/* ------------------------------------------------------------- secrets */

static void
type_secret (struct wz_secret *s, const char *text)
{
  for (const char *p = text; *p; p++)
    ck_assert_int_eq (wz_secret_key (s, (unsigned char) *p),
                      UI_FIELD_CHANGED);
}

static bool
all_zero (const char *buf, size_t n)
{
  for (size_t i = 0; i < n; i++)
    if (buf[i])
      return false;
  return true;
}

START_TEST (test_secret_typing)
{
  struct wz_secret s;
  wz_secret_init (&s);
  type_secret (&s, "abc");
  ck_assert_int_eq (wz_secret_key (&s, 0x00E9), UI_FIELD_CHANGED);
  ck_assert_str_eq (s.text, "abc\xc3\xa9");
  /* Backspace takes the whole character and leaves no byte behind. */
  ck_assert_int_eq (wz_secret_key (&s, 127), UI_FIELD_CHANGED);
  ck_assert_str_eq (s.text, "abc");
  ck_assert (all_zero (s.text + 3, WZ_SECRET_MAX + 1 - 3));
  ck_assert_int_eq (wz_secret_key (&s, UI_KEY (KEY_LEFT)),
                    UI_FIELD_NOT_MINE);
  ck_assert_int_eq (wz_secret_key (&s, UI_TAB), UI_FIELD_NOT_MINE);
  ck_assert_int_eq (wz_secret_key (&s, 0x85), UI_FIELD_NOT_MINE);
  ck_assert_int_eq (wz_secret_key (&s, 21), UI_FIELD_CHANGED);
  ck_assert_uint_eq (s.len, 0);
  ck_assert (all_zero (s.text, WZ_SECRET_MAX + 1));
  ck_assert_int_eq (wz_secret_key (&s, 127), UI_FIELD_MOVED);
  wz_secret_free (&s);
  ck_assert_ptr_null (s.text);
}
END_TEST

START_TEST (test_secret_limit_and_same)
{
  struct wz_secret a, b;
  wz_secret_init (&a);
  wz_secret_init (&b);
  for (size_t i = 0; i < WZ_SECRET_MAX; i++)
    ck_assert_int_eq (wz_secret_key (&a, 'x'), UI_FIELD_CHANGED);
  ck_assert_int_eq (wz_secret_key (&a, 'x'), UI_FIELD_REFUSED);
  ck_assert_uint_eq (a.len, WZ_SECRET_MAX);
  ck_assert (!wz_secret_same (&a, &b));
  wz_secret_wipe (&a);
  ck_assert (wz_secret_same (&a, &b));
  type_secret (&a, "pass");
  type_secret (&b, "pasS");
  ck_assert (!wz_secret_same (&a, &b));
  wz_secret_free (&a);
  wz_secret_free (&b);
}
END_TEST

/* --------------------------------------------------------- the outcome */

static bool
report_has (const struct wz_report *r, const char *text)
{
  for (size_t i = 0; i < r->count; i++)
    if (strstr (r->items[i].text, text))
      return true;
  return false;
}

static size_t
report_index (const struct wz_report *r, const char *text)
{
  for (size_t i = 0; i < r->count; i++)
    if (strstr (r->items[i].text, text))
      return i;
  ck_abort_msg ("\"%s\" is not in the report", text);
  return 0;
}

START_TEST (test_report_key_not_here)
{
  struct cw_diags diags = CW_DIAGS_INIT;
  cw_diag_add (&diags, CW_ERROR, "key-not-here", "import", "KEY MISSING");
  cw_diag_add (&diags, CW_WARNING, "pending-same-names", "import", "SAME");
  cw_diag_add (&diags, CW_NOTE, "key-not-here-fix", "import", "FIX IT");
  struct cw_import_result result = { .bound = false };
  struct wz_report r = WZ_REPORT_INIT;
  wz_import_report (&r, "m.cer", CW_REFUSED, &result, &diags, NULL);
  size_t heading = report_index (&r, "private key is not on this machine");
  ck_assert_uint_eq (heading, 0);
  ck_assert_int_eq (r.items[0].role, UI_ERROR);
  ck_assert (report_index (&r, "KEY MISSING") < report_index (&r, "SAME"));
  ck_assert (report_index (&r, "SAME") < report_index (&r, "FIX IT"));
  ck_assert (report_has (&r, "Nothing was installed"));
  ck_assert (!report_has (&r, "anyway"));
  wz_report_free (&r);
  cw_diags_free (&diags);
}
END_TEST

START_TEST (test_report_installed)
{
  struct cw_diags diags = CW_DIAGS_INIT;
  cw_diag_add (&diags, CW_NOTE, "chain-root-left-out", "chain", "ROOT OUT");
  cw_diag_add (&diags, CW_WARNING, "ca-dropped-name", "import", "DROPPED");
  char dns[] = "DNS:mail.contoso.com", ip[] = "IP:192.0.2.1";
  char issuer[] = "Fabrikam Issuing CA 1", id[] = "e077c5939af30814";
  char subject[] = "CN=mail.contoso.com", cn[] = "mail.contoso.com";
  char key[] = "ECDSA P-256";
  char *names[] = { dns, ip };
  char *chain[] = { issuer };
  struct cw_import_result result = {
    .bound = true, .has_key = true, .request_id = id,
    .chain = chain, .chain_count = 1,
    .info = { .subject = subject, .cn = cn, .issuer_name = issuer,
              .key = key, .names = names, .name_count = 2 },
  };
  struct wz_report r = WZ_REPORT_INIT;
  wz_import_report (&r, "m.cer", CW_OK, &result, &diags, NULL);
  ck_assert_int_eq (r.items[0].role, UI_NOTE);
  ck_assert (report_has (&r, "mail.contoso.com, IP:192.0.2.1"));
  ck_assert (report_has (&r, "e077c593"));
  ck_assert (report_index (&r, "1. mail.contoso.com")
             < report_index (&r, "2. Fabrikam Issuing CA 1"));
  ck_assert (report_index (&r, "2. Fabrikam") < report_index (&r,
                                                              "ROOT OUT"));
  ck_assert (report_index (&r, "What the CA changed")
             < report_index (&r, "DROPPED"));
  wz_report_free (&r);
  cw_diags_free (&diags);
}
END_TEST

START_TEST (test_report_refused)
{
  struct cw_diags diags = CW_DIAGS_INIT;
  cw_diag_add (&diags, CW_ERROR, "already-installed", "import", "ALREADY");
  struct cw_import_result result = { .bound = false };
  struct wz_report r = WZ_REPORT_INIT;
  wz_import_report (&r, "m.cer", CW_REFUSED, &result, &diags, NULL);
  ck_assert (report_has (&r, "already installed"));
  ck_assert (report_has (&r, "ALREADY"));
  wz_report_free (&r);
  cw_diags_free (&diags);
}
END_TEST

/* ---------------------------------------------------------------- help */

START_TEST (test_help_lines_fit)
{
  for (int t = 0; t < WZ_XHELP_COUNT; t++)
    {
      ck_assert (*wz_xhelp_title ((enum wz_xhelp) t));
      const char *text = wz_xhelp_text ((enum wz_xhelp) t);
      for (const char *line = text; *line;)
        {
          size_t len = strcspn (line, "\n");
          int width = u8_width ((const uint8_t *) line, len, "UTF-8");
          ck_assert_msg (width <= 76, "topic %d: a line of %d columns", t,
                         width);
          line += len + (line[len] == '\n');
        }
    }
}
END_TEST

/* ---------------------------------------------------------------- main */

static Suite *
names_suite (void)
{
  Suite *s = suite_create ("file names");
  TCase *tc = tcase_create ("completion");
  tcase_add_test (tc, test_complete_common_prefix);
  tcase_add_test (tc, test_complete_no_match);
  tcase_add_test (tc, test_complete_folder_gets_slash);
  tcase_add_test (tc, test_complete_hidden_and_dots);
  tcase_add_test (tc, test_complete_utf8_boundary);
  tcase_add_test (tc, test_expand_home);
  tcase_add_test (tc, test_likely_files);
  tcase_add_test (tc, test_folder_join);
  tcase_add_test (tc, test_safe_file_name);
  suite_add_tcase (s, tc);
  tc = tcase_create ("folders");
  tcase_add_checked_fixture (tc, setup_tmp, teardown_tmp);
  tcase_add_test (tc, test_complete_path);
  tcase_add_test (tc, test_folder_likely_only);
  tcase_add_test (tc, test_folder_errors_and_root);
  suite_add_tcase (s, tc);
  return s;
}

static Suite *
password_suite (void)
{
  Suite *s = suite_create ("password");
  TCase *tc = tcase_create ("password");
  tcase_add_test (tc, test_strength_levels);
  tcase_add_test (tc, test_strength_counts_characters);
  tcase_add_test (tc, test_strength_text);
  tcase_add_test (tc, test_secret_typing);
  tcase_add_test (tc, test_secret_limit_and_same);
  suite_add_tcase (s, tc);
  return s;
}

static Suite *
outcome_suite (void)
{
  Suite *s = suite_create ("outcome");
  TCase *tc = tcase_create ("outcome");
  tcase_add_test (tc, test_report_key_not_here);
  tcase_add_test (tc, test_report_installed);
  tcase_add_test (tc, test_report_refused);
  tcase_add_test (tc, test_help_lines_fit);
  suite_add_tcase (s, tc);
  return s;
}

int
main (void)
{
  /* Widths, characters and collation depend on the locale. */
  if (!setlocale (LC_ALL, "C.UTF-8"))
    return 77;
  return unit_run (names_suite (), password_suite (), outcome_suite (), NULL);
}
