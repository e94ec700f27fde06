/* What makes enable one transaction on disk: the journal and the backups
   in the store (enable/), the live folder's generations switched by one
   rename, and the bindings of certificates to services (services/). */
#include <config.h>

#include "services/enable_journal.h"

#include <errno.h>
#include <fcntl.h>
#include <gnutls/crypto.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "base/atomicfile.h"
#include "base/hex.h"
#include "base/i18n.h"
#include "base/progress.h"
#include "base/record.h"
#include "base/xalloc.h"
#include "services/run.h"
#include "services/workers.h"
#include "store/store.h"

const char *
cw_live_root (void)
{
  const char *env = getenv ("CERTWIZ_LIVE");
  return env && *env ? env : "/etc/certwiz/live";
}

/* Lets the tests press Esc at a step they choose: the run waits there,
   polling, until it is cancelled or the test lets it go; never for
   ever, so that a test that forgets still ends. */
static void
hold (const char *step, struct cw_progress *progress)
{
  const char *at = getenv ("CERTWIZ_TEST_HOLD_AT");
  if (!at || strcmp (at, step) != 0)
    return;
  const char *file = getenv ("CERTWIZ_TEST_HOLD_FILE");
  char *held = file && *file ? xasprintf ("%s.held", file) : NULL;
  int fd = held ? open (held, O_WRONLY | O_CREAT | O_CLOEXEC, 0600) : -1;
  if (fd >= 0)
    close (fd);
  for (int waited_ms = 0; waited_ms < 30000; waited_ms += 20)
    {
      if (cw_progress_cancelled (progress)
          || (file && *file && access (file, F_OK) == 0))
        break;
      struct timespec pause = { 0, 20 * 1000000L };
      nanosleep (&pause, NULL);
    }
  if (held)
    unlink (held);
  free (held);
}

void
cw_journal_step (const char *step, struct cw_progress *progress)
{
  /* Lets the tests kill a run at each step, as a power loss would. */
  const char *at = getenv ("CERTWIZ_TEST_KILL_AT");
  if (at && strcmp (at, step) == 0)
    raise (SIGKILL);
  hold (step, progress);
}

static enum cw_status
io_error (struct cw_diags *diags, int err, const char *path)
{
  cw_diag_add (diags, CW_ERROR, "enable-io", "service",
               _("Cannot write \"%s\": %s. Check that the disk is not full "
                 "and that you may write there."), path, strerror (err));
  return CW_FAILED;
}

/* mkdir -p with MODE for the folders made. */
static int
make_folders (const char *path, mode_t mode)
{
  char *copy = xstrdup (path);
  int err = 0;
  for (char *p = copy + 1; !err; p++)
    if (*p == '/' || *p == '\0')
      {
        char c = *p;
        *p = '\0';
        if (mkdir (copy, mode) != 0 && errno != EEXIST)
          err = errno;
        *p = c;
        if (c == '\0')
          break;
      }
  free (copy);
  return err;
}

static char *
store_file (struct cw_store *store, const char *folder, const char *name)
{
  return xasprintf ("%s/%s/%s", cw_store_path (store), folder, name);
}

static bool
read_all (const char *path, char **text, size_t *length)
{
  FILE *f = fopen (path, "rb");
  if (!f)
    return false;
  size_t cap = 4096, len = 0;
  char *buf = xmalloc (cap);
  size_t n;
  while ((n = fread (buf + len, 1, cap - len - 1, f)) > 0)
    {
      len += n;
      if (cap - len < 2)
        buf = xreallocarray (buf, cap *= 2, 1);
    }
  fclose (f);
  buf[len] = '\0';
  *text = buf;
  *length = len;
  return true;
}

/* ------------------------------------------------------- live folder */

static char *
link_target (const char *link)
{
  char buf[4096];
  ssize_t n = readlink (link, buf, sizeof buf - 1);
  if (n < 0)
    return NULL;
  buf[n] = '\0';
  return xstrdup (buf);
}

static int
switch_link (const char *link, const char *target)
{
  char *tmp = xasprintf ("%s.new", link);
  unlink (tmp);
  int err = symlink (target, tmp) == 0 && rename (tmp, link) == 0 ? 0 : errno;
  if (err)
    unlink (tmp);
  free (tmp);
  return err;
}

