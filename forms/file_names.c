/* The names behind the file picker: which files are likely, completing a
   typed path, reading a folder.  No terminal here, so the unit tests
   run it as it is. */
#include <config.h>

#include "file_picker.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <pwd.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

#include "base/xalloc.h"

bool
wz_file_likely (const char *name)
{
  static const char *const extensions[] = {
    ".cer", ".crt", ".pem", ".der", ".p7b", ".p7c", ".pfx", ".p12",
  };
  const char *dot = strrchr (name, '.');
  if (!dot || dot == name)
    return false;
  for (size_t i = 0; i < sizeof extensions / sizeof extensions[0]; i++)
    if (strcasecmp (dot, extensions[i]) == 0)
      return true;
  return false;
}

static const char *
home_folder (void)
{
  const char *home = getenv ("HOME");
  if (home && *home)
    return home;
  struct passwd *pw = getpwuid (getuid ());
  return pw ? pw->pw_dir : "/";
}

char *
wz_expand_path (const char *typed)
{
  /* A shell would expand it; an admin used to one types it. */
  if (typed[0] == '~' && (typed[1] == '/' || typed[1] == '\0'))
    return xasprintf ("%s%s", home_folder (), typed + 1);
  return xstrdup (typed);
}

static bool
keeps_char (unsigned char c)
{
  /* Bytes of UTF-8 characters stay: a name in any language is fine. */
  return c >= 0x80 || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')
         || (c >= '0' && c <= '9') || strchr ("._-+@", c);
}

char *
wz_safe_file_name (const char *label, const char *extension)
{
  char *name = xasprintf ("%s%s", *label ? label : "certificate",
                          extension);
  size_t stem = *label ? strlen (label) : strlen ("certificate");
  for (size_t i = 0; i < stem; i++)
    if (!keeps_char ((unsigned char) name[i])
        || (i == 0 && (name[i] == '.' || name[i] == '-')))
      name[i] = '_';
  return name;
}

/* ----------------------------------------------------------- completion */

static bool
fits (const char *name, const char *part)
{
  if (strcmp (name, ".") == 0 || strcmp (name, "..") == 0)
    return false;
  if (name[0] == '.' && part[0] != '.')
    return false;
  return strncmp (name, part, strlen (part)) == 0;
}

/* The bytes A and B share from the start, never ending inside a UTF-8
   character. */
static size_t
common_prefix (const char *a, const char *b)
{
  size_t n = 0;
  while (a[n] && a[n] == b[n])
    n++;
  while (n > 0 && ((unsigned char) a[n] & 0xC0) == 0x80)
    n--;
  return n;
}

static int
by_bytes (const void *a, const void *b)
{
  return strcmp (*(char *const *) a, *(char *const *) b);
}

void
wz_complete_names (const char *typed, const char *const *names,
                   const bool *dirs, size_t count, struct wz_completion *out)
{
  const char *slash = strrchr (typed, '/');
  int dir_len = slash ? (int) (slash - typed) + 1 : 0;
  const char *part = typed + dir_len;
  *out = (struct wz_completion) { NULL, xcalloc (count + 1, sizeof (char *)),
                                  0 };
  size_t first = count, common = 0;
  for (size_t i = 0; i < count; i++)
    if (fits (names[i], part))
      {
        out->matches[out->count++] = xasprintf ("%s%s", names[i],
                                                dirs[i] ? "/" : "");
        if (first == count)
          first = i, common = strlen (names[i]);
        else if (common_prefix (names[first], names[i]) < common)
          common = common_prefix (names[first], names[i]);
      }
  if (out->count > 1)
    qsort (out->matches, out->count, sizeof (char *), by_bytes);
  if (out->count == 0)
    out->text = xstrdup (typed);
  else
    out->text = xasprintf ("%.*s%.*s%s", dir_len, typed, (int) common,
                           names[first],
                           out->count == 1 && dirs[first] ? "/" : "");
}

struct names
{
  char **names;
  bool *dirs;
  size_t count;
  size_t capacity;
};

static bool
is_folder (int dirfd, const char *name)
{
  struct stat st;
  /* A link to a folder is walked into, as a shell completes it. */
  return fstatat (dirfd, name, &st, 0) == 0 && S_ISDIR (st.st_mode);
}

