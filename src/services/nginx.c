/* nginx's configuration syntax, as ngx_conf_read_token reads it:
   words, "double" and 'single' quoted strings with backslash escapes,
   ';' ending a directive, '{' '}' around a block, '#' comments, and
   include with glob patterns relative to the configuration's prefix. */
#include <config.h>

#include "services/nginx.h"

#include <stdlib.h>
#include <string.h>

#include "base/i18n.h"
#include "base/xalloc.h"

static bool
is_blank (char c)
{
  return c == ' ' || c == '\t' || c == '\r';
}

struct nginx_parser
{
  struct cw_conf_lexer lex;
  size_t parent;           /* where this file's nodes go */
  size_t current;          /* the block being read */
  size_t pending;          /* a directive waiting for its ';' or '{' */
  size_t *open;            /* the blocks this file opened */
  size_t open_count;
  struct cw_diags *diags;
};

/* Takes MESSAGE. */
static enum cw_status
error_here (struct nginx_parser *p, char *message)
{
  cw_conf_error (p->lex.conf, p->lex.file, p->lex.line, "config-syntax",
                 p->diags, "%s", message);
  free (message);
  return CW_REFUSED;
}

static enum cw_status
end_directive (struct nginx_parser *p, size_t semicolon)
{
  struct cw_conf *conf = p->lex.conf;
  size_t node = p->pending;
  conf->nodes[node].end = semicolon + 1;
  p->pending = CW_CONF_NONE;
  if (!cw_conf_is (conf, node, "include"))
    return CW_OK;
  if (conf->nodes[node].arg_count != 1)
    return cw_conf_error (conf, p->lex.file, cw_conf_line (conf, node),
                          "config-syntax", p->diags, "%s",
                          _("include takes one file or pattern."));
  char *pattern = cw_conf_arg (conf, node, 0);
  enum cw_status status = cw_conf_include (conf, node, pattern, conf->prefix,
                                           CW_INCLUDE_EMPTY_GLOB, p->diags);
  free (pattern);
  return status;
}

static enum cw_status
open_block (struct nginx_parser *p, size_t brace)
{
  struct cw_conf *conf = p->lex.conf;
  if (p->pending == CW_CONF_NONE)
    return error_here (p, xasprintf (_("An unexpected \"%s\": a block "
                                       "needs a name before it."), "{"));
  struct cw_conf_node *n = &conf->nodes[p->pending];
  n->kind = CW_NODE_BLOCK;
  n->end = brace + 1;
  p->open = xreallocarray (p->open, p->open_count + 1, sizeof *p->open);
  p->open[p->open_count++] = p->pending;
  p->current = p->pending;
  p->pending = CW_CONF_NONE;
  return CW_OK;
}

static enum cw_status
close_block (struct nginx_parser *p, size_t brace)
{
  if (p->pending != CW_CONF_NONE)
    return cw_conf_error (p->lex.conf, p->lex.file,
                          cw_conf_line (p->lex.conf, p->pending),
                          "config-syntax", p->diags, "%s",
                          _("This directive does not end with \";\"."));
  if (p->open_count == 0)
    return error_here (p, xasprintf (_("An unexpected \"%s\": no block "
                                       "is open here."), "}"));
  struct cw_conf_node *n = &p->lex.conf->nodes[p->open[--p->open_count]];
  n->close = brace;
  n->end = brace + 1;
  p->current = p->open_count ? p->open[p->open_count - 1] : p->parent;
  return CW_OK;
}

static void
add_word (struct nginx_parser *p, size_t token)
{
  if (p->pending == CW_CONF_NONE)
    p->pending = cw_conf_node_add (p->lex.conf, CW_NODE_DIRECTIVE,
                                   p->lex.file, token, p->current);
  else
    cw_conf_node_arg (p->lex.conf, p->pending, token);
}

/* A quoted string from its opening quote; 0 when it is not closed. */
static size_t
quoted_length (const struct cw_conf_lexer *lex)
{
  char quote = cw_conf_peek (lex, 0);
  for (size_t n = 1; lex->pos + n < lex->length; n++)
    {
      char c = cw_conf_peek (lex, n);
      if (c == '\\' && lex->pos + n + 1 < lex->length)
        n++;
      else if (c == quote)
        return n + 1;
    }
  return 0;
}

static size_t
word_length (const struct cw_conf_lexer *lex)
{
  size_t n = 0;
  while (lex->pos + n < lex->length)
    {
      char c = cw_conf_peek (lex, n);
      if (c == '\\' && lex->pos + n + 1 < lex->length)
        n += 2;
      else if (c == '{' && n > 0 && cw_conf_peek (lex, n - 1) == '$')
        n++;                 /* ${variable} */
      else if (is_blank (c) || c == '\n' || c == ';' || c == '{')
        break;
      else
        n++;
    }
  return n;
}

