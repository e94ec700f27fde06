#include <config.h>

#include "cli/password.h"

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <termios.h>
#include <unistd.h>

#include "base/i18n.h"
#include "base/xalloc.h"

#define TRIES 3

enum line_result
{
  LINE_OK,
  LINE_EOF,             /* the input ended before anything was read */
  LINE_TOO_LONG,
  LINE_ERROR            /* errno says why */
};

/* Why the terminal's answers were refused. */
enum answer_problem
{
  ANSWER_EMPTY,
  ANSWER_MISMATCH
};

/* What is read: a password or a token's PIN, each with its own words
   and codes; everything else is the same. */
struct secret_kind
{
  bool pin;
  const char *code_empty, *code_read, *code_readable, *code_no_terminal;
  const char *field;
  bool empty_taken;     /* a file made without one is opened with "" */
};

static const struct secret_kind password_kind = {
  false, "password-empty", "password-read", "password-file-readable",
  "password-no-terminal", "password", false,
};

static const struct secret_kind backup_kind = {
  false, "password-empty", "password-read", "password-file-readable",
  "password-no-terminal", "password", true,
};

static const struct secret_kind pin_kind = {
  true, "pin-empty", "pin-read", "pin-file-readable", "pin-no-terminal",
  "pin", false,
};

/* The terminal while echo is off, for the signal handler. */
static int tty_fd = -1;
static struct termios tty_saved;
static volatile sig_atomic_t tty_echo_off;

static const int fatal_signals[] = { SIGINT, SIGTERM, SIGHUP, SIGQUIT };
#define FATAL_SIGNAL_COUNT (sizeof fatal_signals / sizeof fatal_signals[0])
static struct sigaction saved_actions[FATAL_SIGNAL_COUNT];
static bool caught[FATAL_SIGNAL_COUNT];

void
cw_password_free (char *password)
{
  if (!password)
    return;
  explicit_bzero (password, strlen (password));
  free (password);
}

/* Reads byte by byte, so that nothing past the first line is taken from
   a descriptor the caller may go on reading.  An interrupted read goes on,
   except on the terminal once a fatal signal gave the echo back. */
static enum line_result
read_line (int fd, bool on_terminal, char **line)
{
  char *buf = xmalloc (CW_PASSWORD_MAX + 2);
  size_t len = 0;
  enum line_result result = LINE_OK;
  for (;;)
    {
      char c;
      ssize_t n = read (fd, &c, 1);
      if (n < 0 && errno == EINTR && (!on_terminal || tty_echo_off))
        continue;
      if (n < 0)
        result = LINE_ERROR;
      else if (n == 0 && len == 0)
        result = LINE_EOF;
      else if (n == 1 && c != '\n' && len <= CW_PASSWORD_MAX)
        {
          buf[len++] = c;       /* room for the longest and a '\r' */
          continue;
        }
      else if (n == 1 && c != '\n')
        result = LINE_TOO_LONG;
      break;
    }
  if (len > 0 && buf[len - 1] == '\r')
    len--;
  if (result == LINE_OK && len > CW_PASSWORD_MAX)
    result = LINE_TOO_LONG;
  *line = result == LINE_OK ? xstrndup (buf, len) : NULL;
  explicit_bzero (buf, CW_PASSWORD_MAX + 2);
  free (buf);
  return result;
}

static enum cw_status
refuse_empty (const struct secret_kind *kind, const char *where,
              struct cw_diags *diags)
{
  cw_diag_add (diags, CW_ERROR, kind->code_empty, kind->field,
               /* TRANSLATORS: %s is "the file "..."", "file descriptor
                  N" or "the terminal". */
               kind->pin
                 ? _("The PIN read from %s is empty. Put the token's PIN on "
                     "the first line.")
                 : _("The password read from %s is empty, and an empty "
                     "password protects nothing. Choose a password; in a "
                     "file, put it on the first line."), where);
  return CW_REFUSED;
}

static enum cw_status
line_failed (const struct secret_kind *kind, enum line_result result,
             const char *where, struct cw_diags *diags)
{
  if (result == LINE_EOF)
    return refuse_empty (kind, where, diags);
  if (result == LINE_TOO_LONG)
    {
      cw_diag_add (diags, CW_ERROR, kind->code_read, kind->field,
                   kind->pin
                     ? _("The PIN read from %s is longer than %d bytes. "
                         "Check that it is the token's PIN, on the first "
                         "line.")
                     : _("The password read from %s is longer than %d "
                         "bytes. Use a shorter one, on the first line."),
                   where, CW_PASSWORD_MAX);
      return CW_REFUSED;
    }
  cw_diag_add (diags, CW_ERROR, kind->code_read, kind->field,
               kind->pin
                 ? _("The PIN could not be read from %s: %s. Check that it "
                     "is still there and try again.")
                 : _("The password could not be read from %s: %s. Check "
                     "that it is still there and try again."),
               where, strerror (errno));
  return CW_FAILED;
}

