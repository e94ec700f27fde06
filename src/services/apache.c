/* Apache's configuration syntax, as httpd reads it: one directive a
   line, a backslash at the end of a line continuing it, "#" lines as
   comments, <Section args> ... </Section> around blocks, "quoted"
   arguments, and Include / IncludeOptional with glob patterns and
   folders relative to the ServerRoot.  ${VARIABLES} are left as they
   are, except in the paths of includes, which need them to be found. */
#include <config.h>

#include "services/apache.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "base/i18n.h"
#include "base/xalloc.h"

static bool
is_blank (char c)
{
  return c == ' ' || c == '\t' || c == '\r' || c == '\f' || c == '\v';
}

struct apache_parser
{
  struct cw_conf_lexer lex;
  size_t parent;
  size_t *open;            /* the sections this file opened */
  size_t open_count;
  struct cw_diags *diags;
};

static size_t
current (const struct apache_parser *p)
{
  return p->open_count ? p->open[p->open_count - 1] : p->parent;
}

/* Takes MESSAGE. */
static enum cw_status
error_at (struct apache_parser *p, unsigned line, char *message)
{
  cw_conf_error (p->lex.conf, p->lex.file, line, "config-syntax", p->diags,
                 "%s", message);
  free (message);
  return CW_REFUSED;
}

/* A backslash, blanks and a newline: the line goes on.  Its length, or
   0 when POS is not at one. */
static size_t
continuation_at (const struct cw_conf_lexer *lex, size_t pos)
{
  if (pos >= lex->length || lex->text[pos] != '\\')
    return 0;
  size_t n = 1;
  while (pos + n < lex->length && is_blank (lex->text[pos + n])
         && cw_conf_newline_at (lex, pos + n) == 0)
    n++;
  size_t newline = cw_conf_newline_at (lex, pos + n);
  return newline ? n + newline : 0;
}

static bool
at_line_end (const struct cw_conf_lexer *lex)
{
  return lex->pos >= lex->length || cw_conf_newline_at (lex, lex->pos) != 0;
}

/* Blanks and continuations inside a logical line. */
static void
take_gaps (struct cw_conf_lexer *lex)
{
  for (;;)
    {
      cw_conf_take_blanks (lex);
      size_t n = continuation_at (lex, lex->pos);
      if (!n)
        return;
      cw_conf_take (lex, CW_TOKEN_CONTINUATION, n);
    }
}

/* The length of the word at POS: a quoted string through its closing
   quote, else up to a blank (or, in a section's tag, a '>'); 0 for a
   quote that is not closed on its line. */
static size_t
word_length (const struct cw_conf_lexer *lex, bool in_tag)
{
  char quote = cw_conf_peek (lex, 0);
  if (quote == '"' || quote == '\'')
    {
      for (size_t n = 1; lex->pos + n < lex->length; n++)
        {
          char c = cw_conf_peek (lex, n);
          if (c == '\\' && cw_conf_peek (lex, n + 1) == quote)
            n++;
          else if (c == quote)
            return n + 1;
          else if (c == '\n')
            return 0;
        }
      return 0;
    }
  size_t n = 0;
  while (lex->pos + n < lex->length)
    {
      char c = cw_conf_peek (lex, n);
      if (is_blank (c) || c == '\n' || (in_tag && c == '>')
          || continuation_at (lex, lex->pos + n))
        break;
      n++;
    }
  return n;
}

/* The words of a directive or a section's tag, up to the end of its
   logical line or, in a tag, up to its '>'. */
static enum cw_status
take_args (struct apache_parser *p, size_t node, bool in_tag)
{
  struct cw_conf_lexer *lex = &p->lex;
  for (;;)
    {
      take_gaps (lex);
      if (at_line_end (lex) || (in_tag && cw_conf_peek (lex, 0) == '>'))
        return CW_OK;
      size_t n = word_length (lex, in_tag);
      if (n == 0)
        return error_at (p, lex->line,
                         xasprintf (_("A quoted argument is not closed on "
                                      "its line.")));
      cw_conf_node_arg (lex->conf, node, cw_conf_take (lex, CW_TOKEN_WORD,
                                                       n));
    }
}

