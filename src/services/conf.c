#include <config.h>

#include "services/conf.h"

#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

#include "base/i18n.h"
#include "base/xalloc.h"

/* Configurations are small; a file larger than this is not one. */
#define CONF_MAX_BYTES (16 * 1024 * 1024)

void
cw_conf_init (struct cw_conf *conf, const struct cw_conf_syntax *syntax,
              const char *prefix)
{
  *conf = (struct cw_conf) { .syntax = syntax, .follow_includes = true };
  if (prefix)
    conf->prefix = xstrdup (prefix);
}

static size_t
file_add (struct cw_conf *conf, const char *path, char *text, size_t length,
          size_t included_by)
{
  if (conf->file_count == conf->file_capacity)
    {
      conf->file_capacity = conf->file_capacity ? 2 * conf->file_capacity : 4;
      conf->files = xreallocarray (conf->files, conf->file_capacity,
                                   sizeof *conf->files);
    }
  conf->files[conf->file_count] = (struct cw_conf_file) {
    .path = xstrdup (path), .text = text, .length = length,
    .included_by = included_by };
  return conf->file_count++;
}

char *
cw_conf_file_folder (const struct cw_conf *conf, size_t file)
{
  const char *path = conf->files[file].path;
  const char *slash = strrchr (path, '/');
  if (!slash)
    return xstrdup (".");
  return slash == path ? xstrdup ("/")
                       : xstrndup (path, (size_t) (slash - path));
}

static enum cw_status
read_whole (const char *path, char **text, size_t *length,
            const char *field, struct cw_diags *diags)
{
  int fd = open (path, O_RDONLY | O_CLOEXEC);
  struct stat st;
  if (fd < 0 || fstat (fd, &st) < 0)
    {
      int err = errno;
      if (fd >= 0)
        close (fd);
      cw_diag_add (diags, CW_ERROR, "config-read", field,
                   _("Cannot read the configuration file %s: %s. Check that "
                     "the service's configuration is there and readable."),
                   path,
                   strerror (err));
      return CW_FAILED;
    }
  if (S_ISDIR (st.st_mode) || st.st_size > CONF_MAX_BYTES)
    {
      close (fd);
      cw_diag_add (diags, CW_ERROR, "config-not-file", field,
                   _("%s is not a configuration file (a folder, or larger "
                     "than 16 MB). Name the service's configuration file "
                     "instead."), path);
      return CW_REFUSED;
    }
  char *buf = xmalloc ((size_t) st.st_size + 1);
  size_t got = 0;
  for (;;)
    {
      ssize_t n = read (fd, buf + got, (size_t) st.st_size - got);
      if (n < 0 && errno == EINTR)
        continue;
      if (n <= 0)
        break;
      got += (size_t) n;
      if (got == (size_t) st.st_size)
        break;
    }
  close (fd);
  buf[got] = '\0';
  *text = buf;
  *length = got;
  return CW_OK;
}

static enum cw_status
parse_file (struct cw_conf *conf, size_t file, size_t parent,
            struct cw_diags *diags)
{
  return conf->syntax->parse (conf, file, parent, diags);
}

enum cw_status
cw_conf_read_file (struct cw_conf *conf, const char *path,
                   size_t included_by, size_t *file, struct cw_diags *diags)
{
  char *text;
  size_t length;
  enum cw_status status = read_whole (path, &text, &length,
                                      conf->syntax->name, diags);
  if (status == CW_OK)
    *file = file_add (conf, path, text, length, included_by);
  return status;
}

enum cw_status
cw_conf_load (struct cw_conf *conf, const char *path, struct cw_diags *diags)
{
  size_t file;
  enum cw_status status = cw_conf_read_file (conf, path, CW_CONF_NONE, &file,
                                             diags);
  if (status != CW_OK)
    return status;
  if (!conf->prefix)
    conf->prefix = cw_conf_file_folder (conf, file);
  return parse_file (conf, file, CW_CONF_NONE, diags);
}

enum cw_status
cw_conf_load_text (struct cw_conf *conf, const char *name, const char *text,
                   size_t length, struct cw_diags *diags)
{
  char *copy = xmalloc (length + 1);
  memcpy (copy, text, length);
  copy[length] = '\0';
  size_t file = file_add (conf, name, copy, length, CW_CONF_NONE);
  if (!conf->prefix)
    conf->prefix = cw_conf_file_folder (conf, file);
  return parse_file (conf, file, CW_CONF_NONE, diags);
}

