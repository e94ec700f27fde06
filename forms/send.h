/* The model of the "Send the request to a CA" form (forms/send_screen.c
   draws it): the pending request, the store's ACME accounts, what was
   typed, and the core's options built from it.  No terminal is needed
   here. */
#ifndef CERTWIZ_FORMS_SEND_H
#define CERTWIZ_FORMS_SEND_H

#include <stdbool.h>
#include <stddef.h>

#include "acme/accounts.h"
#include "acme/enroll.h"
#include "base/diag.h"
#include "field.h"
#include "keys/tokens.h"
#include "password_entry.h"
#include "report_view.h"
#include "store/store.h"

struct wz_ui;

/* The form's controls, in the order Tab goes through them. */
enum
{
  WZ_SEND_ACCOUNT,
  WZ_SEND_SERVER,          /* a new account's CA */
  WZ_SEND_EMAIL,           /* a new account's e-mail address */
  WZ_SEND_ACCOUNT_KEY,     /* where its key is made: the store, or a
                              token present */
  WZ_SEND_EAB_KID,         /* its external account's key ID, */
  WZ_SEND_EAB_KEY,         /* the HMAC key, typed without echo, */
  WZ_SEND_EAB_FILE,        /* or the file that holds it: when the CA
                              requires external account binding */
  WZ_SEND_CHECK,           /* the web server's folder, certwiz, DNS */
  WZ_SEND_WHERE,           /* the folder, or ADDRESS:PORT */
  WZ_SEND_FOCUS_COUNT
};

/* How the CA checks the names, in the order the form offers them. */
enum wz_send_check
{
  WZ_CHECK_FOLDER,         /* http-01: a file in the web server's folder */
  WZ_CHECK_PORT,           /* http-01: certwiz answers on a port */
  WZ_CHECK_DNS,            /* dns-01: TXT records created by hand */
  WZ_CHECK_COUNT
};

/* The TXT records a dns-01 check asks for, one per name. */
struct wz_dns_records
{
  char **names;            /* "_acme-challenge.NAME." */
  char **values;
  size_t count;
};

struct wz_send
{
  struct wz_ui *ui;
  char id[41];             /* the pending request */
  char *label;             /* its friendly name, else its CN */
  char **names;            /* its DNS names */
  size_t name_count;
  struct cw_store_entries accounts;
  size_t account;          /* an index; accounts.count: a new account */
  struct ui_field server;
  struct ui_field email;
  struct cw_tokens tokens; /* present, for a new account's key */
  size_t key_place;        /* 0: the store; else tokens.items[it - 1] */
  bool eab;                /* the CA said it requires EAB */
  struct ui_field eab_kid;
  struct wz_secret eab_key;  /* never shown, wiped */
  struct ui_field eab_file;
  char *agreed;            /* the CA whose terms were agreed to */
  struct ui_field folder;  /* the web server's, for http-01 */
  struct ui_field listen;  /* ADDRESS:PORT certwiz answers on */
  enum wz_send_check check;
  struct wz_dns_records records;  /* what the CA asked for, for DNS */
  char *webroot_found;     /* from the web site that serves the names */
  int focus;
};

/* The form for the pending request ID of UI's store.  False, with the
   reason in DIAGS, when there is no such request. */
bool wz_send_init (struct wz_send *send, struct wz_ui *ui, const char *id,
                   struct cw_diags *diags);
void wz_send_free (struct wz_send *send);
void wz_send_reload_accounts (struct wz_send *send);

bool wz_send_new_account (const struct wz_send *send);
/* The field the WHERE control edits now: the folder or the port; NULL
   for DNS, which has none. */
struct ui_field *wz_send_where (struct wz_send *send);
/* The last control shown: Enter there sends. */
int wz_send_last (const struct wz_send *send);
/* Whether control WHICH is on the form now (a new account's fields only
   for a new account). */
bool wz_send_shown (const struct wz_send *send, int which);
/* The token a new account's key is to be made on; NULL: the store.
   The account chosen, when it is one of the store's, is not asked. */
const struct cw_token *wz_send_key_token (const struct wz_send *send);
/* The label of the token whose PIN the sending needs: a new account's
   chosen token, or that of the chosen account's key; NULL for none. */
const char *wz_send_pin_token (const struct wz_send *send);
/* The row of control WHICH: the new account's rows are kept for it; an
   external account's only once the CA asks for one. */
int wz_send_row (const struct wz_send *send, int which);
/* The CA refused a new account without EAB: its fields are shown, the
   key ID focused. */
void wz_send_ask_eab (struct wz_send *send);
/* The focus BY controls on, skipping those not shown. */
void wz_send_move (struct wz_send *send, int by);
/* Left/Right (BY -1 or 1) on a choice: the account, or the check. */
void wz_send_choose (struct wz_send *send, int by);
/* False, after saying why in the status line and moving to the field,
   when something keeps the form from being sent. */
bool wz_send_ready (struct wz_send *send);
/* ADD and ENROLL from what was typed (EMAILS: room for one address);
   returns the expanded folder or address the options point to, and in
   *EAB_FILE the HMAC key's file (both owned by the caller, freed after
   them). */
char *wz_send_options (const struct wz_send *send,
                       struct cw_account_add_options *add,
                       const char **emails, char **eab_file,
                       struct cw_enroll_options *enroll);
/* The DNS server to ask instead of the authoritative ones
   (CERTWIZ_DNS_SERVER, for a test or a split-horizon zone); NULL:
   those. */
const char *wz_send_dns_server (void);
/* Keeps a record the CA asks for (the solver's show_record; STATE is a
   struct wz_dns_records), once.  A wildcard and its base name ask for
   two values of one name. */
void wz_dns_records_keep (void *state, const char *name, const char *value);
void wz_dns_records_free (struct wz_dns_records *records);

/* Sends the form: the account, the order, the check (for DNS, the
   records shown and waited for: forms/dns_wait.c), the certificate, and
   the screen that says it is installed.  WZ_STAY keeps the form. */
enum wz_action wz_send_submit (struct wz_send *send);

/* Shows RECORDS to create and waits, on a screen of the event loop,
   until DNS_SERVER (NULL: each name's authoritative servers) serves them
   all: true then; false when the user goes back (Esc) or quits. */
bool wz_dns_wait (struct wz_ui *ui, const struct wz_dns_records *records,
                  const char *dns_server);

/* The request's names, as a sentence's list: "a, b and c". */
char *wz_send_names_text (const struct wz_send *send);
/* What the CA's certificate is, now installed, for the done screen. */
void wz_send_report (struct wz_report *report, const struct wz_send *send,
                     const struct cw_enroll_result *result,
                     const struct cw_diags *diags);

/* Whether DIAGS holds a diagnostic of CODE. */
bool wz_diags_have (const struct cw_diags *diags, const char *code);

#endif
