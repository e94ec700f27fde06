/* Putting a certificate to work in a service, as one transaction:
   checks, the files staged at stable paths, the service's configuration
   pointed at them token by token, its own test, a reload, a real
   handshake on each of its ports, and everything undone on a failure.

   The services are a table of adapters (services/svc.h,
   services/adapters.c), one file each (enable_nginx.c, ...), with the
   same operations. */
#ifndef CERTWIZ_SERVICES_ENABLE_H
#define CERTWIZ_SERVICES_ENABLE_H

#include <gnutls/x509.h>
#include <stdbool.h>
#include <stddef.h>
#include <sys/types.h>

#include "base/diag.h"
#include "base/progress.h"
#include "base/status.h"
#include "services/enable_journal.h"
#include "services/svc.h"

struct cw_store;


struct cw_enable_request
{
  const char *id;          /* the certificate's ID in the store */
  const char *service;     /* an adapter's name or word */
  const char *config;      /* NULL: the adapter's default */
  const char *site;        /* NULL: the one that matches */
  bool dry_run;
  const char *add_site;    /* when no TLS site serves the names, one is
                              added listening on it ("[ADDR:]PORT", ""
                              for 443); NULL: none is */
};

/* What a run did or, dry, would do: the plan and its diffs. */
struct cw_enable_result
{
  struct cw_svc_plan plan;
  char **diffs;            /* one unified diff per file of the plan */
  char **writes;           /* the files staged */
  size_t write_count;
  char **steps;            /* each step as it passed */
  size_t step_count;
};

/* Enables the certificate for the service (see the top of this file).
   The store is locked throughout; a journal in it lets the next run undo
   what a killed run left.  PROGRESS may be NULL. */
enum cw_status cw_enable (struct cw_store *store,
                          const struct cw_enable_request *request,
                          struct cw_enable_result *result,
                          struct cw_progress *progress,
                          struct cw_diags *diags);
/* Puts back the files the service used before certwiz. */
enum cw_status cw_disable (struct cw_store *store,
                           const struct cw_enable_request *request,
                           struct cw_enable_result *result,
                           struct cw_diags *diags);
/* Undoes what an interrupted run left in the journal, if anything. */
enum cw_status cw_enable_recover (struct cw_store *store,
                                  struct cw_diags *diags);
void cw_enable_result_free (struct cw_enable_result *result);

/* After a renewal: OLD_ID's services get NEW_ID, each as one
   transaction (the old one stays served where that fails). */
enum cw_status cw_enable_renewed (struct cw_store *store, const char *old_id,
                                  const char *new_id, struct cw_diags *diags);
/* The document root of the nginx site whose server_name is one of
   NAMES (a plain HTTP one first), or NULL. */
char *cw_svc_find_webroot (const char *const *names, size_t count);

#endif