static enum cw_status
read_first_line (const struct secret_kind *kind, int fd, const char *where,
                 char **password, struct cw_diags *diags)
{
  char *line;
  enum line_result result = read_line (fd, false, &line);
  if (result == LINE_EOF && kind->empty_taken)
    {
      *password = xstrdup ("");
      return CW_OK;
    }
  if (result != LINE_OK)
    return line_failed (kind, result, where, diags);
  if (!*line && !kind->empty_taken)
    {
      cw_password_free (line);
      return refuse_empty (kind, where, diags);
    }
  *password = line;
  return CW_OK;
}

static void
warn_if_readable (const struct secret_kind *kind, int fd, const char *file,
                  struct cw_diags *diags)
{
  struct stat st;
  if (fstat (fd, &st) == 0 && S_ISREG (st.st_mode)
      && (st.st_mode & (S_IRGRP | S_IROTH)))
    cw_diag_add (diags, CW_WARNING, kind->code_readable, kind->field,
                 kind->pin
                   ? _("The PIN file \"%s\" can be read by other users. "
                       "Make it private with: chmod 600 '%s'")
                   : _("The password file \"%s\" can be read by other "
                       "users. Make it private with: chmod 600 '%s'"),
                 file, file);
}

static enum cw_status
read_file (const struct secret_kind *kind, const char *file,
           char **password, struct cw_diags *diags)
{
  int fd = open (file, O_RDONLY | O_CLOEXEC | O_NOCTTY);
  if (fd < 0)
    {
      cw_diag_add (diags, CW_ERROR, kind->code_read, kind->field,
                   kind->pin
                     ? _("The PIN file \"%s\" cannot be opened: %s. Check "
                         "its name, and that you may read it.")
                     : _("The password file \"%s\" cannot be opened: %s. "
                         "Check its name, and that you may read it."),
                   file, strerror (errno));
      return CW_REFUSED;
    }
  warn_if_readable (kind, fd, file, diags);
  /* TRANSLATORS: completes "The password read from %s ...". */
  char *where = xasprintf (_("the file \"%s\""), file);
  enum cw_status status = read_first_line (kind, fd, where, password, diags);
  free (where);
  close (fd);
  return status;
}

static enum cw_status
read_fd (const struct secret_kind *kind, int fd, char **password,
         struct cw_diags *diags)
{
  /* TRANSLATORS: completes "The password read from %s ...". */
  char *where = xasprintf (_("file descriptor %d"), fd);
  enum cw_status status = read_first_line (kind, fd, where, password, diags);
  free (where);
  return status;
}

static void
tty_write (const char *text)
{
  size_t len = strlen (text);
  while (len > 0)
    {
      ssize_t n = write (tty_fd, text, len);
      if (n < 0 && errno == EINTR)
        continue;
      if (n <= 0)
        return;
      text += n;
      len -= (size_t) n;
    }
}

static void
restore_echo (void)
{
  if (tty_echo_off)
    {
      tcsetattr (tty_fd, TCSAFLUSH, &tty_saved);
      tty_echo_off = 0;
    }
}

static bool
echo_off (void)
{
  struct termios quiet = tty_saved;
  quiet.c_lflag &= ~(tcflag_t) (ECHO | ECHOE | ECHOK | ECHONL);
  tty_echo_off = 1;
  if (tcsetattr (tty_fd, TCSAFLUSH, &quiet) == 0)
    return true;
  tty_echo_off = 0;
  return false;
}

/* Gives the terminal back as it was, then lets the signal do what it
   would have done without us (usually: end certwiz). */
static void
on_fatal_signal (int sig)
{
  int saved_errno = errno;
  restore_echo ();
  ssize_t ignored = write (tty_fd, "\n", 1);
  (void) ignored;
  for (size_t i = 0; i < FATAL_SIGNAL_COUNT; i++)
    if (fatal_signals[i] == sig)
      sigaction (sig, &saved_actions[i], NULL);
  raise (sig);
  errno = saved_errno;
}

static void
catch_fatal_signals (void)
{
  struct sigaction action;
  memset (&action, 0, sizeof action);
  action.sa_handler = on_fatal_signal;
  sigemptyset (&action.sa_mask);
  for (size_t i = 0; i < FATAL_SIGNAL_COUNT; i++)
    {
      sigaction (fatal_signals[i], NULL, &saved_actions[i]);
      /* An ignored signal stays ignored: nothing needs restoring then. */
      caught[i] = saved_actions[i].sa_handler != SIG_IGN;
      if (caught[i])
        sigaction (fatal_signals[i], &action, NULL);
    }
}

static void
release_fatal_signals (void)
{
  for (size_t i = 0; i < FATAL_SIGNAL_COUNT; i++)
    if (caught[i])
      sigaction (fatal_signals[i], &saved_actions[i], NULL);
}

/* Echo goes off before the prompt is shown, so nothing typed after the
   prompt appears, and typed-ahead text is dropped rather than taken. */
