/* Postfix's master.cf, as master(5) describes it: a service a logical
   line, a line that starts with a blank continuing the one before,
   lines whose first non-blank is '#' as comments, fields apart by
   blanks, "{ text }" for an argument with blanks in it, and
   "-o name=value" overriding a main.cf parameter for one service. */
#include <config.h>

#include "services/postfix.h"

#include <arpa/inet.h>
#include <netdb.h>
#include <stdlib.h>
#include <string.h>

#include "base/i18n.h"
#include "base/xalloc.h"

/* service type private unpriv chroot wakeup maxproc command */

static bool
is_blank (char c)
{
  return c == ' ' || c == '\t' || c == '\r' || c == '\f' || c == '\v';
}

struct master_parser
{
  struct cw_conf_lexer lex;
  size_t parent;
  size_t service;          /* the service being read, or NONE */
  size_t fields;           /* its fields so far, the -o pairs left out */
  size_t override;         /* a "-o" waiting for its name=value */
  struct cw_diags *diags;
};

static enum cw_status
error_at (struct master_parser *p, unsigned line, const char *message)
{
  return cw_conf_error (p->lex.conf, p->lex.file, line, "config-syntax",
                        p->diags, "%s", message);
}

static size_t
word_length (const struct cw_conf_lexer *lex)
{
  size_t n = 0;
  if (cw_conf_peek (lex, 0) == '{')
    {
      while (lex->pos + n < lex->length && cw_conf_peek (lex, n) != '}'
             && cw_conf_peek (lex, n) != '\n')
        n++;
      return cw_conf_peek (lex, n) == '}' ? n + 1 : 0;
    }
  while (lex->pos + n < lex->length && !is_blank (cw_conf_peek (lex, n))
         && cw_conf_peek (lex, n) != '\n')
    n++;
  return n;
}

static enum cw_status
finish_service (struct master_parser *p)
{
  if (p->service == CW_CONF_NONE)
    return CW_OK;
  struct cw_conf *conf = p->lex.conf;
  unsigned line = cw_conf_line (conf, p->service);
  if (p->override != CW_CONF_NONE)
    return error_at (p, line, _("This service ends with \"-o\" and no "
                                "name=value after it."));
  if (p->fields < CW_MASTER_FIELDS)
    return error_at (p, line, _("A service needs 8 fields: service, type, "
                                "private, unpriv, chroot, wakeup, maxproc "
                                "and command."));
  p->service = CW_CONF_NONE;
  return CW_OK;
}

static void
add_word (struct master_parser *p, size_t token)
{
  struct cw_conf *conf = p->lex.conf;
  size_t file = p->lex.file;
  const struct cw_conf_token *t = cw_conf_token_of (conf, file, token);
  bool dash_o = t->length == 2
                && memcmp (conf->files[file].text + t->offset, "-o", 2) == 0;
  if (p->service == CW_CONF_NONE)
    {
      p->service = cw_conf_node_add (conf, CW_NODE_BLOCK, file, token,
                                     p->parent);
      p->fields = 1;
      return;
    }
  if (p->override != CW_CONF_NONE)
    {
      cw_conf_node_arg (conf, p->override, token);
      p->override = CW_CONF_NONE;
    }
  else if (dash_o && p->fields >= CW_MASTER_FIELDS)
    p->override = cw_conf_node_add (conf, CW_NODE_DIRECTIVE, file, token,
                                    p->service);
  else
    {
      cw_conf_node_arg (conf, p->service, token);
      p->fields++;
    }
  conf->nodes[p->service].end = token + 1;
}

static enum cw_status
take_words (struct master_parser *p)
{
  struct cw_conf_lexer *lex = &p->lex;
  for (;;)
    {
      cw_conf_take_blanks (lex);
      if (lex->pos >= lex->length || cw_conf_newline_at (lex, lex->pos))
        return CW_OK;
      size_t n = word_length (lex);
      if (n == 0)
        return error_at (p, lex->line, _("A \"{\" is not closed with \"}\" "
                                         "on its line."));
      add_word (p, cw_conf_take (lex, CW_TOKEN_WORD, n));
    }
}

static enum cw_status
take_line (struct master_parser *p)
{
  struct cw_conf_lexer *lex = &p->lex;
  bool continues = is_blank (cw_conf_peek (lex, 0));
  cw_conf_take_blanks (lex);
  if (lex->pos >= lex->length || cw_conf_take_newline (lex))
    return CW_OK;
  if (cw_conf_peek (lex, 0) == '#')
    {
      size_t n = 0;
      while (lex->pos + n < lex->length
             && cw_conf_newline_at (lex, lex->pos + n) == 0)
        n++;
      cw_conf_take (lex, CW_TOKEN_COMMENT, n);
      cw_conf_take_newline (lex);
      return CW_OK;
    }
  enum cw_status status = CW_OK;
  if (continues && p->service == CW_CONF_NONE)
    return error_at (p, lex->line, _("This line starts with a blank, so it "
                                     "continues a service, but no service "
                                     "comes before it."));
  if (!continues)
    status = finish_service (p);
  if (status == CW_OK)
    status = take_words (p);
  cw_conf_take_newline (lex);
  return status;
}

