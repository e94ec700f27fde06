/* The store's index: the few fields a listing shows of every entry, in
   one file, so that listing ten thousand entries reads one file instead
   of ten thousand.  It is a cache and never trusted over the entries:
   each entry's folder and record are looked at (inode, size, time), and
   one that changed, or that the index does not know, is read from its
   record.  The index is then written anew, when no other certwiz holds
   the store's lock; a damaged or foreign index is simply not used. */
#include <config.h>

#include "store.h"

#include <fcntl.h>
#include <gnutls/crypto.h>
#include <inttypes.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "atomicfile.h"
#include "certset.h"
#include "hex.h"
#include "store_priv.h"
#include "xalloc.h"

#define INDEX_NAME "index"
#define INDEX_VERSION "1"
#define INDEX_MAX_BYTES (256 * 1024 * 1024)

/* The record fields a listing reads (listing.c). */
static const char *const listed_fields[] = {
  "friendly-name", "cn", "issuer-name", "sha256", "created", "not-after",
  "san", "cert-san",
};

struct cached
{
  char *key;               /* "area/id" */
  const char *stamp;
  bool has_key;
  struct cw_record fields;
  bool taken;
};

struct index
{
  struct cached *items;
  size_t count;
  bool stale;              /* to be written anew */
};

static bool
is_listed_field (const char *name)
{
  for (size_t i = 0; i < sizeof listed_fields / sizeof *listed_fields; i++)
    if (strcmp (name, listed_fields[i]) == 0)
      return true;
  return false;
}

/* What changes whenever the entry does: a file added or removed in its
   folder changes the folder's time, a record replaced its inode, one
   edited in place its size or time. */
static char *
entry_stamp (int areafd, const char *id)
{
  struct stat folder, record;
  char *path = xasprintf ("%s/record", id);
  bool ok = fstatat (areafd, id, &folder, AT_SYMLINK_NOFOLLOW) == 0
            && S_ISDIR (folder.st_mode)
            && fstatat (areafd, path, &record, AT_SYMLINK_NOFOLLOW) == 0
            && S_ISREG (record.st_mode);
  free (path);
  if (!ok)
    return NULL;
  return xasprintf ("%ju.%jd.%ld:%ju.%jd.%jd.%ld",
                    (uintmax_t) folder.st_ino, (intmax_t) folder.st_mtim.tv_sec,
                    folder.st_mtim.tv_nsec, (uintmax_t) record.st_ino,
                    (intmax_t) record.st_size,
                    (intmax_t) record.st_mtim.tv_sec, record.st_mtim.tv_nsec);
}

static int
compare_cached (const void *a, const void *b)
{
  return strcmp (((const struct cached *) a)->key,
                 ((const struct cached *) b)->key);
}

static struct cached *
new_cached (struct index *index, const char *key)
{
  index->items = xreallocarray (index->items, index->count + 1,
                                sizeof *index->items);
  struct cached *c = &index->items[index->count++];
  *c = (struct cached) { .key = xstrdup (key), .fields = CW_RECORD_INIT };
  return c;
}

/* Fields "entry", "stamp" and "key" open each entry; its listed fields
   follow.  False when RECORD is not an index of this version. */
static bool
index_from_record (struct index *index, struct cw_record *record)
{
  struct cached *c = NULL;
  if (record->count == 0 || strcmp (record->fields[0].name, "index") != 0
      || strcmp (record->fields[0].value, INDEX_VERSION) != 0)
    return false;
  for (size_t i = 1; i < record->count; i++)
    {
      struct cw_record_field *f = &record->fields[i];
      if (strcmp (f->name, "entry") == 0)
        c = new_cached (index, f->value);
      else if (!c)
        return false;
      else if (strcmp (f->name, "stamp") == 0)
        c->stamp = f->value;
      else if (strcmp (f->name, "key") == 0)
        c->has_key = strcmp (f->value, "yes") == 0;
      else
        /* Moved, not copied: an index holds some hundred thousand. */
        cw_record_take (&c->fields, f);
    }
  return true;
}

static void
index_free (struct index *index)
{
  for (size_t i = 0; i < index->count; i++)
    {
      free (index->items[i].key);
      cw_record_free (&index->items[i].fields);
    }
  free (index->items);
  index->items = NULL;
  index->count = 0;
}

/* The index ends with the SHA-256 of all that comes before it: a cut or
   damaged index is not read at all, rather than believed in part. */
#define SUM_FIELD "sum: "
#define SUM_HEX 64

