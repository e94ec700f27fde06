/* ACME orders (RFC 8555 §7.4): a new order for names (with a profile and
   the certificate it replaces, when asked), its authorizations and the
   chosen challenge of each, finalization with the request, and the
   certificate chain with its alternates. */
#ifndef CERTWIZ_ACME_ORDER_H
#define CERTWIZ_ACME_ORDER_H

#include <stdbool.h>
#include <stddef.h>

#include "acme/client.h"

struct cw_acme_authz
{
  char *url;
  char *identifier;          /* the name, without "*." */
  bool wildcard;
  char *status;
  char *challenge_url;       /* of the chosen type; NULL when valid */
  char *token;
  char *key_authorization;   /* token "." thumbprint */
  char *dns_value;           /* base64url(SHA-256(key authorization)) */
};

struct cw_acme_order
{
  char *url;
  char *status;
  char *finalize;
  char *certificate;
  char *replaces;            /* the certID the CA says it replaces */
  char **authorizations;
  size_t authorization_count;
};

/* A new order for the DNS NAMES; PROFILE and REPLACES (an ARI certID) when
   not NULL. */
enum cw_status cw_acme_order_new (struct cw_acme *acme,
                                  const char *const *names, size_t count,
                                  const char *profile, const char *replaces,
                                  struct cw_acme_order *order,
                                  struct cw_diags *diags);
/* The order at URL, as it is now (to resume it). */
enum cw_status cw_acme_order_fetch (struct cw_acme *acme, const char *url,
                                    struct cw_acme_order *order,
                                    struct cw_diags *diags);
/* Whether an order in this state can still lead to a certificate. */
bool cw_acme_order_usable (const struct cw_acme_order *order);

/* The authorization at URL and its challenge of TYPE ("http-01",
   "dns-01"). */
enum cw_status cw_acme_authz_fetch (struct cw_acme *acme, const char *url,
                                    const char *type,
                                    struct cw_acme_authz *authz,
                                    struct cw_diags *diags);
/* Tells the CA the challenge is ready. */
enum cw_status cw_acme_challenge_ready (struct cw_acme *acme,
                                        const struct cw_acme_authz *authz,
                                        struct cw_diags *diags);
/* Waits until the authorization is valid; its error when it is not. */
enum cw_status cw_acme_authz_wait (struct cw_acme *acme,
                                   struct cw_acme_authz *authz,
                                   struct cw_diags *diags);

/* Sends the request (DER) and waits for the certificate. */
enum cw_status cw_acme_order_finalize (struct cw_acme *acme,
                                       struct cw_acme_order *order,
                                       const unsigned char *csr,
                                       size_t csr_len,
                                       struct cw_diags *diags);
/* Waits while the order is "processing". */
enum cw_status cw_acme_order_wait (struct cw_acme *acme,
                                   struct cw_acme_order *order,
                                   struct cw_diags *diags);

struct cw_acme_chains
{
  char *pem;                 /* the default chain */
  char **alternates;         /* Link: rel="alternate" */
  size_t alternate_count;
};

/* Downloads the certificate chain and its alternates. */
enum cw_status cw_acme_order_download (struct cw_acme *acme,
                                       const struct cw_acme_order *order,
                                       struct cw_acme_chains *chains,
                                       struct cw_diags *diags);

void cw_acme_order_free (struct cw_acme_order *order);
void cw_acme_authz_free (struct cw_acme_authz *authz);
void cw_acme_chains_free (struct cw_acme_chains *chains);

#endif