static enum cw_status
master_parse (struct cw_conf *conf, size_t file, size_t parent,
              struct cw_diags *diags)
{
  struct master_parser p = { .parent = parent, .service = CW_CONF_NONE,
                             .override = CW_CONF_NONE, .diags = diags };
  cw_conf_lexer_start (&p.lex, conf, file);
  enum cw_status status = CW_OK;
  while (status == CW_OK && p.lex.pos < p.lex.length)
    status = take_line (&p);
  return status == CW_OK ? finish_service (&p) : status;
}

static char *
master_value (const char *text, size_t length)
{
  if (length >= 2 && text[0] == '{' && text[length - 1] == '}')
    {
      text++;
      length -= 2;
      while (length && is_blank (*text))
        text++, length--;
      while (length && is_blank (text[length - 1]))
        length--;
    }
  return xstrndup (text, length);
}

static char *
master_quote (const char *value)
{
  if (*value && !strpbrk (value, " \t{}"))
    return xstrdup (value);
  return xasprintf ("{ %s }", value);
}

const struct cw_conf_syntax cw_master_syntax = {
  .name = "postfix",
  .parse = master_parse,
  .value = master_value,
  .quote = master_quote,
  .separator = " ",
  .terminator = "",
  .indent = "  ",
};

enum cw_status
cw_master_load (struct cw_conf *conf, const char *path,
                struct cw_diags *diags)
{
  cw_conf_init (conf, &cw_master_syntax, NULL);
  return cw_conf_load (conf, path, diags);
}

/* ---------------------------------------------------------- queries */

size_t
cw_master_override (const struct cw_conf *conf, size_t service,
                    const char *name, char **value)
{
  size_t found = CW_CONF_NONE;
  if (value)
    *value = NULL;
  for (size_t n = cw_conf_next (conf, service, CW_CONF_NONE, "-o");
       n != CW_CONF_NONE; n = cw_conf_next (conf, service, n, "-o"))
    {
      char *pair = cw_conf_arg (conf, n, 0);
      char *equals = pair ? strchr (pair, '=') : NULL;
      if (equals)
        {
          char *end = equals;
          while (end > pair && is_blank (end[-1]))
            end--;
          bool same = (size_t) (end - pair) == strlen (name)
                      && strncmp (pair, name, strlen (name)) == 0;
          if (same && value)
            {
              const char *v = equals + 1;
              while (is_blank (*v))
                v++;
              free (*value);
              *value = xstrdup (v);
            }
          if (same)
            found = n;
        }
      free (pair);
    }
  return found;
}

static const struct
{
  const char *name;
  unsigned port;
} smtp_ports[] = {
  { "smtp", 25 }, { "submission", 587 }, { "smtps", 465 },
  { "submissions", 465 },
};

static unsigned
port_of (const char *service)
{
  for (size_t i = 0; i < sizeof smtp_ports / sizeof smtp_ports[0]; i++)
    if (strcmp (service, smtp_ports[i].name) == 0)
      return smtp_ports[i].port;
  if (*service && strspn (service, "0123456789") == strlen (service))
    {
      unsigned long port = strtoul (service, NULL, 10);
      return port <= 65535 ? (unsigned) port : 0;
    }
  struct servent *known = getservbyname (service, "tcp");
  return known ? (unsigned) ntohs ((uint16_t) known->s_port) : 0;
}

/* "smtp", "127.0.0.1:2525", "[::1]:submission". */
static bool
service_address (const char *service, char **address, unsigned *port)
{
  const char *colon = strrchr (service, ':');
  if (service[0] == '[')
    {
      const char *close = strchr (service, ']');
      colon = close && close[1] == ':' ? close + 1 : NULL;
    }
  *port = port_of (colon ? colon + 1 : service);
  *address = colon ? xstrndup (service, (size_t) (colon - service))
                   : xstrdup ("*");
  if (*port == 0)
    {
      free (*address);
      *address = NULL;
    }
  return *port != 0;
}

void
cw_master_smtpd_services (const struct cw_conf *conf,
                          struct cw_listeners *listeners)
{
  for (size_t s = cw_conf_next (conf, CW_CONF_NONE, CW_CONF_NONE, NULL);
       s != CW_CONF_NONE; s = cw_conf_next (conf, CW_CONF_NONE, s, NULL))
    {
      char *type = cw_conf_arg (conf, s, 0);
      char *command = cw_conf_arg (conf, s, CW_MASTER_FIELDS - 2);
      char *name = cw_conf_name (conf, s);
      char *address = NULL, *wrapper = NULL;
      unsigned port;
      if (type && command && strcmp (type, "inet") == 0
          && strcmp (command, "smtpd") == 0
          && service_address (name, &address, &port))
        {
          cw_master_override (conf, s, "smtpd_tls_wrappermode", &wrapper);
          bool direct = wrapper && strcmp (wrapper, "yes") == 0;
          cw_listeners_add (listeners, address, port,
                            direct ? CW_TLS_DIRECT : CW_TLS_STARTTLS, "smtp",
                            s);
        }
      free (address);
      free (wrapper);
      free (name);
      free (command);
      free (type);
    }
}
