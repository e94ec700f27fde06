#include <config.h>

#include "acme/account.h"

#include <stdlib.h>
#include <string.h>

#include "acme/jsonutil.h"
#include "acme/jws.h"
#include "base/i18n.h"
#include "base/xalloc.h"

static json_object *
contact_array (const char *const *contacts, size_t count)
{
  json_object *array = json_object_new_array ();
  for (size_t i = 0; i < count; i++)
    json_object_array_add (array, json_object_new_string (contacts[i]));
  return array;
}

static enum cw_status
no_location (struct cw_diags *diags)
{
  cw_diag_add (diags, CW_ERROR, "acme-bad-answer", "acme",
               _("The CA created the account but did not say its address "
                 "(no Location header). Try again; if it persists, tell "
                 "the CA's operator."));
  return CW_FAILED;
}

static bool
add_eab (json_object *request, const struct cw_acme_eab *eab,
         struct cw_acme *acme, struct cw_diags *diags)
{
  char *binding = cw_jws_eab (eab->kid, eab->mac_key, eab->mac_len,
                              acme->key->pub, acme->dir.new_account);
  if (!binding)
    {
      cw_diag_add (diags, CW_ERROR, "acme-sign", "key",
                   _("The external account binding could not be signed."));
      return false;
    }
  json_object_object_add (request, "externalAccountBinding",
                          json_tokener_parse (binding));
  free (binding);
  return true;
}

enum cw_status
cw_acme_account_create (struct cw_acme *acme, const char *const *contacts,
                        size_t contact_count, bool agree_tos,
                        const struct cw_acme_eab *eab, json_object **obj,
                        struct cw_diags *diags)
{
  json_object *request = json_object_new_object ();
  if (contact_count)
    json_object_object_add (request, "contact",
                            contact_array (contacts, contact_count));
  if (agree_tos)
    json_object_object_add (request, "termsOfServiceAgreed",
                            json_object_new_boolean (1));
  if (eab && !add_eab (request, eab, acme, diags))
    {
      json_object_put (request);
      return CW_FAILED;
    }
  char *payload = cw_json_text (request);
  json_object_put (request);
  free (acme->kid);
  acme->kid = NULL;
  cw_progress_say (acme->progress, _("Creating the account"));
  struct cw_http_response r;
  enum cw_status status = cw_acme_post (acme, acme->dir.new_account, payload,
                                        NULL, _("creating the account"), obj,
                                        &r, diags);
  free (payload);
  if (status == CW_OK && !r.location)
    status = no_location (diags);
  if (status == CW_OK)
    acme->kid = xstrdup (r.location);
  cw_http_response_free (&r);
  return status;
}

static enum cw_status
post_account (struct cw_acme *acme, const char *payload, const char *what,
              json_object **obj, struct cw_diags *diags)
{
  struct cw_http_response r;
  enum cw_status status = cw_acme_post (acme, acme->kid, payload, NULL, what,
                                        obj, &r, diags);
  cw_http_response_free (&r);
  return status;
}

enum cw_status
cw_acme_account_fetch (struct cw_acme *acme, json_object **obj,
                       struct cw_diags *diags)
{
  return post_account (acme, NULL, _("reading the account"), obj, diags);
}

enum cw_status
cw_acme_account_update (struct cw_acme *acme, const char *const *contacts,
                        size_t contact_count, json_object **obj,
                        struct cw_diags *diags)
{
  json_object *request = json_object_new_object ();
  json_object_object_add (request, "contact",
                          contact_array (contacts, contact_count));
  char *payload = cw_json_text (request);
  json_object_put (request);
  enum cw_status status = post_account (acme, payload,
                                        _("updating the account"), obj,
                                        diags);
  free (payload);
  return status;
}

enum cw_status
cw_acme_account_deactivate (struct cw_acme *acme, json_object **obj,
                            struct cw_diags *diags)
{
  return post_account (acme, "{\"status\":\"deactivated\"}",
                       _("deactivating the account"), obj, diags);
}

enum cw_status
cw_acme_account_rollover (struct cw_acme *acme,
                          const struct cw_acme_key *new_key,
                          struct cw_diags *diags)
{
  if (!acme->dir.key_change)
    {
      cw_diag_add (diags, CW_ERROR, "acme-no-key-change", "acme",
                   _("This CA does not offer key changes (its directory "
                     "has no keyChange). The account keeps its key."));
      return CW_FAILED;
    }
  char *old_jwk = cw_jwk_json (acme->key->pub);
  json_object *inner = json_object_new_object ();
  json_object_object_add (inner, "account",
                          json_object_new_string (acme->kid));
  json_object_object_add (inner, "oldKey", json_tokener_parse (old_jwk));
  char *inner_payload = cw_json_text (inner);
  json_object_put (inner);
  free (old_jwk);
  int err;
  /* The inner JWS carries the new key's JWK and no nonce. */
  char *inner_jws = cw_jws_sign (new_key, NULL, NULL, acme->dir.key_change,
                                 inner_payload, &err);
  free (inner_payload);
  if (!inner_jws)
    {
      cw_diag_add (diags, CW_ERROR, "acme-sign", "key",
                   _("The message to the CA could not be signed with the "
                     "new key: %s."), gnutls_strerror (err));
      return CW_FAILED;
    }
  struct cw_http_response r;
  enum cw_status status = cw_acme_post (acme, acme->dir.key_change,
                                        inner_jws, NULL,
                                        _("changing the account key"), NULL,
                                        &r, diags);
  cw_http_response_free (&r);
  free (inner_jws);
  return status;
}
