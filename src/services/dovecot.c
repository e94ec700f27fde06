/* Dovecot's configuration syntax, as its config parser reads it: one
   "key = value" a line (a value may be quoted, or "<file" for the
   contents of a file), "type [name] {" ... "}" around a section, '#'
   comments, a backslash continuing a value on the next line, and
   !include / !include_try with glob patterns relative to the file's own
   folder. */
#include <config.h>

#include "services/dovecot.h"

#include <stdlib.h>
#include <string.h>

#include "base/i18n.h"
#include "base/xalloc.h"

static bool
is_blank (char c)
{
  return c == ' ' || c == '\t' || c == '\r' || c == '\f' || c == '\v';
}

struct dovecot_parser
{
  struct cw_conf_lexer lex;
  size_t parent;
  size_t *open;
  size_t open_count;
  struct cw_diags *diags;
};

static size_t
current (const struct dovecot_parser *p)
{
  return p->open_count ? p->open[p->open_count - 1] : p->parent;
}

static enum cw_status
error_at (struct dovecot_parser *p, unsigned line, const char *message)
{
  return cw_conf_error (p->lex.conf, p->lex.file, line, "config-syntax",
                        p->diags, "%s", message);
}

/* Where the line's content ends, from FROM: before a '#' outside
   quotes, or the newline; then before the blanks that precede it. */
static size_t
content_end (const struct cw_conf_lexer *lex, size_t from, bool *comment)
{
  char quote = '\0';
  size_t end = from;
  *comment = false;
  while (end < lex->length && cw_conf_newline_at (lex, end) == 0)
    {
      char c = lex->text[end];
      if (quote)
        {
          if (c == '\\' && end + 1 < lex->length && lex->text[end + 1] != '\n')
            end++;
          else if (c == quote)
            quote = '\0';
        }
      else if (c == '"' || c == '\'')
        quote = c;
      else if (c == '#')
        {
          *comment = true;
          break;
        }
      end++;
    }
  while (end > from && is_blank (lex->text[end - 1]))
    end--;
  return end;
}

/* The value from POS: to the end of its content, over the lines it is
   continued on with a final backslash. */
static size_t
value_length (const struct cw_conf_lexer *lex)
{
  size_t from = lex->pos;
  for (;;)
    {
      bool comment;
      size_t end = content_end (lex, from, &comment);
      if (comment || end == from || lex->text[end - 1] != '\\')
        return end - lex->pos;
      size_t after = end;
      while (after < lex->length && is_blank (lex->text[after]))
        after++;
      size_t newline = cw_conf_newline_at (lex, after);
      if (!newline)
        return end - lex->pos;
      from = after + newline;
    }
}

/* Blanks, a comment, and the end of the line: all that may follow. */
static bool
take_line_end (struct cw_conf_lexer *lex)
{
  cw_conf_take_blanks (lex);
  if (cw_conf_peek (lex, 0) == '#')
    {
      size_t n = 0;
      while (lex->pos + n < lex->length
             && cw_conf_newline_at (lex, lex->pos + n) == 0)
        n++;
      cw_conf_take (lex, CW_TOKEN_COMMENT, n);
    }
  return lex->pos >= lex->length || cw_conf_take_newline (lex);
}

static enum cw_status
follow_include (struct dovecot_parser *p, size_t node, bool optional)
{
  struct cw_conf *conf = p->lex.conf;
  char *pattern = cw_conf_arg (conf, node, 0);
  if (!pattern)
    return error_at (p, cw_conf_line (conf, node),
                     _("!include needs a file or a pattern."));
  char *folder = cw_conf_file_folder (conf, p->lex.file);
  enum cw_status status = cw_conf_include (conf, node, pattern, folder,
                                           optional ? CW_INCLUDE_OPTIONAL : 0,
                                           p->diags);
  free (folder);
  free (pattern);
  return status;
}

static size_t
key_length (const struct cw_conf_lexer *lex)
{
  size_t n = 0;
  while (lex->pos + n < lex->length)
    {
      char c = cw_conf_peek (lex, n);
      if (is_blank (c) || c == '=' || c == '#' || c == '\n')
        break;
      n++;
    }
  return n;
}

static enum cw_status
take_setting (struct dovecot_parser *p, size_t node)
{
  struct cw_conf_lexer *lex = &p->lex;
  lex->conf->nodes[node].end = cw_conf_take (lex, CW_TOKEN_PUNCT, 1) + 1;
  cw_conf_take_blanks (lex);
  size_t n = value_length (lex);
  if (n)
    cw_conf_node_arg (lex->conf, node, cw_conf_take (lex, CW_TOKEN_WORD, n));
  take_line_end (lex);
  return CW_OK;
}

/* "type [name] {": the name is a word or a "quoted" string. */
static enum cw_status
take_section (struct dovecot_parser *p, size_t node, unsigned line)
{
  struct cw_conf_lexer *lex = &p->lex;
  struct cw_conf *conf = lex->conf;
  conf->nodes[node].kind = CW_NODE_BLOCK;
  if (cw_conf_peek (lex, 0) != '{')
    {
      size_t n = 0;
      if (cw_conf_peek (lex, 0) == '"')
        {
          for (n = 1; lex->pos + n < lex->length
                      && cw_conf_peek (lex, n) != '"'
                      && cw_conf_peek (lex, n) != '\n'; n++)
            ;
          n += cw_conf_peek (lex, n) == '"';
        }
      else
        while (lex->pos + n < lex->length && !is_blank (cw_conf_peek (lex, n))
               && cw_conf_peek (lex, n) != '\n')
          n++;
      cw_conf_node_arg (conf, node, cw_conf_take (lex, CW_TOKEN_WORD, n));
      cw_conf_take_blanks (lex);
    }
  if (cw_conf_peek (lex, 0) != '{')
    return error_at (p, line, _("A \"{\" is expected after a section's "
                                "type and name (or \"=\" after a "
                                "setting's name)."));
  conf->nodes[node].end = cw_conf_take (lex, CW_TOKEN_PUNCT, 1) + 1;
  if (!take_line_end (lex))
    return error_at (p, line, _("Something follows the \"{\" of this "
                                "section on its line."));
  p->open = xreallocarray (p->open, p->open_count + 1, sizeof *p->open);
  p->open[p->open_count++] = node;
  return CW_OK;
}

