/* Reading passwords: files, descriptors, no terminal at all, and a
   pseudo-terminal standing in for the admin at the keyboard. */
#include <config.h>

#include <check.h>
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <termios.h>
#include <unistd.h>

#include "cli/password.h"
#include "unit.h"

/* Writes TEXT (LEN bytes) to a new file in the test folder. */
static char *
password_file (const char *text, size_t len, mode_t mode)
{
  char *path;
  ck_assert_int_ge (asprintf (&path, "%s/password", unit_dir), 0);
  unlink (path);
  int fd = open (path, O_WRONLY | O_CREAT | O_EXCL, 0600);
  ck_assert_int_ge (fd, 0);
  ck_assert_int_eq (write (fd, text, len), (ssize_t) len);
  ck_assert_int_eq (fchmod (fd, mode), 0);
  close (fd);
  return path;
}

/* Reads the password in a file holding TEXT; returns the status. */
static enum cw_status
read_from_file (const char *text, size_t len, mode_t mode, char **password,
                struct cw_diags *diags)
{
  char *path = password_file (text, len, mode);
  struct cw_password_source source = { path, -1 };
  enum cw_status status = cw_password_read (&source, "unused", false,
                                            password, diags);
  free (path);
  return status;
}

static void
assert_file_gives (const char *text, const char *expected)
{
  struct cw_diags diags = CW_DIAGS_INIT;
  char *password;
  ck_assert_int_eq (read_from_file (text, strlen (text), 0600, &password,
                                    &diags), CW_OK);
  ck_assert_str_eq (password, expected);
  ck_assert_uint_eq (diags.count, 0);
  cw_password_free (password);
  cw_diags_free (&diags);
}

static void
assert_file_refused (const char *text, size_t len, enum cw_status expected,
                     const char *code)
{
  struct cw_diags diags = CW_DIAGS_INIT;
  char *password = (char *) "not touched";
  ck_assert_int_eq (read_from_file (text, len, 0600, &password, &diags),
                    expected);
  ck_assert_ptr_null (password);
  ck_assert_ptr_nonnull (cw_diags_find (&diags, code));
  ck_assert_str_eq (diags.items[0].field, "password");
  cw_diags_free (&diags);
}

START_TEST (file_first_line_without_line_end)
{
  assert_file_gives ("s3cret\n", "s3cret");
  assert_file_gives ("s3cret\r\n", "s3cret");
  assert_file_gives ("s3cret", "s3cret");
  assert_file_gives ("first line\nsecond line\n", "first line");
  assert_file_gives (" spaces kept \n", " spaces kept ");
  assert_file_gives ("pässwörd\n", "pässwörd");
}
END_TEST

START_TEST (file_empty_password_refused)
{
  assert_file_refused ("", 0, CW_REFUSED, "password-empty");
  assert_file_refused ("\n", 1, CW_REFUSED, "password-empty");
  assert_file_refused ("\r\n", 2, CW_REFUSED, "password-empty");
  assert_file_refused ("\nsecond\n", 8, CW_REFUSED, "password-empty");
}
END_TEST

START_TEST (file_too_long_refused)
{
  char text[CW_PASSWORD_MAX + 2];
  memset (text, 'a', sizeof text);
  assert_file_refused (text, sizeof text, CW_REFUSED, "password-read");
  /* The longest allowed, even with a CRLF. */
  memcpy (text + CW_PASSWORD_MAX, "\r\n", 2);
  struct cw_diags diags = CW_DIAGS_INIT;
  char *password;
  ck_assert_int_eq (read_from_file (text, sizeof text, 0600, &password,
                                    &diags), CW_OK);
  ck_assert_uint_eq (strlen (password), CW_PASSWORD_MAX);
  cw_password_free (password);
  cw_diags_free (&diags);
}
END_TEST

