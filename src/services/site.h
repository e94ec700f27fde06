/* What the enable step needs to know of a service's configuration: the
   sites (nginx's server blocks, Apache's virtual hosts) with their names,
   the ports that serve TLS, and the directives that name the
   certificate and key there. */
#ifndef CERTWIZ_SERVICES_SITE_H
#define CERTWIZ_SERVICES_SITE_H

#include <stdbool.h>
#include <stddef.h>

#include "services/conf.h"

enum cw_tls_mode
{
  CW_TLS_NONE,             /* plain text only */
  CW_TLS_DIRECT,           /* TLS from the first byte (443, 465, 993) */
  CW_TLS_STARTTLS          /* plain text, then STARTTLS (25, 143, 110) */
};

struct cw_listener
{
  char *address;           /* "*" for every address, "127.0.0.1", "[::1]" */
  unsigned port;
  enum cw_tls_mode tls;
  const char *protocol;    /* "https", "smtp", "imap", "pop3" */
  size_t node;             /* the directive or block that says so */
};

struct cw_listeners
{
  struct cw_listener *items;
  size_t count;
  size_t capacity;
};

struct cw_site
{
  size_t node;             /* the server block or virtual host */
  char **names;            /* server_name, or ServerName and ServerAlias */
  size_t name_count;
  struct cw_listeners listeners;
  struct cw_conf_nodes certs;   /* the directives in effect, which may */
  struct cw_conf_nodes keys;    /* be those of an enclosing block */
  struct cw_conf_nodes chains;  /* Apache's SSLCertificateChainFile */
};

struct cw_sites
{
  struct cw_site *items;
  size_t count;
  size_t capacity;
};

#define CW_SITES_INIT { NULL, 0, 0 }

/* Whether one of SITE's listeners serves TLS. */
bool cw_site_serves_tls (const struct cw_site *site);
struct cw_site *cw_sites_add (struct cw_sites *sites, size_t node);
void cw_site_add_name (struct cw_site *site, const char *name);
void cw_sites_free (struct cw_sites *sites);

void cw_listeners_add (struct cw_listeners *listeners, const char *address,
                       unsigned port, enum cw_tls_mode tls,
                       const char *protocol, size_t node);
void cw_listeners_free (struct cw_listeners *listeners);

/* Reads "ADDRESS:PORT", "[V6]:PORT", "PORT" or "ADDRESS" (then
   DEFAULT_PORT) into *ADDRESS (owned by the caller; "*" when only a
   port is given) and *PORT.  False when TEXT is none of these. */
bool cw_listen_address (const char *text, unsigned default_port,
                        char **address, unsigned *port);

#endif
