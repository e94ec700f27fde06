/* dns-01 by hand: the record to create is shown, then certwiz waits
   until the zone's authoritative servers serve it before telling the CA
   (a CA that looks too early fails the order).  An order left waiting is
   resumed by the next run, with the same record. */
#include <config.h>

#include <stdlib.h>
#include <time.h>

#include "acme/dnscheck.h"
#include "acme/solver.h"
#include "base/i18n.h"
#include "base/xalloc.h"

#define WAIT_SECONDS 1800
#define CHECK_EVERY_MS 2000

static enum cw_status
manual_start (struct cw_acme_solver *s, struct cw_diags *diags)
{
  (void) s, (void) diags;
  return CW_OK;
}

static enum cw_status
manual_deploy (struct cw_acme_solver *s, const struct cw_acme_authz *a,
               struct cw_diags *diags)
{
  (void) diags;
  char *record = xasprintf ("_acme-challenge.%s.", a->identifier);
  if (s->options->show_record)
    s->options->show_record (s->options->show_state, record, a->dns_value);
  free (record);
  return CW_OK;
}

static enum cw_status
not_served (const char *record, int asked, struct cw_diags *diags)
{
  if (asked == 0)
    cw_diag_add (diags, CW_ERROR, "acme-dns-no-servers", "dns",
                 _("The DNS servers of %s cannot be found, so the record "
                   "cannot be checked. Check the domain's delegation; the "
                   "order is kept and the next run resumes it."), record);
  else
    cw_diag_add (diags, CW_ERROR, "acme-dns-not-served", "dns",
                 _("The TXT record %s was not served by all %d of the "
                   "domain's servers within %d minutes. Check the record's "
                   "name and value; the order is kept and the next run "
                   "resumes it."), record, asked, WAIT_SECONDS / 60);
  return CW_FAILED;
}

static enum cw_status
look_once (const struct cw_acme_solver *s, const struct cw_acme_authz *a,
           const char *record, struct cw_diags *diags)
{
  int asked = 0;
  if (cw_dns_txt_served (record, a->dns_value, s->options->dns_server,
                         &asked))
    return CW_OK;
  cw_diag_add (diags, CW_WARNING, "acme-dns-not-yet", "dns",
               _("The TXT record %s is not served by the domain's DNS "
                 "servers yet. Create it with the value shown; the order "
                 "is kept and waits for it."), record);
  return CW_FAILED;
}

static enum cw_status
manual_check (struct cw_acme_solver *s, const struct cw_acme_authz *a,
              struct cw_diags *diags)
{
  char *record = xasprintf ("_acme-challenge.%s.", a->identifier);
  if (s->options->look_once)
    {
      enum cw_status status = look_once (s, a, record, diags);
      free (record);
      return status;
    }
  time_t deadline = time (NULL) + WAIT_SECONDS;
  int asked = 0;
  cw_progress_say (s->options->progress,
                   _("Waiting for the DNS servers to serve %s"), record);
  enum cw_status status = CW_OK;
  while (!cw_dns_txt_served (record, a->dns_value, s->options->dns_server,
                             &asked))
    {
      if (time (NULL) > deadline || cw_progress_cancelled (s->options->progress))
        {
          status = not_served (record, asked, diags);
          break;
        }
      struct timespec ts = { CHECK_EVERY_MS / 1000, 0 };
      nanosleep (&ts, NULL);
    }
  free (record);
  return status;
}

static void
manual_cleanup (struct cw_acme_solver *s, const struct cw_acme_authz *a)
{
  (void) s, (void) a;
}

static void
manual_stop (struct cw_acme_solver *s)
{
  (void) s;
}

const struct cw_acme_solver_kind cw_solver_dns_manual = {
  "manual", "dns-01", manual_start, manual_deploy, manual_check,
  manual_cleanup, manual_stop
};
