#include <config.h>

#include "store/store.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include "base/atomicfile.h"
#include "store/private.h"
#include "base/i18n.h"
#include "base/xalloc.h"

#define STORE_LOCK ".lock"

static const char *const areas[] = { CW_STORE_PENDING, CW_STORE_INSTALLED,
                                     CW_STORE_TMP };

const char *
cw_store_system (void)
{
  const char *env = getenv ("CERTWIZ_SYSTEM_STORE");
  return env && *env ? env : "/var/lib/certwiz";
}

static char *
user_store (void)
{
  const char *xdg = getenv ("XDG_DATA_HOME");
  const char *home = getenv ("HOME");
  /* The XDG specification ignores relative paths. */
  if (xdg && xdg[0] == '/')
    return xasprintf ("%s/certwiz", xdg);
  if (home && *home)
    return xasprintf ("%s/.local/share/certwiz", home);
  return NULL;
}

static bool
exists (const char *path)
{
  struct stat st;
  return lstat (path, &st) == 0;
}

char *
cw_store_locate_as (const char *option, bool root, bool *in_home)
{
  const char *env = getenv ("CERTWIZ_STORE");
  *in_home = false;
  if (option && *option)
    return xstrdup (option);
  if (env && *env)
    return xstrdup (env);
  if (!root)
    return user_store ();
  char *old = user_store ();
  if (old && !exists (cw_store_system ()) && exists (old))
    {
      *in_home = true;
      return old;
    }
  free (old);
  return xstrdup (cw_store_system ());
}

char *
cw_store_locate (const char *option)
{
  bool in_home;
  return cw_store_locate_as (option, geteuid () == 0, &in_home);
}

enum cw_status
cw_store_io_error (struct cw_diags *diags, int err, const char *path)
{
  cw_diag_add (diags, CW_ERROR, "store-io", "store",
               _("Cannot use the store \"%s\": %s. Check that the disk is "
                 "not full and that you may write there, or choose another "
                 "store."), path, strerror (err));
  return CW_FAILED;
}

/* mkdir -p, giving every folder it creates mode 0700. */
static int
make_folders (const char *path)
{
  char *copy = xstrdup (path);
  int err = 0;
  for (char *p = copy + 1; !err; p++)
    {
      bool end = *p == '\0';
      if (*p != '/' && !end)
        continue;
      *p = '\0';
      if (mkdir (copy, 0700) < 0 && errno != EEXIST)
        err = errno;
      if (end)
        break;
      *p = '/';
    }
  free (copy);
  return err;
}

static enum cw_status
check_private (const struct stat *st, const char *path,
               struct cw_diags *diags)
{
  if (!S_ISDIR (st->st_mode))
    {
      cw_diag_add (diags, CW_ERROR, "store-not-folder", "store",
                   _("The store \"%s\" is not a folder. Remove or rename it, "
                     "or choose another store."), path);
      return CW_REFUSED;
    }
  if (st->st_uid != geteuid ())
    {
      cw_diag_add (diags, CW_ERROR, "store-owner", "store",
                   _("The store \"%s\" belongs to another user, who could "
                     "read its private keys. Use a store of your own."),
                   path);
      return CW_REFUSED;
    }
  if (st->st_mode & 077)
    {
      cw_diag_add (diags, CW_ERROR, "store-permissions", "store",
                   _("The store \"%s\" can be read by other users, and it "
                     "holds private keys. Make it private with: chmod 700 "
                     "'%s'"), path, path);
      return CW_REFUSED;
    }
  return CW_OK;
}

static enum cw_status
open_areas (struct cw_store *store, struct cw_diags *diags)
{
  for (size_t i = 0; i < sizeof areas / sizeof areas[0]; i++)
    if (mkdirat (store->dirfd, areas[i], 0700) < 0 && errno != EEXIST)
      return cw_store_io_error (diags, errno, store->path);
  return CW_OK;
}

