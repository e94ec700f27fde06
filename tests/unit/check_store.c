/* The store, atomic writes and the record format. */
#include <config.h>

#include <check.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "base/atomicfile.h"
#include "base/xalloc.h"
#include "pki/certinfo.h"
#include "base/record.h"
#include "store/store.h"
#include "unit.h"

static char *
path_in_root (const char *name)
{
  char *p;
  ck_assert_int_ge (asprintf (&p, "%s/%s", unit_dir, name), 0);
  return p;
}

static char *
read_text (const char *path)
{
  FILE *f = fopen (path, "r");
  ck_assert_ptr_nonnull (f);
  char *text = calloc (1, 4096);
  ck_assert_uint_lt (fread (text, 1, 4095, f), 4095);
  fclose (f);
  return text;
}

static mode_t
mode_of (const char *path)
{
  struct stat st;
  ck_assert_int_eq (lstat (path, &st), 0);
  return st.st_mode & 07777;
}

START_TEST (atomic_write_never_replaces_without_overwrite)
{
  char *path = path_in_root ("out.req");
  ck_assert_int_eq (cw_write_file_atomic (path, "one", 3, 0644, false), 0);
  ck_assert_int_eq (cw_write_file_atomic (path, "two", 3, 0644, false),
                    EEXIST);
  char *text = read_text (path);
  ck_assert_str_eq (text, "one");
  free (text);
  ck_assert_int_eq (cw_write_file_atomic (path, "two", 3, 0644, true), 0);
  text = read_text (path);
  ck_assert_str_eq (text, "two");
  free (text);
  free (path);
}
END_TEST

START_TEST (atomic_write_sets_exact_mode_and_leaves_no_temporary)
{
  mode_t old = umask (0);
  char *path = path_in_root ("secret");
  ck_assert_int_eq (cw_write_file_atomic (path, "k", 1, 0600, false), 0);
  umask (old);
  ck_assert_uint_eq (mode_of (path), 0600);
  char *cmd;
  ck_assert_int_ge (asprintf (&cmd, "test $(ls -A '%s' | wc -l) -eq 1",
                              unit_dir), 0);
  ck_assert_int_eq (system (cmd), 0);
  free (cmd);
  free (path);
}
END_TEST

START_TEST (new_file_at_refuses_symlink)
{
  int dirfd = open (unit_dir, O_RDONLY | O_DIRECTORY);
  char *target = path_in_root ("target");
  ck_assert_int_eq (symlinkat (target, dirfd, "link"), 0);
  ck_assert_int_eq (cw_write_new_file_at (dirfd, "link", "x", 1, 0600),
                    EEXIST);
  ck_assert_int_eq (access (target, F_OK), -1);
  close (dirfd);
  free (target);
}
END_TEST

START_TEST (new_files_at_all_or_none)
{
  int dirfd = open (unit_dir, O_RDONLY | O_DIRECTORY);
  mode_t old = umask (0);
  struct cw_new_file files[] = { { "one", "1", 1, 0600 },
                                 { "two", "22", 2, 0640 } };
  ck_assert_int_eq (cw_write_new_files_at (dirfd, files, 2), 0);
  umask (old);
  char *one = path_in_root ("one"), *two = path_in_root ("two");
  ck_assert_uint_eq (mode_of (one), 0600);
  ck_assert_uint_eq (mode_of (two), 0640);
  char *text = read_text (two);
  ck_assert_str_eq (text, "22");
  free (text);
  /* One name taken: the files made before it are removed again. */
  struct cw_new_file clash[] = { { "three", "3", 1, 0600 },
                                 { "one", "x", 1, 0600 } };
  ck_assert_int_eq (cw_write_new_files_at (dirfd, clash, 2), EEXIST);
  char *three = path_in_root ("three");
  ck_assert_int_eq (access (three, F_OK), -1);
  text = read_text (one);
  ck_assert_str_eq (text, "1");
  free (text);
  free (one), free (two), free (three);
  close (dirfd);
}
END_TEST