void
cw_conf_nodes_add (struct cw_conf_nodes *nodes, size_t node)
{
  if (nodes->count == nodes->capacity)
    {
      nodes->capacity = nodes->capacity ? 2 * nodes->capacity : 4;
      nodes->items = xreallocarray (nodes->items, nodes->capacity,
                                    sizeof *nodes->items);
    }
  nodes->items[nodes->count++] = node;
}

void
cw_conf_nodes_free (struct cw_conf_nodes *nodes)
{
  free (nodes->items);
  *nodes = (struct cw_conf_nodes) CW_CONF_NODES_INIT;
}

void
cw_conf_free (struct cw_conf *conf)
{
  for (size_t i = 0; i < conf->file_count; i++)
    {
      free (conf->files[i].path);
      free (conf->files[i].text);
      free (conf->files[i].tokens);
    }
  for (size_t i = 0; i < conf->node_count; i++)
    free (conf->nodes[i].args);
  for (size_t i = 0; i < conf->edit_count; i++)
    free (conf->edits[i].text);
  for (size_t i = 0; i < conf->define_count; i++)
    free (conf->defines[i]);
  free (conf->defines);
  free (conf->files);
  free (conf->nodes);
  free (conf->edits);
  free (conf->prefix);
  *conf = (struct cw_conf) { .syntax = NULL };
}

/* ------------------------------------------------------------ queries */

const struct cw_conf_token *
cw_conf_token_of (const struct cw_conf *conf, size_t file, size_t token)
{
  return &conf->files[file].tokens[token];
}

char *
cw_conf_token_value (const struct cw_conf *conf, size_t file, size_t token)
{
  const struct cw_conf_token *t = cw_conf_token_of (conf, file, token);
  return conf->syntax->value (conf->files[file].text + t->offset, t->length);
}

char *
cw_conf_name (const struct cw_conf *conf, size_t node)
{
  const struct cw_conf_node *n = &conf->nodes[node];
  return cw_conf_token_value (conf, n->file, n->name);
}

bool
cw_conf_is (const struct cw_conf *conf, size_t node, const char *name)
{
  char *own = cw_conf_name (conf, node);
  bool same = conf->syntax->names_fold_case ? strcasecmp (own, name) == 0
                                            : strcmp (own, name) == 0;
  free (own);
  return same;
}

char *
cw_conf_arg (const struct cw_conf *conf, size_t node, size_t i)
{
  const struct cw_conf_node *n = &conf->nodes[node];
  return i < n->arg_count ? cw_conf_token_value (conf, n->file, n->args[i])
                          : NULL;
}

bool
cw_conf_has_arg (const struct cw_conf *conf, size_t node, const char *word)
{
  for (size_t i = 0; i < conf->nodes[node].arg_count; i++)
    {
      char *arg = cw_conf_arg (conf, node, i);
      bool same = strcasecmp (arg, word) == 0;
      free (arg);
      if (same)
        return true;
    }
  return false;
}

size_t
cw_conf_parent (const struct cw_conf *conf, size_t node)
{
  size_t parent = conf->nodes[node].parent;
  while (parent != CW_CONF_NONE && conf->syntax->transparent
         && conf->syntax->transparent (conf, parent))
    parent = conf->nodes[parent].parent;
  return parent;
}

size_t
cw_conf_next (const struct cw_conf *conf, size_t parent, size_t after,
              const char *name)
{
  for (size_t i = after == CW_CONF_NONE ? 0 : after + 1;
       i < conf->node_count; i++)
    if (cw_conf_parent (conf, i) == parent
        && (!name || cw_conf_is (conf, i, name)))
      return i;
  return CW_CONF_NONE;
}

size_t
cw_conf_last (const struct cw_conf *conf, size_t block, const char *name)
{
  size_t found = CW_CONF_NONE;
  for (size_t i = cw_conf_next (conf, block, CW_CONF_NONE, name);
       i != CW_CONF_NONE; i = cw_conf_next (conf, block, i, name))
    found = i;
  return found;
}

size_t
cw_conf_in_effect (const struct cw_conf *conf, size_t block,
                   const char *name)
{
  for (;;)
    {
      size_t found = cw_conf_last (conf, block, name);
      if (found != CW_CONF_NONE || block == CW_CONF_NONE)
        return found;
      block = cw_conf_parent (conf, block);
    }
}

void
cw_conf_all_in_effect (const struct cw_conf *conf, size_t block,
                       const char *name, struct cw_conf_nodes *found)
{
  for (;;)
    {
      for (size_t i = cw_conf_next (conf, block, CW_CONF_NONE, name);
           i != CW_CONF_NONE; i = cw_conf_next (conf, block, i, name))
        cw_conf_nodes_add (found, i);
      if (found->count || block == CW_CONF_NONE)
        return;
      block = cw_conf_parent (conf, block);
    }
}

