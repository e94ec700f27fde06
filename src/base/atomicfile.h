/* Writing files so that a crash, a full disk or a second certwiz never
   leaves a half-written or silently replaced file: a temporary name
   beside the target, fsync, rename, then fsync of the folder. */
#ifndef CERTWIZ_ATOMICFILE_H
#define CERTWIZ_ATOMICFILE_H

#include <stdbool.h>
#include <stddef.h>
#include <sys/types.h>

/* Writes DATA to PATH.  Without OVERWRITE an existing PATH (even one
   created meanwhile by another process) is never replaced: EEXIST.  MODE
   is applied exactly, whatever the umask.  Returns 0 or an errno value;
   on failure PATH is as it was and no temporary file is left. */
int cw_write_file_atomic (const char *path, const void *data, size_t len,
                          mode_t mode, bool overwrite);

/* Creates NAME in DIRFD, which must not exist yet, never following a
   symbolic link, with exactly MODE, and writes and fsyncs DATA.
   Returns 0 or an errno value; a failed file is removed. */
int cw_write_new_file_at (int dirfd, const char *name, const void *data,
                          size_t len, mode_t mode);

struct cw_new_file
{
  const char *name;
  const void *data;
  size_t len;
  mode_t mode;
};

/* cw_write_new_file_at for COUNT files at once, quicker than one by one.
   On failure none of them is left. */
int cw_write_new_files_at (int dirfd, const struct cw_new_file *files,
                           size_t count);

/* Writes all LEN bytes of DATA to FD, again after a signal; 0 or an
   errno value. */
int cw_write_all (int fd, const void *data, size_t len);

/* Renames FROM to TO within DIRFD unless TO exists (EEXIST). */
int cw_rename_noreplace_at (int from_dirfd, const char *from, int to_dirfd,
                            const char *to);

/* Makes a rename or creation in DIRFD durable. */
int cw_fsync_dir (int dirfd);

/* The umask in effect, without changing it for long. */
mode_t cw_current_umask (void);

#endif
