/* Renewal of the certificates certwiz enrolled: when the CA's renewal
   information (ARI) suggests, else at two thirds of the lifetime (half
   under 10 days); a new key each time unless asked to keep it; failures
   counted in the store with a back-off between runs; the old certificate
   kept (and marked replaced) once the new one is installed. */
#ifndef CERTWIZ_ACME_RENEW_H
#define CERTWIZ_ACME_RENEW_H

#include <stdbool.h>
#include <stddef.h>
#include <time.h>

#include "base/diag.h"
#include "base/progress.h"
#include "base/status.h"
#include "store/store.h"

/* The timer runs twice a day. */
#define CW_RENEW_INTERVAL (12 * 3600L)

enum cw_renew_outcome
{
  CW_RENEW_NOT_DUE,
  CW_RENEW_DUE,            /* a dry run: it would be renewed now */
  CW_RENEW_DONE,
  CW_RENEW_FAILED,
  CW_RENEW_BACKING_OFF     /* failed before; next try later */
};

struct cw_renew_item
{
  char *id;                /* the certificate's thumbprint */
  char *name;              /* its friendly name or CN */
  /* The timer runs twice a day. */
#define CW_RENEW_INTERVAL (12 * 3600L)

enum cw_renew_outcome outcome;
  time_t due;              /* when it is (or was) to be renewed */
  bool ari;                /* DUE comes from the CA's window */
  time_t window_start, window_end;
  char *explanation;       /* the CA's explanationURL */
  char *new_id;            /* the new certificate, once renewed */
  bool replaces_dropped;
  bool not_enabled;        /* renewed, but not put to work where the old
                              one is: that one stays served */
  int failures;            /* in a row, this one included */
  time_t next_try;
  const char *error_code;  /* of the first error; NULL when none */
  char *error_message;
  char *mail_to;           /* the account's first e-mail contact */
  struct cw_diags diags;   /* what happened to this one */
};

struct cw_renew_report
{
  struct cw_renew_item *items;
  size_t count;
};

struct cw_renew_options
{
  const char *id;          /* one certificate; NULL: every one (--all) */
  bool dry_run;
  bool force;              /* renew now, whatever the schedule */
  bool reuse_key;
  const struct cw_pin_source *pin;  /* for certificates whose key is on a
                                       token: that key is kept */
  /* How long until the next scheduled run (0: CW_RENEW_INTERVAL): a time
     picked in the CA's window before then is renewed now, as RFC 9773
     advises. */
  long interval_seconds;
  const char *ca_bundle;
  long timeout_ms;
  struct cw_progress *progress;
};

/* CW_OK when nothing failed (renewed or not yet due); CW_FAILED when a
   renewal failed, now or in an earlier run still waiting out its
   back-off.  DIAGS receives what concerns no one certificate. */
enum cw_status cw_renew (struct cw_store *store,
                         const struct cw_renew_options *options,
                         struct cw_renew_report *report,
                         struct cw_diags *diags);
void cw_renew_report_free (struct cw_renew_report *report);

/* The back-off after FAILURES failures in a row: 1, 2, 4... hours, at
   most a day. */
time_t cw_renew_backoff (int failures);

/* Puts the new certificate to work wherever the old one served, each
   service verified by a handshake (services/enable.h). */
enum cw_status cw_renew_reenable (struct cw_store *store, const char *old_id,
                                  const char *new_id,
                                  struct cw_diags *diags);

#endif
