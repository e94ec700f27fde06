/* A self-signed certificate, installed with its key: what Exchange
   makes for itself at setup, and what a lab or an internal service
   needs.  It takes the request's steps (a) to (c) (request.h), then
   signs the request's contents as a certificate with the same key. */
#ifndef CERTWIZ_SELFSIGN_H
#define CERTWIZ_SELFSIGN_H

#include "pki/certinfo.h"
#include "pki/request.h"

#define CW_SELFSIGN_DAYS 365
#define CW_SELFSIGN_MAX_DAYS 36500

struct cw_selfsign_result
{
  struct cw_request request;    /* its names, key and key description */
  struct cw_certinfo info;
};

/* OPTIONS as for a request (out and force are not used), installed in
   STORE; valid DAYS days from now.  A token key (options->key_uri) signs
   on its token, its PIN from PIN. */
enum cw_status cw_selfsign_create (struct cw_store *store,
                                   const struct cw_request_options *options,
                                   unsigned days,
                                   const struct cw_pin_source *pin,
                                   struct cw_progress *progress,
                                   struct cw_selfsign_result *result,
                                   struct cw_diags *diags);
void cw_selfsign_result_free (struct cw_selfsign_result *result);

#endif