START_TEST (record_round_trip_with_escapes)
{
  struct cw_record r = CW_RECORD_INIT, back = CW_RECORD_INIT;
  cw_record_add (&r, "subject", "O=a\\, b");
  cw_record_add (&r, "note", "two\nlines");
  cw_record_add (&r, "san", "DNS:a.example");
  cw_record_add (&r, "san", "DNS:b.example");
  cw_record_add (&r, "empty", "");
  char *text = cw_record_format (&r);
  ck_assert (cw_record_parse (text, &back));
  ck_assert_uint_eq (back.count, 5);
  ck_assert_str_eq (cw_record_get (&back, "subject"), "O=a\\, b");
  ck_assert_str_eq (cw_record_get (&back, "note"), "two\nlines");
  ck_assert_str_eq (cw_record_get (&back, "san"), "DNS:a.example");
  ck_assert_str_eq (back.fields[3].value, "DNS:b.example");
  ck_assert_str_eq (cw_record_get (&back, "empty"), "");
  ck_assert_ptr_null (cw_record_get (&back, "missing"));
  free (text);
  cw_record_free (&r);
  cw_record_free (&back);
}
END_TEST

START_TEST (record_rejects_other_text)
{
  struct cw_record r = CW_RECORD_INIT;
  ck_assert (!cw_record_parse ("-----BEGIN CERTIFICATE-----\n", &r));
  ck_assert (!cw_record_parse ("# certwiz record 1\nno colon here\n", &r));
  cw_record_free (&r);
}
END_TEST

/* The user's order, whoever runs the test. */
static char *
locate_user (const char *option)
{
  bool in_home;
  char *p = cw_store_locate_as (option, false, &in_home);
  ck_assert (!in_home);
  return p;
}

START_TEST (store_locate_order)
{
  setenv ("HOME", "/home/u", 1);
  unsetenv ("XDG_DATA_HOME");
  unsetenv ("CERTWIZ_STORE");
  char *p = locate_user (NULL);
  ck_assert_str_eq (p, "/home/u/.local/share/certwiz");
  free (p);
  setenv ("XDG_DATA_HOME", "relative/ignored", 1);
  p = locate_user (NULL);
  ck_assert_str_eq (p, "/home/u/.local/share/certwiz");
  free (p);
  setenv ("XDG_DATA_HOME", "/xdg", 1);
  p = locate_user (NULL);
  ck_assert_str_eq (p, "/xdg/certwiz");
  free (p);
  setenv ("CERTWIZ_STORE", "/env", 1);
  p = locate_user (NULL);
  ck_assert_str_eq (p, "/env");
  free (p);
  p = locate_user ("/opt");
  ck_assert_str_eq (p, "/opt");
  free (p);
}
END_TEST

/* Root's store is the machine's; one left in root's home from before is
   used (and said) only while the machine's does not exist. */
START_TEST (store_locate_root)
{
  char dir[] = "/tmp/certwiz-check-root-XXXXXX";
  ck_assert_ptr_nonnull (mkdtemp (dir));
  char *sys = xasprintf ("%s/system", dir);
  char *old = xasprintf ("%s/.local/share/certwiz", dir);
  setenv ("HOME", dir, 1);
  setenv ("XDG_DATA_HOME", "/xdg", 1);
  unsetenv ("CERTWIZ_STORE");
  setenv ("CERTWIZ_SYSTEM_STORE", sys, 1);
  bool in_home;
  char *p = cw_store_locate_as (NULL, true, &in_home);
  ck_assert_str_eq (p, sys);
  ck_assert (!in_home);
  free (p);
  char *parent = xasprintf ("%s/.local", dir);
  char *share = xasprintf ("%s/.local/share", dir);
  unsetenv ("XDG_DATA_HOME");
  ck_assert_int_eq (mkdir (parent, 0700), 0);
  ck_assert_int_eq (mkdir (share, 0700), 0);
  ck_assert_int_eq (mkdir (old, 0700), 0);
  p = cw_store_locate_as (NULL, true, &in_home);
  ck_assert_str_eq (p, old);
  ck_assert (in_home);
  free (p);
  ck_assert_int_eq (mkdir (sys, 0700), 0);
  p = cw_store_locate_as (NULL, true, &in_home);
  ck_assert_str_eq (p, sys);
  ck_assert (!in_home);
  free (p);
  setenv ("CERTWIZ_STORE", "/env", 1);
  p = cw_store_locate_as (NULL, true, &in_home);
  ck_assert_str_eq (p, "/env");
  free (p);
  p = cw_store_locate_as ("/opt", true, &in_home);
  ck_assert_str_eq (p, "/opt");
  free (p);
  rmdir (sys), rmdir (old), rmdir (share), rmdir (parent), rmdir (dir);
  unsetenv ("CERTWIZ_SYSTEM_STORE");
  unsetenv ("CERTWIZ_STORE");
  free (sys), free (old), free (parent), free (share);
}
END_TEST