static char *
expand_variables (const struct cw_conf *conf, const char *text,
                  char **missing)
{
  char *out = xstrdup ("");
  const char *p = text;
  for (const char *start; (start = strstr (p, "${"));)
    {
      const char *close = strchr (start, '}');
      if (!close)
        break;
      char *name = xstrndup (start + 2, (size_t) (close - start - 2));
      const char *value = NULL;
      for (size_t i = 0; i + 1 < conf->define_count; i += 2)
        if (strcmp (conf->defines[i], name) == 0)
          value = conf->defines[i + 1];
      if (!value)
        value = getenv (name);
      if (!value)
        {
          *missing = name;
          free (out);
          return NULL;
        }
      char *longer = xasprintf ("%s%.*s%s", out, (int) (start - p), p, value);
      free (out);
      free (name);
      out = longer;
      p = close + 1;
    }
  char *whole = xasprintf ("%s%s", out, p);
  free (out);
  return whole;
}

static enum cw_status
follow_include (struct apache_parser *p, size_t node, bool optional)
{
  struct cw_conf *conf = p->lex.conf;
  unsigned line = cw_conf_line (conf, node);
  if (conf->nodes[node].arg_count != 1)
    return error_at (p, line, xasprintf (_("Include takes one file, folder "
                                           "or pattern.")));
  char *written = cw_conf_arg (conf, node, 0), *missing = NULL;
  char *pattern = expand_variables (conf, written, &missing);
  free (written);
  if (!pattern)
    {
      enum cw_status status
        = error_at (p, line,
                    xasprintf (_("The included path uses ${%s}, which is "
                                 "neither defined in the configuration nor "
                                 "set in the environment, so certwiz cannot "
                                 "tell which files it names. Run certwiz "
                                 "with the variables of "
                                 "/etc/apache2/envvars set."), missing));
      free (missing);
      return status;
    }
  unsigned flags = CW_INCLUDE_FOLDERS | (optional ? CW_INCLUDE_OPTIONAL : 0);
  enum cw_status status = cw_conf_include (conf, node, pattern, conf->prefix,
                                           flags, p->diags);
  free (pattern);
  return status;
}

/* What a directive changes for the directives after it. */
static enum cw_status
directive_done (struct apache_parser *p, size_t node)
{
  struct cw_conf *conf = p->lex.conf;
  if (cw_conf_is (conf, node, "Include"))
    return follow_include (p, node, false);
  if (cw_conf_is (conf, node, "IncludeOptional"))
    return follow_include (p, node, true);
  if (cw_conf_is (conf, node, "ServerRoot")
      && conf->nodes[node].arg_count == 1)
    {
      free (conf->prefix);
      conf->prefix = cw_conf_arg (conf, node, 0);
    }
  if (cw_conf_is (conf, node, "Define") && conf->nodes[node].arg_count >= 1)
    {
      conf->defines = xreallocarray (conf->defines, conf->define_count + 2,
                                     sizeof *conf->defines);
      conf->defines[conf->define_count++] = cw_conf_arg (conf, node, 0);
      char *value = cw_conf_arg (conf, node, 1);
      conf->defines[conf->define_count++] = value ? value : xstrdup ("");
    }
  return CW_OK;
}

static size_t
tag_name_length (const struct cw_conf_lexer *lex, size_t from)
{
  size_t n = 0;
  while (lex->pos + from + n < lex->length)
    {
      char c = cw_conf_peek (lex, from + n);
      if (is_blank (c) || c == '\n' || c == '>' || c == '\\')
        break;
      n++;
    }
  return n;
}

