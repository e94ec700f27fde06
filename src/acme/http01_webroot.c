/* http-01 through the web server already running: the answer is a file
   in DIR/.well-known/acme-challenge/, world-readable (0644) since the
   server's workers are often another user, removed afterwards with the
   folders certwiz made. */
#include <config.h>

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "acme/solver.h"
#include "base/atomicfile.h"
#include "base/i18n.h"
#include "base/xalloc.h"

struct webroot
{
  bool made_well_known;
  bool made_challenge;
};

static char *
challenge_dir (const struct cw_acme_solver *s, bool well_known_only)
{
  return xasprintf ("%s/.well-known%s", s->options->webroot,
                    well_known_only ? "" : "/acme-challenge");
}

static enum cw_status
folder_error (const char *path, int err, struct cw_diags *diags)
{
  cw_diag_add (diags, CW_ERROR, "acme-webroot", "webroot",
               _("The challenge cannot be written in \"%s\": %s. Give the "
                 "folder your web server serves for these names, one "
                 "certwiz may write in."), path, strerror (err));
  return CW_FAILED;
}

static bool
make_folder (const char *path, bool *made)
{
  if (mkdir (path, 0755) == 0)
    {
      /* Readable by the web server's workers whatever the umask. */
      chmod (path, 0755);
      *made = true;
      return true;
    }
  return errno == EEXIST;
}

static enum cw_status
webroot_start (struct cw_acme_solver *s, struct cw_diags *diags)
{
  struct stat st;
  if (stat (s->options->webroot, &st) < 0 || !S_ISDIR (st.st_mode))
    return folder_error (s->options->webroot, errno ? errno : ENOTDIR,
                         diags);
  struct webroot *w = xcalloc (1, sizeof *w);
  s->state = w;
  char *wk = challenge_dir (s, true), *dir = challenge_dir (s, false);
  enum cw_status status = CW_OK;
  if (!make_folder (wk, &w->made_well_known))
    status = folder_error (wk, errno, diags);
  else if (!make_folder (dir, &w->made_challenge))
    status = folder_error (dir, errno, diags);
  free (wk), free (dir);
  return status;
}

static char *
token_path (const struct cw_acme_solver *s, const struct cw_acme_authz *a)
{
  return xasprintf ("%s/.well-known/acme-challenge/%s", s->options->webroot,
                    a->token);
}

static enum cw_status
webroot_deploy (struct cw_acme_solver *s, const struct cw_acme_authz *a,
                struct cw_diags *diags)
{
  char *path = token_path (s, a);
  int err = cw_write_file_atomic (path, a->key_authorization,
                                  strlen (a->key_authorization), 0644, true);
  enum cw_status status = err ? folder_error (path, err, diags) : CW_OK;
  free (path);
  return status;
}

static void
webroot_cleanup (struct cw_acme_solver *s, const struct cw_acme_authz *a)
{
  char *path = token_path (s, a);
  unlink (path);
  free (path);
}

static void
webroot_stop (struct cw_acme_solver *s)
{
  struct webroot *w = s->state;
  if (!w)
    return;
  char *wk = challenge_dir (s, true), *dir = challenge_dir (s, false);
  /* Only what certwiz made, and only when empty. */
  if (w->made_challenge)
    rmdir (dir);
  if (w->made_well_known)
    rmdir (wk);
  free (wk), free (dir);
  free (w);
  s->state = NULL;
}

const struct cw_acme_solver_kind cw_solver_webroot = {
  "webroot", "http-01", webroot_start, webroot_deploy, NULL,
  webroot_cleanup, webroot_stop
};
