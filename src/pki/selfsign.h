/* A self-signed certificate, installed with its new key: what Exchange
   makes for itself at setup, and what a lab or an internal service
   needs. */
#ifndef CERTWIZ_SELFSIGN_H
#define CERTWIZ_SELFSIGN_H

#include "pki/certinfo.h"
#include "pki/request.h"

#define CW_SELFSIGN_DAYS 365
#define CW_SELFSIGN_MAX_DAYS 36500

struct cw_selfsign_result
{
  struct cw_names names;
  struct cw_keyspec key;
  struct cw_certinfo info;
  char *store_path;
  char *key_description;
};

/* OPTIONS as for a request (out and force are not used); valid DAYS
   days from now. */
enum cw_status cw_selfsign_create (const struct cw_request_options *options,
                                   unsigned days,
                                   struct cw_selfsign_result *result,
                                   struct cw_diags *diags);
void cw_selfsign_result_free (struct cw_selfsign_result *result);

#endif
