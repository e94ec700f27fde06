/* The store's index: the few fields a listing shows of every entry, in
   one file, so that listing ten thousand entries reads one file instead
   of ten thousand.  It is a cache and never trusted over the entries:
   each entry's folder and record are looked at (inode, size, time), and
   one that changed, or that the index does not know, is read from its
   record.  The index is then written anew, when no other certwiz holds
   the store's lock; a damaged or foreign index is simply not used. */
#include <config.h>

#include "store/store.h"

#include <fcntl.h>
#include <gnutls/crypto.h>
#include <inttypes.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "base/atomicfile.h"
#include "pki/certset.h"
#include "base/hex.h"
#include "store/private.h"
#include "base/xalloc.h"

#define INDEX_NAME "index"
#define INDEX_VERSION "1"
#define INDEX_MAX_BYTES (256 * 1024 * 1024)

/* The record fields a listing reads (listing.c). */
static const char *const listed_fields[] = {
  "friendly-name", "cn", "issuer-name", "sha256", "created", "not-after",
  "san", "cert-san", "key-uri", "key-token", "chain",
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
  struct cached *items;    /* in the index's order */
  size_t count;
  size_t capacity;
  size_t next;             /* where the next entry is likely to be */
  struct cached **by_key;  /* sorted by key, made at the first miss */
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

/* Appends V in decimal after OUT, then SEP; past what was written. */
static char *
put_number (char *out, uintmax_t v, char sep)
{
  char digits[24];
  size_t n = 0;
  do
    digits[n++] = (char) ('0' + v % 10);
  while ((v /= 10) != 0);
  while (n)
    *out++ = digits[--n];
  *out++ = sep;
  return out;
}

/* What changes whenever the entry does: a file added or removed in its
   folder changes the folder's time, a record replaced its inode, one
   edited in place its size or time.  Written by hand rather than with
   printf: ten thousand are made at every listing. */
static char *
entry_stamp (int areafd, const char *id)
{
  struct stat folder, record;
  char path[256];
  size_t len = strlen (id);
  if (len + sizeof "/record" > sizeof path)
    return NULL;
  memcpy (path, id, len);
  memcpy (path + len, "/record", sizeof "/record");
  if (fstatat (areafd, id, &folder, AT_SYMLINK_NOFOLLOW) != 0
      || !S_ISDIR (folder.st_mode)
      || fstatat (areafd, path, &record, AT_SYMLINK_NOFOLLOW) != 0
      || !S_ISREG (record.st_mode) || folder.st_mtim.tv_sec < 0
      || record.st_mtim.tv_sec < 0 || record.st_size < 0)
    return NULL;
  char stamp[7 * 24], *out = stamp;
  out = put_number (out, folder.st_ino, '.');
  out = put_number (out, (uintmax_t) folder.st_mtim.tv_sec, '.');
  out = put_number (out, (uintmax_t) folder.st_mtim.tv_nsec, ':');
  out = put_number (out, record.st_ino, '.');
  out = put_number (out, (uintmax_t) record.st_size, '.');
  out = put_number (out, (uintmax_t) record.st_mtim.tv_sec, '.');
  out = put_number (out, (uintmax_t) record.st_mtim.tv_nsec, '\0');
  return xstrdup (stamp);
}

static int
compare_cached (const void *a, const void *b)
{
  return strcmp ((*(struct cached *const *) a)->key,
                 (*(struct cached *const *) b)->key);
}

static struct cached *
new_cached (struct index *index, const char *key)
{
  if (index->count == index->capacity)
    {
      index->capacity = index->capacity ? 2 * index->capacity : 64;
      index->items = xreallocarray (index->items, index->capacity,
                                    sizeof *index->items);
    }
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
  free (index->by_key);
  *index = (struct index) { .stale = index->stale };
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

/* The index's text, ended in place after the part the sum covers; NULL
   when the sum is missing or wrong. */
static char *
checked_text (gnutls_datum_t *data)
{
  size_t tail = sizeof SUM_FIELD - 1 + SUM_HEX + 1;
  char *text = (char *) data->data;
  if (data->size < tail || text[data->size - 1] != '\n')
    return NULL;
  size_t body = data->size - tail;
  char hex[SUM_HEX + 1];
  if (memcmp (text + body, SUM_FIELD, sizeof SUM_FIELD - 1) != 0)
    return NULL;
  sum_hex (text, body, hex);
  if (memcmp (text + body + sizeof SUM_FIELD - 1, hex, SUM_HEX) != 0)
    return NULL;
  text[body] = '\0';
  return text;
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
  ok = text && cw_record_parse (text, text_record)
       && index_from_record (index, text_record);
  free (data.data);
  if (!ok)
    index_free (index);
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
  size_t capacity;
  int areafds[2];
  atomic_size_t next;      /* the next entry to look at, for either thread */
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
  if (n->count == n->capacity)
    {
      n->capacity = n->capacity ? 2 * n->capacity : 64;
      n->ids = xreallocarray (n->ids, n->capacity, sizeof *n->ids);
      n->areas = xreallocarray (n->areas, n->capacity, sizeof *n->areas);
    }
  n->ids[n->count] = xstrdup (id);
  n->areas[n->count++] = c->area;
}

/* Run by both threads at once, each taking the next entry not yet
   taken: a thread that finished reading the index helps the other. */
static void *
stamp_all (void *arg)
{
  struct names *n = arg;
  size_t i;
  while ((i = atomic_fetch_add_explicit (&n->next, 1, memory_order_relaxed))
         < n->count)
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
key_is (const char *key, const char *area, const char *id)
{
  size_t len = strlen (area);
  return strncmp (key, area, len) == 0 && key[len] == '/'
         && strcmp (key + len + 1, id) == 0;
}

/* The index lists entries in the order the folders were last read in,
   which is mostly the order they are read in now: the entry after the
   last one found is tried first, and the index sorted only when that
   fails. */
static struct cached *
find_cached (struct index *index, const char *area, const char *id)
{
  if (index->next < index->count
      && key_is (index->items[index->next].key, area, id))
    return &index->items[index->next++];
  char key[256];
  int len = snprintf (key, sizeof key, "%s/%s", area, id);
  /* An ID that long is no certwiz ID: its record tells. */
  if (index->count == 0 || len < 0 || (size_t) len >= sizeof key)
    return NULL;
  if (!index->by_key)
    {
      index->by_key = xreallocarray (NULL, index->count,
                                     sizeof *index->by_key);
      for (size_t i = 0; i < index->count; i++)
        index->by_key[i] = &index->items[i];
      qsort (index->by_key, index->count, sizeof *index->by_key,
             compare_cached);
    }
  struct cached probe = { .key = key }, *p = &probe;
  struct cached **found = bsearch (&p, index->by_key, index->count,
                                   sizeof *index->by_key, compare_cached);
  if (!found)
    return NULL;
  index->next = (size_t) (*found - index->items) + 1;
  return *found;
}

/* The entry AREA/ID from the index, taking *ID, when the index knows it
   with STAMP. */
static bool
from_index (struct index *index, const char *area, char **id,
            const char *stamp, struct cw_store_entry *entry)
{
  struct cached *c = find_cached (index, area, *id);
  if (!c || c->taken || !c->stamp || strcmp (c->stamp, stamp) != 0)
    return false;
  c->taken = true;
  *entry = (struct cw_store_entry) { area, *id, c->fields, c->has_key };
  *id = NULL;
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
                    && from_index (index, area, &n->ids[i], n->stamps[i],
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
  atomic_init (&n->next, 0);
  for (size_t a = 0; a < 2; a++)
    n->areafds[a] = openat (store->dirfd, areas[a], O_RDONLY | O_DIRECTORY
                                                    | O_NOFOLLOW | O_CLOEXEC);
  bool threaded = pthread_create (&thread, NULL, stamp_all, n) == 0;
  index_load (store, index, text_record);
  stamp_all (n);
  if (threaded)
    pthread_join (thread, NULL);
}

enum cw_status
cw_store_list_summaries (struct cw_store *store,
                         struct cw_store_entries *entries,
                         struct cw_diags *diags)
{
  struct index index = { .items = NULL };
  struct cw_record text_record = CW_RECORD_INIT;
  struct names n = { .areafds = { -1, -1 } };
  int err = 0;
  if (!cw_store_present (store))
    return CW_OK;
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
