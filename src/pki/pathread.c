/* A file's first certificate with only the certificates of the file
   that can be on its way up (see certread.h). */
#include <config.h>

#include "pki/certread.h"

#include <stdlib.h>

#include "base/xalloc.h"

/* Passes over the file at most: a path is never longer. */
enum { MAX_PASSES = 16 };

struct kept
{
  size_t number;           /* its place in the file, from 0 */
  gnutls_x509_crt_t crt;
};

struct path
{
  struct kept *items;
  size_t count;
};

static bool
is_kept (const struct path *path, size_t number)
{
  for (size_t i = 0; i < path->count; i++)
    if (path->items[i].number == number)
      return true;
  return false;
}

/* Whether CANDIDATE is named as the issuer of a kept certificate that
   is not its own issuer. */
static bool
issues_a_kept_one (const struct path *path, gnutls_x509_crt_t candidate)
{
  for (size_t i = 0; i < path->count; i++)
    {
      gnutls_x509_crt_t kept = path->items[i].crt;
      if (!gnutls_x509_crt_check_issuer (kept, kept)
          && gnutls_x509_crt_check_issuer (kept, candidate))
        return true;
    }
  return false;
}

static void
keep (struct path *path, size_t number, gnutls_x509_crt_t crt)
{
  path->items = xreallocarray (path->items, path->count + 1,
                               sizeof *path->items);
  path->items[path->count++] = (struct kept) { number, crt };
}

struct pass
{
  struct path *path;
  bool added;
};

/* Keeps the first certificate and the issuers of the kept ones. */
static bool
keep_if_on_path (gnutls_x509_crt_t crt, size_t number, void *state)
{
  struct pass *p = state;
  if (is_kept (p->path, number)
      || (number > 0 && !issues_a_kept_one (p->path, crt)))
    return false;
  keep (p->path, number, crt);
  p->added = true;
  return true;
}

/* One pass over DATA; *ADDED says whether any was kept. */
static enum cw_status
pass (const gnutls_datum_t *data, const char *file, struct path *path,
      bool *added, struct cw_diags *diags)
{
  struct pass p = { path, false };
  enum cw_status status = cw_certs_each (data, file, keep_if_on_path, &p,
                                         diags);
  *added = p.added;
  return status;
}

static int
by_number (const void *a, const void *b)
{
  const struct kept *x = a, *y = b;
  return (x->number > y->number) - (x->number < y->number);
}

enum cw_status
cw_certs_read_path (const gnutls_datum_t *data, const char *file,
                    struct cw_certs *certs, struct cw_diags *diags)
{
  struct path path = { NULL, 0 };
  bool added = true;
  /* The first pass says what reading the file says; the others read
     the same file again. */
  enum cw_status status = pass (data, file, &path, &added, diags);
  for (int i = 1; status == CW_OK && added && i < MAX_PASSES; i++)
    {
      struct cw_diags again = CW_DIAGS_INIT;
      status = pass (data, file, &path, &added, &again);
      cw_diags_free (&again);
    }
  qsort (path.items, path.count, sizeof *path.items, by_number);
  *certs = (struct cw_certs) CW_CERTS_INIT;
  for (size_t i = 0; i < path.count; i++)
    if (status == CW_OK)
      cw_certs_add (certs, path.items[i].crt);
    else
      gnutls_x509_crt_deinit (path.items[i].crt);
  free (path.items);
  return status;
}
