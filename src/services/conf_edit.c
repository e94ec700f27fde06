/* Edits of a configuration: each replaces the bytes of whole tokens, so
   that every other byte of the file stays as the admin wrote it. */
#include <config.h>

#include "services/conf.h"

#include <stdlib.h>
#include <string.h>

#include "base/xalloc.h"

static void
edit_add (struct cw_conf *conf, size_t file, size_t offset, size_t length,
          char *text)
{
  if (conf->edit_count == conf->edit_capacity)
    {
      conf->edit_capacity = conf->edit_capacity ? 2 * conf->edit_capacity : 8;
      conf->edits = xreallocarray (conf->edits, conf->edit_capacity,
                                   sizeof *conf->edits);
    }
  conf->edits[conf->edit_count] = (struct cw_conf_edit) {
    file, offset, length, text, conf->edit_count };
  conf->edit_count++;
}

static const struct cw_conf_token *
token (const struct cw_conf *conf, size_t file, size_t i)
{
  return &conf->files[file].tokens[i];
}

static size_t
token_end (const struct cw_conf *conf, size_t file, size_t i)
{
  return token (conf, file, i)->offset + token (conf, file, i)->length;
}

/* ARGS quoted as the syntax needs, one blank apart. */
static char *
quoted_args (const struct cw_conf *conf, const char *const *args,
             size_t count)
{
  char *text = xstrdup ("");
  for (size_t i = 0; i < count; i++)
    {
      char *arg = conf->syntax->quote (args[i]);
      char *longer = xasprintf ("%s%s%s", text, i ? " " : "", arg);
      free (arg);
      free (text);
      text = longer;
    }
  return text;
}

static char *
directive_text (const struct cw_conf *conf, const char *name,
                const char *const *args, size_t count)
{
  char *quoted = quoted_args (conf, args, count);
  char *text = xasprintf ("%s%s%s%s", name, count ? conf->syntax->separator
                                                   : "",
                          quoted, conf->syntax->terminator);
  free (quoted);
  return text;
}

/* The token of NODE after which a first argument goes: Dovecot's "="
   when there is one, else the name. */
static size_t
arg_anchor (const struct cw_conf *conf, const struct cw_conf_node *n,
            bool *after_equals)
{
  const struct cw_conf_file *f = &conf->files[n->file];
  for (size_t i = n->name + 1; i < n->end; i++)
    if (f->tokens[i].kind == CW_TOKEN_PUNCT && f->tokens[i].length == 1
        && f->text[f->tokens[i].offset] == '=')
      {
        *after_equals = true;
        return i;
      }
  *after_equals = false;
  return n->name;
}

void
cw_conf_set_args (struct cw_conf *conf, size_t node, const char *const *args,
                  size_t count)
{
  const struct cw_conf_node *n = &conf->nodes[node];
  char *quoted = quoted_args (conf, args, count);
  if (n->arg_count)
    {
      size_t from = token (conf, n->file, n->args[0])->offset;
      size_t to = token_end (conf, n->file, n->args[n->arg_count - 1]);
      edit_add (conf, n->file, from, to - from, quoted);
      return;
    }
  bool after_equals;
  size_t anchor = arg_anchor (conf, n, &after_equals);
  char *text = xasprintf ("%s%s", after_equals ? " " : conf->syntax->separator,
                          quoted);
  free (quoted);
  edit_add (conf, n->file, token_end (conf, n->file, anchor), 0, text);
}

void
cw_conf_set_arg (struct cw_conf *conf, size_t node, size_t i,
                 const char *value)
{
  const struct cw_conf_node *n = &conf->nodes[node];
  const struct cw_conf_token *t = token (conf, n->file, n->args[i]);
  edit_add (conf, n->file, t->offset, t->length, conf->syntax->quote (value));
}

void
cw_conf_set_arg_text (struct cw_conf *conf, size_t node, size_t i,
                      const char *text)
{
  const struct cw_conf_node *n = &conf->nodes[node];
  const struct cw_conf_token *t = token (conf, n->file, n->args[i]);
  edit_add (conf, n->file, t->offset, t->length, xstrdup (text));
}

/* Whether token I of FILE starts its line: only blanks before it. */
static bool
starts_line (const struct cw_conf *conf, size_t file, size_t i)
{
  while (i > 0 && token (conf, file, i - 1)->kind == CW_TOKEN_SPACE)
    i--;
  return i == 0 || token (conf, file, i - 1)->kind == CW_TOKEN_NEWLINE;
}

/* The first token of the line of token I. */
static size_t
line_start (const struct cw_conf *conf, size_t file, size_t i)
{
  while (i > 0 && token (conf, file, i - 1)->kind != CW_TOKEN_NEWLINE)
    i--;
  return i;
}

/* The blanks that indent the line of token I ("" when none). */
static char *
indentation_of (const struct cw_conf *conf, size_t file, size_t i)
{
  size_t start = line_start (conf, file, i);
  const struct cw_conf_token *t = token (conf, file, start);
  if (start < conf->files[file].token_count && t->kind == CW_TOKEN_SPACE)
    return xstrndup (conf->files[file].text + t->offset, t->length);
  return xstrdup ("");
}

/* How BLOCK's lines are indented: as its first line that holds only its
   own nodes, else one level more than the block itself. */
static char *
inner_indentation (const struct cw_conf *conf, size_t block)
{
  const struct cw_conf_node *b = &conf->nodes[block];
  for (size_t i = block + 1; i < conf->node_count; i++)
    {
      const struct cw_conf_node *n = &conf->nodes[i];
      if (n->parent != block)
        continue;
      if (n->file == b->file && starts_line (conf, n->file, n->first))
        return indentation_of (conf, n->file, n->first);
    }
  char *own = indentation_of (conf, b->file, b->first);
  char *inner = xasprintf ("%s%s", own, conf->syntax->indent);
  free (own);
  return inner;
}

