/* Apache's virtual hosts and Listen ports, as the enable step sees
   them. */
#include <config.h>

#include "services/apache.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "base/xalloc.h"

void
cw_apache_listens (const struct cw_conf *conf, struct cw_listeners *listeners)
{
  for (size_t n = cw_conf_next (conf, CW_CONF_NONE, CW_CONF_NONE, "Listen");
       n != CW_CONF_NONE; n = cw_conf_next (conf, CW_CONF_NONE, n, "Listen"))
    {
      char *where = cw_conf_arg (conf, n, 0);
      char *protocol = cw_conf_arg (conf, n, 1);
      char *address;
      unsigned port;
      if (where && cw_listen_address (where, 0, &address, &port) && port)
        {
          bool tls = protocol ? strcasecmp (protocol, "https") == 0
                              : port == 443;
          cw_listeners_add (listeners, address, port,
                            tls ? CW_TLS_DIRECT : CW_TLS_NONE,
                            tls ? "https" : "http", n);
          free (address);
        }
      free (where);
      free (protocol);
    }
}

static bool
directive_on (const struct cw_conf *conf, size_t block, const char *name)
{
  size_t n = cw_conf_in_effect (conf, block, name);
  char *value = n == CW_CONF_NONE ? NULL : cw_conf_arg (conf, n, 0);
  bool on = value && strcasecmp (value, "on") == 0;
  free (value);
  return on;
}

/* "ServerName https://www.contoso.com:443" names www.contoso.com. */
static char *
host_of (const char *server_name)
{
  const char *start = strstr (server_name, "://");
  start = start ? start + 3 : server_name;
  size_t length = strcspn (start, ":/");
  return xstrndup (start, length);
}

static void
add_names (const struct cw_conf *conf, size_t vhost, struct cw_site *site)
{
  size_t server_name = cw_conf_last (conf, vhost, "ServerName");
  if (server_name != CW_CONF_NONE)
    {
      char *written = cw_conf_arg (conf, server_name, 0);
      if (written)
        {
          char *host = host_of (written);
          cw_site_add_name (site, host);
          free (host);
        }
      free (written);
    }
  for (size_t n = cw_conf_next (conf, vhost, CW_CONF_NONE, "ServerAlias");
       n != CW_CONF_NONE; n = cw_conf_next (conf, vhost, n, "ServerAlias"))
    for (size_t i = 0; i < conf->nodes[n].arg_count; i++)
      {
        char *alias = cw_conf_arg (conf, n, i);
        cw_site_add_name (site, alias);
        free (alias);
      }
}

/* "<VirtualHost *:443 [::]:443>"; an address without a port answers on
   every port Apache listens on. */
static void
add_addresses (const struct cw_conf *conf, size_t vhost,
               const struct cw_listeners *listens, struct cw_site *site)
{
  enum cw_tls_mode tls = directive_on (conf, vhost, "SSLEngine")
                         ? CW_TLS_DIRECT : CW_TLS_NONE;
  const char *protocol = tls ? "https" : "http";
  for (size_t i = 0; i < conf->nodes[vhost].arg_count; i++)
    {
      char *arg = cw_conf_arg (conf, vhost, i);
      char *address;
      unsigned port;
      if (cw_listen_address (arg, 0, &address, &port))
        {
          if (port)
            cw_listeners_add (&site->listeners, address, port, tls, protocol,
                              vhost);
          for (size_t j = 0; !port && j < listens->count; j++)
            cw_listeners_add (&site->listeners, address,
                              listens->items[j].port, tls, protocol, vhost);
          free (address);
        }
      free (arg);
    }
}

void
cw_apache_sites (const struct cw_conf *conf, struct cw_sites *sites)
{
  struct cw_listeners listens = { NULL, 0, 0 };
  cw_apache_listens (conf, &listens);
  for (size_t vhost = cw_conf_next (conf, CW_CONF_NONE, CW_CONF_NONE,
                                    "VirtualHost");
       vhost != CW_CONF_NONE;
       vhost = cw_conf_next (conf, CW_CONF_NONE, vhost, "VirtualHost"))
    {
      struct cw_site *site = cw_sites_add (sites, vhost);
      add_names (conf, vhost, site);
      add_addresses (conf, vhost, &listens, site);
      cw_conf_all_in_effect (conf, vhost, "SSLCertificateFile", &site->certs);
      cw_conf_all_in_effect (conf, vhost, "SSLCertificateKeyFile",
                             &site->keys);
      cw_conf_all_in_effect (conf, vhost, "SSLCertificateChainFile",
                             &site->chains);
    }
  cw_listeners_free (&listens);
}
