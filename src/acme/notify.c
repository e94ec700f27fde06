#include <config.h>

#include "acme/notify.h"

#include <errno.h>
#include <signal.h>
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "base/i18n.h"
#include "base/xalloc.h"
#include "pki/certinfo.h"

#define MAX_WORDS 32

static char **
environment (const struct cw_renew_item *it)
{
  size_t n = 0;
  while (environ[n])
    n++;
  char **env = xcalloc (n + 8, sizeof *env);
  size_t used = 0;
  for (size_t i = 0; i < n; i++)
    if (strncmp (environ[i], "CERTWIZ_CERT_", 13) != 0
        && strncmp (environ[i], "CERTWIZ_ERROR_", 14) != 0)
      env[used++] = xstrdup (environ[i]);
  char *next = it->next_try ? cw_time_format (it->next_try) : xstrdup ("");
  env[used++] = xasprintf ("CERTWIZ_CERT_ID=%s", it->id);
  env[used++] = xasprintf ("CERTWIZ_CERT_NAME=%s", it->name);
  env[used++] = xasprintf ("CERTWIZ_ERROR_CODE=%s",
                           it->error_code ? it->error_code : "unknown");
  env[used++] = xasprintf ("CERTWIZ_ERROR_MESSAGE=%s",
                           it->error_message ? it->error_message : "");
  env[used++] = xasprintf ("CERTWIZ_FAILURES=%d", it->failures);
  env[used++] = xasprintf ("CERTWIZ_NEXT_TRY=%s", next);
  free (next);
  return env;
}

static void
free_env (char **env)
{
  for (size_t i = 0; env[i]; i++)
    free (env[i]);
  free (env);
}

static int
wait_child (pid_t pid)
{
  int w = 0;
  while (waitpid (pid, &w, 0) < 0 && errno == EINTR)
    ;
  return w;
}

void
cw_notify_hook (const char *hook, const struct cw_renew_item *it,
                struct cw_diags *diags)
{
  char *copy = xstrdup (hook), *words[MAX_WORDS + 1];
  size_t n = 0;
  for (char *save = NULL, *w = strtok_r (copy, " \t", &save);
       w && n < MAX_WORDS; w = strtok_r (NULL, " \t", &save))
    words[n++] = w;
  words[n] = NULL;
  char **env = environment (it);
  pid_t pid;
  int err = n ? posix_spawnp (&pid, words[0], NULL, NULL, words, env)
              : ENOENT;
  int w = err ? 0 : wait_child (pid);
  if (err || !WIFEXITED (w) || WEXITSTATUS (w) != 0)
    cw_diag_add (diags, CW_WARNING, "renew-hook-failed", "on-failure",
                 _("The failure hook \"%s\" could not tell of the failed "
                   "renewal: %s. Run it by hand to see why."), hook,
                 err ? strerror (err) : _("it did not exit with status 0"));
  free_env (env);
  free (copy);
}

static char *
mail_text (const char *address, const struct cw_renew_item *it)
{
  /* Renewed but not served: the next step is the admin's, not a retry. */
  char *next = it->not_enabled
                 ? xasprintf (_("Once that is fixed, enable the renewed "
                                "certificate %.8s for those services "
                                "again."), it->new_id)
                 : cw_time_format (it->next_try);
  char *text = xasprintf (
    "To: %s\nSubject: %s\nContent-Type: text/plain; charset=UTF-8\n"
    "Auto-Submitted: auto-generated\n\n%s\n\n  %s (%s)\n  %s [%s]\n\n%s\n",
    address,
    it->not_enabled ? _("certwiz: a renewed certificate is not served")
                    : _("certwiz: a certificate could not be renewed"),
    it->not_enabled ? _("certwiz renewed this certificate but could not put "
                        "it to work; the services keep serving the old "
                        "one:")
                    : _("certwiz could not renew this certificate:"),
    it->name, it->id, it->error_message ? it->error_message : "",
    it->error_code ? it->error_code : "unknown", next);
  free (next);
  return text;
}

bool
cw_notify_mail (const char *sendmail, const char *address,
                const struct cw_renew_item *it, struct cw_diags *diags)
{
  const char *program = sendmail ? sendmail : "/usr/sbin/sendmail";
  if (!address || access (program, X_OK) != 0)
    return false;
  int fds[2];
  if (pipe (fds) < 0)
    return false;
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init (&actions);
  posix_spawn_file_actions_adddup2 (&actions, fds[0], 0);
  posix_spawn_file_actions_addclose (&actions, fds[1]);
  char *argv[] = { (char *) program, (char *) "-t", (char *) "-oi", NULL };
  pid_t pid;
  int err = posix_spawn (&pid, program, &actions, NULL, argv, environ);
  posix_spawn_file_actions_destroy (&actions);
  close (fds[0]);
  bool sent = false;
  if (!err)
    {
      char *text = mail_text (address, it);
      void (*old) (int) = signal (SIGPIPE, SIG_IGN);
      size_t len = strlen (text), done = 0;
      while (done < len)
        {
          ssize_t k = write (fds[1], text + done, len - done);
          if (k <= 0)
            break;
          done += (size_t) k;
        }
      close (fds[1]);
      signal (SIGPIPE, old);
      int w = wait_child (pid);
      sent = done == len && WIFEXITED (w) && WEXITSTATUS (w) == 0;
      free (text);
    }
  else
    close (fds[1]);
  if (!sent)
    cw_diag_add (diags, CW_WARNING, "renew-mail-failed", "mail",
                 _("The mail about the failed renewal could not be handed "
                   "to %s. Check the local mail system."), program);
  return sent;
}
