/* HAProxy's configuration syntax, as its parse_line reads it: sections
   opened by their keyword (global, defaults, frontend, backend, listen,
   ...) and running to the next one, one keyword and its words a line,
   words made of bare, "double quoted" (escapes, variables) and 'single
   quoted' parts, backslash escapes, and '#' comments. */
#include <config.h>

#include "services/haproxy.h"

#include <stdlib.h>
#include <string.h>

#include "base/i18n.h"
#include "base/xalloc.h"

static const char *const section_keywords[] = {
  "global", "defaults", "frontend", "backend", "listen", "userlist",
  "peers", "resolvers", "mailers", "program", "http-errors", "ring",
  "cache", "crt-store", "traces", NULL };

static bool
is_blank (char c)
{
  return c == ' ' || c == '\t' || c == '\r' || c == '\f' || c == '\v';
}

static bool
is_section_keyword (const struct cw_conf *conf, size_t file, size_t token)
{
  char *word = cw_conf_token_value (conf, file, token);
  bool found = false;
  for (size_t i = 0; !found && section_keywords[i]; i++)
    found = strcmp (word, section_keywords[i]) == 0;
  free (word);
  return found;
}

/* The length of the word at POS, its quoted parts included; 0 and
   *OPEN_QUOTE when a quote is not closed on the line. */
static size_t
word_length (const struct cw_conf_lexer *lex, bool *open_quote)
{
  char quote = '\0';
  size_t n = 0;
  *open_quote = false;
  while (lex->pos + n < lex->length)
    {
      char c = cw_conf_peek (lex, n);
      if (c == '\n' || (c == '\r' && cw_conf_peek (lex, n + 1) == '\n'))
        break;
      if (quote)
        {
          if (c == '\\' && quote == '"' && cw_conf_peek (lex, n + 1) != '\n')
            n++;
          else if (c == quote)
            quote = '\0';
        }
      else if (c == '\\' && lex->pos + n + 1 < lex->length
               && cw_conf_peek (lex, n + 1) != '\n')
        n++;
      else if (c == '"' || c == '\'')
        quote = c;
      else if (is_blank (c) || c == '#')
        break;
      n++;
    }
  if (quote)
    *open_quote = true;
  return quote ? 0 : n;
}

struct haproxy_parser
{
  struct cw_conf_lexer lex;
  size_t parent;
  size_t section;          /* the section being read, or NONE */
  struct cw_diags *diags;
};

static enum cw_status
error_at (struct haproxy_parser *p, unsigned line, const char *message)
{
  return cw_conf_error (p->lex.conf, p->lex.file, line, "config-syntax",
                        p->diags, "%s", message);
}

static enum cw_status
take_words (struct haproxy_parser *p, size_t node)
{
  struct cw_conf_lexer *lex = &p->lex;
  for (;;)
    {
      cw_conf_take_blanks (lex);
      char c = cw_conf_peek (lex, 0);
      if (lex->pos >= lex->length || cw_conf_newline_at (lex, lex->pos)
          || c == '#')
        return CW_OK;
      bool open_quote;
      size_t n = word_length (lex, &open_quote);
      if (open_quote)
        return error_at (p, lex->line,
                         _("A quote is not closed on its line."));
      cw_conf_node_arg (lex->conf, node,
                        cw_conf_take (lex, CW_TOKEN_WORD, n));
    }
}

static enum cw_status
take_statement (struct haproxy_parser *p)
{
  struct cw_conf_lexer *lex = &p->lex;
  struct cw_conf *conf = lex->conf;
  bool open_quote;
  size_t n = word_length (lex, &open_quote);
  if (open_quote)
    return error_at (p, lex->line, _("A quote is not closed on its line."));
  unsigned line = lex->line;
  size_t name = cw_conf_take (lex, CW_TOKEN_WORD, n);
  bool section = is_section_keyword (conf, lex->file, name);
  char first = conf->files[lex->file].text[
    cw_conf_token_of (conf, lex->file, name)->offset];
  if (!section && p->section == CW_CONF_NONE && first != '.')
    {
      char *word = cw_conf_token_value (conf, lex->file, name);
      char *message = xasprintf (_("\"%s\" comes before any section "
                                   "(global, defaults, frontend, ...)."),
                                 word);
      enum cw_status status = error_at (p, line, message);
      free (message);
      free (word);
      return status;
    }
  size_t node = cw_conf_node_add (conf, section ? CW_NODE_BLOCK
                                                : CW_NODE_DIRECTIVE,
                                  lex->file, name,
                                  section ? p->parent
                                  : p->section == CW_CONF_NONE ? p->parent
                                  : p->section);
  if (section)
    p->section = node;
  enum cw_status status = take_words (p, node);
  if (!section && p->section != CW_CONF_NONE)
    conf->nodes[p->section].end = conf->nodes[node].end;
  return status;
}

