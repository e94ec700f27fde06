#include <config.h>

#include "base/atomicfile.h"

#include <errno.h>
#include <fcntl.h>
#include <libgen.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "base/xalloc.h"

int
cw_write_all (int fd, const void *data, size_t len)
{
  const char *p = data;
  while (len > 0)
    {
      ssize_t n = write (fd, p, len);
      if (n < 0)
        {
          if (errno == EINTR)
            continue;
          return errno;
        }
      p += n;
      len -= (size_t) n;
    }
  return 0;
}

static void
start_writeback (int fd)
{
#ifdef SYNC_FILE_RANGE_WRITE
  sync_file_range (fd, 0, 0, SYNC_FILE_RANGE_WRITE);
#else
  (void) fd;
#endif
}

/* Writes, fixes the mode and flushes an open file; closes it. */
static int
fill_and_close (int fd, const void *data, size_t len, mode_t mode)
{
  int err = fchmod (fd, mode) < 0 ? errno : 0;
  if (!err)
    err = cw_write_all (fd, data, len);
  if (!err && fsync (fd) < 0)
    err = errno;
  if (close (fd) < 0 && !err)
    err = errno;
  return err;
}

int
cw_write_new_file_at (int dirfd, const char *name, const void *data,
                      size_t len, mode_t mode)
{
  int fd = openat (dirfd, name,
                   O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC,
                   mode & 0600);
  if (fd < 0)
    return errno;
  int err = fill_and_close (fd, data, len, mode);
  if (err)
    unlinkat (dirfd, name, 0);
  return err;
}

/* Writes every file before flushing any: the data of all is sent to the
   disk at once, so that the first fsync's journal commit carries them
   all and the others find little left to do (one commit, not one per
   file, on ext4 and XFS). */
int
cw_write_new_files_at (int dirfd, const struct cw_new_file *files,
                       size_t count)
{
  int *fds = xcalloc (count ? count : 1, sizeof *fds);
  size_t opened = 0;
  int err = 0;
  for (size_t i = 0; i < count && !err; i++)
    {
      int fd = openat (dirfd, files[i].name,
                       O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC,
                       files[i].mode & 0600);
      if (fd < 0)
        {
          err = errno;
          break;
        }
      fds[opened++] = fd;
      err = fchmod (fd, files[i].mode) < 0 ? errno : 0;
      if (!err)
        err = cw_write_all (fd, files[i].data, files[i].len);
    }
  for (size_t i = 0; i < opened && !err; i++)
    start_writeback (fds[i]);
  for (size_t i = 0; i < opened && !err; i++)
    if (fsync (fds[i]) < 0)
      err = errno;
  for (size_t i = 0; i < opened; i++)
    if (close (fds[i]) < 0 && !err)
      err = errno;
  for (size_t i = 0; i < opened && err; i++)
    unlinkat (dirfd, files[i].name, 0);
  free (fds);
  return err;
}

int
cw_rename_noreplace_at (int from_dirfd, const char *from, int to_dirfd,
                        const char *to)
{
  if (renameat2 (from_dirfd, from, to_dirfd, to, RENAME_NOREPLACE) == 0)
    return 0;
  if (errno != EINVAL && errno != ENOSYS)
    return errno;
  /* File systems without RENAME_NOREPLACE: link() fails on an existing
     name just as atomically. */
  if (linkat (from_dirfd, from, to_dirfd, to, 0) < 0)
    return errno;
  unlinkat (from_dirfd, from, 0);
  return 0;
}

int
cw_fsync_dir (int dirfd)
{
  if (fsync (dirfd) < 0 && errno != EINVAL)
    return errno;
  return 0;
}

mode_t
cw_current_umask (void)
{
  mode_t mask = umask (077);
  umask (mask);
  return mask;
}

/* Opens the folder PATH lives in and gives the name inside it. */
static int
open_parent (const char *path, int *dirfd, char **base)
{
  char *copy = xstrdup (path);
  char *copy2 = xstrdup (path);
  *dirfd = open (dirname (copy), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  int err = *dirfd < 0 ? errno : 0;
  *base = xstrdup (basename (copy2));
  free (copy);
  free (copy2);
  return err;
}

static int
write_temporary (int dirfd, const char *base, const void *data, size_t len,
                 mode_t mode, char **tmpname)
{
  for (int attempt = 0; attempt < 100; attempt++)
    {
      *tmpname = xasprintf (".%s.%ld.%d.tmp", base, (long) getpid (),
                            rand ());
      int err = cw_write_new_file_at (dirfd, *tmpname, data, len, mode);
      if (err != EEXIST)
        return err;
      free (*tmpname);
    }
  *tmpname = NULL;
  return EEXIST;
}

/* Before BASE is replaced, links it as *KEPT (beside the temporary
   TMPNAME) so that a failure can put it back.  *EXISTED says whether
   there was a BASE.  A file system without hard links cannot keep it:
   *KEPT is then NULL and the replacement cannot be undone. */
static int
keep_replaced (int dirfd, const char *base, const char *tmpname,
               char **kept, bool *existed)
{
  *kept = xasprintf ("%s.old", tmpname);
  if (linkat (dirfd, base, dirfd, *kept, 0) == 0)
    {
      *existed = true;
      return 0;
    }
  int err = errno;
  free (*kept);
  *kept = NULL;
  *existed = err != ENOENT;
  return err == ENOENT || err == EPERM || err == EOPNOTSUPP || err == EMLINK
         ? 0 : err;
}

/* Once BASE is in place, syncs the folder; when that fails BASE may not
   last, so what was there is put back and the failure reported. */
static int
settle (int dirfd, const char *base, const char *kept, bool existed)
{
  int err = cw_fsync_dir (dirfd);
  if (!err)
    return 0;
  if (kept)
    renameat (dirfd, kept, dirfd, base);
  else if (!existed)
    unlinkat (dirfd, base, 0);
  cw_fsync_dir (dirfd);
  return err;
}

int
cw_write_file_atomic (const char *path, const void *data, size_t len,
                      mode_t mode, bool overwrite)
{
  int dirfd;
  char *base, *tmpname = NULL, *kept = NULL;
  bool existed = false;
  int err = open_parent (path, &dirfd, &base);
  if (!err)
    err = write_temporary (dirfd, base, data, len, mode, &tmpname);
  if (!err && overwrite)
    err = keep_replaced (dirfd, base, tmpname, &kept, &existed);
  if (!err)
    err = overwrite
      ? (renameat (dirfd, tmpname, dirfd, base) < 0 ? errno : 0)
      : cw_rename_noreplace_at (dirfd, tmpname, dirfd, base);
  if (!err)
    err = settle (dirfd, base, kept, existed);
  else if (tmpname)
    unlinkat (dirfd, tmpname, 0);
  if (kept)
    unlinkat (dirfd, kept, 0);
  free (kept);
  if (dirfd >= 0)
    close (dirfd);
  free (tmpname);
  free (base);
  return err;
}
