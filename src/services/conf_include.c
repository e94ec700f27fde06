/* Following a configuration's includes: a path or a glob pattern, and
   for Apache a folder, read in the order of the names. */
#include <config.h>

#include "services/conf.h"

#include <dirent.h>
#include <errno.h>
#include <glob.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "base/i18n.h"
#include "base/xalloc.h"

/* Deeper than any real configuration; a loop stops here at the latest. */
#define INCLUDE_MAX_DEPTH 16

static char *
joined (const char *base, const char *pattern)
{
  if (pattern[0] == '/' || !base || !*base)
    return xstrdup (pattern);
  size_t len = strlen (base);
  return xasprintf ("%s%s%s", base, base[len - 1] == '/' ? "" : "/",
                    pattern);
}

static bool
including (const struct cw_conf *conf, size_t file, const char *path)
{
  for (size_t f = file; f != CW_CONF_NONE;
       f = conf->files[f].included_by == CW_CONF_NONE
           ? CW_CONF_NONE
           : conf->nodes[conf->files[f].included_by].file)
    if (strcmp (conf->files[f].path, path) == 0)
      return true;
  return false;
}

static enum cw_status include_path (struct cw_conf *conf, size_t node,
                                    const char *path, unsigned flags,
                                    struct cw_diags *diags);

static int
by_name (const struct dirent **a, const struct dirent **b)
{
  return strcmp ((*a)->d_name, (*b)->d_name);
}

/* Apache reads every file of a folder, and of the folders in it. */
static enum cw_status
include_folder (struct cw_conf *conf, size_t node, const char *path,
                unsigned flags, struct cw_diags *diags)
{
  struct dirent **entries;
  int n = scandir (path, &entries, NULL, by_name);
  const struct cw_conf_node *include = &conf->nodes[node];
  if (n < 0)
    return cw_conf_error (conf, include->file, cw_conf_line (conf, node),
                          "config-include", diags,
                          _("The folder %s it includes cannot be read: "
                            "%s."), path, strerror (errno));
  enum cw_status status = CW_OK;
  for (int i = 0; i < n; i++)
    {
      const char *name = entries[i]->d_name;
      if (status == CW_OK && strcmp (name, ".") != 0
          && strcmp (name, "..") != 0)
        {
          char *inner = joined (path, name);
          status = include_path (conf, node, inner, flags, diags);
          free (inner);
        }
      free (entries[i]);
    }
  free (entries);
  return status;
}

static enum cw_status
include_path (struct cw_conf *conf, size_t node, const char *path,
              unsigned flags, struct cw_diags *diags)
{
  size_t from = conf->nodes[node].file;
  unsigned line = cw_conf_line (conf, node);
  struct stat st;
  if (stat (path, &st) < 0)
    {
      if (flags & CW_INCLUDE_OPTIONAL)
        return CW_OK;
      return cw_conf_error (conf, from, line, "config-include", diags,
                            _("The file %s it includes cannot be read: %s."),
                            path, strerror (errno));
    }
  if (S_ISDIR (st.st_mode))
    {
      if (flags & CW_INCLUDE_FOLDERS)
        return include_folder (conf, node, path, flags, diags);
      return cw_conf_error (conf, from, line, "config-include", diags,
                            _("It includes %s, which is a folder, not a "
                              "file."), path);
    }
  if (including (conf, from, path)
      || conf->include_depth >= INCLUDE_MAX_DEPTH)
    return cw_conf_error (conf, from, line, "config-include-loop", diags,
                          _("It includes %s, which includes it again (or "
                            "the includes go deeper than %d files)."),
                          path, INCLUDE_MAX_DEPTH);
  size_t file;
  enum cw_status status = cw_conf_read_file (conf, path, node, &file, diags);
  if (status != CW_OK)
    return status;
  conf->include_depth++;
  status = conf->syntax->parse (conf, file, conf->nodes[node].parent, diags);
  conf->include_depth--;
  return status;
}

enum cw_status
cw_conf_include (struct cw_conf *conf, size_t node, const char *pattern,
                 const char *base, unsigned flags, struct cw_diags *diags)
{
  if (!conf->follow_includes)
    return CW_OK;
  char *path = joined (base, pattern);
  enum cw_status status = CW_OK;
  if (!strpbrk (path, "*?["))
    status = include_path (conf, node, path, flags, diags);
  else
    {
      glob_t found;
      int ret = glob (path, 0, NULL, &found);
      if (ret == 0)
        for (size_t i = 0; status == CW_OK && i < found.gl_pathc; i++)
          status = include_path (conf, node, found.gl_pathv[i],
                                 flags | CW_INCLUDE_OPTIONAL, diags);
      else if (ret == GLOB_NOMATCH
               && !(flags & (CW_INCLUDE_OPTIONAL | CW_INCLUDE_EMPTY_GLOB)))
        status = cw_conf_error (conf, conf->nodes[node].file,
                                cw_conf_line (conf, node), "config-include",
                                diags,
                                _("No file matches the pattern %s it "
                                  "includes."), path);
      else if (ret != 0 && ret != GLOB_NOMATCH)
        status = cw_conf_error (conf, conf->nodes[node].file,
                                cw_conf_line (conf, node), "config-include",
                                diags,
                                _("The files of the pattern %s it includes "
                                  "cannot be listed."), path);
      globfree (&found);
    }
  free (path);
  return status;
}