/* Opens the existing folder STORE->path, or makes it first when MAKE. */
static enum cw_status
open_folder (struct cw_store *store, bool make, struct cw_diags *diags)
{
  int err = make ? make_folders (store->path) : 0;
  if (err)
    return cw_store_io_error (diags, err, store->path);
  int fd = open (store->path, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (fd < 0)
    return cw_store_io_error (diags, errno, store->path);
  struct stat st;
  enum cw_status status = fstat (fd, &st) < 0
    ? cw_store_io_error (diags, errno, store->path)
    : check_private (&st, store->path, diags);
  if (status != CW_OK)
    {
      close (fd);
      return status;
    }
  store->dirfd = fd;
  return open_areas (store, diags);
}

enum cw_status
cw_store_open (struct cw_store **store, const char *option,
               struct cw_diags *diags)
{
  *store = NULL;
  bool in_home;
  char *path = cw_store_locate_as (option, geteuid () == 0, &in_home);
  if (in_home)
    cw_diag_add (diags, CW_WARNING, "store-in-home", "store",
                 _("root's store is now %s: services and renewals belong to "
                   "the machine. The store in root's home, %s, is used until "
                   "it is moved there: mv %s %s"), cw_store_system (), path,
                 path, cw_store_system ());
  if (!path)
    {
      cw_diag_add (diags, CW_ERROR, "store-unknown", "store",
                   _("No place for the store was found: HOME is not set. "
                     "Name a store folder, or set CERTWIZ_STORE to one."));
      return CW_REFUSED;
    }
  struct cw_store *s = xcalloc (1, sizeof *s);
  *s = (struct cw_store) { path, -1, -1, 0 };
  struct stat st;
  enum cw_status status = CW_OK;
  /* A store that is not there yet is made by the first change. */
  if (stat (path, &st) == 0 || errno != ENOENT)
    status = open_folder (s, false, diags);
  if (status != CW_OK)
    {
      cw_store_close (s);
      return status;
    }
  *store = s;
  return CW_OK;
}

enum cw_status
cw_store_ready (struct cw_store *store, struct cw_diags *diags)
{
  return store->dirfd >= 0 ? CW_OK : open_folder (store, true, diags);
}

bool
cw_store_present (const struct cw_store *store)
{
  return store->dirfd >= 0;
}

const char *
cw_store_path (const struct cw_store *store)
{
  return store->path;
}

void
cw_store_close (struct cw_store *store)
{
  if (!store)
    return;
  if (store->lockfd >= 0)
    close (store->lockfd);
  if (store->dirfd >= 0)
    close (store->dirfd);
  free (store->path);
  free (store);
}

int
cw_store_each_name (int dirfd, const char *sub,
                    void (*each) (int fd, const char *name, void *state),
                    void *state)
{
  int fd = openat (dirfd, sub, O_RDONLY | O_DIRECTORY | O_NOFOLLOW
                               | O_CLOEXEC);
  DIR *dir = fd >= 0 ? fdopendir (fd) : NULL;
  if (!dir)
    {
      int err = errno;
      if (fd >= 0)
        close (fd);
      return err;
    }
  struct dirent *e;
  while ((e = readdir (dir)))
    if (strcmp (e->d_name, ".") && strcmp (e->d_name, ".."))
      each (fd, e->d_name, state);
  closedir (dir);
  return 0;
}

static void
unlink_file (int fd, const char *name, void *state)
{
  (void) state;
  unlinkat (fd, name, 0);
}

/* Removes a folder of tmp/ and the plain files in it. */
void
cw_store_remove_tree (int tmpfd, const char *name)
{
  cw_store_each_name (tmpfd, name, unlink_file, NULL);
  if (unlinkat (tmpfd, name, AT_REMOVEDIR) < 0)
    unlinkat (tmpfd, name, 0);
}

static void
remove_leftover (int fd, const char *name, void *state)
{
  (void) state;
  cw_store_remove_tree (fd, name);
}

/* 0 once the lock is held, else an errno value (EWOULDBLOCK: another
   certwiz holds it and WAIT was false). */
static int
take_lock (struct cw_store *store, bool wait)
{
  if (store->lockfd >= 0)
    {
      store->lock_depth++;
      return 0;
    }
  store->lockfd = openat (store->dirfd, STORE_LOCK,
                          O_RDWR | O_CREAT | O_NOFOLLOW | O_CLOEXEC, 0600);
  if (store->lockfd < 0)
    return errno;
  while (flock (store->lockfd, LOCK_EX | (wait ? 0 : LOCK_NB)) < 0)
    if (errno != EINTR)
      {
        int err = errno;
        close (store->lockfd);
        store->lockfd = -1;
        return err;
      }
  store->lock_depth = 1;
  cw_store_each_name (store->dirfd, CW_STORE_TMP, remove_leftover, NULL);
  return 0;
}

/* A store opened private may have been opened to others since: every
   change looks again. */
static enum cw_status
still_private (struct cw_store *store, struct cw_diags *diags)
{
  struct stat st;
  if (fstat (store->dirfd, &st) < 0)
    return cw_store_io_error (diags, errno, store->path);
  return check_private (&st, store->path, diags);
}

enum cw_status
cw_store_lock (struct cw_store *store, struct cw_diags *diags)
{
  enum cw_status status = cw_store_ready (store, diags);
  if (status == CW_OK && store->lockfd < 0)
    status = still_private (store, diags);
  if (status != CW_OK)
    return status;
  int err = take_lock (store, true);
  return err ? cw_store_io_error (diags, err, store->path) : CW_OK;
}

bool
cw_store_try_lock (struct cw_store *store)
{
  return store->dirfd >= 0 && take_lock (store, false) == 0;
}

void
cw_store_unlock (struct cw_store *store)
{
  if (store->lockfd < 0 || --store->lock_depth > 0)
    return;
  close (store->lockfd);
  store->lockfd = -1;
}

static int
make_temporary_entry (struct cw_store *store, int *tmpfd, char **name)
{
  *tmpfd = openat (store->dirfd, CW_STORE_TMP, O_RDONLY | O_DIRECTORY
                                            | O_NOFOLLOW | O_CLOEXEC);
  if (*tmpfd < 0)
    return errno;
  *name = xasprintf ("%ld", (long) getpid ());
  if (mkdirat (*tmpfd, *name, 0700) < 0)
    return errno;
  return 0;
}

static int
write_files (int tmpfd, const char *name, const struct cw_store_file *files,
             size_t count)
{
  int fd = openat (tmpfd, name, O_RDONLY | O_DIRECTORY | O_NOFOLLOW
                                | O_CLOEXEC);
  if (fd < 0)
    return errno;
  struct cw_new_file *batch = xcalloc (count ? count : 1, sizeof *batch);
  for (size_t i = 0; i < count; i++)
    batch[i] = (struct cw_new_file) { files[i].name, files[i].data,
                                      files[i].len, 0600 };
  int err = cw_write_new_files_at (fd, batch, count);
  free (batch);
  if (!err)
    err = cw_fsync_dir (fd);
  close (fd);
  return err;
}

static int
move_into_area (struct cw_store *store, int tmpfd, const char *name,
                const char *area, const char *id)
{
  int areafd = openat (store->dirfd, area, O_RDONLY | O_DIRECTORY
                                           | O_NOFOLLOW | O_CLOEXEC);
  if (areafd < 0)
    return errno;
  int err = cw_rename_noreplace_at (tmpfd, name, areafd, id);
  /* An entry that may not last goes back to tmp/: a failure leaves the
     area as it was. */
  if (!err && (err = cw_fsync_dir (areafd)) != 0)
    cw_rename_noreplace_at (areafd, id, tmpfd, name);
  close (areafd);
  return err;
}

enum cw_status
cw_store_put (struct cw_store *store, const char *area, const char *id,
              const struct cw_store_file *files, size_t count,
              struct cw_diags *diags)
{
  int tmpfd = -1;
  char *name = NULL;
  int err = make_temporary_entry (store, &tmpfd, &name);
  if (!err)
    err = write_files (tmpfd, name, files, count);
  if (!err)
    err = move_into_area (store, tmpfd, name, area, id);
  if (err && tmpfd >= 0)
    cw_store_remove_tree (tmpfd, name);
  if (tmpfd >= 0)
    close (tmpfd);
  free (name);
  return err ? cw_store_io_error (diags, err, store->path) : CW_OK;
}

char *
cw_store_entry_path (const struct cw_store *store, const char *area,
                     const char *id, const char *name)
{
  return xasprintf ("%s/%s/%s/%s", store->path, area, id, name);
}

char *
cw_store_request_path (const struct cw_store *store, const char *id)
{
  return cw_store_entry_path (store, CW_STORE_PENDING, id, "request.pem");
}