START_TEST (file_missing)
{
  struct cw_diags diags = CW_DIAGS_INIT;
  char *password, *path;
  ck_assert_int_ge (asprintf (&path, "%s/no-such-file", unit_dir), 0);
  struct cw_password_source source = { path, 3 };
  ck_assert_int_eq (cw_password_read (&source, "unused", false, &password,
                                      &diags), CW_REFUSED);
  ck_assert_ptr_null (password);
  ck_assert_ptr_nonnull (cw_diags_find (&diags, "password-read"));
  ck_assert_ptr_nonnull (strstr (diags.items[0].message, path));
  cw_diags_free (&diags);
  free (path);
}
END_TEST

START_TEST (file_readable_by_others_warns)
{
  struct cw_diags diags = CW_DIAGS_INIT;
  char *password;
  ck_assert_int_eq (read_from_file ("s3cret\n", 7, 0640, &password, &diags),
                    CW_OK);
  ck_assert_str_eq (password, "s3cret");
  const struct cw_diag *warning = cw_diags_find (&diags,
                                                 "password-file-readable");
  ck_assert_ptr_nonnull (warning);
  ck_assert_int_eq (warning->severity, CW_WARNING);
  ck_assert_ptr_nonnull (strstr (warning->message, "chmod 600"));
  ck_assert (!cw_diags_has_errors (&diags));
  cw_password_free (password);
  cw_diags_free (&diags);
}
END_TEST

START_TEST (fd_takes_first_line_only)
{
  int fds[2];
  char rest[16] = "";
  char *password;
  struct cw_diags diags = CW_DIAGS_INIT;
  ck_assert_int_eq (pipe (fds), 0);
  ck_assert_int_eq (write (fds[1], "from a pipe\r\nrest", 17), 17);
  close (fds[1]);
  struct cw_password_source source = { NULL, fds[0] };
  ck_assert_int_eq (cw_password_read (&source, "unused", true, &password,
                                      &diags), CW_OK);
  ck_assert_str_eq (password, "from a pipe");
  /* What follows the line is left for whoever reads on. */
  ck_assert_int_eq (read (fds[0], rest, sizeof rest - 1), 4);
  ck_assert_str_eq (rest, "rest");
  close (fds[0]);
  cw_password_free (password);
  cw_diags_free (&diags);
}
END_TEST

START_TEST (fd_empty_refused)
{
  int fds[2];
  char *password;
  struct cw_diags diags = CW_DIAGS_INIT;
  ck_assert_int_eq (pipe (fds), 0);
  close (fds[1]);
  struct cw_password_source source = { NULL, fds[0] };
  ck_assert_int_eq (cw_password_read (&source, "unused", false, &password,
                                      &diags), CW_REFUSED);
  ck_assert_ptr_nonnull (cw_diags_find (&diags, "password-empty"));
  close (fds[0]);
  cw_diags_free (&diags);
}
END_TEST

/* The child's verdict, sent back through a pipe: status, first code and
   the password read. */
static void
report_and_exit (int fd, enum cw_status status, struct cw_diags *diags,
                 char *password)
{
  dprintf (fd, "%d %s %s", (int) status,
           diags->count ? diags->items[0].code : "-",
           password ? password : "-");
  cw_diags_free (diags);
  cw_password_free (password);
  _exit (0);
}

static char *
collect (int fd)
{
  char *text = calloc (1, 4096);
  size_t len = 0;
  ssize_t n;
  while (len < 4095 && (n = read (fd, text + len, 4095 - len)) > 0)
    len += (size_t) n;
  close (fd);
  return text;
}