static void
take_comment (struct cw_conf_lexer *lex)
{
  size_t n = 0;
  while (lex->pos + n < lex->length
         && cw_conf_newline_at (lex, lex->pos + n) == 0)
    n++;
  cw_conf_take (lex, CW_TOKEN_COMMENT, n);
}

static enum cw_status
haproxy_parse (struct cw_conf *conf, size_t file, size_t parent,
               struct cw_diags *diags)
{
  struct haproxy_parser p = { .parent = parent, .section = CW_CONF_NONE,
                              .diags = diags };
  cw_conf_lexer_start (&p.lex, conf, file);
  enum cw_status status = CW_OK;
  while (status == CW_OK && p.lex.pos < p.lex.length)
    {
      cw_conf_take_blanks (&p.lex);
      if (cw_conf_take_newline (&p.lex) || p.lex.pos >= p.lex.length)
        continue;
      if (cw_conf_peek (&p.lex, 0) != '#')
        status = take_statement (&p);
      if (status == CW_OK && cw_conf_peek (&p.lex, 0) == '#')
        take_comment (&p.lex);
    }
  return status;
}

static int
hex_digit (char c)
{
  if (c >= '0' && c <= '9')
    return c - '0';
  if (c >= 'a' && c <= 'f')
    return c - 'a' + 10;
  if (c >= 'A' && c <= 'F')
    return c - 'A' + 10;
  return -1;
}

/* One backslash escape at TEXT (after the backslash); returns how many
   bytes it took. */
static size_t
unescape (const char *text, size_t left, char *out)
{
  switch (text[0])
    {
    case 'n':
      *out = '\n';
      return 1;
    case 'r':
      *out = '\r';
      return 1;
    case 't':
      *out = '\t';
      return 1;
    case 'x':
      if (left >= 3 && hex_digit (text[1]) >= 0 && hex_digit (text[2]) >= 0)
        {
          *out = (char) (hex_digit (text[1]) * 16 + hex_digit (text[2]));
          return 3;
        }
      *out = 'x';
      return 1;
    default:
      *out = text[0];
      return 1;
    }
}

static char *
haproxy_value (const char *text, size_t length)
{
  char *value = xmalloc (length + 1), *out = value;
  char quote = '\0';
  for (size_t i = 0; i < length; i++)
    {
      char c = text[i];
      if (quote == '\'' && c != '\'')
        *out++ = c;
      else if (c == '\\' && i + 1 < length)
        i += unescape (text + i + 1, length - i - 1, out++);
      else if ((c == '"' || c == '\'') && (!quote || quote == c))
        quote = quote ? '\0' : c;
      else
        *out++ = c;
    }
  *out = '\0';
  return value;
}

static char *
haproxy_quote (const char *value)
{
  if (*value && !strpbrk (value, " \t\r\n#\"'\\$"))
    return xstrdup (value);
  if (!strchr (value, '\''))
    return xasprintf ("'%s'", value);
  char *quoted = xmalloc (2 * strlen (value) + 3), *out = quoted;
  *out++ = '"';
  for (const char *v = value; *v; v++)
    {
      if (*v == '"' || *v == '\\' || *v == '$')
        *out++ = '\\';
      *out++ = *v;
    }
  *out++ = '"';
  *out = '\0';
  return quoted;
}

const struct cw_conf_syntax cw_haproxy_syntax = {
  .name = "haproxy",
  .parse = haproxy_parse,
  .value = haproxy_value,
  .quote = haproxy_quote,
  .separator = " ",
  .terminator = "",
  .indent = "    ",
};

enum cw_status
cw_haproxy_load (struct cw_conf *conf, const char *path,
                 struct cw_diags *diags)
{
  cw_conf_init (conf, &cw_haproxy_syntax, NULL);
  return cw_conf_load (conf, path, diags);
}
