/* certwiz's store: the folder where private keys live beside their
   requests and, later, their certificates.

   Layout (all folders 0700, all files 0600):
     .lock                 taken by every process that changes the store
     pending/<key-id>/     a request waiting for its certificate:
                           key.pem, request.pem, record
     tmp/                  entries being written; leftovers of an
                           interrupted write are removed on the next change

   An entry is written whole in tmp/ and renamed into place, so it is
   either complete or absent, whatever happens. */
#ifndef CERTWIZ_STORE_H
#define CERTWIZ_STORE_H

#include <stdbool.h>
#include <stddef.h>

#include "diag.h"
#include "status.h"

#define CW_STORE_PENDING "pending"

struct cw_store
{
  char *path;
  int dirfd;
  int lockfd;
};

struct cw_store_file
{
  const char *name;
  const void *data;
  size_t len;
};

/* OPTION (--store), else $CERTWIZ_STORE, else $XDG_DATA_HOME/certwiz,
   else ~/.local/share/certwiz.  NULL when none can be found. */
char *cw_store_locate (const char *option);

/* Opens the store at PATH, creating it (and missing parents) 0700.
   Refuses a store that group or others can reach or that another user
   owns, saying how to fix it. */
enum cw_status cw_store_open (struct cw_store *store, const char *path,
                              struct cw_diags *diags);
void cw_store_close (struct cw_store *store);

/* Takes the store's lock (waiting for another certwiz to finish) and
   clears what an interrupted write left in tmp/. */
enum cw_status cw_store_lock (struct cw_store *store, struct cw_diags *diags);
void cw_store_unlock (struct cw_store *store);

/* Writes FILES as the new entry AREA/ID (e.g. "pending", key id), all
   or nothing.  The store must be locked. */
enum cw_status cw_store_put (struct cw_store *store, const char *area,
                             const char *id,
                             const struct cw_store_file *files, size_t count,
                             struct cw_diags *diags);

/* The path of AREA/ID/NAME inside the store (owned by the caller). */
char *cw_store_entry_path (const struct cw_store *store, const char *area,
                           const char *id, const char *name);

#endif