START_TEST (no_terminal_says_what_to_use)
{
  int fds[2];
  ck_assert_int_eq (pipe (fds), 0);
  pid_t pid = fork ();
  ck_assert_int_ge (pid, 0);
  if (pid == 0)
    {
      /* A new session has no controlling terminal: /dev/tty fails. */
      struct cw_diags diags = CW_DIAGS_INIT;
      struct cw_password_source source = { NULL, -1 };
      char *password;
      close (fds[0]);
      setsid ();
      enum cw_status status = cw_password_read (&source, "Password: ", true,
                                                &password, &diags);
      report_and_exit (fds[1], status, &diags, password);
    }
  close (fds[1]);
  char *verdict = collect (fds[0]);
  int wstatus;
  ck_assert_int_eq (waitpid (pid, &wstatus, 0), pid);
  ck_assert (WIFEXITED (wstatus) && WEXITSTATUS (wstatus) == 0);
  ck_assert_str_eq (verdict, "2 password-no-terminal -");
  free (verdict);
}
END_TEST

/* A child reading a password on a pseudo-terminal the test types into. */
struct typist
{
  int master, slave;       /* the test keeps the slave to check its modes */
  int verdict;             /* the child's report */
  pid_t pid;
  char seen[8192];         /* what the child has shown so far */
  size_t seen_len, cursor;
};

static void
child_reads_password (const char *slave_name, int verdict, bool confirm)
{
  /* As in certwiz, not as libcheck's runner left them. */
  signal (SIGINT, SIG_DFL);
  signal (SIGTERM, SIG_DFL);
  setsid ();
  int tty = open (slave_name, O_RDWR);
  if (tty < 0 || ioctl (tty, TIOCSCTTY, 0) < 0)
    _exit (2);
  struct cw_diags diags = CW_DIAGS_INIT;
  struct cw_password_source source = { NULL, -1 };
  char *password;
  enum cw_status status = cw_password_read (&source, "Password: ", confirm,
                                            &password, &diags);
  report_and_exit (verdict, status, &diags, password);
}

static void
start_typist (struct typist *typist, bool confirm)
{
  int fds[2];
  memset (typist, 0, sizeof *typist);
  typist->master = posix_openpt (O_RDWR | O_NOCTTY);
  ck_assert_int_ge (typist->master, 0);
  ck_assert_int_eq (grantpt (typist->master), 0);
  ck_assert_int_eq (unlockpt (typist->master), 0);
  char *slave_name = strdup (ptsname (typist->master));
  typist->slave = open (slave_name, O_RDWR | O_NOCTTY);
  ck_assert_int_ge (typist->slave, 0);
  ck_assert_int_eq (pipe (fds), 0);
  typist->pid = fork ();
  ck_assert_int_ge (typist->pid, 0);
  if (typist->pid == 0)
    {
      close (fds[0]);
      child_reads_password (slave_name, fds[1], confirm);
    }
  close (fds[1]);
  typist->verdict = fds[0];
  free (slave_name);
}

/* Waits until the child shows TEXT after what was already waited for. */
static void
wait_for (struct typist *typist, const char *text)
{
  for (;;)
    {
      typist->seen[typist->seen_len] = '\0';
      char *found = strstr (typist->seen + typist->cursor, text);
      if (found)
        {
          typist->cursor = (size_t) (found - typist->seen) + strlen (text);
          return;
        }
      struct pollfd pfd = { typist->master, POLLIN, 0 };
      ck_assert_msg (poll (&pfd, 1, 20000) == 1, "no \"%s\" on the terminal",
                     text);
      ssize_t n = read (typist->master, typist->seen + typist->seen_len,
                        sizeof typist->seen - 1 - typist->seen_len);
      ck_assert_int_gt (n, 0);
      typist->seen_len += (size_t) n;
    }
}

static void
type (struct typist *typist, const char *text)
{
  ck_assert_int_eq (write (typist->master, text, strlen (text)),
                    (ssize_t) strlen (text));
}

static bool
echo_is_on (const struct typist *typist)
{
  struct termios modes;
  ck_assert_int_eq (tcgetattr (typist->slave, &modes), 0);
  return modes.c_lflag & ECHO;
}

/* Returns the child's report; the child must have ended normally. */
static char *
finish_typist (struct typist *typist)
{
  char *verdict = collect (typist->verdict);
  int wstatus;
  ck_assert_int_eq (waitpid (typist->pid, &wstatus, 0), typist->pid);
  ck_assert (WIFEXITED (wstatus) && WEXITSTATUS (wstatus) == 0);
  ck_assert (echo_is_on (typist));
  close (typist->master);
  close (typist->slave);
  return verdict;
}

