/* A daemon's workers, as the kernel lists them.  After a reload a
   daemon's old workers may go on accepting connections for a moment
   with the old certificate; waiting until they are gone makes the
   handshake check that follows mean what it says. */
#ifndef CERTWIZ_SERVICES_WORKERS_H
#define CERTWIZ_SERVICES_WORKERS_H

#include <stdbool.h>
#include <stddef.h>
#include <sys/types.h>

/* The processes whose parent is MASTER, in *PIDS (free it); 0 when there
   are none or the system does not list them (no /proc). */
size_t cw_workers_of (pid_t master, pid_t **pids);
/* Waits until none of the COUNT processes PIDS is a child of MASTER any
   more, for at most BOUND_MS milliseconds; false when some remain. */
bool cw_workers_wait_gone (pid_t master, const pid_t *pids, size_t count,
                           long bound_ms);

#endif