START_TEST (store_created_private)
{
  char *path = path_in_root ("a/b/store");
  struct cw_store *store;
  struct cw_diags diags = CW_DIAGS_INIT;
  ck_assert_int_eq (cw_store_open (&store, path, &diags), CW_OK);
  /* Opened, not made: a store is made by its first change. */
  ck_assert_int_eq (access (path, F_OK), -1);
  ck_assert (!cw_store_present (store));
  struct cw_store_entries entries = CW_STORE_ENTRIES_INIT;
  ck_assert_int_eq (cw_store_list_summaries (store, &entries, &diags), CW_OK);
  ck_assert_uint_eq (entries.count, 0);
  ck_assert_int_eq (access (path, F_OK), -1);
  ck_assert_int_eq (cw_store_ready (store, &diags), CW_OK);
  ck_assert (cw_store_present (store));
  ck_assert_uint_eq (mode_of (path), 0700);
  char *pending = path_in_root ("a/b/store/pending");
  ck_assert_uint_eq (mode_of (pending), 0700);
  cw_store_close (store);
  cw_diags_free (&diags);
  free (pending);
  free (path);
}
END_TEST

START_TEST (store_readable_by_others_refused)
{
  char *path = path_in_root ("store");
  ck_assert_int_eq (mkdir (path, 0755), 0);
  ck_assert_int_eq (chmod (path, 0755), 0);
  struct cw_store *store;
  struct cw_diags diags = CW_DIAGS_INIT;
  ck_assert_int_eq (cw_store_open (&store, path, &diags), CW_REFUSED);
  ck_assert_ptr_nonnull (cw_diags_find (&diags, "store-permissions"));
  ck_assert_ptr_nonnull (strstr (diags.items[0].message, "chmod 700"));
  cw_store_close (store);
  cw_diags_free (&diags);
  free (path);
}
END_TEST

START_TEST (store_put_is_all_or_nothing)
{
  char *path = path_in_root ("store");
  struct cw_store *store;
  struct cw_diags diags = CW_DIAGS_INIT;
  ck_assert_int_eq (cw_store_open (&store, path, &diags), CW_OK);
  ck_assert_int_eq (cw_store_lock (store, &diags), CW_OK);
  struct cw_store_file files[] = { { "key.pem", "KEY", 3 },
                                   { "record", "R", 1 } };
  ck_assert_int_eq (cw_store_put (store, CW_STORE_PENDING, "abcd", files, 2,
                                  &diags), CW_OK);
  char *key = cw_store_entry_path (store, CW_STORE_PENDING, "abcd",
                                   "key.pem");
  ck_assert_uint_eq (mode_of (key), 0600);
  /* The same ID again is refused and changes nothing. */
  struct cw_store_file other[] = { { "key.pem", "OTHER", 5 } };
  ck_assert_int_eq (cw_store_put (store, CW_STORE_PENDING, "abcd", other, 1,
                                  &diags), CW_FAILED);
  char *text = read_text (key);
  ck_assert_str_eq (text, "KEY");
  /* A file listed twice fails midway: no entry, nothing left in tmp/. */
  struct cw_store_file twice[] = { { "a", "1", 1 }, { "a", "2", 1 } };
  ck_assert_int_eq (cw_store_put (store, CW_STORE_PENDING, "ef01", twice, 2,
                                  &diags), CW_FAILED);
  char *cmd;
  ck_assert_int_ge (asprintf (&cmd, "test ! -e '%s/pending/ef01' && "
                              "test -z \"$(ls -A '%s/tmp')\"", path, path),
                    0);
  ck_assert_int_eq (system (cmd), 0);
  free (cmd);
  free (text);
  free (key);
  cw_store_close (store);
  cw_diags_free (&diags);
  free (path);
}
END_TEST