static void
names_add (struct names *n, const char *name, bool dir)
{
  if (n->count == n->capacity)
    {
      n->capacity = n->capacity ? 2 * n->capacity : 32;
      n->names = xreallocarray (n->names, n->capacity, sizeof *n->names);
      n->dirs = xreallocarray (n->dirs, n->capacity, sizeof *n->dirs);
    }
  n->names[n->count] = xstrdup (name);
  n->dirs[n->count++] = dir;
}

static void
names_read (struct names *n, const char *folder)
{
  DIR *d = opendir (folder);
  if (!d)
    return;
  struct dirent *e;
  while ((e = readdir (d)) != NULL)
    names_add (n, e->d_name, is_folder (dirfd (d), e->d_name));
  closedir (d);
}

void
wz_complete_path (const char *typed, struct wz_completion *out)
{
  const char *slash = strrchr (typed, '/');
  char *folder = slash ? xasprintf ("%.*s", (int) (slash - typed) + 1,
                                    typed)
                       : xstrdup (".");
  char *expanded = wz_expand_path (folder);
  struct names n = { NULL, NULL, 0, 0 };
  names_read (&n, expanded);
  wz_complete_names (typed, (const char *const *) n.names, n.dirs, n.count,
                     out);
  for (size_t i = 0; i < n.count; i++)
    free (n.names[i]);
  free (n.names);
  free (n.dirs);
  free (expanded);
  free (folder);
}

void
wz_completion_free (struct wz_completion *completion)
{
  free (completion->text);
  for (size_t i = 0; i < completion->count; i++)
    free (completion->matches[i]);
  free (completion->matches);
  *completion = (struct wz_completion) { NULL, NULL, 0 };
}

/* --------------------------------------------------------------- folder */

static void
entry_add (struct wz_folder *f, size_t *capacity, const char *name,
           const struct stat *st)
{
  if (f->count == *capacity)
    {
      *capacity = *capacity ? 2 * *capacity : 32;
      f->items = xreallocarray (f->items, *capacity, sizeof *f->items);
    }
  f->items[f->count++] = (struct wz_dir_entry) {
    xstrdup (name), S_ISDIR (st->st_mode), st->st_size, st->st_mtime,
  };
}

/* ".." first, then folders, then files, each by name. */
static int
by_kind_then_name (const void *a, const void *b)
{
  const struct wz_dir_entry *x = a, *y = b;
  bool xp = strcmp (x->name, "..") == 0, yp = strcmp (y->name, "..") == 0;
  if (xp != yp)
    return xp ? -1 : 1;
  if (x->dir != y->dir)
    return x->dir ? -1 : 1;
  return strcoll (x->name, y->name);
}

static void
entries_read (struct wz_folder *f, DIR *d, bool all)
{
  size_t capacity = 0;
  struct stat st;
  if (strcmp (f->path, "/") != 0 && fstat (dirfd (d), &st) == 0)
    entry_add (f, &capacity, "..", &st);
  struct dirent *e;
  while ((e = readdir (d)) != NULL)
    {
      if (e->d_name[0] == '.')
        continue;
      if (fstatat (dirfd (d), e->d_name, &st, 0) != 0
          && fstatat (dirfd (d), e->d_name, &st, AT_SYMLINK_NOFOLLOW) != 0)
        continue;
      if (S_ISDIR (st.st_mode) || all || wz_file_likely (e->d_name))
        entry_add (f, &capacity, e->d_name, &st);
    }
  if (f->count > 1)
    qsort (f->items, f->count, sizeof *f->items, by_kind_then_name);
}

int
wz_folder_read (struct wz_folder *f, const char *path, bool all)
{
  char *absolute = realpath (path, NULL);
  if (!absolute)
    return errno;
  DIR *d = opendir (absolute);
  if (!d)
    {
      int err = errno;
      free (absolute);
      return err;
    }
  *f = (struct wz_folder) { absolute, NULL, 0 };
  entries_read (f, d, all);
  closedir (d);
  return 0;
}

void
wz_folder_free (struct wz_folder *f)
{
  for (size_t i = 0; i < f->count; i++)
    free (f->items[i].name);
  free (f->items);
  free (f->path);
  *f = (struct wz_folder) { NULL, NULL, 0 };
}

char *
wz_folder_join (const char *path, const char *name)
{
  if (strcmp (name, "..") != 0)
    return xasprintf ("%s%s%s", path,
                      *path && path[strlen (path) - 1] == '/' ? "" : "/",
                      name);
  const char *slash = strrchr (path, '/');
  if (!slash || slash == path)
    return xstrdup ("/");
  return xstrndup (path, (size_t) (slash - path));
}