enum cw_status
cw_live_stage (const char *name, const struct cw_live_files *files,
               struct cw_live *live, struct cw_diags *diags)
{
  const char *root = cw_live_root ();
  int err = make_folders (root, 0755);
  if (err)
    return io_error (diags, err, root);
  live->link = xasprintf ("%s/%s", root, name);
  struct stat st;
  if (lstat (live->link, &st) == 0 && !S_ISLNK (st.st_mode))
    {
      cw_diag_add (diags, CW_ERROR, "enable-live-taken", "service",
                   _("\"%s\" exists and was not made by certwiz. Move it "
                     "away, then enable again."), live->link);
      return CW_REFUSED;
    }
  live->previous = link_target (live->link);
  unsigned generation = 0;
  if (live->previous)
    {
      const char *g = strrchr (live->previous, '-');
      generation = g ? (unsigned) strtoul (g + 1, NULL, 10) : 0;
    }
  for (;;)
    {
      live->generation = xasprintf ("%s.gen-%u", name, ++generation);
      char *dir = xasprintf ("%s/%s", root, live->generation);
      if (lstat (dir, &st) != 0)
        {
          err = mkdir (dir, 0755) == 0 ? 0 : errno;
          if (!err)
            {
              const struct { const char *name; const char *text; mode_t m; }
              parts[] = {
                { "fullchain.pem", files->fullchain, 0644 },
                { "privkey.pem", files->key, 0600 },
                { "combined.pem", files->combined, 0600 },
              };
              for (size_t i = 0; i < 3 && !err; i++)
                {
                  char *path = xasprintf ("%s/%s", dir, parts[i].name);
                  err = cw_write_file_atomic (path, parts[i].text,
                                              strlen (parts[i].text),
                                              parts[i].m, false);
                  if (err)
                    io_error (diags, err, path);
                  free (path);
                }
            }
          else
            io_error (diags, err, dir);
          free (dir);
          return err ? CW_FAILED : CW_OK;
        }
      free (dir);
      free (live->generation);
    }
}

char *
cw_live_path (const struct cw_live *live, const char *file)
{
  return xasprintf ("%s/%s", live->link, file);
}

enum cw_status
cw_live_switch (const struct cw_live *live, struct cw_diags *diags)
{
  int err = switch_link (live->link, live->generation);
  return err ? io_error (diags, err, live->link) : CW_OK;
}

void
cw_live_free (struct cw_live *live)
{
  free (live->link);
  free (live->previous);
  free (live->generation);
  memset (live, 0, sizeof *live);
}

/* ----------------------------------------------------------- journal */

static char *
journal_path (struct cw_store *store)
{
  return store_file (store, "enable", "journal");
}

bool
cw_journal_present (struct cw_store *store)
{
  char *path = journal_path (store);
  bool present = access (path, F_OK) == 0;
  free (path);
  return present;
}

enum cw_status
cw_journal_begin (struct cw_store *store, const struct cw_svc_plan *plan,
                  const struct cw_live *live, char (*before)[41],
                  struct cw_diags *diags)
{
  char *folder = xasprintf ("%s/enable", cw_store_path (store));
  int err = make_folders (folder, 0700);
  free (folder);
  struct cw_record record = CW_RECORD_INIT;
  for (size_t i = 0; i < plan->file_count && !err; i++)
    {
      if (plan->files[i].created)
        {
          /* Undone by removing it. */
          cw_record_add (&record, "file", plan->files[i].path);
          cw_record_add (&record, "absent", "yes");
          continue;
        }
      char name[32];
      snprintf (name, sizeof name, "backup-%zu", i);
      char *backup = store_file (store, "enable", name);
      unlink (backup);
      err = cw_write_file_atomic (backup, plan->files[i].before,
                                  plan->files[i].before_length, 0600, false);
      if (err)
        io_error (diags, err, backup);
      cw_record_add (&record, "file", plan->files[i].path);
      cw_record_add (&record, "backup", backup);
      free (backup);
    }
  if (live->link)
    {
      cw_record_add (&record, "live", live->link);
      cw_record_add (&record, "live-previous",
                     live->previous ? live->previous : "");
    }
  for (size_t i = 0; plan->reload && plan->reload[i]; i++)
    cw_record_add (&record, "reload", plan->reload[i]);
  if (plan->master > 0)
    {
      char pid[24];
      snprintf (pid, sizeof pid, "%ld", (long) plan->master);
      cw_record_add (&record, "master", pid);
    }
  for (size_t i = 0; i < plan->port_count; i++)
    if (before[i][0])
      {
        char *check = xasprintf ("%s %u %d %s %s", plan->ports[i].host,
                                 plan->ports[i].port,
                                 (int) plan->ports[i].starttls,
                                 plan->ports[i].sni ? plan->ports[i].sni
                                                    : "-", before[i]);
        cw_record_add (&record, "served-before", check);
        free (check);
      }
  if (!err)
    {
      char *text = cw_record_format (&record);
      char *path = journal_path (store);
      err = cw_write_file_atomic (path, text, strlen (text), 0600, true);
      if (err)
        io_error (diags, err, path);
      free (path);
      free (text);
    }
  cw_record_free (&record);
  return err ? CW_FAILED : CW_OK;
}

