/* Answering challenges: one table entry per way of proving control of a
   name (webroot, standalone server, DNS hook, DNS by hand), each in its
   own file. */
#ifndef CERTWIZ_ACME_SOLVER_H
#define CERTWIZ_ACME_SOLVER_H

#include <stdbool.h>

#include "acme/order.h"
#include "base/diag.h"
#include "base/progress.h"
#include "base/status.h"

struct cw_acme_solve_options
{
  const char *challenge;     /* "http-01" (the default) or "dns-01" */
  const char *webroot;       /* http-01: the folder the web server serves */
  const char *standalone;    /* http-01: ADDR:PORT to listen on; "" for
                                port 80 on every address; NULL: not */
  const char *dns_hook;      /* dns-01: a program and its arguments,
                                split at blanks, run without a shell */
  bool manual;               /* dns-01: records made by hand */
  const char *dns_server;    /* ADDR[:PORT] asked instead of the
                                authoritative servers; NULL: those */
  bool look_once;            /* dns-01 by hand: look once and, when a
                                record is not served yet, stop with
                                acme-dns-not-yet (the order is kept and
                                a later run resumes it): the caller does
                                the waiting, as the wizard's screen does */
  /* Shows a record to create by hand; called before waiting for it. */
  void (*show_record) (void *state, const char *name, const char *value);
  void *show_state;
  struct cw_progress *progress;
};

struct cw_acme_solver;

struct cw_acme_solver_kind
{
  const char *name;          /* recorded for renewals: "webroot"... */
  const char *challenge;     /* "http-01", "dns-01" */
  enum cw_status (*start) (struct cw_acme_solver *solver,
                           struct cw_diags *diags);
  /* Puts the answer of AUTHZ where the CA will look. */
  enum cw_status (*deploy) (struct cw_acme_solver *solver,
                            const struct cw_acme_authz *authz,
                            struct cw_diags *diags);
  /* Waits until the answer can be seen (NULL: at once). */
  enum cw_status (*check) (struct cw_acme_solver *solver,
                           const struct cw_acme_authz *authz,
                           struct cw_diags *diags);
  /* Takes the answer away; never fails the order. */
  void (*cleanup) (struct cw_acme_solver *solver,
                   const struct cw_acme_authz *authz);
  void (*stop) (struct cw_acme_solver *solver);
};

struct cw_acme_solver
{
  const struct cw_acme_solver_kind *kind;
  const struct cw_acme_solve_options *options;
  void *state;
};

extern const struct cw_acme_solver_kind cw_solver_webroot;
extern const struct cw_acme_solver_kind cw_solver_standalone;
extern const struct cw_acme_solver_kind cw_solver_dns_hook;
extern const struct cw_acme_solver_kind cw_solver_dns_manual;

/* The folder the web server already running serves for NAMES, found
   in its configuration (owned by the caller); NULL when none is found.
   webroot_find.c: completed by the services module. */
char *cw_acme_find_webroot (const char *const *names, size_t count);

/* The solver OPTIONS ask for; a refusal (CW_REFUSED) when they ask for
   none, or for one that does not fit the challenge. */
enum cw_status cw_acme_solver_pick (const struct cw_acme_solve_options
                                      *options,
                                    struct cw_acme_solver *solver,
                                    struct cw_diags *diags);

#endif
