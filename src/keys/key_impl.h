/* The inside of a key handle, shared by the files of src/keys/ alone. */
#ifndef CERTWIZ_KEY_IMPL_H
#define CERTWIZ_KEY_IMPL_H

#include <gnutls/abstract.h>
#include <stdbool.h>

#include "keys/key.h"

/* What a token key keeps to log in again should its token ask: the
   caller's source, and the PIN once it was given (wiped when the key is
   freed). */
struct cw_pin_state
{
  struct cw_pin_source source;
  char *pin;
  bool refused;            /* the token said the PIN was wrong */
  enum cw_status given;    /* what the source said when it gave none */
  bool asked;              /* the source was asked at least once */
  struct cw_diags *diags;  /* where the source reports, while opening */
  size_t diags_before;
};

struct cw_key
{
  gnutls_privkey_t priv;        /* every signature */
  gnutls_pubkey_t pub;
  gnutls_x509_privkey_t raw;    /* a file key; NULL on a token */
  gnutls_pk_algorithm_t algorithm;
  unsigned bits;
  char *uri;                    /* a token key: where it is */
  char *token_label;
  struct cw_pin_state *pin;
};

/* Reads the public key, algorithm and size of KEY->priv; a GnuTLS error
   code. */
int cw_key_learn (struct cw_key *key);

#endif
