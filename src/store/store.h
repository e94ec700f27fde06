/* certwiz's store: the folder where private keys live beside their
   requests and, later, their certificates.

   Layout (all folders 0700, all files 0600):
     .lock                 taken by every process that changes the store
     pending/<key-id>/     a request waiting for its certificate:
                           key.pem (unless the key is on a token: the
                           record names it), request.pem, record
     certs/<thumbprint>/   an installed certificate: cert.pem, chain.pem
                           (when it has one), key.pem (when the key is
                           here in a file), record
     tmp/                  entries being written; leftovers of an
                           interrupted write are removed on the next change
     index                 what a listing shows of every entry, written
                           by listings (index.c): a cache only
     draft                 what the wizard's user typed so far

   An entry is written whole in tmp/ and renamed into place, so it is
   either complete or absent, whatever happens. */
#ifndef CERTWIZ_STORE_H
#define CERTWIZ_STORE_H

#include <gnutls/gnutls.h>
#include <gnutls/x509.h>
#include <stdbool.h>
#include <stddef.h>

#include "base/diag.h"
#include "base/record.h"
#include "base/status.h"
#include "keys/key.h"

#define CW_STORE_PENDING "pending"
#define CW_STORE_INSTALLED "certs"

/* The store, opened once by each command and each wizard session and
   passed to everything that reads or writes it: its folder, its lock and
   its index are the handle's. */
struct cw_store;

struct cw_store_file
{
  const char *name;
  const void *data;
  size_t len;
};

/* OPTION (--store), else $CERTWIZ_STORE; else, for root, the system
   store (see cw_store_locate_as); else $XDG_DATA_HOME/certwiz, else
   ~/.local/share/certwiz.  NULL when none can be found. */
char *cw_store_locate (const char *option);

/* The system store: $CERTWIZ_SYSTEM_STORE, else /var/lib/certwiz.
   Services and renewals belong to the machine, not to a person. */
const char *cw_store_system (void);

/* cw_store_locate for root (ROOT) or another user.  Root's store is the
   system one, except while that does not exist and root has a store in
   its home from before: that one is used, and *IN_HOME says so (the
   caller tells how to move it). */
char *cw_store_locate_as (const char *option, bool root, bool *in_home);

/* Opens the store OPTION names (see cw_store_locate) into *STORE.  An
   existing store is refused when group or others can reach it or
   another user owns it, saying how to fix it.  A store that does not
   exist yet reads as empty and is made (0700, with missing parents) by
   the first change, or by cw_store_ready.  On an error *STORE is NULL. */
enum cw_status cw_store_open (struct cw_store **store, const char *option,
                              struct cw_diags *diags);
/* Releases the lock, if held, and the handle; NULL is allowed. */
void cw_store_close (struct cw_store *store);

/* The store's folder, for messages. */
const char *cw_store_path (const struct cw_store *store);
/* Whether the store's folder exists yet. */
bool cw_store_present (const struct cw_store *store);
/* Makes the store now when it is missing, and says whether it can take
   entries: run before long work whose result goes into it. */
enum cw_status cw_store_ready (struct cw_store *store,
                               struct cw_diags *diags);

/* Takes the store's lock (waiting for another certwiz to finish; making
   the store when missing) and clears what an interrupted write left in
   tmp/.  Locks nest: each cw_store_lock or successful cw_store_try_lock
   is undone by one cw_store_unlock. */
enum cw_status cw_store_lock (struct cw_store *store, struct cw_diags *diags);
/* The same without waiting: false when another certwiz holds it or the
   store does not exist. */
bool cw_store_try_lock (struct cw_store *store);
void cw_store_unlock (struct cw_store *store);

struct cw_key;
/* The new pending request ID: KEY (written as the entry's key file when
   it is a file key; a token key stays on its token and RECORD names it),
   the REQUEST (PEM) and the RECORD.  All or nothing, under the lock. */
enum cw_status cw_store_add_pending (struct cw_store *store, const char *id,
                                     const struct cw_key *key,
                                     const gnutls_datum_t *request,
                                     const char *record,
                                     struct cw_diags *diags);
/* The new installed certificate ID (its thumbprint): KEY as above, or
   NULL for a certificate installed without its key; CERT and CHAIN (PEM;
   CHAIN may be NULL or "") and RECORD. */
enum cw_status cw_store_add_installed (struct cw_store *store,
                                       const char *id,
                                       const struct cw_key *key,
                                       const char *cert, const char *chain,
                                       const char *record,
                                       struct cw_diags *diags);

/* Writes FILES as the new entry AREA/ID (e.g. "pending", key id), all
   or nothing.  The store must be locked. */
enum cw_status cw_store_put (struct cw_store *store, const char *area,
                             const char *id,
                             const struct cw_store_file *files, size_t count,
                             struct cw_diags *diags);

struct cw_store_entry
{
  const char *area;        /* CW_STORE_PENDING or CW_STORE_INSTALLED */
  char *id;                /* the key ID of a request, the thumbprint of a
                              certificate */
  struct cw_record record;
  bool has_key;            /* a key file here, or a key on a token */
};

