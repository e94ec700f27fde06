/* What the store's files share and nothing else uses. */
#ifndef CERTWIZ_STORE_PRIV_H
#define CERTWIZ_STORE_PRIV_H

#include <stdbool.h>

#include "base/diag.h"
#include "base/status.h"

/* The handle of store.h. */
struct cw_store
{
  char *path;
  int dirfd;               /* -1 while the store does not exist */
  int lockfd;              /* -1 unless the lock is held */
  unsigned lock_depth;     /* how many cw_store_lock are not undone */
};

#define CW_STORE_TMP "tmp"
/* An entry's file key, when its key is not on a token. */
#define CW_STORE_KEY_FILE "key.pem"

/* Reports ERR on the store at PATH; returns CW_FAILED. */
enum cw_status cw_store_io_error (struct cw_diags *diags, int err,
                                  const char *path);
/* Calls EACH with every name in the folder SUB of DIRFD except "." and
   "..", with the folder's own descriptor.  Returns 0, or the errno value
   of opening SUB. */
int cw_store_each_name (int dirfd, const char *sub,
                        void (*each) (int fd, const char *name, void *state),
                        void *state);
struct cw_store;
struct cw_store_entry;
struct cw_store_entries;
/* Reads the entry AREA/ID with its record; false, with a warning unless
   another certwiz just moved or removed it, when it cannot be read. */
bool cw_store_load_entry (struct cw_store *store, const char *area,
                          const char *id, struct cw_store_entry *entry,
                          struct cw_diags *diags);
/* Takes ENTRY into ENTRIES. */
void cw_store_entries_append (struct cw_store_entries *entries,
                              struct cw_store_entry *entry);

/* Deletes the folder NAME of DIRFD and the plain files in it. */
void cw_store_remove_tree (int dirfd, const char *name);

#endif
