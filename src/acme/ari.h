/* ACME Renewal Information (RFC 9773): the certificate's identifier, the
   window the CA suggests for renewing it, and the moment picked in it. */
#ifndef CERTWIZ_ACME_ARI_H
#define CERTWIZ_ACME_ARI_H

#include <gnutls/x509.h>
#include <stdbool.h>
#include <time.h>

#include "acme/client.h"

struct cw_ari_window
{
  time_t start;
  time_t end;
  time_t retry_after;      /* when to ask again; 0 when not said */
  char *explanation;       /* explanationURL, or NULL */
};

/* base64url(AKI keyIdentifier) "." base64url(DER serial), or NULL when
   CRT has no authority key identifier. */
char *cw_ari_cert_id (gnutls_x509_crt_t crt);

/* Asks renewalInfo about CERT_ID.  False (and no diagnostic that stops
   anything: renewal then follows the certificate's lifetime) when the
   CA offers none, or its answer is no window: unreadable, or an end not
   after its start. */
bool cw_ari_fetch (struct cw_acme *acme, const char *cert_id,
                   struct cw_ari_window *window, struct cw_diags *diags);
void cw_ari_window_free (struct cw_ari_window *window);

/* A moment chosen uniformly at random in [START, END]. */
time_t cw_ari_pick (time_t start, time_t end);

/* An RFC 3339 time ("2026-01-02T03:04:05.123Z", offsets allowed);
   (time_t) -1 when TEXT is not one. */
time_t cw_rfc3339_parse (const char *text);

#endif
