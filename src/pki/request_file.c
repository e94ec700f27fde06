/* One delivery of a request: the PKCS#10 file the user sends to a CA. */
#include <config.h>

#include "pki/request.h"

#include <errno.h>
#include <libgen.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "base/atomicfile.h"
#include "base/i18n.h"
#include "base/xalloc.h"
#include "store/store.h"

/* The part of a host name usable as a file name. */
static char *
file_stem (const struct cw_names *names)
{
  const char *name = names->sans.count ? names->sans.items[0].name : NULL;
  if (!name)
    name = cw_subject_cn (&names->subject);
  if (!name || !*name)
    return xstrdup ("certwiz-request");
  char *stem = xasprintf ("%s%s", strncmp (name, "*.", 2) == 0
                                    ? "wildcard" : "", name + (*name == '*'));
  for (char *p = stem; *p; p++)
    if (!strchr ("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"
                 "0123456789.-_", *p))
      *p = '_';
  return stem;
}

char *
cw_request_default_path (const struct cw_names *names)
{
  char *stem = file_stem (names);
  char *path = xasprintf ("%s.req", stem);
  for (int i = 2; access (path, F_OK) == 0 && i < 1000; i++)
    {
      free (path);
      path = xasprintf ("%s-%d.req", stem, i);
    }
  free (stem);
  return path;
}

/* Refuses early what would fail after the key is made. */
static enum cw_status
check_folder (const char *path, struct cw_diags *diags)
{
  char *copy = xstrdup (path);
  const char *folder = dirname (copy);
  enum cw_status status = CW_OK;
  if (access (folder, W_OK | X_OK) < 0)
    {
      if (errno == ENOENT)
        cw_diag_add (diags, CW_ERROR, "out-folder", "out",
                     _("The request cannot be written to \"%s\": the folder "
                       "\"%s\" does not exist. Create it, or choose another "
                       "place."), path, folder);
      else
        cw_diag_add (diags, CW_ERROR, "out-folder", "out",
                     _("The request cannot be written to \"%s\": you may not "
                       "write in the folder \"%s\". Choose a folder of your "
                       "own."), path, folder);
      status = CW_REFUSED;
    }
  free (copy);
  return status;
}

enum cw_status
cw_request_choose_file (struct cw_request *request, struct cw_diags *diags)
{
  const struct cw_request_options *options = request->options;
  free (request->out_path);
  request->out_path = options->out ? xstrdup (options->out)
                                   : cw_request_default_path (&request->names);
  struct stat st;
  if (options->force || lstat (request->out_path, &st) < 0)
    return check_folder (request->out_path, diags);
  cw_diag_add (diags, CW_ERROR, "out-exists", "out",
               _("The file \"%s\" already exists and was left as it is. "
                 "Choose another file name, or replace it on purpose."),
               request->out_path);
  return CW_REFUSED;
}

enum cw_status
cw_request_write_file (struct cw_request *request, struct cw_store *store,
                       struct cw_diags *diags)
{
  /* A request is public: it follows the umask like any document. */
  int err = cw_write_file_atomic (request->out_path, request->pem.data,
                                  request->pem.size,
                                  0666 & ~cw_current_umask (),
                                  request->options->force);
  if (!err)
    return CW_OK;
  char *kept = cw_store_request_path (store, request->id);
  cw_diag_add (diags, CW_ERROR, "out-write", "out",
               _("The request could not be written to \"%s\": %s. The key "
                 "and the request are safe in the store; copy the request "
                 "from \"%s\"."), request->out_path, strerror (err), kept);
  free (kept);
  return CW_FAILED;
}