static void
sum_hex (const char *text, size_t len, char hex[SUM_HEX + 1])
{
  unsigned char sum[32];
  if (gnutls_hash_fast (GNUTLS_DIG_SHA256, text, len, sum) < 0)
    memset (sum, 0, sizeof sum);
  cw_hex_encode (sum, sizeof sum, hex);
}

static char *
checked_text (const gnutls_datum_t *data)
{
  size_t tail = sizeof SUM_FIELD - 1 + SUM_HEX + 1;
  const char *text = (const char *) data->data;
  if (data->size < tail || text[data->size - 1] != '\n')
    return NULL;
  size_t body = data->size - tail;
  char hex[SUM_HEX + 1];
  if (memcmp (text + body, SUM_FIELD, sizeof SUM_FIELD - 1) != 0)
    return NULL;
  sum_hex (text, body, hex);
  if (memcmp (text + body + sizeof SUM_FIELD - 1, hex, SUM_HEX) != 0)
    return NULL;
  return xstrndup (text, body);
}

static void
index_load (struct cw_store *store, struct index *index,
            struct cw_record *text_record)
{
  gnutls_datum_t data = { NULL, 0 };
  struct cw_diags ignored = CW_DIAGS_INIT;
  int fd = openat (store->dirfd, INDEX_NAME, O_RDONLY | O_NOFOLLOW
                                             | O_CLOEXEC);
  bool ok = fd >= 0 && cw_fd_read (fd, INDEX_NAME, INDEX_MAX_BYTES, &data,
                                   &ignored) == CW_OK;
  if (fd >= 0)
    close (fd);
  cw_diags_free (&ignored);
  char *text = ok ? checked_text (&data) : NULL;
  ok = text != NULL;
  free (data.data);
  ok = ok && cw_record_parse (text, text_record)
       && index_from_record (index, text_record);
  free (text);
  if (!ok)
    index_free (index);
  if (index->count > 1)
    qsort (index->items, index->count, sizeof *index->items, compare_cached);
  index->stale = !ok;
}

/* The index anew: ENTRIES, with STAMPS[i] the stamp of the i-th, NULL
   for one that could not be looked at. */
static struct cw_record
index_text (const struct cw_store_entries *entries, char *const *stamps)
{
  struct cw_record fresh = CW_RECORD_INIT;
  cw_record_add (&fresh, "index", INDEX_VERSION);
  for (size_t e = 0; e < entries->count; e++)
    {
      const struct cw_store_entry *entry = &entries->items[e];
      if (!stamps[e])
        continue;
      char *key = xasprintf ("%s/%s", entry->area, entry->id);
      cw_record_add (&fresh, "entry", key);
      cw_record_add (&fresh, "stamp", stamps[e]);
      cw_record_add (&fresh, "key", entry->has_key ? "yes" : "no");
      for (size_t i = 0; i < entry->record.count; i++)
        if (is_listed_field (entry->record.fields[i].name))
          cw_record_add (&fresh, entry->record.fields[i].name,
                         entry->record.fields[i].value);
      free (key);
    }
  return fresh;
}

/* The entries of both areas, and their stamps. */
struct names
{
  char **ids;
  size_t *areas;           /* index in AREAS */
  char **stamps;           /* NULL where the entry cannot be looked at */
  size_t count;
  int areafds[2];
};

static const char *const areas[] = { CW_STORE_PENDING, CW_STORE_INSTALLED };

struct collect
{
  struct names *names;
  size_t area;
};

static void
collect_one (int fd, const char *id, void *state)
{
  struct collect *c = state;
  struct names *n = c->names;
  (void) fd;
  if (id[0] == '.')
    return;
  n->ids = xreallocarray (n->ids, n->count + 1, sizeof *n->ids);
  n->areas = xreallocarray (n->areas, n->count + 1, sizeof *n->areas);
  n->ids[n->count] = xstrdup (id);
  n->areas[n->count++] = c->area;
}

static void *
stamp_all (void *arg)
{
  struct names *n = arg;
  for (size_t i = 0; i < n->count; i++)
    n->stamps[i] = n->areafds[n->areas[i]] < 0
                   ? NULL : entry_stamp (n->areafds[n->areas[i]], n->ids[i]);
  return NULL;
}

static void
names_free (struct names *n)
{
  for (size_t i = 0; i < n->count; i++)
    {
      free (n->ids[i]);
      free (n->stamps[i]);
    }
  free (n->ids);
  free (n->areas);
  free (n->stamps);
  for (size_t a = 0; a < 2; a++)
    if (n->areafds[a] >= 0)
      close (n->areafds[a]);
}