/* The '>' that ends a tag, then nothing but blanks on the line. */
static enum cw_status
take_tag_end (struct apache_parser *p, unsigned line)
{
  struct cw_conf_lexer *lex = &p->lex;
  take_gaps (lex);
  if (cw_conf_peek (lex, 0) != '>')
    return error_at (p, line, xasprintf (_("This section's tag does not end "
                                           "with \">\".")));
  cw_conf_take (lex, CW_TOKEN_PUNCT, 1);
  cw_conf_take_blanks (lex);
  if (!at_line_end (lex))
    return error_at (p, line, xasprintf (_("Something follows the \">\" of "
                                           "this section's tag on its "
                                           "line.")));
  return CW_OK;
}

static enum cw_status
open_section (struct apache_parser *p)
{
  struct cw_conf_lexer *lex = &p->lex;
  unsigned line = lex->line;
  size_t first = cw_conf_take (lex, CW_TOKEN_PUNCT, 1);
  size_t length = tag_name_length (lex, 0);
  if (length == 0)
    return error_at (p, line, xasprintf (_("A \"<\" is not followed by a "
                                           "section's name.")));
  size_t name = cw_conf_take (lex, CW_TOKEN_WORD, length);
  size_t node = cw_conf_node_add (lex->conf, CW_NODE_BLOCK, lex->file, name,
                                  current (p));
  lex->conf->nodes[node].first = first;
  enum cw_status status = take_args (p, node, true);
  if (status == CW_OK)
    status = take_tag_end (p, line);
  lex->conf->nodes[node].end = lex->conf->files[lex->file].token_count;
  p->open = xreallocarray (p->open, p->open_count + 1, sizeof *p->open);
  p->open[p->open_count++] = node;
  return status;
}

static enum cw_status
close_section (struct apache_parser *p)
{
  struct cw_conf_lexer *lex = &p->lex;
  struct cw_conf *conf = lex->conf;
  unsigned line = lex->line;
  size_t close = cw_conf_take (lex, CW_TOKEN_PUNCT, 2);
  size_t length = tag_name_length (lex, 0);
  if (length == 0)
    return error_at (p, line, xasprintf (_("A \"</\" is not followed by a "
                                           "section's name.")));
  size_t name = cw_conf_take (lex, CW_TOKEN_WORD, length);
  char *closed = cw_conf_token_value (conf, lex->file, name);
  enum cw_status status = CW_OK;
  if (p->open_count == 0)
    status = error_at (p, line, xasprintf (_("</%s> closes a section that "
                                             "was not opened."), closed));
  else
    {
      size_t node = p->open[p->open_count - 1];
      char *opened = cw_conf_name (conf, node);
      if (strcasecmp (opened, closed) != 0)
        status = error_at (p, line,
                           xasprintf (_("</%s> is where </%s> should close "
                                        "the section <%s> of line %u."),
                                      closed, opened, opened,
                                      cw_conf_line (conf, node)));
      free (opened);
      if (status == CW_OK)
        {
          status = take_tag_end (p, line);
          conf->nodes[node].close = close;
          conf->nodes[node].end = conf->files[lex->file].token_count;
          p->open_count--;
        }
    }
  free (closed);
  return status;
}

static enum cw_status
take_directive (struct apache_parser *p)
{
  struct cw_conf_lexer *lex = &p->lex;
  size_t length = word_length (lex, false);
  if (length == 0)
    return error_at (p, lex->line, xasprintf (_("A quoted word is not closed "
                                                "on its line.")));
  size_t name = cw_conf_take (lex, CW_TOKEN_WORD, length);
  size_t node = cw_conf_node_add (lex->conf, CW_NODE_DIRECTIVE, lex->file,
                                  name, current (p));
  enum cw_status status = take_args (p, node, false);
  return status == CW_OK ? directive_done (p, node) : status;
}

/* A comment runs to the end of its line, and on over the next when the
   line ends with a backslash. */