START_TEST (terminal_asks_twice_with_echo_off)
{
  struct typist typist;
  start_typist (&typist, true);
  wait_for (&typist, "Password: ");
  ck_assert (!echo_is_on (&typist));
  type (&typist, "pässwörd\n");
  wait_for (&typist, "again: ");
  ck_assert (!echo_is_on (&typist));
  type (&typist, "pässwörd\r\n");
  char *verdict = finish_typist (&typist);
  ck_assert_str_eq (verdict, "0 - pässwörd");
  ck_assert_ptr_null (strstr (typist.seen, "pässwörd"));   /* no echo */
  free (verdict);
}
END_TEST

START_TEST (terminal_mismatch_three_times_refused)
{
  struct typist typist;
  start_typist (&typist, true);
  for (int i = 0; i < 3; i++)
    {
      wait_for (&typist, "Password: ");
      type (&typist, "one\n");
      wait_for (&typist, "again: ");
      type (&typist, "two\n");
      wait_for (&typist, "differ");
    }
  char *verdict = finish_typist (&typist);
  ck_assert_str_eq (verdict, "1 password-mismatch -");
  free (verdict);
}
END_TEST

START_TEST (terminal_second_try_after_empty)
{
  struct typist typist;
  start_typist (&typist, false);
  wait_for (&typist, "Password: ");
  type (&typist, "\n");
  wait_for (&typist, "empty");
  wait_for (&typist, "Password: ");
  type (&typist, "s3cret\n");
  char *verdict = finish_typist (&typist);
  ck_assert_str_eq (verdict, "0 - s3cret");
  free (verdict);
}
END_TEST

/* Loop index: 0 for SIGINT (Ctrl-C), 1 for SIGTERM. */
START_TEST (terminal_restored_when_killed)
{
  int sig = _i == 0 ? SIGINT : SIGTERM;
  struct typist typist;
  start_typist (&typist, false);
  wait_for (&typist, "Password: ");
  ck_assert (!echo_is_on (&typist));
  type (&typist, "half a pass");
  ck_assert_int_eq (kill (typist.pid, sig), 0);
  int wstatus;
  ck_assert_int_eq (waitpid (typist.pid, &wstatus, 0), typist.pid);
  ck_assert (WIFSIGNALED (wstatus) && WTERMSIG (wstatus) == sig);
  ck_assert (echo_is_on (&typist));
  close (typist.verdict);
  close (typist.master);
  close (typist.slave);
}
END_TEST

static Suite *
password_suite (void)
{
  Suite *s = suite_create ("password");
  TCase *files = tcase_create ("files");
  tcase_add_checked_fixture (files, unit_dir_setup, unit_dir_teardown);
  tcase_add_test (files, file_first_line_without_line_end);
  tcase_add_test (files, file_empty_password_refused);
  tcase_add_test (files, file_too_long_refused);
  tcase_add_test (files, file_missing);
  tcase_add_test (files, file_readable_by_others_warns);
  tcase_add_test (files, fd_takes_first_line_only);
  tcase_add_test (files, fd_empty_refused);
  suite_add_tcase (s, files);
  TCase *terminal = tcase_create ("terminal");
  tcase_set_timeout (terminal, 60);
  tcase_add_test (terminal, no_terminal_says_what_to_use);
  tcase_add_test (terminal, terminal_asks_twice_with_echo_off);
  tcase_add_test (terminal, terminal_mismatch_three_times_refused);
  tcase_add_test (terminal, terminal_second_try_after_empty);
  tcase_add_loop_test (terminal, terminal_restored_when_killed, 0, 2);
  suite_add_tcase (s, terminal);
  return s;
}

int
main (void)
{
  return unit_run (password_suite (), NULL);
}
