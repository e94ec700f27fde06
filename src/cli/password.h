/* Passwords and PINs for the command line: from a file, from an
   inherited file descriptor, or typed at the terminal.  This is the one place certwiz
   prompts; the core only ever receives the password. */
#ifndef CERTWIZ_CLI_PASSWORD_H
#define CERTWIZ_CLI_PASSWORD_H

#include <stdbool.h>

#include "base/diag.h"
#include "base/status.h"

/* Longest password accepted, in bytes. */
#define CW_PASSWORD_MAX 1024

struct cw_password_source
{
  const char *file;        /* --password-file, or NULL */
  int fd;                  /* --password-fd, or -1 when not given */
};

/* Reads a password: the first line of SOURCE->file, else of SOURCE->fd,
   else asks on the terminal (/dev/tty, echo off and restored on every
   path, even SIGINT or SIGTERM), showing PROMPT; with CONFIRM it is asked
   twice and must match, in up to 3 tries.  A trailing "\n" or "\r\n" is
   removed.  Without a terminal, file or descriptor the error says to use
   --password-file or --password-fd (CW_USAGE); an empty password is
   refused (CW_REFUSED).  On CW_OK *PASSWORD is the caller's, to be wiped
   with cw_password_free; otherwise it is NULL.  Reports on the field
   "password". */
enum cw_status cw_password_read (const struct cw_password_source *source,
                                 const char *prompt, bool confirm,
                                 char **password, struct cw_diags *diags);

/* A backup's password, to open it: the same, except that an empty one
   (an empty line, an empty file, Enter on the terminal) is taken, since
   files exported without a password are opened with "".  Refusing an
   empty password is right when writing a backup, not when reading one. */
enum cw_status cw_password_read_backup (const struct cw_password_source *source,
                                        const char *prompt, char **password,
                                        struct cw_diags *diags);

/* A token's PIN, read as a password is (without CONFIRM), with its own
   words and codes (pin-empty, pin-read, pin-file-readable,
   pin-no-terminal; on the field "pin"). */
enum cw_status cw_pin_read (const struct cw_password_source *source,
                            const char *prompt, char **pin,
                            struct cw_diags *diags);
/* Whether SOURCE is the terminal, where a wrong PIN can be typed again. */
bool cw_pin_source_interactive (const struct cw_password_source *source);

/* Wipes PASSWORD, then frees it.  NULL is allowed. */
void cw_password_free (char *password);

#endif