const char *
cw_conf_path (const struct cw_conf *conf, size_t node)
{
  return conf->files[conf->nodes[node].file].path;
}

unsigned
cw_conf_line (const struct cw_conf *conf, size_t node)
{
  const struct cw_conf_node *n = &conf->nodes[node];
  return cw_conf_token_of (conf, n->file, n->first)->line;
}

/* ---------------------------------------------------------- building */

void
cw_conf_lexer_start (struct cw_conf_lexer *lex, struct cw_conf *conf,
                     size_t file)
{
  *lex = (struct cw_conf_lexer) { conf, file, conf->files[file].text,
                                  conf->files[file].length, 0, 1 };
}

char
cw_conf_peek (const struct cw_conf_lexer *lex, size_t ahead)
{
  return lex->pos + ahead < lex->length ? lex->text[lex->pos + ahead] : '\0';
}

size_t
cw_conf_take (struct cw_conf_lexer *lex, enum cw_conf_token_kind kind,
              size_t length)
{
  struct cw_conf_file *f = &lex->conf->files[lex->file];
  if (f->token_count == f->token_capacity)
    {
      f->token_capacity = f->token_capacity ? 2 * f->token_capacity : 64;
      f->tokens = xreallocarray (f->tokens, f->token_capacity,
                                 sizeof *f->tokens);
    }
  f->tokens[f->token_count] = (struct cw_conf_token) { kind, lex->line,
                                                       lex->pos, length };
  for (size_t i = 0; i < length; i++)
    lex->line += lex->text[lex->pos + i] == '\n';
  lex->pos += length;
  return f->token_count++;
}

size_t
cw_conf_newline_at (const struct cw_conf_lexer *lex, size_t pos)
{
  if (pos < lex->length && lex->text[pos] == '\n')
    return 1;
  if (pos + 1 < lex->length && lex->text[pos] == '\r'
      && lex->text[pos + 1] == '\n')
    return 2;
  return 0;
}

void
cw_conf_take_blanks (struct cw_conf_lexer *lex)
{
  size_t n = 0;
  while (lex->pos + n < lex->length
         && (lex->text[lex->pos + n] == ' ' || lex->text[lex->pos + n] == '\t'
             || (lex->text[lex->pos + n] == '\r'
                 && cw_conf_newline_at (lex, lex->pos + n) == 0)
             || lex->text[lex->pos + n] == '\f'
             || lex->text[lex->pos + n] == '\v'))
    n++;
  if (n)
    cw_conf_take (lex, CW_TOKEN_SPACE, n);
}

bool
cw_conf_take_newline (struct cw_conf_lexer *lex)
{
  size_t n = cw_conf_newline_at (lex, lex->pos);
  if (n)
    cw_conf_take (lex, CW_TOKEN_NEWLINE, n);
  return n != 0;
}

size_t
cw_conf_node_add (struct cw_conf *conf, enum cw_conf_node_kind kind,
                  size_t file, size_t name, size_t parent)
{
  if (conf->node_count == conf->node_capacity)
    {
      conf->node_capacity = conf->node_capacity ? 2 * conf->node_capacity
                                                : 32;
      conf->nodes = xreallocarray (conf->nodes, conf->node_capacity,
                                   sizeof *conf->nodes);
    }
  conf->nodes[conf->node_count] = (struct cw_conf_node) {
    .kind = kind, .file = file, .first = name, .end = name + 1,
    .name = name, .close = CW_CONF_NONE, .parent = parent };
  return conf->node_count++;
}

void
cw_conf_node_arg (struct cw_conf *conf, size_t node, size_t token)
{
  struct cw_conf_node *n = &conf->nodes[node];
  if (n->arg_count == n->arg_capacity)
    {
      n->arg_capacity = n->arg_capacity ? 2 * n->arg_capacity : 4;
      n->args = xreallocarray (n->args, n->arg_capacity, sizeof *n->args);
    }
  n->args[n->arg_count++] = token;
  n->end = token + 1;
}

enum cw_status
cw_conf_error (struct cw_conf *conf, size_t file, unsigned line,
               const char *code, struct cw_diags *diags, const char *fmt,
               ...)
{
  va_list ap;
  va_start (ap, fmt);
  char *what;
  if (vasprintf (&what, fmt, ap) < 0)
    what = NULL;
  va_end (ap);
  /* TRANSLATORS: a configuration file, a line number, and what is
     wrong there. */
  cw_diag_add (diags, CW_ERROR, code, conf->syntax->name,
               _("%s, line %u: %s Fix the file, then check it with the "
                 "service's own configuration test."),
               conf->files[file].path, line, what ? what : "");
  free (what);
  return CW_REFUSED;
}
