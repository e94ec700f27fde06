/* Reading, finding, changing and removing the store's entries. */
#include <config.h>

#include "store/store.h"

#include <ctype.h>
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "base/atomicfile.h"
#include "pki/certset.h"
#include "base/i18n.h"
#include "store/private.h"
#include "base/xalloc.h"

#define ID_MIN_DIGITS 4

static int
open_area (struct cw_store *store, const char *area)
{
  return openat (store->dirfd, area, O_RDONLY | O_DIRECTORY | O_NOFOLLOW
                                     | O_CLOEXEC);
}

static bool
load_record (struct cw_store *store, const char *area, const char *id,
             struct cw_record *record)
{
  gnutls_datum_t data;
  struct cw_diags ignored = CW_DIAGS_INIT;
  bool ok = cw_store_read (store, area, id, "record", &data, false,
                           &ignored) == CW_OK;
  cw_diags_free (&ignored);
  if (!ok)
    return false;
  char *text = xstrndup ((const char *) data.data, data.size);
  ok = cw_record_parse (text, record);
  free (text);
  free (data.data);
  return ok;
}

static bool
load_entry (struct cw_store *store, const char *area, const char *id,
            struct cw_store_entry *entry)
{
  *entry = (struct cw_store_entry) { area, xstrdup (id), CW_RECORD_INIT,
                                     false };
  if (!load_record (store, area, id, &entry->record))
    {
      cw_store_entry_free (entry);
      return false;
    }
  char *key = xasprintf ("%s/%s/" CW_STORE_KEY_FILE, area, id);
  entry->has_key = faccessat (store->dirfd, key, F_OK, AT_SYMLINK_NOFOLLOW)
                     == 0
                   || cw_record_get (&entry->record, "key-uri") != NULL;
  free (key);
  return true;
}

bool
cw_store_has (struct cw_store *store, const char *area, const char *id)
{
  if (!cw_store_present (store))
    return false;
  char *path = xasprintf ("%s/%s", area, id);
  bool exists = faccessat (store->dirfd, path, F_OK, AT_SYMLINK_NOFOLLOW)
                == 0;
  free (path);
  return exists;
}

enum cw_status
cw_store_get (struct cw_store *store, const char *area, const char *id,
              struct cw_store_entry *entry, struct cw_diags *diags)
{
  if (load_entry (store, area, id, entry))
    return CW_OK;
  cw_diag_add (diags, CW_ERROR, "store-entry-damaged", "store",
               _("The entry %s/%s of the store cannot be read. Nothing was "
                 "changed. Look into %s/%s/%s."), area, id, store->path,
               area, id);
  return CW_FAILED;
}

void
cw_store_entries_append (struct cw_store_entries *entries,
                         struct cw_store_entry *entry)
{
  if (entries->count == entries->capacity)
    {
      entries->capacity = entries->capacity ? 2 * entries->capacity : 16;
      entries->items = xreallocarray (entries->items, entries->capacity,
                                      sizeof *entries->items);
    }
  entries->items[entries->count++] = *entry;
}

struct listing_walk
{
  struct cw_store *store;
  const char *area;
  struct cw_store_entries *entries;
  struct cw_diags *diags;
};

/* Whether AREA/ID is still in the store: another certwiz may have moved
   or removed it since the folder was read, which is no damage. */
static bool
still_there (struct cw_store *store, const char *area, const char *id)
{
  char *path = xasprintf ("%s/%s", area, id);
  bool there = faccessat (store->dirfd, path, F_OK, AT_SYMLINK_NOFOLLOW) == 0
               || errno != ENOENT;
  free (path);
  return there;
}

bool
cw_store_load_entry (struct cw_store *store, const char *area,
                     const char *id, struct cw_store_entry *entry,
                     struct cw_diags *diags)
{
  if (load_entry (store, area, id, entry))
    return true;
  if (still_there (store, area, id))
    cw_diag_add (diags, CW_WARNING, "store-entry-unreadable", "store",
                 _("The entry %s/%s of the store has no readable record and "
                   "was skipped. Look into %s/%s/%s and remove it if it is "
                   "not needed."), area, id, store->path, area, id);
  return false;
}

