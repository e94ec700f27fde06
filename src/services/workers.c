/* A daemon's workers, from /proc (see workers.h). */
#include <config.h>

#include "services/workers.h"

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "base/xalloc.h"

/* The parent of PID, or 0 when PID is gone. */
static pid_t
parent_of (pid_t pid)
{
  char path[64], line[512];
  snprintf (path, sizeof path, "/proc/%ld/stat", (long) pid);
  FILE *f = fopen (path, "r");
  if (!f)
    return 0;
  size_t n = fread (line, 1, sizeof line - 1, f);
  fclose (f);
  line[n] = '\0';
  /* The command's name may hold spaces and parentheses: the fields that
     follow start after its last ')'. */
  const char *end = strrchr (line, ')');
  char state;
  long ppid;
  if (!end || sscanf (end + 1, " %c %ld", &state, &ppid) != 2
      || state == 'Z')
    return 0;
  return (pid_t) ppid;
}

size_t
cw_workers_of (pid_t master, pid_t **pids)
{
  *pids = NULL;
  DIR *dir = master > 0 ? opendir ("/proc") : NULL;
  if (!dir)
    return 0;
  size_t count = 0;
  for (struct dirent *e; (e = readdir (dir));)
    {
      char *end;
      long pid = strtol (e->d_name, &end, 10);
      if (*end || pid <= 0 || parent_of ((pid_t) pid) != master)
        continue;
      *pids = xreallocarray (*pids, count + 1, sizeof **pids);
      (*pids)[count++] = (pid_t) pid;
    }
  closedir (dir);
  return count;
}

static bool
some_remain (pid_t master, const pid_t *pids, size_t count)
{
  for (size_t i = 0; i < count; i++)
    if (parent_of (pids[i]) == master)
      return true;
  return false;
}

bool
cw_workers_wait_gone (pid_t master, const pid_t *pids, size_t count,
                      long bound_ms)
{
  struct timespec pause = { 0, 20 * 1000000L };
  for (long waited = 0; some_remain (master, pids, count); waited += 20)
    {
      if (waited >= bound_ms)
        return false;
      nanosleep (&pause, NULL);
    }
  return true;
}