static enum cw_status
take_statement (struct dovecot_parser *p)
{
  struct cw_conf_lexer *lex = &p->lex;
  struct cw_conf *conf = lex->conf;
  unsigned line = lex->line;
  size_t length = key_length (lex);
  if (length == 0)
    return error_at (p, line, _("A line starts with \"=\": the setting's "
                                "name is missing."));
  size_t name = cw_conf_take (lex, CW_TOKEN_WORD, length);
  size_t node = cw_conf_node_add (conf, CW_NODE_DIRECTIVE, lex->file, name,
                                  current (p));
  cw_conf_take_blanks (lex);
  bool include = cw_conf_is (conf, node, "!include");
  bool include_try = cw_conf_is (conf, node, "!include_try");
  if (include || include_try)
    {
      size_t n = value_length (lex);
      if (n)
        cw_conf_node_arg (conf, node, cw_conf_take (lex, CW_TOKEN_WORD, n));
      take_line_end (lex);
      return follow_include (p, node, include_try);
    }
  if (cw_conf_peek (lex, 0) == '=')
    return take_setting (p, node);
  return take_section (p, node, line);
}

static enum cw_status
take_close (struct dovecot_parser *p)
{
  struct cw_conf_lexer *lex = &p->lex;
  unsigned line = lex->line;
  if (p->open_count == 0)
    return error_at (p, line, _("A \"}\" closes no section."));
  size_t close = cw_conf_take (lex, CW_TOKEN_PUNCT, 1);
  struct cw_conf_node *n = &lex->conf->nodes[p->open[--p->open_count]];
  n->close = close;
  n->end = close + 1;
  if (!take_line_end (lex))
    return error_at (p, line, _("Something follows the \"}\" on its "
                                "line."));
  return CW_OK;
}

static enum cw_status
dovecot_parse (struct cw_conf *conf, size_t file, size_t parent,
               struct cw_diags *diags)
{
  struct dovecot_parser p = { .parent = parent, .diags = diags };
  cw_conf_lexer_start (&p.lex, conf, file);
  enum cw_status status = CW_OK;
  while (status == CW_OK && p.lex.pos < p.lex.length)
    {
      cw_conf_take_blanks (&p.lex);
      char c = cw_conf_peek (&p.lex, 0);
      if (p.lex.pos >= p.lex.length || c == '#' || c == '\n' || c == '\r')
        take_line_end (&p.lex);
      else if (c == '}')
        status = take_close (&p);
      else
        status = take_statement (&p);
    }
  if (status == CW_OK && p.open_count)
    status = cw_conf_error (conf, file,
                            cw_conf_line (conf, p.open[p.open_count - 1]),
                            "config-unterminated", diags, "%s",
                            _("The section opened here is not closed: a "
                              "\"}\" is missing."));
  free (p.open);
  return status;
}

static char *
dovecot_value (const char *text, size_t length)
{
  char *value = xmalloc (length + 1), *out = value;
  if (length >= 2 && (text[0] == '"' || text[0] == '\'')
      && text[length - 1] == text[0])
    {
      for (size_t i = 1; i + 1 < length; i++)
        {
          if (text[i] == '\\' && i + 2 < length)
            i++;
          *out++ = text[i];
        }
      *out = '\0';
      return value;
    }
  for (size_t i = 0; i < length; i++)
    {
      size_t j = i + 1;
      while (text[i] == '\\' && j < length && is_blank (text[j]))
        j++;
      if (text[i] == '\\' && j < length && text[j] == '\n')
        {
          /* A continued line: Dovecot joins the parts with one blank. */
          while (out > value && is_blank (out[-1]))
            out--;
          *out++ = ' ';
          for (i = j + 1; i < length && is_blank (text[i]); i++)
            ;
          i--;
          continue;
        }
      *out++ = text[i];
    }
  *out = '\0';
  return value;
}

static char *
dovecot_quote (const char *value)
{
  size_t len = strlen (value);
  bool plain = len == 0 || value[0] == '<'
               || (!strpbrk (value, "#\"'\n\\") && !is_blank (value[0])
                   && !is_blank (value[len - 1]));
  if (plain)
    return xstrdup (value);
  char *quoted = xmalloc (2 * len + 3), *out = quoted;
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

const struct cw_conf_syntax cw_dovecot_syntax = {
  .name = "dovecot",
  .parse = dovecot_parse,
  .value = dovecot_value,
  .quote = dovecot_quote,
  .separator = " = ",
  .terminator = "",
  .indent = "  ",
};

enum cw_status
cw_dovecot_load (struct cw_conf *conf, const char *path,
                 struct cw_diags *diags)
{
  cw_conf_init (conf, &cw_dovecot_syntax, NULL);
  return cw_conf_load (conf, path, diags);
}

char *
cw_dovecot_file_value (const char *value)
{
  if (!value || value[0] != '<')
    return NULL;
  value++;
  while (is_blank (*value))
    value++;
  return xstrdup (value);
}
