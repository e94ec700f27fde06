/* nginx's server blocks, as the enable step sees them. */
#include <config.h>

#include "services/nginx.h"

#include <stdlib.h>
#include <string.h>

/* "listen 443 ssl", "listen [::]:443 ssl http2", "listen unix:/run/x". */
static void
add_listener (const struct cw_conf *conf, size_t listen, bool ssl_on,
              struct cw_site *site)
{
  char *where = cw_conf_arg (conf, listen, 0);
  char *address;
  unsigned port;
  if (where && strncmp (where, "unix:", 5) != 0
      && cw_listen_address (where, 80, &address, &port))
    {
      bool tls = ssl_on || cw_conf_has_arg (conf, listen, "ssl");
      cw_listeners_add (&site->listeners, address, port,
                        tls ? CW_TLS_DIRECT : CW_TLS_NONE,
                        tls ? "https" : "http", listen);
      free (address);
    }
  free (where);
}

/* The "ssl on" of nginx before 1.25, in the server or around it. */
static bool
ssl_on (const struct cw_conf *conf, size_t server)
{
  size_t ssl = cw_conf_in_effect (conf, server, "ssl");
  char *value = ssl == CW_CONF_NONE ? NULL : cw_conf_arg (conf, ssl, 0);
  bool on = value && strcmp (value, "on") == 0;
  free (value);
  return on;
}

static void
read_server (const struct cw_conf *conf, size_t server, struct cw_site *site)
{
  for (size_t n = cw_conf_next (conf, server, CW_CONF_NONE, "server_name");
       n != CW_CONF_NONE; n = cw_conf_next (conf, server, n, "server_name"))
    for (size_t i = 0; i < conf->nodes[n].arg_count; i++)
      {
        char *name = cw_conf_arg (conf, n, i);
        cw_site_add_name (site, name);
        free (name);
      }
  bool all_tls = ssl_on (conf, server);
  size_t listen = cw_conf_next (conf, server, CW_CONF_NONE, "listen");
  if (listen == CW_CONF_NONE)
    /* Without listen, nginx listens on *:80. */
    cw_listeners_add (&site->listeners, "*", 80,
                      all_tls ? CW_TLS_DIRECT : CW_TLS_NONE,
                      all_tls ? "https" : "http", server);
  for (; listen != CW_CONF_NONE;
       listen = cw_conf_next (conf, server, listen, "listen"))
    add_listener (conf, listen, all_tls, site);
  cw_conf_all_in_effect (conf, server, "ssl_certificate", &site->certs);
  cw_conf_all_in_effect (conf, server, "ssl_certificate_key", &site->keys);
}

void
cw_nginx_sites (const struct cw_conf *conf, struct cw_sites *sites)
{
  for (size_t http = cw_conf_next (conf, CW_CONF_NONE, CW_CONF_NONE, "http");
       http != CW_CONF_NONE;
       http = cw_conf_next (conf, CW_CONF_NONE, http, "http"))
    for (size_t server = cw_conf_next (conf, http, CW_CONF_NONE, "server");
         server != CW_CONF_NONE;
         server = cw_conf_next (conf, http, server, "server"))
      if (conf->nodes[server].kind == CW_NODE_BLOCK)
        read_server (conf, server, cw_sites_add (sites, server));
}
