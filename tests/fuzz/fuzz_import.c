/* Fuzzes certwiz import: the input as the CA's answer or a backup (a PEM
   or DER certificate, a chain, PKCS#7, PKCS#12 with the password 1234),
   imported into a private store that holds one pending request, first
   as usual, then with --cert-only.  A refused import must leave the
   store exactly as it was; after an import that installs, the store is
   put back as it was, so every input starts from the same store. */
#include <config.h>

#include <dirent.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "fuzz.h"
#include "pki/import.h"
#include "store/store.h"
#include "pki/request.h"
#include "base/xalloc.h"

/* The password of the valid files of GnuTLS's pkcs12_key_parser corpus. */
#define RIGHT_PASSWORD "1234"

/* One file or folder of the store, and what a file holds. */
struct entry
{
  char *path;              /* relative to the store; "" for itself */
  mode_t mode;
  char *data;
  size_t size;
};

struct snapshot
{
  struct entry *items;
  size_t count;
  size_t capacity;
};

static char *base;         /* the private temporary folder */
static char *store;        /* BASE/store */
static struct snapshot pristine;

/* ----------------------------------------------------------- snapshots */

static char *
read_whole (int fd, size_t *size)
{
  size_t capacity = 4096;
  char *data = xmalloc (capacity);
  *size = 0;
  ssize_t n;
  while ((n = read (fd, data + *size, capacity - *size)) > 0)
    if ((*size += (size_t) n) == capacity)
      data = xreallocarray (data, capacity *= 2, 1);
  return data;
}

static void
add_entry (struct snapshot *s, const char *path, const struct stat *st,
           const char *full)
{
  if (s->count == s->capacity)
    {
      s->capacity = s->capacity ? 2 * s->capacity : 16;
      s->items = xreallocarray (s->items, s->capacity, sizeof *s->items);
    }
  struct entry *e = &s->items[s->count++];
  *e = (struct entry) { xstrdup (path), st->st_mode, NULL, 0 };
  int fd = S_ISREG (st->st_mode) ? open (full, O_RDONLY | O_NOFOLLOW) : -1;
  if (fd >= 0)
    {
      e->data = read_whole (fd, &e->size);
      close (fd);
    }
}

/* STORE/PATH, or STORE itself for "". */
static char *
store_path (const char *path)
{
  return *path ? xasprintf ("%s/%s", store, path) : xstrdup (store);
}

/* Adds PATH (relative to the store) and, for a folder, all below it. */
static void
walk (struct snapshot *s, const char *path)
{
  char *full = store_path (path);
  struct stat st;
  if (lstat (full, &st) < 0)
    {
      free (full);
      return;
    }
  add_entry (s, path, &st, full);
  DIR *dir = S_ISDIR (st.st_mode) ? opendir (full) : NULL;
  struct dirent *d;
  while (dir && (d = readdir (dir)))
    if (strcmp (d->d_name, ".") != 0 && strcmp (d->d_name, "..") != 0)
      {
        char *sub = *path ? xasprintf ("%s/%s", path, d->d_name)
                          : xstrdup (d->d_name);
        walk (s, sub);
        free (sub);
      }
  if (dir)
    closedir (dir);
  free (full);
}

static int
by_path (const void *a, const void *b)
{
  return strcmp (((const struct entry *) a)->path,
                 ((const struct entry *) b)->path);
}

/* Sorted, so that equal stores give equal snapshots and a folder comes
   before what it holds. */
static void
snapshot_take (struct snapshot *s)
{
  *s = (struct snapshot) { NULL, 0, 0 };
  walk (s, "");
  qsort (s->items, s->count, sizeof *s->items, by_path);
}

static bool
snapshot_same (const struct snapshot *a, const struct snapshot *b)
{
  if (a->count != b->count)
    return false;
  for (size_t i = 0; i < a->count; i++)
    {
      const struct entry *x = &a->items[i], *y = &b->items[i];
      if (strcmp (x->path, y->path) != 0 || x->mode != y->mode
          || x->size != y->size
          || (x->size && memcmp (x->data, y->data, x->size) != 0))
        return false;
    }
  return true;
}

static void
snapshot_free (struct snapshot *s)
{
  for (size_t i = 0; i < s->count; i++)
    {
      free (s->items[i].path);
      free (s->items[i].data);
    }
  free (s->items);
  *s = (struct snapshot) { NULL, 0, 0 };
}