static void
list_one (int fd, const char *name, void *state)
{
  struct listing_walk *walk = state;
  struct cw_store_entry entry;
  (void) fd;
  if (name[0] != '.'
      && cw_store_load_entry (walk->store, walk->area, name, &entry,
                              walk->diags))
    cw_store_entries_append (walk->entries, &entry);
}

enum cw_status
cw_store_list (struct cw_store *store, const char *area,
               struct cw_store_entries *entries, struct cw_diags *diags)
{
  if (!cw_store_present (store))
    return CW_OK;
  struct listing_walk walk = { store, area, entries, diags };
  int err = cw_store_each_name (store->dirfd, area, list_one, &walk);
  return err ? cw_store_io_error (diags, err, store->path) : CW_OK;
}

void
cw_store_entry_free (struct cw_store_entry *entry)
{
  free (entry->id);
  cw_record_free (&entry->record);
  entry->id = NULL;
}

void
cw_store_entries_free (struct cw_store_entries *entries)
{
  for (size_t i = 0; i < entries->count; i++)
    cw_store_entry_free (&entries->items[i]);
  free (entries->items);
  *entries = (struct cw_store_entries) CW_STORE_ENTRIES_INIT;
}

/* IDs are lower-case hexadecimal; Exchange users paste them upper-case. */
static char *
normalize_id (const char *text)
{
  size_t len = strlen (text);
  if (len < ID_MIN_DIGITS || len > 64)
    return NULL;
  char *id = xstrdup (text);
  for (char *p = id; *p; p++)
    {
      if (!isxdigit ((unsigned char) *p))
        {
          free (id);
          return NULL;
        }
      *p = (char) tolower ((unsigned char) *p);
    }
  return id;
}

struct match_walk
{
  const char *area;
  const char *prefix;
  char **matches;          /* "area/id" each */
  size_t count;
};

static void
match_one (int fd, const char *name, void *state)
{
  struct match_walk *walk = state;
  (void) fd;
  if (name[0] == '.' || strncmp (name, walk->prefix, strlen (walk->prefix)))
    return;
  walk->matches = xreallocarray (walk->matches, walk->count + 1,
                                 sizeof *walk->matches);
  walk->matches[walk->count++] = xasprintf ("%s/%s", walk->area, name);
}

/* Adds to the walk's matches the entries of AREA starting with its
   prefix. */
static void
collect_matches (struct cw_store *store, const char *area,
                 struct match_walk *walk)
{
  walk->area = area;
  cw_store_each_name (store->dirfd, area, match_one, walk);
}

static enum cw_status
report_no_match (const char *text, size_t count, char **matches,
                 struct cw_diags *diags)
{
  if (count == 0)
    {
      cw_diag_add (diags, CW_ERROR, "id-not-found", "id",
                   _("No certificate or pending request here has the ID "
                     "\"%s\". Run certwiz list to see the IDs in this "
                     "store."), text);
      return CW_REFUSED;
    }
  size_t len = 0;
  for (size_t i = 0; i < count; i++)
    len += strlen (matches[i]) + 2;
  char *list = xcalloc (1, len + 1);
  for (size_t i = 0; i < count; i++)
    strcat (strcat (list, i ? ", " : ""), strchr (matches[i], '/') + 1);
  cw_diag_add (diags, CW_ERROR, "id-ambiguous", "id",
               _("The ID \"%s\" fits %zu entries (%s). Type more of its "
                 "digits."), text, count, list);
  free (list);
  return CW_REFUSED;
}

enum cw_status
cw_store_find (struct cw_store *store, const char *text,
               struct cw_store_entry *entry, struct cw_diags *diags)
{
  char *prefix = normalize_id (text);
  if (!prefix)
    {
      cw_diag_add (diags, CW_ERROR, "id-invalid", "id",
                   _("\"%s\" is not an ID. Give the thumbprint of a "
                     "certificate or the ID of a request, or at least its "
                     "first %d hexadecimal digits, as certwiz list shows "
                     "them."), text, ID_MIN_DIGITS);
      return CW_USAGE;
    }
  struct match_walk walk = { NULL, prefix, NULL, 0 };
  if (cw_store_present (store))
    {
      collect_matches (store, CW_STORE_INSTALLED, &walk);
      collect_matches (store, CW_STORE_PENDING, &walk);
    }
  char **matches = walk.matches;
  size_t count = walk.count;
  enum cw_status status = CW_OK;
  if (count != 1)
    status = report_no_match (text, count, matches, diags);
  else
    {
      char *slash = strchr (matches[0], '/');
      *slash = '\0';
      const char *area = strcmp (matches[0], CW_STORE_PENDING) == 0
                           ? CW_STORE_PENDING : CW_STORE_INSTALLED;
      if (!load_entry (store, area, slash + 1, entry))
        status = cw_store_io_error (diags, EIO, store->path);
    }
  for (size_t i = 0; i < count; i++)
    free (matches[i]);
  free (matches);
  free (prefix);
  return status;
}