START_TEST (store_lock_clears_leftovers)
{
  char *path = path_in_root ("store");
  struct cw_store *store;
  struct cw_diags diags = CW_DIAGS_INIT;
  ck_assert_int_eq (cw_store_open (&store, path, &diags), CW_OK);
  ck_assert_int_eq (cw_store_ready (store, &diags), CW_OK);
  char *cmd;
  ck_assert_int_ge (asprintf (&cmd, "mkdir '%s/tmp/99' && echo x > "
                              "'%s/tmp/99/key.pem'", path, path), 0);
  ck_assert_int_eq (system (cmd), 0);
  free (cmd);
  ck_assert_int_eq (cw_store_lock (store, &diags), CW_OK);
  ck_assert_int_ge (asprintf (&cmd, "test -z \"$(ls -A '%s/tmp')\"", path),
                    0);
  ck_assert_int_eq (system (cmd), 0);
  free (cmd);
  cw_store_close (store);
  cw_diags_free (&diags);
  free (path);
}
END_TEST

START_TEST (record_set_replaces_only_its_value)
{
  struct cw_record r = CW_RECORD_INIT;
  cw_record_add (&r, "cn", "old.example");
  cw_record_add (&r, "san", "DNS:a.example");
  cw_record_set (&r, "cn", "a-much-longer-name.example");
  cw_record_set (&r, "friendly-name", "Mail");
  ck_assert_uint_eq (r.count, 3);
  ck_assert_str_eq (r.fields[0].name, "cn");
  ck_assert_str_eq (r.fields[0].value, "a-much-longer-name.example");
  ck_assert_str_eq (cw_record_get (&r, "san"), "DNS:a.example");
  ck_assert_str_eq (cw_record_get (&r, "friendly-name"), "Mail");
  cw_record_free (&r);
}
END_TEST

/* The parser is written by hand: it must agree with the C library's
   calendar on every day, leap days and centuries included. */
START_TEST (time_parse_inverts_format)
{
  for (time_t t = -86400LL * 365; t < 86400LL * 366 * 400; t += 86399 * 7)
    {
      char *text = cw_time_format (t);
      struct tm tm = { 0 };
      ck_assert_ptr_nonnull (strptime (text, "%Y-%m-%dT%H:%M:%SZ", &tm));
      ck_assert_int_eq (cw_time_parse (text), t);
      ck_assert_int_eq (cw_time_parse (text), timegm (&tm));
      free (text);
    }
  ck_assert_int_eq (cw_time_parse ("2024-02-29T12:00:00Z"), 1709208000);
  ck_assert_int_eq (cw_time_parse ("2000-03-01T00:00:00Z"), 951868800);
  ck_assert_int_eq (cw_time_parse ("9999-12-31T23:59:59Z"), 253402300799);
}
END_TEST

START_TEST (time_parse_refuses_other_forms)
{
  static const char *const bad[] = {
    "", "2027-06-18", "2027-06-18T23:06:00", "2027-06-18 23:06:00Z",
    "2027-06-18T23:06:00Z ", "2027-13-01T00:00:00Z", "2027-00-01T00:00:00Z",
    "2027-06-32T00:00:00Z", "2027-06-18T24:00:00Z", "2027-06-18T23:60:00Z",
    "2027-06-18T23:06:61Z", "+027-06-18T23:06:00Z", "2027-6-18T23:06:00ZZ",
  };
  for (size_t i = 0; i < sizeof bad / sizeof *bad; i++)
    ck_assert_msg (cw_time_parse (bad[i]) == (time_t) -1, "%s", bad[i]);
  ck_assert (cw_time_parse (NULL) == (time_t) -1);
}
END_TEST

/* Locks nest: an inner unlock keeps the outer lock, so that a draft
   saved while an import holds the lock does not let another certwiz in. */