void
cw_journal_end (struct cw_store *store)
{
  char *path = journal_path (store);
  unlink (path);
  free (path);
}

/* The reload the journal names, from its argv lines. */
void
cw_journal_reload (const struct cw_record *record, struct cw_diags *diags)
{
  size_t count = 0;
  const char **argv = NULL;
  for (size_t i = 0; i < record->count; i++)
    if (strcmp (record->fields[i].name, "reload") == 0)
      {
        argv = xreallocarray (argv, count + 2, sizeof *argv);
        argv[count++] = record->fields[i].value;
      }
  if (!count)
    return;
  argv[count] = NULL;
  /* As after enable's own reload: the old workers, which serve what is
     being undone, are waited for. */
  const char *master_text = cw_record_get (record, "master");
  pid_t master = master_text ? (pid_t) strtol (master_text, NULL, 10) : 0;
  pid_t *old = NULL;
  size_t old_count = master > 0 ? cw_workers_of (master, &old) : 0;
  struct cw_run_result result = { 0 };
  if (cw_run (argv, &result, diags) == CW_OK)
    {
      cw_run_result_free (&result);
      if (old_count)
        cw_workers_wait_gone (master, old, old_count,
                              cw_svc_serve_timeout_ms ());
    }
  free (old);
  free (argv);
}

enum cw_status
cw_journal_undo (struct cw_store *store, struct cw_record *undone,
                 struct cw_diags *diags)
{
  char *path = journal_path (store);
  char *text;
  size_t length;
  struct cw_record record = CW_RECORD_INIT;
  if (!read_all (path, &text, &length))
    {
      free (path);
      return CW_OK;
    }
  bool parsed = cw_record_parse (text, &record);
  free (text);
  int err = 0;
  const char *file = NULL;
  for (size_t i = 0; parsed && i < record.count; i++)
    {
      const struct cw_record_field *f = &record.fields[i];
      if (strcmp (f->name, "file") == 0)
        file = f->value;
      else if (strcmp (f->name, "absent") == 0 && file)
        {
          if (unlink (file) != 0 && errno != ENOENT)
            err = errno, io_error (diags, err, file);
        }
      else if (strcmp (f->name, "backup") == 0 && file)
        {
          char *before;
          size_t before_length;
          struct stat st;
          mode_t mode = stat (file, &st) == 0 ? st.st_mode & 07777 : 0644;
          if (read_all (f->value, &before, &before_length))
            {
              int e = cw_write_file_atomic (file, before, before_length,
                                            mode, true);
              if (e)
                err = e, io_error (diags, e, file);
              free (before);
            }
        }
    }
  const char *link = cw_record_get (&record, "live");
  const char *previous = cw_record_get (&record, "live-previous");
  if (link && previous && *previous)
    switch_link (link, previous);
  else if (link)
    unlink (link);
  if (parsed)
    cw_journal_reload (&record, diags);
  if (!err)
    unlink (path);
  free (path);
  if (undone)
    *undone = record;
  else
    cw_record_free (&record);
  return err ? CW_FAILED : CW_OK;
}

/* ---------------------------------------------------------- bindings */

static char *
binding_name (const char *service, const char *config)
{
  unsigned char digest[20];
  char hex[41];
  gnutls_hash_fast (GNUTLS_DIG_SHA1, config, strlen (config), digest);
  cw_hex_encode (digest, sizeof digest, hex);
  hex[12] = '\0';
  return xasprintf ("%s-%s", service, hex);
}

bool
cw_binding_read (struct cw_store *store, const char *service,
                 const char *config, struct cw_record *record)
{
  char *name = binding_name (service, config);
  char *path = store_file (store, "services", name);
  char *text;
  size_t length;
  bool found = read_all (path, &text, &length);
  if (found)
    {
      found = cw_record_parse (text, record);
      free (text);
    }
  free (path);
  free (name);
  return found;
}

