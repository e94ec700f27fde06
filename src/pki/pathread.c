/* A file's first certificate, or the one verify takes for its leaf,
   with only the certificates of the file that can be on its way up
   (see certread.h). */
#include <config.h>

#include "pki/certread.h"

#include <stdlib.h>

#include "base/xalloc.h"
#include "pki/chain.h"

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

/* The file read from memory, or from its path a window at a time. */
struct source
{
  const gnutls_datum_t *data;
  const char *file;
};

static enum cw_status
each_of (const struct source *source, cw_cert_each_fn each, void *state,
         struct cw_diags *diags)
{
  return source->data
           ? cw_certs_each (source->data, source->file, each, state, diags)
           : cw_certs_each_file (source->file, each, state, diags);
}

struct pass
{
  struct path *path;
  size_t seed;             /* the certificate whose way up is kept */
  bool added;
};

/* Keeps the seed and the issuers of the kept ones. */
static bool
keep_if_on_path (gnutls_x509_crt_t crt, size_t number, void *state)
{
  struct pass *p = state;
  if (is_kept (p->path, number)
      || (number != p->seed && !issues_a_kept_one (p->path, crt)))
    return false;
  keep (p->path, number, crt);
  p->added = true;
  return true;
}

/* One pass over the file; *ADDED says whether any was kept. */
static enum cw_status
pass (const struct source *source, size_t seed, struct path *path,
      bool *added, struct cw_diags *diags)
{
  struct pass p = { path, seed, false };
  enum cw_status status = each_of (source, keep_if_on_path, &p, diags);
  *added = p.added;
  return status;
}

static int
by_number (const void *a, const void *b)
{
  const struct kept *x = a, *y = b;
  return (x->number > y->number) - (x->number < y->number);
}

/* The seed, then the others of its way up in the file's order. */
static enum cw_status
read_path (const struct source *source, size_t seed, bool seed_first,
           struct cw_certs *certs, struct cw_diags *diags)
{
  struct path path = { NULL, 0 };
  bool added = true;
  /* The first pass says what reading the file says (unless DIAGS is
     NULL: it was said); the others read the same file again. */
  struct cw_diags said = CW_DIAGS_INIT;
  enum cw_status status = pass (source, seed, &path, &added,
                                diags ? diags : &said);
  cw_diags_free (&said);
  for (int i = 1; status == CW_OK && added && i < MAX_PASSES; i++)
    {
      struct cw_diags again = CW_DIAGS_INIT;
      status = pass (source, seed, &path, &added, &again);
      cw_diags_free (&again);
    }
  qsort (path.items, path.count, sizeof *path.items, by_number);
  *certs = (struct cw_certs) CW_CERTS_INIT;
  for (size_t i = 0; i < path.count; i++)
    if (status == CW_OK && seed_first && path.items[i].number == seed)
      cw_certs_add (certs, path.items[i].crt);
  for (size_t i = 0; i < path.count; i++)
    if (status == CW_OK && !(seed_first && path.items[i].number == seed))
      cw_certs_add (certs, path.items[i].crt);
    else if (status != CW_OK)
      gnutls_x509_crt_deinit (path.items[i].crt);
  free (path.items);
  return status;
}

enum cw_status
cw_certs_read_path (const gnutls_datum_t *data, const char *file,
                    struct cw_certs *certs, struct cw_diags *diags)
{
  struct source source = { data, file };
  return read_path (&source, 0, false, certs, diags);
}

/* What cw_chain_guess_leaf may choose, with their places: every
   certificate but those that say they are no CA after the first such
   (one that is no CA signs nothing, so the first is chosen before
   them). */
struct candidates
{
  struct cw_certs certs;
  size_t *numbers;
  bool seen_leaf;
};

static bool
keep_candidate (gnutls_x509_crt_t crt, size_t number, void *state)
{
  struct candidates *c = state;
  bool leaf = gnutls_x509_crt_get_ca_status (crt, NULL) == 0;
  if (leaf && c->seen_leaf)
    return false;
  c->seen_leaf = c->seen_leaf || leaf;
  c->numbers = xreallocarray (c->numbers, c->certs.count + 1,
                              sizeof *c->numbers);
  c->numbers[c->certs.count] = number;
  cw_certs_add (&c->certs, crt);
  return true;
}

enum cw_status
cw_certs_read_leaf_path (const char *file, struct cw_certs *certs,
                         struct cw_diags *diags)
{
  struct candidates c = { CW_CERTS_INIT, NULL, false };
  struct source source = { NULL, file };
  enum cw_status status = each_of (&source, keep_candidate, &c, diags);
  size_t seed = 0;
  gnutls_x509_crt_t leaf = status == CW_OK ? cw_chain_guess_leaf (&c.certs)
                                           : NULL;
  for (size_t i = 0; leaf && i < c.certs.count; i++)
    if (c.certs.items[i] == leaf)
      seed = c.numbers[i];
  cw_certs_free (&c.certs);
  free (c.numbers);
  *certs = (struct cw_certs) CW_CERTS_INIT;
  return status == CW_OK ? read_path (&source, seed, true, certs, NULL)
                         : status;
}
