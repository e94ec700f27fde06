/* ACME accounts kept in the store: accounts/<name>/ holds the account
   key (key.pem) and a record (server, account URL, contacts, key type,
   the terms agreed, the EAB key ID, the CA bundle used, state).  The
   account commands and enrolment go through these. */
#ifndef CERTWIZ_ACME_ACCOUNTS_H
#define CERTWIZ_ACME_ACCOUNTS_H

#include <stdbool.h>
#include <stddef.h>

#include "acme/acctkey.h"
#include "acme/client.h"
#include "base/record.h"
#include "store/store.h"

#define CW_STORE_ACCOUNTS "accounts"

struct cw_account
{
  char *name;
  struct cw_record record;
  struct cw_acme_key key;
};

struct cw_account_add_options
{
  const char *server;            /* URL, letsencrypt, letsencrypt-staging */
  const char *name;              /* NULL: from the server's address */
  const char *const *emails;
  size_t email_count;
  bool agree_tos;
  const char *eab_kid;
  const char *eab_key_file;      /* base64url HMAC key, never an argument */
  const char *eab_key;           /* or the same typed on a screen (the
                                    caller wipes it); never both */
  const char *key_type;          /* NULL: CW_ACME_KEY_DEFAULT */
  const char *key_uri;           /* a key on a token (pkcs11:), or a
                                    token to make one of KEY_TYPE on */
  const struct cw_pin_source *pin;   /* that token's PIN */
  const char *ca_bundle;
  long timeout_ms;
  struct cw_progress *progress;
};

struct cw_account_add_result
{
  char *name;
  char *url;
  char *server;
  char *terms_of_service;        /* NULL when the CA has none */
  bool eab;
};

/* Creates the account at the CA and keeps it in the store.  Refuses
   (nothing written, nothing sent) when the CA has terms and AGREE_TOS is
   false, saying where they are, or when the CA requires EAB and none is
   given (RESULT's terms_of_service then says where the terms are).  The
   store changes only once the CA has created the account. */
enum cw_status cw_account_add (struct cw_store *store,
                               const struct cw_account_add_options *options,
                               struct cw_account_add_result *result,
                               struct cw_diags *diags);
void cw_account_add_result_free (struct cw_account_add_result *result);

/* The account NAME of the store; NULL NAME: the only one there is.  PIN
   (may be NULL) gives the PIN of a token its key is on. */
enum cw_status cw_account_load (struct cw_store *store, const char *name,
                                const struct cw_pin_source *pin,
                                struct cw_account *account,
                                struct cw_diags *diags);
void cw_account_free (struct cw_account *account);

/* Every account of the store. */
enum cw_status cw_account_list (struct cw_store *store,
                                struct cw_store_entries *entries,
                                struct cw_diags *diags);

/* Writes ACCOUNT's record (and, when not NULL, a new KEY_PEM) back. */
enum cw_status cw_account_save (struct cw_store *store,
                                const struct cw_account *account,
                                const gnutls_datum_t *key_pem,
                                struct cw_diags *diags);

/* Keeps KEY_PEM beside the account's key as next-key.pem, before a key
   change is sent. */
enum cw_status cw_account_keep_next_key (struct cw_store *store,
                                         const struct cw_account *account,
                                         const gnutls_datum_t *key_pem,
                                         struct cw_diags *diags);

/* A conversation with the account's CA as the account: its directory
   read, its key and URL set.  CA_BUNDLE, when not NULL, replaces the one
   the account was added with. */
enum cw_status cw_account_connect (const struct cw_account *account,
                                   const char *ca_bundle, long timeout_ms,
                                   struct cw_progress *progress,
                                   struct cw_acme *acme,
                                   struct cw_diags *diags);

/* The contacts of RECORD ("mailto:..."), as an array (free the array
   only). */
const char **cw_account_contacts (const struct cw_record *record,
                                  size_t *count);

#endif