static enum cw_status
take_quoted (struct nginx_parser *p)
{
  size_t n = quoted_length (&p->lex);
  if (n == 0)
    return error_here (p, xasprintf (_("A string opened with %s is not "
                                       "closed."),
                                     cw_conf_peek (&p->lex, 0) == '"'
                                     ? "\"" : "'"));
  add_word (p, cw_conf_take (&p->lex, CW_TOKEN_WORD, n));
  /* nginx wants a blank, ';' or '{' after a quoted string. */
  char next = cw_conf_peek (&p->lex, 0);
  if (p->lex.pos < p->lex.length && !is_blank (next) && next != '\n'
      && next != ';' && next != '{' && next != ')')
    return error_here (p, xasprintf (_("An unexpected \"%c\" right after "
                                       "a quoted string: put a blank "
                                       "between them."), next));
  return CW_OK;
}

static enum cw_status
take_punct (struct nginx_parser *p, char c)
{
  if (c == ';' && p->pending == CW_CONF_NONE)
    return error_here (p, xasprintf (_("An unexpected \"%s\": no "
                                       "directive ends here."), ";"));
  size_t token = cw_conf_take (&p->lex, CW_TOKEN_PUNCT, 1);
  if (c == ';')
    return end_directive (p, token);
  return c == '{' ? open_block (p, token) : close_block (p, token);
}

static enum cw_status
take_next (struct nginx_parser *p)
{
  struct cw_conf_lexer *lex = &p->lex;
  char c = cw_conf_peek (lex, 0);
  if (cw_conf_take_newline (lex))
    return CW_OK;
  if (is_blank (c))
    {
      cw_conf_take_blanks (lex);
      return CW_OK;
    }
  if (c == '#')
    {
      size_t n = 0;
      while (lex->pos + n < lex->length
             && cw_conf_newline_at (lex, lex->pos + n) == 0)
        n++;
      cw_conf_take (lex, CW_TOKEN_COMMENT, n);
      return CW_OK;
    }
  if (c == ';' || c == '{' || c == '}')
    return take_punct (p, c);
  if (c == '"' || c == '\'')
    return take_quoted (p);
  add_word (p, cw_conf_take (lex, CW_TOKEN_WORD, word_length (lex)));
  return CW_OK;
}

static enum cw_status
check_end (struct nginx_parser *p)
{
  struct cw_conf *conf = p->lex.conf;
  if (p->pending != CW_CONF_NONE)
    return cw_conf_error (conf, p->lex.file,
                          cw_conf_line (conf, p->pending), "config-syntax",
                          p->diags, "%s",
                          _("The file ends before this directive's "
                            "\";\"."));
  if (p->open_count)
    return cw_conf_error (conf, p->lex.file,
                          cw_conf_line (conf, p->open[p->open_count - 1]),
                          "config-unterminated", p->diags, "%s",
                          _("The block opened here is not closed: a \"}\" "
                            "is missing."));
  return CW_OK;
}

static enum cw_status
nginx_parse (struct cw_conf *conf, size_t file, size_t parent,
             struct cw_diags *diags)
{
  struct nginx_parser p = { .parent = parent, .current = parent,
                            .pending = CW_CONF_NONE, .diags = diags };
  cw_conf_lexer_start (&p.lex, conf, file);
  enum cw_status status = CW_OK;
  while (status == CW_OK && p.lex.pos < p.lex.length)
    status = take_next (&p);
  if (status == CW_OK)
    status = check_end (&p);
  free (p.open);
  return status;
}

static char *
nginx_value (const char *text, size_t length)
{
  if (length >= 2 && (text[0] == '"' || text[0] == '\'')
      && text[length - 1] == text[0])
    {
      text++;
      length -= 2;
    }
  char *value = xmalloc (length + 1), *out = value;
  for (size_t i = 0; i < length; i++)
    {
      if (text[i] == '\\' && i + 1 < length)
        {
          char next = text[i + 1];
          if (next == '"' || next == '\'' || next == '\\')
            {
              *out++ = next;
              i++;
              continue;
            }
          if (next == 't' || next == 'r' || next == 'n')
            {
              *out++ = next == 't' ? '\t' : next == 'r' ? '\r' : '\n';
              i++;
              continue;
            }
        }
      *out++ = text[i];
    }
  *out = '\0';
  return value;
}

static char *
nginx_quote (const char *value)
{
  if (*value && value[0] != '#' && !strpbrk (value, " \t\r\n;{}\"'\\"))
    return xstrdup (value);
  char *quoted = xmalloc (2 * strlen (value) + 3), *out = quoted;
  *out++ = '"';
  for (const char *v = value; *v; v++)
    {
      if (*v == '"' || *v == '\\')
        *out++ = '\\';
      *out++ = *v;
    }
  *out++ = '"';
  *out = '\0';
  return quoted;
}

const struct cw_conf_syntax cw_nginx_syntax = {
  .name = "nginx",
  .parse = nginx_parse,
  .value = nginx_value,
  .quote = nginx_quote,
  .separator = " ",
  .terminator = ";",
  .indent = "    ",
};

enum cw_status
cw_nginx_load (struct cw_conf *conf, const char *path, const char *prefix,
               struct cw_diags *diags)
{
  cw_conf_init (conf, &cw_nginx_syntax, prefix);
  return cw_conf_load (conf, path, diags);
}
