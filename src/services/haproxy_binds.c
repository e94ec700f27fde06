/* HAProxy's bind lines: "bind 127.0.0.1:443,:8443 ssl crt site.pem". */
#include <config.h>

#include "services/haproxy.h"

#include <stdlib.h>
#include <string.h>

#include "base/xalloc.h"

/* "ipv4@127.0.0.1:443", ":443", "*:8000-8010" (the first port). */
static void
add_addresses (const struct cw_conf *conf, size_t node, bool ssl,
               struct cw_listeners *listeners)
{
  char *all = cw_conf_arg (conf, node, 0);
  if (!all)
    return;
  char *save = NULL;
  for (char *one = strtok_r (all, ",", &save); one;
       one = strtok_r (NULL, ",", &save))
    {
      char *at = strchr (one, '@');
      if (at && (strncmp (one, "unix@", 5) == 0
                 || strncmp (one, "abns@", 5) == 0
                 || strncmp (one, "fd@", 3) == 0
                 || strncmp (one, "sockpair@", 9) == 0))
        continue;
      char *where = at ? at + 1 : one;
      char *colon = strrchr (where, ':');
      char *range = colon ? strchr (colon, '-') : NULL;
      if (range)
        *range = '\0';
      char *address;
      unsigned port;
      if (cw_listen_address (where, 0, &address, &port) && port)
        {
          cw_listeners_add (listeners, address, port,
                            ssl ? CW_TLS_DIRECT : CW_TLS_NONE,
                            ssl ? "https" : "http", node);
          free (address);
        }
    }
  free (all);
}

static void
read_bind (const struct cw_conf *conf, size_t node, size_t section,
           struct cw_haproxy_bind *bind)
{
  *bind = (struct cw_haproxy_bind) { .node = node, .section = section,
                                     .crt_list_arg = CW_CONF_NONE };
  size_t count = conf->nodes[node].arg_count;
  bind->crt_args = xcalloc (count + 1, sizeof *bind->crt_args);
  for (size_t i = 1; i < count; i++)
    {
      char *word = cw_conf_arg (conf, node, i);
      if (strcmp (word, "ssl") == 0)
        bind->ssl = true;
      else if (strcmp (word, "crt") == 0 && i + 1 < count)
        bind->crt_args[bind->crt_count++] = ++i;
      else if (strcmp (word, "crt-list") == 0 && i + 1 < count)
        bind->crt_list_arg = ++i;
      free (word);
    }
  add_addresses (conf, node, bind->ssl, &bind->listeners);
}

void
cw_haproxy_binds (const struct cw_conf *conf, struct cw_haproxy_binds *binds)
{
  *binds = (struct cw_haproxy_binds) { NULL, 0 };
  for (size_t s = cw_conf_next (conf, CW_CONF_NONE, CW_CONF_NONE, NULL);
       s != CW_CONF_NONE; s = cw_conf_next (conf, CW_CONF_NONE, s, NULL))
    {
      if (!cw_conf_is (conf, s, "frontend") && !cw_conf_is (conf, s, "listen"))
        continue;
      for (size_t b = cw_conf_next (conf, s, CW_CONF_NONE, "bind");
           b != CW_CONF_NONE; b = cw_conf_next (conf, s, b, "bind"))
        {
          binds->items = xreallocarray (binds->items, binds->count + 1,
                                        sizeof *binds->items);
          read_bind (conf, b, s, &binds->items[binds->count++]);
        }
    }
}

void
cw_haproxy_binds_free (struct cw_haproxy_binds *binds)
{
  for (size_t i = 0; i < binds->count; i++)
    {
      free (binds->items[i].crt_args);
      cw_listeners_free (&binds->items[i].listeners);
    }
  free (binds->items);
  *binds = (struct cw_haproxy_binds) { NULL, 0 };
}
