/* dns-01 through the admin's own program: run without a shell, as
   HOOK set|clear DOMAIN RECORD VALUE, the same values in the environment
   (CERTWIZ_ACME_ACTION, _DOMAIN, _RECORD, _VALUE).  It must return once
   the record is served, and exit 0. */
#include <config.h>

#include <errno.h>
#include <signal.h>
#include <spawn.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "acme/solver.h"
#include "base/i18n.h"
#include "base/xalloc.h"

#define HOOK_SECONDS 300
#define MAX_WORDS 32


/* HOOK split at blanks: no quoting, no expansion, as no shell runs it. */
static size_t
split_words (char *copy, char **words)
{
  size_t n = 0;
  for (char *save = NULL, *w = strtok_r (copy, " \t", &save);
       w && n < MAX_WORDS; w = strtok_r (NULL, " \t", &save))
    words[n++] = w;
  return n;
}

static char **
hook_environment (const char *action, const struct cw_acme_authz *a,
                  const char *record)
{
  size_t n = 0;
  while (environ[n])
    n++;
  char **env = xcalloc (n + 5, sizeof *env);
  size_t used = 0;
  for (size_t i = 0; i < n; i++)
    if (strncmp (environ[i], "CERTWIZ_ACME_", 13) != 0)
      env[used++] = xstrdup (environ[i]);
  env[used++] = xasprintf ("CERTWIZ_ACME_ACTION=%s", action);
  env[used++] = xasprintf ("CERTWIZ_ACME_DOMAIN=%s", a->identifier);
  env[used++] = xasprintf ("CERTWIZ_ACME_RECORD=%s", record);
  env[used++] = xasprintf ("CERTWIZ_ACME_VALUE=%s", a->dns_value);
  return env;
}

static void
free_strings (char **list)
{
  for (size_t i = 0; list[i]; i++)
    free (list[i]);
  free (list);
}

static enum cw_status
hook_error (const char *hook, const char *why, struct cw_diags *diags)
{
  cw_diag_add (diags, CW_ERROR, "acme-dns-hook", "dns-hook",
               _("The DNS hook \"%s\" failed: %s. Run it by hand with the "
                 "same arguments (set, the domain, the record name and the "
                 "value) to see why."), hook, why);
  return CW_FAILED;
}

/* Waits for PID within HOOK_SECONDS; kills it after. */
static int
wait_hook (pid_t pid, bool *timed_out)
{
  int wstatus = 0;
  time_t deadline = time (NULL) + HOOK_SECONDS;
  *timed_out = false;
  for (;;)
    {
      pid_t done = waitpid (pid, &wstatus, WNOHANG);
      if (done == pid || (done < 0 && errno != EINTR))
        return wstatus;
      if (time (NULL) > deadline)
        {
          kill (pid, SIGKILL);
          waitpid (pid, &wstatus, 0);
          *timed_out = true;
          return wstatus;
        }
      struct timespec ts = { 0, 20 * 1000000L };
      nanosleep (&ts, NULL);
    }
}

static enum cw_status
run_hook (const char *hook, const char *action,
          const struct cw_acme_authz *a, struct cw_diags *diags)
{
  char *copy = xstrdup (hook), *words[MAX_WORDS + 5];
  size_t n = split_words (copy, words);
  if (n == 0)
    {
      free (copy);
      return hook_error (hook, _("no program was named"), diags);
    }
  char *record = xasprintf ("_acme-challenge.%s.", a->identifier);
  words[n++] = (char *) action;
  words[n++] = a->identifier;
  words[n++] = record;
  words[n++] = a->dns_value;
  words[n] = NULL;
  char **env = hook_environment (action, a, record);
  pid_t pid;
  int err = posix_spawnp (&pid, words[0], NULL, NULL, words, env);
  enum cw_status status = CW_OK;
  if (err)
    status = hook_error (hook, strerror (err), diags);
  else
    {
      bool timed_out;
      int w = wait_hook (pid, &timed_out);
      if (timed_out)
        status = hook_error (hook, _("it did not finish in time"), diags);
      else if (!WIFEXITED (w) || WEXITSTATUS (w) != 0)
        {
          char *why = WIFEXITED (w)
                        ? xasprintf (_("it exited with status %d"),
                                     WEXITSTATUS (w))
                        : xasprintf (_("it was killed by signal %d"),
                                     WTERMSIG (w));
          status = hook_error (hook, why, diags);
          free (why);
        }
    }
  free_strings (env);
  free (record);
  free (copy);
  return status;
}

static enum cw_status
hook_start (struct cw_acme_solver *s, struct cw_diags *diags)
{
  (void) s, (void) diags;
  return CW_OK;
}

static enum cw_status
hook_deploy (struct cw_acme_solver *s, const struct cw_acme_authz *a,
             struct cw_diags *diags)
{
  cw_progress_say (s->options->progress, _("Setting the DNS record for %s"),
                   a->identifier);
  return run_hook (s->options->dns_hook, "set", a, diags);
}

static void
hook_cleanup (struct cw_acme_solver *s, const struct cw_acme_authz *a)
{
  struct cw_diags ignored = CW_DIAGS_INIT;
  run_hook (s->options->dns_hook, "clear", a, &ignored);
  cw_diags_free (&ignored);
}

static void
hook_stop (struct cw_acme_solver *s)
{
  (void) s;
}

const struct cw_acme_solver_kind cw_solver_dns_hook = {
  "dns-hook", "dns-01", hook_start, hook_deploy, NULL, hook_cleanup,
  hook_stop
};