/* ------------------------------------------------------------ folders */

static void
remove_tree (const char *path)
{
  DIR *dir = opendir (path);
  struct dirent *d;
  while (dir && (d = readdir (dir)))
    if (strcmp (d->d_name, ".") != 0 && strcmp (d->d_name, "..") != 0)
      {
        char *sub = xasprintf ("%s/%s", path, d->d_name);
        remove_tree (sub);
        free (sub);
      }
  if (dir)
    closedir (dir);
  if (remove (path) < 0)
    perror (path);
}

static void
write_entry (const struct entry *e)
{
  char *full = store_path (e->path);
  int fd = -1;
  if (S_ISDIR (e->mode) ? mkdir (full, 0700) < 0
      : (fd = open (full, O_WRONLY | O_CREAT | O_EXCL, 0600)) < 0
        || write (fd, e->data, e->size) != (ssize_t) e->size)
    fuzz_fail ("cannot put the store back", full);
  if (fd >= 0)
    close (fd);
  if (chmod (full, e->mode & 07777) < 0)
    fuzz_fail ("cannot put the store back", full);
  free (full);
}

/* After an import that installed: the store as it was at the start. */
static void
restore_store (void)
{
  remove_tree (store);
  for (size_t i = 0; i < pristine.count; i++)
    write_entry (&pristine.items[i]);
}

static void
check_store_unchanged (void)
{
  struct snapshot now;
  snapshot_take (&now);
  bool same = snapshot_same (&now, &pristine);
  snapshot_free (&now);
  if (!same)
    fuzz_fail ("a refused import changed the store", store);
}

/* -------------------------------------------------------------- set-up */

static void
clean_up (void)
{
  remove_tree (base);
  snapshot_free (&pristine);
  free (store);
  free (base);
}

/* The private store, made once per process, with a pending request so
   that imports look for the request each certificate may answer. */
static void
set_up (void)
{
  const char *tmp = getenv ("TMPDIR");
  base = xasprintf ("%s/certwiz-fuzz-XXXXXX", tmp && *tmp ? tmp : "/tmp");
  if (!mkdtemp (base))
    fuzz_fail ("cannot make a temporary folder", base);
  store = xasprintf ("%s/store", base);
  atexit (clean_up);
  char *out = xasprintf ("%s/pending.req", base);
  struct cw_request_options options = {
    .names = { .subject = "CN=fuzz.contoso.com" },
    .key_type = "p256", .exportable = true, .out = out,
  };
  struct cw_request result = CW_REQUEST_INIT;
  struct cw_diags diags = CW_DIAGS_INIT;
  struct cw_store *handle;
  cw_store_open (&handle, store, &diags);
  enum cw_status status = cw_request_create (handle, &options, NULL, NULL,
                                             &result, &diags);
  cw_store_close (handle);
  if (status != CW_OK)
    fuzz_fail ("cannot make the pending request",
               diags.count ? diags.items[0].message : "");
  cw_request_free (&result);
  cw_diags_free (&diags);
  free (out);
  snapshot_take (&pristine);
}

/* -------------------------------------------------------------- import */

static void
import_once (const gnutls_datum_t *datum, bool cert_only)
{
  struct cw_import_options options = {
    .file = "fuzz-input", .data = datum, .password = RIGHT_PASSWORD,
    .cert_only = cert_only,
  };
  struct cw_import_result result;
  struct cw_diags diags = CW_DIAGS_INIT;
  struct cw_store *handle;
  enum cw_status status = cw_store_open (&handle, store, &diags);
  if (status == CW_OK)
    status = cw_import (handle, &options, &result, &diags);
  else
    result = (struct cw_import_result) { .bound = false };
  cw_store_close (handle);
  if (status == CW_OK)
    restore_store ();
  else
    {
      if (!cw_diags_has_errors (&diags))
        fuzz_fail ("an import was refused without an error", "");
      check_store_unchanged ();
    }
  cw_import_result_free (&result);
  cw_diags_free (&diags);
}

int
LLVMFuzzerTestOneInput (const uint8_t *data, size_t size)
{
  if (!store)
    set_up ();
  gnutls_datum_t datum = fuzz_datum (data, size);
  import_once (&datum, false);
  import_once (&datum, true);
  return 0;
}
