#include <config.h>

#include "services/run.h"

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "base/i18n.h"
#include "base/xalloc.h"

/* Where a tool is when it is not in PATH. */
static char *
find_tool (const char *name)
{
  if (strchr (name, '/'))
    return xstrdup (name);
  const char *path = getenv ("PATH");
  char *dirs = xasprintf ("%s:/usr/sbin:/sbin", path ? path : "/usr/bin:/bin");
  char *found = NULL, *save = NULL;
  for (char *dir = strtok_r (dirs, ":", &save); dir && !found;
       dir = strtok_r (NULL, ":", &save))
    {
      char *candidate = xasprintf ("%s/%s", *dir ? dir : ".", name);
      if (access (candidate, X_OK) == 0)
        found = candidate;
      else
        free (candidate);
    }
  free (dirs);
  return found;
}

struct sink
{
  int fd;
  char *text;
  size_t length;
};

static bool
drain (struct sink *sink)
{
  char buf[4096];
  ssize_t n = read (sink->fd, buf, sizeof buf);
  if (n < 0 && (errno == EINTR || errno == EAGAIN))
    return true;
  if (n <= 0)
    {
      close (sink->fd);
      sink->fd = -1;
      return false;
    }
  sink->text = xreallocarray (sink->text, sink->length + (size_t) n + 1, 1);
  memcpy (sink->text + sink->length, buf, (size_t) n);
  sink->length += (size_t) n;
  sink->text[sink->length] = '\0';
  return true;
}

static void
child (const char *path, const char *const *argv, int out, int err)
{
  int null = open ("/dev/null", O_RDONLY);
  if (null < 0 || dup2 (null, 0) < 0 || dup2 (out, 1) < 0
      || dup2 (err, 2) < 0)
    _exit (127);
  execv (path, (char *const *) argv);
  _exit (127);
}

enum cw_status
cw_run (const char *const *argv, struct cw_run_result *result,
        struct cw_diags *diags)
{
  *result = (struct cw_run_result) { 0, xstrdup (""), xstrdup ("") };
  char *path = find_tool (argv[0]);
  int out[2] = { -1, -1 }, err[2] = { -1, -1 };
  pid_t pid = -1;
  if (path && pipe2 (out, O_CLOEXEC) == 0 && pipe2 (err, O_CLOEXEC) == 0)
    pid = fork ();
  if (pid == 0)
    child (path, argv, out[1], err[1]);
  int saved = errno;
  bool found = path != NULL;
  free (path);
  if (out[1] >= 0)
    close (out[1]);
  if (err[1] >= 0)
    close (err[1]);
  if (pid < 0)
    {
      if (out[0] >= 0)
        close (out[0]);
      if (err[0] >= 0)
        close (err[0]);
      cw_diag_add (diags, CW_ERROR, "run-failed", argv[0],
                   _("%s cannot be run: %s. Check that its package is "
                     "installed."), argv[0],
                   found ? strerror (saved) : _("it is not installed here"));
      return CW_FAILED;
    }
  struct sink sinks[2] = { { out[0], result->out, 0 },
                           { err[0], result->err, 0 } };
  while (sinks[0].fd >= 0 || sinks[1].fd >= 0)
    {
      struct pollfd fds[2] = { { sinks[0].fd, POLLIN, 0 },
                               { sinks[1].fd, POLLIN, 0 } };
      if (poll (fds, 2, -1) < 0 && errno != EINTR)
        break;
      for (int i = 0; i < 2; i++)
        if (sinks[i].fd >= 0 && fds[i].revents)
          drain (&sinks[i]);
    }
  result->out = sinks[0].text;
  result->err = sinks[1].text;
  int status;
  while (waitpid (pid, &status, 0) < 0 && errno == EINTR)
    ;
  result->exit_status = WIFEXITED (status) ? WEXITSTATUS (status)
                        : 128 + WTERMSIG (status);
  return CW_OK;
}

void
cw_run_result_free (struct cw_run_result *result)
{
  free (result->out);
  free (result->err);
  *result = (struct cw_run_result) { 0, NULL, NULL };
}