static void
take_comment (struct cw_conf_lexer *lex)
{
  for (;;)
    {
      size_t n = 0;
      while (lex->pos + n < lex->length
             && cw_conf_newline_at (lex, lex->pos + n) == 0
             && !continuation_at (lex, lex->pos + n))
        n++;
      if (n)
        cw_conf_take (lex, CW_TOKEN_COMMENT, n);
      size_t more = continuation_at (lex, lex->pos);
      if (!more)
        return;
      cw_conf_take (lex, CW_TOKEN_CONTINUATION, more);
    }
}

static enum cw_status
take_line (struct apache_parser *p)
{
  struct cw_conf_lexer *lex = &p->lex;
  take_gaps (lex);
  if (cw_conf_take_newline (lex) || lex->pos >= lex->length)
    return CW_OK;
  char c = cw_conf_peek (lex, 0);
  enum cw_status status = CW_OK;
  if (c == '#')
    take_comment (lex);
  else if (c == '<' && cw_conf_peek (lex, 1) == '/')
    status = close_section (p);
  else if (c == '<')
    status = open_section (p);
  else
    status = take_directive (p);
  if (status == CW_OK)
    cw_conf_take_newline (lex);
  return status;
}

static enum cw_status
apache_parse (struct cw_conf *conf, size_t file, size_t parent,
              struct cw_diags *diags)
{
  struct apache_parser p = { .parent = parent, .diags = diags };
  cw_conf_lexer_start (&p.lex, conf, file);
  enum cw_status status = CW_OK;
  while (status == CW_OK && p.lex.pos < p.lex.length)
    status = take_line (&p);
  if (status == CW_OK && p.open_count)
    {
      size_t node = p.open[p.open_count - 1];
      char *name = cw_conf_name (conf, node);
      status = error_at (&p, cw_conf_line (conf, node),
                         xasprintf (_("The section <%s> opened here is not "
                                      "closed: a </%s> is missing."), name,
                                    name));
      free (name);
    }
  free (p.open);
  return status;
}

static char *
apache_value (const char *text, size_t length)
{
  if (length < 2 || (text[0] != '"' && text[0] != '\'')
      || text[length - 1] != text[0])
    return xstrndup (text, length);
  char quote = text[0];
  char *value = xmalloc (length), *out = value;
  for (size_t i = 1; i + 1 < length; i++)
    {
      if (text[i] == '\\' && i + 2 < length && text[i + 1] == quote)
        i++;
      *out++ = text[i];
    }
  *out = '\0';
  return value;
}

static char *
apache_quote (const char *value)
{
  if (*value && value[0] != '#' && value[0] != '\''
      && !strpbrk (value, " \t\r\n\"") && value[strlen (value) - 1] != '\\')
    return xstrdup (value);
  char *quoted = xmalloc (2 * strlen (value) + 3), *out = quoted;
  *out++ = '"';
  for (const char *v = value; *v; v++)
    {
      if (*v == '"')
        *out++ = '\\';
      *out++ = *v;
    }
  *out++ = '"';
  *out = '\0';
  return quoted;
}

/* Sections that hold directives for the server they are in, when a
   module or a definition is there: their contents count as their
   parent's. */
static bool
apache_transparent (const struct cw_conf *conf, size_t node)
{
  static const char *const conditions[] = {
    "IfModule", "IfDefine", "IfVersion", "IfFile", "IfDirective",
    "IfSection", NULL };
  for (size_t i = 0; conditions[i]; i++)
    if (cw_conf_is (conf, node, conditions[i]))
      return true;
  return false;
}

const struct cw_conf_syntax cw_apache_syntax = {
  .name = "apache",
  .names_fold_case = true,
  .parse = apache_parse,
  .value = apache_value,
  .quote = apache_quote,
  .transparent = apache_transparent,
  .separator = " ",
  .terminator = "",
  .indent = "    ",
};

enum cw_status
cw_apache_load (struct cw_conf *conf, const char *path,
                const char *server_root, struct cw_diags *diags)
{
  cw_conf_init (conf, &cw_apache_syntax, server_root);
  return cw_conf_load (conf, path, diags);
}