/* The newline that ends the line of token I, or the file's token count
   when the file ends first. */
static size_t
line_end (const struct cw_conf *conf, size_t file, size_t i)
{
  size_t count = conf->files[file].token_count;
  while (i < count && token (conf, file, i)->kind != CW_TOKEN_NEWLINE)
    i++;
  return i;
}

static void
add_at_file_end (struct cw_conf *conf, size_t file, char *line)
{
  const struct cw_conf_file *f = &conf->files[file];
  bool ends_line = f->length == 0 || f->text[f->length - 1] == '\n';
  edit_add (conf, file, f->length, 0,
            xasprintf ("%s%s\n", ends_line ? "" : "\n", line));
}

void
cw_conf_add (struct cw_conf *conf, size_t block, const char *name,
             const char *const *args, size_t count)
{
  char *text = directive_text (conf, name, args, count);
  if (block == CW_CONF_NONE)
    {
      add_at_file_end (conf, 0, text);
      free (text);
      return;
    }
  const struct cw_conf_node *b = &conf->nodes[block];
  size_t file = b->file;
  char *indent = inner_indentation (conf, block);
  if (b->close != CW_CONF_NONE && starts_line (conf, file, b->close))
    {
      size_t start = line_start (conf, file, b->close);
      edit_add (conf, file, token (conf, file, start)->offset, 0,
                xasprintf ("%s%s\n", indent, text));
    }
  else if (b->close != CW_CONF_NONE)
    /* A block on one line gets its new directive on that line too. */
    edit_add (conf, file, token (conf, file, b->close)->offset, 0,
              xasprintf ("%s ", text));
  else
    {
      size_t newline = line_end (conf, file, b->end - 1);
      char *line = xasprintf ("%s%s", indent, text);
      if (newline == conf->files[file].token_count)
        add_at_file_end (conf, file, line);
      else
        edit_add (conf, file, token_end (conf, file, newline), 0,
                  xasprintf ("%s\n", line));
      free (line);
    }
  free (indent);
  free (text);
}

/* Whether only blanks and a comment follow token I on its line. */
static bool
ends_line (const struct cw_conf *conf, size_t file, size_t i)
{
  size_t count = conf->files[file].token_count;
  for (i++; i < count && token (conf, file, i)->kind != CW_TOKEN_NEWLINE; i++)
    if (token (conf, file, i)->kind != CW_TOKEN_SPACE
        && token (conf, file, i)->kind != CW_TOKEN_COMMENT)
      return false;
  return true;
}

void
cw_conf_remove (struct cw_conf *conf, size_t node)
{
  const struct cw_conf_node *n = &conf->nodes[node];
  size_t file = n->file, last = n->end - 1;
  size_t from, to;
  if (starts_line (conf, file, n->first) && ends_line (conf, file, last))
    {
      from = token (conf, file, line_start (conf, file, n->first))->offset;
      size_t newline = line_end (conf, file, last);
      to = newline == conf->files[file].token_count
           ? conf->files[file].length
           : token_end (conf, file, newline);
    }
  else
    {
      size_t first = n->first;
      if (first > 0 && token (conf, file, first - 1)->kind == CW_TOKEN_SPACE)
        first--;
      from = token (conf, file, first)->offset;
      to = token_end (conf, file, last);
    }
  edit_add (conf, file, from, to - from, xstrdup (""));
}

bool
cw_conf_changed (const struct cw_conf *conf, size_t file)
{
  for (size_t i = 0; i < conf->edit_count; i++)
    if (conf->edits[i].file == file)
      return true;
  return false;
}

static int
by_place (const void *a, const void *b)
{
  const struct cw_conf_edit *x = *(const struct cw_conf_edit *const *) a;
  const struct cw_conf_edit *y = *(const struct cw_conf_edit *const *) b;
  if (x->offset != y->offset)
    return x->offset < y->offset ? -1 : 1;
  return x->order < y->order ? -1 : x->order > y->order;
}

struct output
{
  char *text;
  size_t length;
  size_t capacity;
};

static void
emit (struct output *out, const char *text, size_t length)
{
  if (out->length + length + 1 > out->capacity)
    {
      out->capacity = 2 * (out->length + length + 1);
      out->text = xreallocarray (out->text, out->capacity, 1);
    }
  memcpy (out->text + out->length, text, length);
  out->length += length;
  out->text[out->length] = '\0';
}

char *
cw_conf_render (const struct cw_conf *conf, size_t file, size_t *length)
{
  const struct cw_conf_file *f = &conf->files[file];
  const struct cw_conf_edit **edits = xcalloc (conf->edit_count + 1,
                                               sizeof *edits);
  size_t n = 0;
  for (size_t i = 0; i < conf->edit_count; i++)
    if (conf->edits[i].file == file)
      edits[n++] = &conf->edits[i];
  qsort (edits, n, sizeof *edits, by_place);
  struct output out = { xstrdup (""), 0, 1 };
  size_t next = 0, replaced_to = 0;
  for (size_t t = 0; t <= f->token_count; t++)
    {
      size_t at = t < f->token_count ? f->tokens[t].offset : f->length;
      for (; next < n && edits[next]->offset <= at; next++)
        {
          emit (&out, edits[next]->text, strlen (edits[next]->text));
          size_t to = edits[next]->offset + edits[next]->length;
          replaced_to = to > replaced_to ? to : replaced_to;
        }
      if (t < f->token_count && at >= replaced_to)
        emit (&out, f->text + at, f->tokens[t].length);
    }
  free (edits);
  *length = out.length;
  return out.text;
}