struct cw_store_entries
{
  struct cw_store_entry *items;
  size_t count;
  size_t capacity;
};

#define CW_STORE_ENTRIES_INIT { NULL, 0, 0 }

/* Every entry of AREA with its record; entries whose record cannot be
   read are skipped with a warning. */
enum cw_status cw_store_list (struct cw_store *store, const char *area,
                              struct cw_store_entries *entries,
                              struct cw_diags *diags);
/* Every entry into ENTRIES (empty), pending first, with only the fields
   a listing shows (friendly-name, cn, issuer-name, sha256, created,
   not-after, san, cert-san, key-uri, key-token): read from the store's index (the file "index") for entries
   unchanged since it was written, else from their records.  The index
   is written anew when it was out of date and no other certwiz holds
   the lock. */
enum cw_status cw_store_list_summaries (struct cw_store *store,
                                        struct cw_store_entries *entries,
                                        struct cw_diags *diags);
void cw_store_entries_free (struct cw_store_entries *entries);
void cw_store_entry_free (struct cw_store_entry *entry);

/* The one entry, pending or installed, whose ID starts with TEXT (at least
   4 hexadecimal digits, any case).  Refuses an unknown, ambiguous or too
   short ID, saying what to do. */
enum cw_status cw_store_find (struct cw_store *store, const char *text,
                              struct cw_store_entry *entry,
                              struct cw_diags *diags);

/* Reads AREA/ID/NAME whole.  ENOENT is reported as a plain false with no
   diagnostic when OPTIONAL. */
enum cw_status cw_store_read (struct cw_store *store, const char *area,
                              const char *id, const char *name,
                              gnutls_datum_t *data, bool optional,
                              struct cw_diags *diags);

struct cw_certs;
/* An installed entry's certificate, then its chain, added to CERTS. */
enum cw_status cw_store_entry_certs (struct cw_store *store,
                                     const struct cw_store_entry *entry,
                                     struct cw_certs *certs,
                                     struct cw_diags *diags);

/* Adds FILES to the existing entry AREA/ID, replacing files of the same
   name (each replaced atomically), then, unless TO_AREA is NULL, moves
   the entry whole to TO_AREA/TO_ID: all or nothing.  The files replaced
   are kept in tmp/ until the end and put back on a failure.  An
   interruption leaves the entry whole, in one place, with some of FILES.
   The store must be locked. */
enum cw_status cw_store_update (struct cw_store *store, const char *area,
                                const char *id,
                                const struct cw_store_file *files,
                                size_t count, const char *to_area,
                                const char *to_id, struct cw_diags *diags);

/* Moves a whole entry: one rename, so it is in one place or the other;
   on a failure it is where it was. */
enum cw_status cw_store_move (struct cw_store *store, const char *from_area,
                              const char *from_id, const char *to_area,
                              const char *to_id, struct cw_diags *diags);

/* Removes an entry: it leaves its area at once (renamed into tmp/), then
   its files are deleted.  The store must be locked. */
enum cw_status cw_store_remove (struct cw_store *store, const char *area,
                                const char *id, struct cw_diags *diags);

/* The path of AREA/ID/NAME inside the store (owned by the caller). */
char *cw_store_entry_path (const struct cw_store *store, const char *area,
                           const char *id, const char *name);
/* Where ENTRY's request is kept, for a user to copy it by hand. */
char *cw_store_request_path (const struct cw_store *store, const char *id);

/* Whether the entry AREA/ID exists. */
bool cw_store_has (struct cw_store *store, const char *area, const char *id);
/* The entry AREA/ID, whole ID. */
enum cw_status cw_store_get (struct cw_store *store, const char *area,
                             const char *id, struct cw_store_entry *entry,
                             struct cw_diags *diags);

/* The label of the token ENTRY's key is on, NULL when its key is a key
   file or is not here. */
const char *cw_store_entry_token (const struct cw_store_entry *entry);
/* ENTRY's key: its key file read, or its token key opened (PIN from PIN;
   may be NULL for a key file). */
enum cw_status cw_store_entry_key (struct cw_store *store,
                                   const struct cw_store_entry *entry,
                                   const struct cw_pin_source *pin,
                                   struct cw_key **key,
                                   struct cw_diags *diags);
/* Whether CRT is the certificate of ENTRY's key.  A key file is read and
   compared; a token key, which its token would open only with its PIN,
   through the public key of the entry's request, which is its own. */
bool cw_store_entry_key_fits (struct cw_store *store,
                              const struct cw_store_entry *entry,
                              gnutls_x509_crt_t crt);

/* The wizard's draft: a record of what was typed, at the top of the
   store (never a key or a password).  Saved atomically, 0600, under the
   lock, making the store when missing; replaced each time. */
enum cw_status cw_store_draft_save (struct cw_store *store,
                                    const struct cw_record *draft,
                                    struct cw_diags *diags);
/* Fills DRAFT (empty) with the saved draft; false when there is none or
   it is not one of ours (not a plain file of this user, too large,
   unreadable). */
bool cw_store_draft_load (struct cw_store *store, struct cw_record *draft);
/* Removes the draft, if any. */
void cw_store_draft_discard (struct cw_store *store);

#endif
