/* A daemon's systemd unit, from its cgroup: never guessed from a name. */
#include <config.h>

#include "services/systemd.h"

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "base/xalloc.h"

static bool
systemd_runs (const char *run_root)
{
  char *path = xasprintf ("%s/systemd/system", run_root);
  struct stat st;
  bool yes = stat (path, &st) == 0 && S_ISDIR (st.st_mode);
  free (path);
  return yes;
}

/* The unit of one cgroup path ("/system.slice/nginx.service"): its
   last component that is a .service, none under a user's manager. */
static char *
unit_of_path (const char *path)
{
  if (strstr (path, "/user@"))
    return NULL;
  char *copy = xstrdup (path);
  char *unit = NULL, *save = NULL;
  for (char *part = strtok_r (copy, "/", &save); part;
       part = strtok_r (NULL, "/", &save))
    {
      size_t length = strlen (part);
      if (length > 8 && strcmp (part + length - 8, ".service") == 0)
        {
          free (unit);
          unit = xstrdup (part);
        }
    }
  free (copy);
  return unit;
}

/* "nginx.service", "nginx@x.service" and "nginx-debug.service" are
   nginx's. */
static bool
unit_of_program (const char *unit, const char *program)
{
  size_t length = strlen (program);
  return strncmp (unit, program, length) == 0
         && strchr (".@-", unit[length]) != NULL;
}

char *
cw_systemd_unit_of (const char *proc_root, const char *run_root, pid_t pid,
                    const char *program)
{
  if (pid <= 0 || !systemd_runs (run_root))
    return NULL;
  char *path = xasprintf ("%s/%ld/cgroup", proc_root, (long) pid);
  FILE *f = fopen (path, "r");
  free (path);
  if (!f)
    return NULL;
  /* "0::/system.slice/nginx.service" (cgroup v2), or the line of
     systemd's own hierarchy "1:name=systemd:/system.slice/..." (v1). */
  char line[4096];
  char *unit = NULL;
  while (!unit && fgets (line, sizeof line, f))
    {
      line[strcspn (line, "\n")] = '\0';
      char *first = strchr (line, ':');
      char *second = first ? strchr (first + 1, ':') : NULL;
      if (!second)
        continue;
      *second = '\0';
      if (strcmp (first + 1, "") == 0
          || strcmp (first + 1, "name=systemd") == 0)
        unit = unit_of_path (second + 1);
    }
  fclose (f);
  if (unit && !unit_of_program (unit, program))
    {
      free (unit);
      unit = NULL;
    }
  return unit;
}
