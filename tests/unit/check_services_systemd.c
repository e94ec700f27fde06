/* The systemd unit of a daemon, from fixture proc and run folders:
   systemd itself cannot run in the test container. */
#include <config.h>

#include <check.h>
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "base/xalloc.h"
#include "services/systemd.h"
#include "unit.h"

static char *proc_root, *run_root;

static void
fixture_setup (void)
{
  unit_dir_setup ();
  proc_root = xasprintf ("%s/proc", unit_dir);
  run_root = xasprintf ("%s/run", unit_dir);
  ck_assert_int_eq (mkdir (proc_root, 0700), 0);
  ck_assert_int_eq (mkdir (run_root, 0700), 0);
}

static void
fixture_teardown (void)
{
  free (proc_root);
  free (run_root);
  unit_dir_teardown ();
}

static void
systemd_running (void)
{
  char *path = xasprintf ("%s/systemd", run_root);
  ck_assert_int_eq (mkdir (path, 0700), 0);
  free (path);
  path = xasprintf ("%s/systemd/system", run_root);
  ck_assert_int_eq (mkdir (path, 0700), 0);
  free (path);
}

/* PID's cgroup file holds TEXT. */
static void
cgroup (long pid, const char *text)
{
  char *dir = xasprintf ("%s/%ld", proc_root, pid);
  ck_assert_int_eq (mkdir (dir, 0700), 0);
  char *path = xasprintf ("%s/cgroup", dir);
  FILE *f = fopen (path, "w");
  ck_assert_ptr_nonnull (f);
  fputs (text, f);
  fclose (f);
  free (path);
  free (dir);
}

static void
assert_unit (long pid, const char *program, const char *expected)
{
  char *unit = cw_systemd_unit_of (proc_root, run_root, (pid_t) pid,
                                   program);
  if (expected)
    ck_assert_str_eq (unit ? unit : "(none)", expected);
  else
    ck_assert_msg (unit == NULL, "pid %ld: %s, expected none", pid, unit);
  free (unit);
}

START_TEST (test_no_systemd)
{
  cgroup (10, "0::/system.slice/nginx.service\n");
  assert_unit (10, "nginx", NULL);
}
END_TEST

START_TEST (test_units)
{
  systemd_running ();
  cgroup (10, "0::/system.slice/nginx.service\n");
  assert_unit (10, "nginx", "nginx.service");
  /* cgroup v1 (and hybrid): systemd's own hierarchy counts. */
  cgroup (11, "12:pids:/system.slice/dovecot.service\n"
              "1:name=systemd:/system.slice/dovecot.service\n"
              "0::/\n");
  assert_unit (11, "dovecot", "dovecot.service");
  /* An instance of a template; a sub-cgroup of the unit. */
  cgroup (12, "0::/system.slice/system-postfix.slice/postfix@-.service\n");
  assert_unit (12, "postfix", "postfix@-.service");
  cgroup (13, "0::/system.slice/apache2.service/payload\n");
  assert_unit (13, "apache2", "apache2.service");
}
END_TEST

START_TEST (test_not_a_system_unit)
{
  systemd_running ();
  /* Started by hand in a login session, or in a user's manager. */
  cgroup (20, "0::/user.slice/user-0.slice/session-3.scope\n");
  assert_unit (20, "nginx", NULL);
  cgroup (21, "0::/user.slice/user-1000.slice/user@1000.service/app.slice/"
              "nginx.service\n");
  assert_unit (21, "nginx", NULL);
  /* Started from another service's shell: that unit is not nginx's. */
  cgroup (22, "0::/system.slice/gitlab-runner.service\n");
  assert_unit (22, "nginx", NULL);
  cgroup (23, "0::/system.slice/nginxproxy.service\n");
  assert_unit (23, "nginx", NULL);
  /* No cgroup, no process, the root cgroup of a container. */
  assert_unit (24, "nginx", NULL);
  assert_unit (0, "nginx", NULL);
  cgroup (25, "0::/\n");
  assert_unit (25, "nginx", NULL);
}
END_TEST

static Suite *
systemd_suite (void)
{
  Suite *s = suite_create ("systemd units");
  TCase *tc = tcase_create ("unit");
  tcase_add_checked_fixture (tc, fixture_setup, fixture_teardown);
  tcase_add_test (tc, test_no_systemd);
  tcase_add_test (tc, test_units);
  tcase_add_test (tc, test_not_a_system_unit);
  suite_add_tcase (s, tc);
  return s;
}

int
main (void)
{
  setlocale (LC_ALL, "");
  return unit_run (systemd_suite (), NULL);
}
