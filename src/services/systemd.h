/* Whether systemd manages a daemon, and then its unit: a reload goes
   through systemctl so that systemd's idea of the service (its state,
   its ExecReload) stays true. */
#ifndef CERTWIZ_SERVICES_SYSTEMD_H
#define CERTWIZ_SERVICES_SYSTEMD_H

#include <sys/types.h>

/* The system unit ("nginx.service") that runs PID, read from
   PROC_ROOT/PID/cgroup, when systemd runs this machine
   (RUN_ROOT/systemd/system is a folder); NULL otherwise, or when the
   process is in a session or a user's manager, or when the unit is not
   one of PROGRAM's ("nginx.service", "postfix@-.service" for
   "postfix"): a daemon started by hand from another service's shell
   (a CI runner's) sits in that service's cgroup, whose reload is not
   the daemon's.  Owned by the caller.  PROC_ROOT and RUN_ROOT are
   "/proc" and "/run" but for tests. */
char *cw_systemd_unit_of (const char *proc_root, const char *run_root,
                          pid_t pid, const char *program);

#endif