START_TEST (store_locks_nest)
{
  char *path = path_in_root ("store");
  struct cw_store *store, *other;
  struct cw_diags diags = CW_DIAGS_INIT;
  ck_assert_int_eq (cw_store_open (&store, path, &diags), CW_OK);
  ck_assert_int_eq (cw_store_lock (store, &diags), CW_OK);
  ck_assert_int_eq (cw_store_lock (store, &diags), CW_OK);
  cw_store_unlock (store);
  ck_assert_int_eq (cw_store_open (&other, path, &diags), CW_OK);
  ck_assert (!cw_store_try_lock (other));
  cw_store_unlock (store);
  ck_assert (cw_store_try_lock (other));
  cw_store_unlock (other);
  cw_store_close (other);
  cw_store_close (store);
  cw_diags_free (&diags);
  free (path);
}
END_TEST

START_TEST (store_keeps_the_draft)
{
  char *path = path_in_root ("store");
  struct cw_store *store;
  struct cw_diags diags = CW_DIAGS_INIT;
  struct cw_record draft = CW_RECORD_INIT, back = CW_RECORD_INIT;
  ck_assert_int_eq (cw_store_open (&store, path, &diags), CW_OK);
  ck_assert (!cw_store_draft_load (store, &back));
  cw_record_add (&draft, "CN", "mail.contoso.com");
  ck_assert_int_eq (cw_store_draft_save (store, &draft, &diags), CW_OK);
  char *file = path_in_root ("store/draft");
  ck_assert_uint_eq (mode_of (file), 0600);
  ck_assert (cw_store_draft_load (store, &back));
  ck_assert_str_eq (cw_record_get (&back, "CN"), "mail.contoso.com");
  cw_record_free (&back);
  /* Not a plain file of ours: not a draft. */
  ck_assert_int_eq (unlink (file), 0);
  ck_assert_int_eq (symlink ("/etc/passwd", file), 0);
  ck_assert (!cw_store_draft_load (store, &back));
  ck_assert_int_eq (unlink (file), 0);
  ck_assert_int_eq (cw_store_draft_save (store, &draft, &diags), CW_OK);
  cw_store_draft_discard (store);
  ck_assert_int_eq (access (file, F_OK), -1);
  /* Saved under the lock: nothing is left in tmp/. */
  char *cmd;
  ck_assert_int_ge (asprintf (&cmd, "test -z \"$(ls -A '%s/tmp')\"", path),
                    0);
  ck_assert_int_eq (system (cmd), 0);
  free (cmd);
  cw_record_free (&draft);
  cw_store_close (store);
  cw_diags_free (&diags);
  free (file);
  free (path);
}
END_TEST

static Suite *
store_suite (void)
{
  Suite *s = suite_create ("store");
  TCase *tc = tcase_create ("files");
  tcase_add_checked_fixture (tc, unit_dir_setup, unit_dir_teardown);
  tcase_add_test (tc, atomic_write_never_replaces_without_overwrite);
  tcase_add_test (tc, atomic_write_sets_exact_mode_and_leaves_no_temporary);
  tcase_add_test (tc, new_file_at_refuses_symlink);
  tcase_add_test (tc, new_files_at_all_or_none);
  tcase_add_test (tc, store_created_private);
  tcase_add_test (tc, store_readable_by_others_refused);
  tcase_add_test (tc, store_put_is_all_or_nothing);
  tcase_add_test (tc, store_lock_clears_leftovers);
  tcase_add_test (tc, store_locks_nest);
  tcase_add_test (tc, store_keeps_the_draft);
  suite_add_tcase (s, tc);
  TCase *rec = tcase_create ("record");
  tcase_add_test (rec, record_round_trip_with_escapes);
  tcase_add_test (rec, record_rejects_other_text);
  tcase_add_test (rec, record_set_replaces_only_its_value);
  tcase_add_test (rec, time_parse_inverts_format);
  tcase_add_test (rec, time_parse_refuses_other_forms);
  tcase_add_test (rec, store_locate_order);
  tcase_add_test (rec, store_locate_root);
  suite_add_tcase (s, rec);
  return s;
}

int
main (void)
{
  return unit_run (store_suite (), NULL);
}
