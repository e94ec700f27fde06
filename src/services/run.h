/* Running a service's own tools (postconf; later the configuration
   tests and reloads) and keeping what they say. */
#ifndef CERTWIZ_SERVICES_RUN_H
#define CERTWIZ_SERVICES_RUN_H

#include "base/diag.h"
#include "base/status.h"

struct cw_run_result
{
  int exit_status;         /* the exit status, or 128 + the signal */
  char *out;               /* what it wrote, each NUL-terminated */
  char *err;
};

/* Runs ARGV (NULL-terminated; ARGV[0] is looked for in PATH, then in
   /usr/sbin and /sbin, where the daemons' tools live but a user's PATH
   may not reach) with no shell, stdin from /dev/null.  CW_FAILED, with
   an error in DIAGS, only when it cannot be started. */
enum cw_status cw_run (const char *const *argv, struct cw_run_result *result,
                       struct cw_diags *diags);
void cw_run_result_free (struct cw_run_result *result);

#endif
