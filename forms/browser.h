/* The certificate browser's parts, shared between its files: the list
   and the entry points (browser.c), loading (browser_load.c), one
   certificate's details (browser_details.c), the actions
   (browser_actions.c), the status line and messages (browser_text.c)
   and the help (browser_help.c).  The rows, their sort and the filter
   are the model's (browser_model.h).  Calls go one way only: the list
   opens the details, both read the actions' table, and every one of
   them uses the text helpers; nothing calls back up. */
#ifndef CERTWIZ_FORMS_BROWSER_H
#define CERTWIZ_FORMS_BROWSER_H

#include <gnutls/gnutls.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "browser_model.h"
#include "pki/certread.h"
#include "pki/certset.h"
#include "pki/target.h"
#include "base/diag.h"
#include "field.h"
#include "keymap.h"
#include "list.h"
#include "theme.h"
#include "wizard_ui.h"

/* One file browsed, read whole when the browser opens and kept: its
   certificates are read again, one at a time, for their details. */
struct bw_file
{
  const char *name;
  gnutls_datum_t data;
  enum cw_file_kind kind;
  struct cw_cert_reader reader;
  bool reading;            /* READER is open */
};

/* Where a certificate of the files is, to be read again whole; and its
   names' digests, to find its issuer among thousands without reading
   them all. */
struct bw_cert
{
  size_t file;
  size_t offset;           /* of its PEM block */
  gnutls_datum_t der;      /* a copy, for a DER or PKCS#7 file */
  uint64_t subject;        /* digests of its raw subject and issuer DN */
  uint64_t issuer;
};

/* The certificates of the files browsed, read a slice at a time so that
   a bundle of thousands shows at once and fills in while the user
   already moves and types.  Only what the list shows is kept of each. */
struct bw_files
{
  struct bw_file *items;
  size_t count;
  size_t next;             /* the file being read */
  struct bw_cert *certs;   /* every certificate read so far: the rows */
  size_t added;
  size_t capacity;
  size_t skipped;          /* certificates that could not be read */
};

struct browser
{
  struct wz_ui *ui;
  bool read_only;          /* files, not the store */
  struct bm_model model;
  struct ui_list list;     /* its own: the wizard's steps use ui->list */
  struct ui_field filter;
  struct bw_files files;
  char *status;            /* the status line's text, owned */
  char *domain;            /* the last domain tested, offered again */
  bool reload;             /* the store changed: list it again */
  struct bw_store_loader *loader;  /* the store being read; NULL once
                                      everything read was taken */
};

/* One certificate or request, loaded whole for its details and for the
   actions. */
struct bw_item
{
  char *id;
  char *label;
  char *name;                     /* the CN (else O...), for file names */
  bool pending;
  bool in_store;
  bool has_key;
  struct cw_target target;    /* in the store: its entry and certs */
  gnutls_x509_crt_t leaf;         /* NULL for a request; in TARGET's
                                     certificates */
  gnutls_x509_crt_t *chain;       /* its issuers, nearest first; the
                                     array is owned, not the items */
  size_t chain_count;
  size_t *sources;                /* from files: where each of TARGET's
                                     certificates is among them */
  char *pem;                      /* the leaf and its chain, or the
                                     request */
};

/* browser_load.c */
/* Reads every file whole; false, saying why in DIAGS, when one cannot
   be read or holds no certificate. */
bool bw_files_open (struct bw_files *files, const char *const *names,
                    size_t count, struct cw_diags *diags);
/* Turns more of the files into rows for about MS milliseconds; false
   once everything is read. */
bool bw_files_step (struct bw_files *files, struct bm_model *model, int ms);
bool bw_files_done (const struct bw_files *files);
void bw_files_free (struct bw_files *files);
/* The store's requests and certificates as rows. */
bool bw_store_load (struct bm_model *model, struct cw_store *store,
                    struct cw_diags *diags);
/* browser_store_load.c: the store read by a thread of its own. */
struct bw_store_loader;
enum bw_load_step
{
  BW_LOAD_WAITING,         /* nothing new yet */
  BW_LOAD_LISTED,          /* the rows are in the model */
  BW_LOAD_FAILED,          /* the store cannot be read: DIAGS say why */
  BW_LOAD_BOUND            /* the rows' services are in the model: done */
};
/* Starts reading STORE; NULL when no thread can be started.  Its tick
   is run (ui_wake) whenever something new was read. */
struct bw_store_loader *bw_store_loader_start (struct cw_store *store);
/* Puts what was read since the last call into MODEL. */
enum bw_load_step bw_store_loader_take (struct bw_store_loader *loader,
                                        struct bm_model *model,
                                        struct cw_diags *diags);
/* Waits for the reading to end, puts the services into MODEL when its
   rows were taken, and frees LOADER; NULL is allowed. */