enum cw_status
cw_binding_write (struct cw_store *store, const char *service,
                  const char *config, const struct cw_record *record,
                  struct cw_diags *diags)
{
  char *folder = xasprintf ("%s/services", cw_store_path (store));
  int err = make_folders (folder, 0700);
  free (folder);
  char *name = binding_name (service, config);
  char *path = store_file (store, "services", name);
  if (!err && record)
    {
      char *text = cw_record_format (record);
      err = cw_write_file_atomic (path, text, strlen (text), 0600, true);
      free (text);
    }
  else if (!err && unlink (path) != 0 && errno != ENOENT)
    err = errno;
  if (err)
    io_error (diags, err, path);
  free (path);
  free (name);
  return err ? CW_FAILED : CW_OK;
}

void
cw_bindings_each (struct cw_store *store,
                  void (*each) (const struct cw_record *record, void *state),
                  void *state)
{
  char *folder = xasprintf ("%s/services", cw_store_path (store));
  int dir = open (folder, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  free (folder);
  if (dir < 0)
    return;
  DIR *d = fdopendir (dir);
  if (!d)
    {
      close (dir);
      return;
    }
  for (struct dirent *e; (e = readdir (d));)
    {
      if (e->d_name[0] == '.')
        continue;
      char *path = store_file (store, "services", e->d_name);
      char *text;
      size_t length;
      struct cw_record record = CW_RECORD_INIT;
      if (read_all (path, &text, &length))
        {
          if (cw_record_parse (text, &record))
            each (&record, state);
          free (text);
        }
      cw_record_free (&record);
      free (path);
    }
  closedir (d);
}

struct labels
{
  const char *id;
  char *text;
};

static void
add_label (const struct cw_record *record, void *state)
{
  struct labels *l = state;
  const char *cert = cw_record_get (record, "cert");
  const char *label = cw_record_get (record, "label");
  if (!cert || !label || strcmp (cert, l->id) != 0
      || (l->text && strstr (l->text, label)))
    return;
  char *longer = l->text ? xasprintf ("%s, %s", l->text, label)
                         : xstrdup (label);
  free (l->text);
  l->text = longer;
}

char *
cw_bindings_labels (struct cw_store *store, const char *id)
{
  struct labels l = { id, NULL };
  cw_bindings_each (store, add_label, &l);
  return l.text;
}

struct cw_service_label
{
  char *id;
  char *text;
};

struct label_table
{
  struct cw_service_labels *labels;
  size_t capacity;
};

static void
add_to_table (const struct cw_record *record, void *state)
{
  struct label_table *t = state;
  struct cw_service_labels *l = t->labels;
  const char *cert = cw_record_get (record, "cert");
  const char *label = cw_record_get (record, "label");
  if (!cert || !label)
    return;
  /* A certificate is put to work in a few services: a short search. */
  for (size_t i = 0; i < l->count; i++)
    if (strcmp (l->items[i].id, cert) == 0)
      {
        if (strstr (l->items[i].text, label))
          return;
        char *longer = xasprintf ("%s, %s", l->items[i].text, label);
        free (l->items[i].text);
        l->items[i].text = longer;
        return;
      }
  if (l->count == t->capacity)
    {
      t->capacity = t->capacity ? 2 * t->capacity : 8;
      l->items = xreallocarray (l->items, t->capacity, sizeof *l->items);
    }
  l->items[l->count++]
    = (struct cw_service_label) { xstrdup (cert), xstrdup (label) };
}

static int
compare_labels (const void *a, const void *b)
{
  return strcmp (((const struct cw_service_label *) a)->id,
                 ((const struct cw_service_label *) b)->id);
}

void
cw_service_labels_read (struct cw_store *store,
                        struct cw_service_labels *labels)
{
  struct label_table t = { labels, 0 };
  *labels = (struct cw_service_labels) CW_SERVICE_LABELS_INIT;
  cw_bindings_each (store, add_to_table, &t);
  if (labels->count)
    qsort (labels->items, labels->count, sizeof *labels->items,
           compare_labels);
}

const char *
cw_service_labels_for (const struct cw_service_labels *labels,
                       const char *id)
{
  if (labels->count == 0)
    return NULL;
  struct cw_service_label probe = { (char *) id, NULL };
  const struct cw_service_label *found
    = bsearch (&probe, labels->items, labels->count, sizeof *labels->items,
               compare_labels);
  return found ? found->text : NULL;
}

void
cw_service_labels_free (struct cw_service_labels *labels)
{
  for (size_t i = 0; i < labels->count; i++)
    {
      free (labels->items[i].id);
      free (labels->items[i].text);
    }
  free (labels->items);
  *labels = (struct cw_service_labels) CW_SERVICE_LABELS_INIT;
}