static enum line_result
ask (const char *prompt, char **line)
{
  *line = NULL;
  if (!echo_off ())
    return LINE_ERROR;
  tty_write (prompt);
  enum line_result result = read_line (tty_fd, true, line);
  int saved_errno = errno;
  restore_echo ();
  tty_write ("\n");
  errno = saved_errno;
  return result;
}

/* One try: the password, and with CONFIRM the same again. */
static enum line_result
ask_once (const struct secret_kind *kind, const char *prompt, bool confirm,
          char **password, enum answer_problem *problem)
{
  char *first, *second;
  enum line_result result = ask (prompt, &first);
  if (result != LINE_OK)
    return result;
  *password = NULL;
  *problem = ANSWER_EMPTY;
  if (!*first && !kind->empty_taken)
    {
      cw_password_free (first);
      tty_write (kind->pin ? _("The PIN cannot be empty.\n")
                           : _("The password cannot be empty.\n"));
      return LINE_OK;
    }
  if (!confirm)
    {
      *password = first;
      return LINE_OK;
    }
  result = ask (_("Type the same password again: "), &second);
  if (result == LINE_OK && strcmp (first, second) == 0)
    *password = first;
  else
    cw_password_free (first);
  if (result == LINE_OK && !*password)
    {
      *problem = ANSWER_MISMATCH;
      tty_write (_("The two passwords differ.\n"));
    }
  cw_password_free (second);
  return result;
}

static enum cw_status
ask_until_valid (const struct secret_kind *kind, const char *prompt,
                 bool confirm, char **password, struct cw_diags *diags)
{
  enum answer_problem problem = ANSWER_EMPTY;
  /* TRANSLATORS: completes "The password read from %s ...". */
  const char *where = _("the terminal");
  for (int try = 0; try < TRIES; try++)
    {
      enum line_result result = ask_once (kind, prompt, confirm, password,
                                          &problem);
      if (result != LINE_OK)
        return line_failed (kind, result, where, diags);
      if (*password)
        return CW_OK;
    }
  if (problem == ANSWER_EMPTY)
    return refuse_empty (kind, where, diags);
  cw_diag_add (diags, CW_ERROR, "password-mismatch", "password",
               _("The two passwords typed differed %d times, so none was "
                 "taken. Run the command again, and type the same password "
                 "twice."), TRIES);
  return CW_REFUSED;
}

static enum cw_status
no_terminal (const struct secret_kind *kind, struct cw_diags *diags)
{
  cw_diag_add (diags, CW_ERROR, kind->code_no_terminal, kind->field, "%s",
               kind->pin
                 ? _("The token's PIN is needed, and there is no terminal "
                     "to ask for it. Give it with --pin-file FILE (its first "
                     "line) or --pin-fd N.")
                 : _("A password is needed, and there is no terminal to ask "
                     "for it. Give it with --password-file FILE (its first "
                     "line) or --password-fd N."));
  return CW_USAGE;
}

static enum cw_status
read_terminal (const struct secret_kind *kind, const char *prompt,
               bool confirm, char **password, struct cw_diags *diags)
{
  tty_fd = open ("/dev/tty", O_RDWR | O_NOCTTY | O_CLOEXEC);
  if (tty_fd < 0)
    return no_terminal (kind, diags);
  enum cw_status status;
  /* What certwiz printed before belongs above the prompt. */
  fflush (NULL);
  if (tcgetattr (tty_fd, &tty_saved) < 0)
    status = no_terminal (kind, diags);
  else
    {
      catch_fatal_signals ();
      status = ask_until_valid (kind, prompt, confirm, password, diags);
      release_fatal_signals ();
    }
  close (tty_fd);
  tty_fd = -1;
  return status;
}

static enum cw_status
read_secret (const struct secret_kind *kind,
             const struct cw_password_source *source, const char *prompt,
             bool confirm, char **secret, struct cw_diags *diags)
{
  *secret = NULL;
  if (source && source->file)
    return read_file (kind, source->file, secret, diags);
  if (source && source->fd >= 0)
    return read_fd (kind, source->fd, secret, diags);
  return read_terminal (kind, prompt, confirm, secret, diags);
}

enum cw_status
cw_password_read (const struct cw_password_source *source,
                  const char *prompt, bool confirm, char **password,
                  struct cw_diags *diags)
{
  return read_secret (&password_kind, source, prompt, confirm, password,
                      diags);
}

enum cw_status
cw_password_read_backup (const struct cw_password_source *source,
                         const char *prompt, char **password,
                         struct cw_diags *diags)
{
  return read_secret (&backup_kind, source, prompt, false, password, diags);
}

enum cw_status
cw_pin_read (const struct cw_password_source *source, const char *prompt,
             char **pin, struct cw_diags *diags)
{
  return read_secret (&pin_kind, source, prompt, false, pin, diags);
}

bool
cw_pin_source_interactive (const struct cw_password_source *source)
{
  return !source->file && source->fd < 0;
}