enum cw_status
cw_store_read (struct cw_store *store, const char *area, const char *id,
               const char *name, gnutls_datum_t *data, bool optional,
               struct cw_diags *diags)
{
  char *relative = xasprintf ("%s/%s/%s", area, id, name);
  int fd = store->dirfd < 0 ? -1 : openat (store->dirfd, relative,
                                           O_RDONLY | O_NOFOLLOW | O_CLOEXEC);
  int err = store->dirfd < 0 ? ENOENT : fd < 0 ? errno : 0;
  free (relative);
  if (fd < 0)
    {
      if (optional && err == ENOENT)
        return CW_REFUSED;
      return cw_store_io_error (diags, err, store->path);
    }
  char *path = cw_store_entry_path (store, area, id, name);
  enum cw_status status = cw_fd_read (fd, path, CW_INPUT_MAX_BYTES, data,
                                      diags);
  free (path);
  close (fd);
  return status;
}

enum cw_status
cw_store_entry_certs (struct cw_store *store,
                      const struct cw_store_entry *entry,
                      struct cw_certs *certs, struct cw_diags *diags)
{
  static const char *const files[] = { "cert.pem", "chain.pem" };
  for (size_t i = 0; i < 2; i++)
    {
      gnutls_datum_t data;
      bool optional = i == 1;
      enum cw_status status = cw_store_read (store, entry->area, entry->id,
                                             files[i], &data, optional,
                                             diags);
      if (status != CW_OK)
        return optional ? CW_OK : status;
      if (data.size > 0)
        status = cw_certs_read (&data, files[i], certs, diags);
      free (data.data);
      if (status != CW_OK)
        return status;
    }
  return CW_OK;
}

/* The new FILE is written whole in tmp/, then renamed over the old one
   in the entry folder FD.  A copy left by an interruption is in tmp/,
   where the next change clears it, never in the entry. */
static int
replace_file (int fd, int tmpfd, const struct cw_store_file *file)
{
  char *staged = xasprintf ("%ld.%s", (long) getpid (), file->name);
  unlinkat (tmpfd, staged, 0);
  int err = cw_write_new_file_at (tmpfd, staged, file->data, file->len,
                                  0600);
  if (!err && renameat (tmpfd, staged, fd, file->name) < 0)
    err = errno;
  if (err)
    unlinkat (tmpfd, staged, 0);
  free (staged);
  return err;
}

/* The name in tmp/ under which an update keeps the file it replaces. */
static char *
kept_name (const struct cw_store_file *file)
{
  return xasprintf ("%ld.%s.old", (long) getpid (), file->name);
}

/* What an update knows of the file a new one replaces. */
enum old_file
{
  OLD_NONE,             /* there was none: undone by removing the new one */
  OLD_KEPT,             /* linked in tmp/: undone by renaming it back */
  OLD_LOST              /* a file system without hard links: not undone */
};

/* Links the file FILE replaces in FD, when there is one, into tmp/. */
static int
keep_old (int fd, int tmpfd, const struct cw_store_file *file,
          enum old_file *old)
{
  char *kept = kept_name (file);
  unlinkat (tmpfd, kept, 0);
  int err = linkat (fd, file->name, tmpfd, kept, 0) == 0 ? 0 : errno;
  free (kept);
  *old = err == 0 ? OLD_KEPT : err == ENOENT ? OLD_NONE : OLD_LOST;
  return err == EPERM || err == EOPNOTSUPP || err == EMLINK || err == ENOENT
         ? 0 : err;
}

