/* The wizard's draft, kept in the store: written under the lock and
   atomically, 0600, read only when it is a plain file of this user. */
#include <config.h>

#include "store/store.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "base/atomicfile.h"
#include "base/xalloc.h"
#include "pki/certset.h"
#include "store/private.h"

#define DRAFT_NAME "draft"
/* A draft is a few hundred bytes; a larger file is not one of ours. */
#define DRAFT_MAX (64 * 1024)

/* Written in tmp/, then renamed over the draft: whole or not at all. */
static int
write_draft (struct cw_store *store, const char *text)
{
  int tmpfd = openat (store->dirfd, CW_STORE_TMP, O_RDONLY | O_DIRECTORY
                                                  | O_NOFOLLOW | O_CLOEXEC);
  if (tmpfd < 0)
    return errno;
  char *name = xasprintf ("draft.%ld", (long) getpid ());
  unlinkat (tmpfd, name, 0);
  int err = cw_write_new_file_at (tmpfd, name, text, strlen (text), 0600);
  if (!err && renameat (tmpfd, name, store->dirfd, DRAFT_NAME) < 0)
    err = errno;
  if (!err)
    err = cw_fsync_dir (store->dirfd);
  else
    unlinkat (tmpfd, name, 0);
  free (name);
  close (tmpfd);
  return err;
}

enum cw_status
cw_store_draft_save (struct cw_store *store, const struct cw_record *draft,
                     struct cw_diags *diags)
{
  enum cw_status status = cw_store_lock (store, diags);
  if (status != CW_OK)
    return status;
  char *text = cw_record_format (draft);
  int err = write_draft (store, text);
  free (text);
  cw_store_unlock (store);
  return err ? cw_store_io_error (diags, err, store->path) : CW_OK;
}

/* Only a plain file of this user is a draft: never a link, a FIFO that
   would block, or a file someone else put there. */
static bool
usable (const struct stat *st)
{
  return S_ISREG (st->st_mode) && st->st_uid == geteuid ()
         && st->st_size <= DRAFT_MAX;
}

/* The text of FD, or NULL when too large or holding a NUL byte. */
static char *
read_text (int fd)
{
  struct cw_diags diags = CW_DIAGS_INIT;
  gnutls_datum_t data = { NULL, 0 };
  char *text = NULL;
  if (cw_fd_read (fd, DRAFT_NAME, DRAFT_MAX, &data, &diags) == CW_OK
      && !memchr (data.data, '\0', data.size))
    text = xstrndup ((const char *) data.data, data.size);
  free (data.data);
  cw_diags_free (&diags);
  return text;
}

/* Read without the lock: the draft is only ever replaced whole. */
bool
cw_store_draft_load (struct cw_store *store, struct cw_record *draft)
{
  if (!cw_store_present (store))
    return false;
  int fd = openat (store->dirfd, DRAFT_NAME,
                   O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC);
  if (fd < 0)
    return false;
  struct stat st;
  char *text = fstat (fd, &st) == 0 && usable (&st) ? read_text (fd) : NULL;
  close (fd);
  bool parsed = text && cw_record_parse (text, draft);
  free (text);
  if (!parsed)
    cw_record_free (draft);
  return parsed;
}

void
cw_store_draft_discard (struct cw_store *store)
{
  if (!cw_store_present (store))
    return;
  struct cw_diags ignored = CW_DIAGS_INIT;
  if (cw_store_lock (store, &ignored) == CW_OK)
    {
      /* A draft already gone is what the caller wants. */
      unlinkat (store->dirfd, DRAFT_NAME, 0);
      cw_store_unlock (store);
    }
  cw_diags_free (&ignored);
}