void bw_store_loader_finish (struct bw_store_loader *loader,
                             struct bm_model *model);
/* ROW in full: the store entry with its certificates, or the
   certificate of a file with its issuers among the files. */
bool bw_item_load (const struct browser *b, const struct bm_row *row,
                   struct bw_item *item, struct cw_diags *diags);
void bw_item_free (struct bw_item *item);

/* browser_text.c */
/* Says TEXT (printf-style) in the status line until the next key. */
void bw_say (struct browser *b, enum ui_role role, const char *format, ...)
  __attribute__ ((format (printf, 3, 4)));
/* TEXT with each newline written "\x0a", as ui_put shows it: text from
   a certificate given to ui_wrap or a dialog, which start a line at a
   newline, stays on its own lines.  Owned by the caller. */
char *bw_one_line (const char *text);
/* Shows what DIAGS say, in a message titled TITLE; nothing when empty. */
void bw_show_diags (const char *title, const struct cw_diags *diags);

/* browser.c */
/* Reads the files (COUNT of them) or, when COUNT is 0, lists the store
   STORE: what can fail before anything is shown, said in DIAGS.  UI is
   the session the browser will run in. */
bool bw_open (struct browser *b, struct wz_ui *ui, struct cw_store *store,
              const char *const *files, size_t count,
              struct cw_diags *diags);
/* The list, until the user leaves it. */
void bw_run (struct browser *b);
void bw_close (struct browser *b);

/* use_for.c */
/* "Use this certificate for...": the services, the preview, the
   transaction on the progress screen. */
enum wz_action bw_use_for (struct browser *b, struct bw_item *item);
/* The same for the installed certificate ID whose leaf is LEAF, from any
   screen (the end of a request sent to a CA); *CHANGED says whether a
   service was changed. */
enum wz_action wz_use_for (struct wz_ui *ui, const char *id,
                           gnutls_x509_crt_t leaf, bool *changed);

/* browser_details.c */
/* ITEM's fields, its chain and its PEM, scrolled: a screen of its own,
   whose keys include the actions'.  Returns when the user goes back to
   the list (or ITEM is gone). */
void bw_details_run (struct browser *b, struct bw_item *item);

/* browser_actions.c: the actions, one table that the list (F2) and the
   details (each action's letter) both read. */
enum bw_action
{
  BW_TEST,                 /* t: does it cover a domain? */
  BW_BACKUP,               /* b: a .pfx with the key */
  BW_CLONE,                /* c: a new request with the same names */
  BW_DELETE,               /* d: from the store */
  BW_WRITE,                /* w: the PEM to a file */
  BW_SEND,                 /* s: a pending request to an ACME CA */
  BW_USE,                  /* u: use it for a service (use_for.c) */
  BW_ACTION_COUNT
};

struct bw_action_info
{
  const char *key;         /* its key, as the key bar shows it: "t" */
  const char *hint;        /* N_(): the key bar's word */
  const char *button;      /* N_(): the menu's button; its first letter
                              chooses it */
  /* Why the action does not apply to ITEM (translated), or NULL. */
  const char *(*why_not) (const struct browser *b,
                          const struct bw_item *item);
  /* Does it: WZ_STAY, WZ_BACK when ITEM is gone (deleted), WZ_QUIT. */
  enum wz_action (*run) (struct browser *b, struct bw_item *item);
};

const struct bw_action_info *bw_action_info (enum bw_action action);
/* The action of KEY ('t', 'b'...); BW_ACTION_COUNT when none. */
enum bw_action bw_action_of_key (int key);
/* Whether ACTION applies to ITEM; WHY (when not NULL) receives the
   reason it does not, translated. */
bool bw_action_allowed (const struct browser *b, const struct bw_item *item,
                        enum bw_action action, const char **why);
/* Runs ACTION on ITEM, or says why not.  Returns WZ_STAY, WZ_BACK when
   ITEM is gone (deleted), or WZ_QUIT. */
enum wz_action bw_act (struct browser *b, struct bw_item *item,
                       enum bw_action action);
/* The actions that apply to ITEM, as buttons; BW_ACTION_COUNT when
   none was chosen. */
enum bw_action bw_action_menu (struct browser *b, struct bw_item *item);
/* The key table entries of the actions, for a screen's own table: each
   action's letter (shown, labeled with its hint) and its capital (not
   shown), their actions FIRST + the bw_action.  Returns how many were
   put in OUT (2 * BW_ACTION_COUNT). */
size_t bw_action_keys (struct ui_key *out, int first);

/* browser_help.c */
enum bw_help
{
  BW_HELP_LIST,
  BW_HELP_DETAILS,
  BW_HELP_COUNT
};

/* The topic's title and text, translated. */
const char *bw_help_title (enum bw_help topic);
const char *bw_help_text (enum bw_help topic);

#endif
