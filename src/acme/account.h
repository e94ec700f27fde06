/* ACME accounts at the CA (RFC 8555 §7.3): creation with the terms
   agreed and, when the CA requires it, an external account binding;
   contact updates, key rollover, deactivation. */
#ifndef CERTWIZ_ACME_ACCOUNT_H
#define CERTWIZ_ACME_ACCOUNT_H

#include <json-c/json.h>
#include <stdbool.h>
#include <stddef.h>

#include "acme/client.h"

struct cw_acme_eab
{
  const char *kid;
  const unsigned char *mac_key;
  size_t mac_len;
};

/* Creates the account of acme->key (or finds it, when the CA knows the
   key already), with CONTACTS ("mailto:..."), the terms agreed when
   AGREE_TOS, EAB when not NULL.  On success acme->kid is the account's
   URL and *OBJ its object. */
enum cw_status cw_acme_account_create (struct cw_acme *acme,
                                       const char *const *contacts,
                                       size_t contact_count, bool agree_tos,
                                       const struct cw_acme_eab *eab,
                                       json_object **obj,
                                       struct cw_diags *diags);

/* The account object (POST-as-GET of acme->kid). */
enum cw_status cw_acme_account_fetch (struct cw_acme *acme,
                                      json_object **obj,
                                      struct cw_diags *diags);

/* Replaces the account's contacts. */
enum cw_status cw_acme_account_update (struct cw_acme *acme,
                                       const char *const *contacts,
                                       size_t contact_count,
                                       json_object **obj,
                                       struct cw_diags *diags);

/* Moves the account to NEW_KEY (RFC 8555 §7.3.5): an inner JWS signed by
   the new key inside one signed by the current key. */
enum cw_status cw_acme_account_rollover (struct cw_acme *acme,
                                         const struct cw_acme_key *new_key,
                                         struct cw_diags *diags);

/* Deactivates the account for good. */
enum cw_status cw_acme_account_deactivate (struct cw_acme *acme,
                                           json_object **obj,
                                           struct cw_diags *diags);

#endif