/* Puts back what the first COUNT of FILES replaced in FD. */
static void
undo_update (int fd, int tmpfd, const struct cw_store_file *files,
             size_t count, const enum old_file *old)
{
  for (size_t i = count; i-- > 0;)
    {
      char *kept = kept_name (&files[i]);
      if (old[i] == OLD_KEPT)
        renameat (tmpfd, kept, fd, files[i].name);
      else if (old[i] == OLD_NONE)
        unlinkat (fd, files[i].name, 0);
      free (kept);
    }
  cw_fsync_dir (fd);
}

static void
drop_kept (int tmpfd, const struct cw_store_file *files, size_t count)
{
  for (size_t i = 0; i < count; i++)
    {
      char *kept = kept_name (&files[i]);
      unlinkat (tmpfd, kept, 0);
      free (kept);
    }
}

/* Moves FROM_AREA/FROM_ID to TO_AREA/TO_ID and makes it last.  When the
   folders cannot be synced, the entry goes back: a failure leaves it
   where it was, unless even that fails (*MOVED: it is at TO_AREA). */
static int
move_between (struct cw_store *store, const char *from_area,
              const char *from_id, const char *to_area, const char *to_id,
              bool *moved)
{
  int from = open_area (store, from_area);
  int to = open_area (store, to_area);
  int err = from < 0 || to < 0 ? errno : 0;
  *moved = false;
  if (!err)
    err = cw_rename_noreplace_at (from, from_id, to, to_id);
  if (!err)
    {
      *moved = true;
      err = cw_fsync_dir (to);
      if (!err)
        err = cw_fsync_dir (from);
      if (err && cw_rename_noreplace_at (to, to_id, from, from_id) == 0)
        {
          *moved = false;
          cw_fsync_dir (from);
          cw_fsync_dir (to);
        }
    }
  if (from >= 0)
    close (from);
  if (to >= 0)
    close (to);
  return err;
}

enum cw_status
cw_store_update (struct cw_store *store, const char *area, const char *id,
                 const struct cw_store_file *files, size_t count,
                 const char *to_area, const char *to_id,
                 struct cw_diags *diags)
{
  char *relative = xasprintf ("%s/%s", area, id);
  int fd = openat (store->dirfd, relative, O_RDONLY | O_DIRECTORY
                                           | O_NOFOLLOW | O_CLOEXEC);
  free (relative);
  int err = fd < 0 ? errno : 0;
  int tmpfd = err ? -1 : open_area (store, CW_STORE_TMP);
  if (!err && tmpfd < 0)
    err = errno;
  enum old_file *old = xcalloc (count + 1, sizeof *old);
  size_t replaced = 0;
  while (!err && replaced < count)
    {
      err = keep_old (fd, tmpfd, &files[replaced], &old[replaced]);
      if (!err)
        err = replace_file (fd, tmpfd, &files[replaced]);
      if (!err)
        replaced++;
    }
  if (!err)
    err = cw_fsync_dir (fd);
  bool moved = false;
  if (!err && to_area)
    err = move_between (store, area, id, to_area, to_id, &moved);
  /* A failure puts back what was replaced; an entry that could not be
     moved back is whole where it went, and stays so. */
  if (err && !moved && tmpfd >= 0)
    undo_update (fd, tmpfd, files, replaced, old);
  if (tmpfd >= 0)
    {
      drop_kept (tmpfd, files, count);
      close (tmpfd);
    }
  free (old);
  if (fd >= 0)
    close (fd);
  return err ? cw_store_io_error (diags, err, store->path) : CW_OK;
}

enum cw_status
cw_store_move (struct cw_store *store, const char *from_area,
               const char *from_id, const char *to_area, const char *to_id,
               struct cw_diags *diags)
{
  bool moved;
  int err = move_between (store, from_area, from_id, to_area, to_id,
                          &moved);
  return err ? cw_store_io_error (diags, err, store->path) : CW_OK;
}

enum cw_status
cw_store_remove (struct cw_store *store, const char *area, const char *id,
                 struct cw_diags *diags)
{
  char *doomed = xasprintf ("%s.removed.%ld", id, (long) getpid ());
  bool moved;
  int err = move_between (store, area, id, CW_STORE_TMP, doomed, &moved);
  if (!err)
    {
      int tmp = open_area (store, CW_STORE_TMP);
      if (tmp >= 0)
        {
          cw_store_remove_tree (tmp, doomed);
          close (tmp);
        }
    }
  free (doomed);
  return err ? cw_store_io_error (diags, err, store->path) : CW_OK;
}