static bool
from_index (struct index *index, const char *area, const char *id,
            const char *stamp, struct cw_store_entry *entry)
{
  char *key = xasprintf ("%s/%s", area, id);
  struct cached probe = { .key = key };
  struct cached *c = index->count
    ? bsearch (&probe, index->items, index->count, sizeof *index->items,
               compare_cached)
    : NULL;
  free (key);
  if (!c || !c->stamp || strcmp (c->stamp, stamp) != 0)
    return false;
  c->taken = true;
  *entry = (struct cw_store_entry) { area, xstrdup (id), c->fields,
                                     c->has_key };
  c->fields = (struct cw_record) CW_RECORD_INIT;
  return true;
}

/* Each entry from the index when its stamp is the one recorded, else
   from its record.  The stamp was taken before the record is read: a
   change in between is seen by the next listing. */
static void
list_entries (struct cw_store *store, struct index *index,
              struct names *n, struct cw_store_entries *entries,
              char **stamps, struct cw_diags *diags)
{
  for (size_t i = 0; i < n->count; i++)
    {
      const char *area = areas[n->areas[i]];
      struct cw_store_entry entry;
      bool listed = n->stamps[i]
                    && from_index (index, area, n->ids[i], n->stamps[i],
                                   &entry);
      if (!listed)
        {
          listed = cw_store_load_entry (store, area, n->ids[i], &entry,
                                        diags);
          index->stale = true;
        }
      if (!listed)
        continue;
      cw_store_entries_append (entries, &entry);
      stamps[entries->count - 1] = n->stamps[i];
    }
}

/* Through tmp/, as everything the store holds: never half written. */
static void
index_write (struct cw_store *store, const struct cw_record *fresh)
{
  if (!cw_store_try_lock (store))
    return;
  int tmpfd = openat (store->dirfd, CW_STORE_TMP, O_RDONLY | O_DIRECTORY
                                                  | O_NOFOLLOW | O_CLOEXEC);
  char *name = xasprintf ("index.%ld", (long) getpid ());
  char *body = cw_record_format (fresh);
  char hex[SUM_HEX + 1];
  sum_hex (body, strlen (body), hex);
  char *text = xasprintf ("%s" SUM_FIELD "%s\n", body, hex);
  free (body);
  if (tmpfd >= 0
      && cw_write_new_file_at (tmpfd, name, text, strlen (text), 0600) == 0
      && renameat (tmpfd, name, store->dirfd, INDEX_NAME) < 0)
    unlinkat (tmpfd, name, 0);
  if (tmpfd >= 0)
    close (tmpfd);
  free (text);
  free (name);
  cw_store_unlock (store);
}

/* Looking at ten thousand entries takes as long as reading the index:
   both are done at once. */
static void
stamp_while_loading (struct cw_store *store, struct names *n,
                     struct index *index, struct cw_record *text_record)
{
  pthread_t thread;
  n->stamps = xcalloc (n->count + 1, sizeof *n->stamps);
  for (size_t a = 0; a < 2; a++)
    n->areafds[a] = openat (store->dirfd, areas[a], O_RDONLY | O_DIRECTORY
                                                    | O_NOFOLLOW | O_CLOEXEC);
  bool threaded = pthread_create (&thread, NULL, stamp_all, n) == 0;
  index_load (store, index, text_record);
  if (threaded)
    pthread_join (thread, NULL);
  else
    stamp_all (n);
}

enum cw_status
cw_store_list_summaries (struct cw_store *store,
                         struct cw_store_entries *entries,
                         struct cw_diags *diags)
{
  struct index index = { NULL, 0, false };
  struct cw_record text_record = CW_RECORD_INIT;
  struct names n = { .areafds = { -1, -1 } };
  int err = 0;
  for (size_t a = 0; a < 2 && !err; a++)
    {
      struct collect c = { &n, a };
      err = cw_store_each_name (store->dirfd, areas[a], collect_one, &c);
    }
  if (!err)
    {
      char **stamps;
      stamp_while_loading (store, &n, &index, &text_record);
      stamps = xcalloc (n.count + 1, sizeof *stamps);
      list_entries (store, &index, &n, entries, stamps, diags);
      /* Entries gone since the index was written. */
      for (size_t i = 0; i < index.count && !index.stale; i++)
        index.stale = !index.items[i].taken;
      if (index.stale)
        {
          struct cw_record fresh = index_text (entries, stamps);
          index_write (store, &fresh);
          cw_record_free (&fresh);
        }
      free (stamps);
    }
  names_free (&n);
  index_free (&index);
  cw_record_free (&text_record);
  return err ? cw_store_io_error (diags, err, store->path) : CW_OK;
}
