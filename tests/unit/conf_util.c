#include <config.h>

#include "conf_util.h"

#include <check.h>
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "unit.h"

void
conf_parse_ok (struct cw_conf *conf, const struct cw_conf_syntax *syntax,
               const char *text)
{
  struct cw_diags diags = CW_DIAGS_INIT;
  cw_conf_init (conf, syntax, unit_dir);
  char *name;
  ck_assert_int_ge (asprintf (&name, "%s/test.conf", unit_dir), 0);
  enum cw_status status = cw_conf_load_text (conf, name, text,
                                             strlen (text), &diags);
  free (name);
  if (status != CW_OK)
    ck_abort_msg ("does not parse: %s",
                  diags.count ? diags.items[0].message : "?");
  cw_diags_free (&diags);
  conf_assert_round_trip (conf);
}

char *
conf_parse_fails (const struct cw_conf_syntax *syntax, const char *text,
                  const char *code, unsigned line)
{
  struct cw_conf conf;
  struct cw_diags diags = CW_DIAGS_INIT;
  cw_conf_init (&conf, syntax, unit_dir);
  char *name;
  ck_assert_int_ge (asprintf (&name, "%s/bad.conf", unit_dir), 0);
  enum cw_status status = cw_conf_load_text (&conf, name, text,
                                             strlen (text), &diags);
  free (name);
  ck_assert_int_eq (status, CW_REFUSED);
  ck_assert_uint_eq (diags.count, 1);
  ck_assert_str_eq (diags.items[0].code, code);
  char *where;
  ck_assert_int_ge (asprintf (&where, "/bad.conf, line %u:", line), 0);
  if (!strstr (diags.items[0].message, where))
    ck_abort_msg ("\"%s\" does not name %s", diags.items[0].message, where);
  free (where);
  char *message = strdup (diags.items[0].message);
  cw_diags_free (&diags);
  cw_conf_free (&conf);
  return message;
}

char *
conf_rendered (const struct cw_conf *conf, size_t file)
{
  size_t length;
  return cw_conf_render (conf, file, &length);
}

void
conf_assert_round_trip (const struct cw_conf *conf)
{
  for (size_t i = 0; i < conf->file_count; i++)
    {
      size_t length;
      char *text = cw_conf_render (conf, i, &length);
      if (length != conf->files[i].length
          || memcmp (text, conf->files[i].text, length) != 0)
        ck_abort_msg ("%s does not come back byte for byte",
                      conf->files[i].path);
      free (text);
    }
}

static size_t
line_count (const char *text)
{
  size_t n = 0;
  for (const char *p = text; *p; p++)
    n += *p == '\n';
  return n + (*text && text[strlen (text) - 1] != '\n');
}

static const char *
line_at (const char *text, size_t index)
{
  for (; index > 0 && text; index--)
    {
      text = strchr (text, '\n');
      text = text ? text + 1 : NULL;
    }
  return text;
}

static bool
same_line (const char *a, const char *b)
{
  size_t la = strcspn (a, "\n"), lb = strcspn (b, "\n");
  return la == lb && memcmp (a, b, la) == 0;
}

void
conf_assert_only_lines (const char *before, const char *after, unsigned from,
                        unsigned to)
{
  size_t nb = line_count (before), na = line_count (after);
  size_t prefix = 0;
  while (prefix < nb && prefix < na
         && same_line (line_at (before, prefix), line_at (after, prefix)))
    prefix++;
  size_t suffix = 0;
  while (suffix < nb - prefix && suffix < na - prefix
         && same_line (line_at (before, nb - 1 - suffix),
                       line_at (after, na - 1 - suffix)))
    suffix++;
  /* The changed lines of AFTER are prefix+1 .. na-suffix. */
  ck_assert_uint_eq (prefix + 1, from);
  ck_assert_uint_eq (na - suffix, to);
}

static size_t
walk (const struct cw_conf_syntax *syntax, const char *folder,
      bool (*wanted) (const char *path))
{
  DIR *dir = opendir (folder);
  if (!dir)
    return 0;
  size_t count = 0;
  for (struct dirent *e; (e = readdir (dir));)
    {
      if (e->d_name[0] == '.')
        continue;
      char *path;
      ck_assert_int_ge (asprintf (&path, "%s/%s", folder, e->d_name), 0);
      struct stat st;
      if (stat (path, &st) == 0 && S_ISDIR (st.st_mode))
        count += walk (syntax, path, wanted);
      else if (S_ISREG (st.st_mode) && wanted (path))
        {
          struct cw_conf conf;
          struct cw_diags diags = CW_DIAGS_INIT;
          cw_conf_init (&conf, syntax, folder);
          conf.follow_includes = false;
          if (cw_conf_load (&conf, path, &diags) != CW_OK)
            ck_abort_msg ("%s does not parse: %s", path,
                          diags.count ? diags.items[0].message : "?");
          conf_assert_round_trip (&conf);
          cw_conf_free (&conf);
          cw_diags_free (&diags);
          count++;
        }
      free (path);
    }
  closedir (dir);
  return count;
}

size_t
conf_round_trip_tree (const struct cw_conf_syntax *syntax, const char *folder,
                      bool (*wanted) (const char *path))
{
  size_t count = walk (syntax, folder, wanted);
  if (count == 0)
    printf ("skipped: %s is not here (its package is not installed)\n",
            folder);
  return count;
}

void
conf_write (const char *name, const char *text)
{
  char *path;
  ck_assert_int_ge (asprintf (&path, "%s/%s", unit_dir, name), 0);
  for (char *slash = strchr (path + strlen (unit_dir) + 1, '/'); slash;
       slash = strchr (slash + 1, '/'))
    {
      *slash = '\0';
      mkdir (path, 0700);
      *slash = '/';
    }
  FILE *f = fopen (path, "w");
  ck_assert_ptr_nonnull (f);
  fputs (text, f);
  ck_assert_int_eq (fclose (f), 0);
  free (path);
}
