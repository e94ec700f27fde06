#include <config.h>

#include "acme/solver.h"

#include <string.h>

#include "base/i18n.h"

static const struct cw_acme_solver_kind *
wanted (const struct cw_acme_solve_options *o)
{
  if (o->webroot)
    return &cw_solver_webroot;
  if (o->standalone)
    return &cw_solver_standalone;
  if (o->dns_hook)
    return &cw_solver_dns_hook;
  if (o->manual)
    return &cw_solver_dns_manual;
  return NULL;
}

enum cw_status
cw_acme_solver_pick (const struct cw_acme_solve_options *options,
                     struct cw_acme_solver *solver, struct cw_diags *diags)
{
  *solver = (struct cw_acme_solver) { NULL, options, NULL };
  const char *challenge = options->challenge ? options->challenge
                                             : "http-01";
  int ways = !!options->webroot + !!options->standalone
             + !!options->dns_hook + !!options->manual;
  if (strcmp (challenge, "http-01") != 0 && strcmp (challenge, "dns-01") != 0)
    {
      cw_diag_add (diags, CW_ERROR, "acme-challenge-type", "challenge",
                   _("\"%s\" is not a challenge certwiz answers. Choose "
                     "http-01 or dns-01."), challenge);
      return CW_REFUSED;
    }
  if (ways != 1)
    {
      cw_diag_add (diags, CW_ERROR, "acme-solver-choice", "challenge",
                   strcmp (challenge, "http-01") == 0
                     ? _("Say how to answer the http-01 challenge: the "
                         "folder your web server serves (webroot), or a "
                         "server of certwiz's own (standalone) - one of "
                         "them.")
                     : _("Say how to answer the dns-01 challenge: a "
                         "program that sets DNS records (a hook), or by "
                         "hand - one of them."));
      return CW_REFUSED;
    }
  solver->kind = wanted (options);
  if (!solver->kind)
    return CW_REFUSED;
  if (strcmp (solver->kind->challenge, challenge) != 0)
    {
      cw_diag_add (diags, CW_ERROR, "acme-solver-mismatch", "challenge",
                   _("The way chosen to answer (%s) does not fit the %s "
                     "challenge. Choose the %s challenge, or another way "
                     "to answer."), solver->kind->name, challenge,
                   solver->kind->challenge);
      return CW_REFUSED;
    }
  return CW_OK;
}
