#include <config.h>

#include "services/site.h"

#include <stdlib.h>
#include <string.h>

#include "base/xalloc.h"

bool
cw_site_serves_tls (const struct cw_site *site)
{
  for (size_t i = 0; i < site->listeners.count; i++)
    if (site->listeners.items[i].tls != CW_TLS_NONE)
      return true;
  return false;
}

struct cw_site *
cw_sites_add (struct cw_sites *sites, size_t node)
{
  if (sites->count == sites->capacity)
    {
      sites->capacity = sites->capacity ? 2 * sites->capacity : 4;
      sites->items = xreallocarray (sites->items, sites->capacity,
                                    sizeof *sites->items);
    }
  struct cw_site *site = &sites->items[sites->count++];
  *site = (struct cw_site) { .node = node };
  return site;
}

void
cw_site_add_name (struct cw_site *site, const char *name)
{
  site->names = xreallocarray (site->names, site->name_count + 1,
                               sizeof *site->names);
  site->names[site->name_count++] = xstrdup (name);
}

void
cw_sites_free (struct cw_sites *sites)
{
  for (size_t i = 0; i < sites->count; i++)
    {
      struct cw_site *site = &sites->items[i];
      for (size_t j = 0; j < site->name_count; j++)
        free (site->names[j]);
      free (site->names);
      cw_listeners_free (&site->listeners);
      cw_conf_nodes_free (&site->certs);
      cw_conf_nodes_free (&site->keys);
      cw_conf_nodes_free (&site->chains);
    }
  free (sites->items);
  *sites = (struct cw_sites) CW_SITES_INIT;
}

void
cw_listeners_add (struct cw_listeners *listeners, const char *address,
                  unsigned port, enum cw_tls_mode tls, const char *protocol,
                  size_t node)
{
  if (listeners->count == listeners->capacity)
    {
      listeners->capacity = listeners->capacity ? 2 * listeners->capacity : 4;
      listeners->items = xreallocarray (listeners->items,
                                        listeners->capacity,
                                        sizeof *listeners->items);
    }
  listeners->items[listeners->count++] = (struct cw_listener) {
    xstrdup (address), port, tls, protocol, node };
}

void
cw_listeners_free (struct cw_listeners *listeners)
{
  for (size_t i = 0; i < listeners->count; i++)
    free (listeners->items[i].address);
  free (listeners->items);
  *listeners = (struct cw_listeners) { NULL, 0, 0 };
}

static bool
read_port (const char *text, unsigned *port)
{
  if (!*text || strspn (text, "0123456789") != strlen (text)
      || strlen (text) > 5)
    return false;
  unsigned long value = strtoul (text, NULL, 10);
  if (value == 0 || value > 65535)
    return false;
  *port = (unsigned) value;
  return true;
}

bool
cw_listen_address (const char *text, unsigned default_port, char **address,
                   unsigned *port)
{
  if (read_port (text, port))
    {
      *address = xstrdup ("*");
      return true;
    }
  const char *colon = NULL;
  if (text[0] == '[')
    {
      const char *close = strchr (text, ']');
      if (!close || (close[1] && close[1] != ':'))
        return false;
      colon = close[1] ? close + 1 : NULL;
    }
  else
    {
      colon = strrchr (text, ':');
      if (colon && strchr (text, ':') != colon)
        colon = NULL;        /* a bare IPv6 address */
    }
  if (!colon)
    {
      if (!*text)
        return false;
      *address = xstrdup (text);
      *port = default_port;
      return true;
    }
  if (!read_port (colon + 1, port))
    return false;
  /* ":443" and "*:443" both mean every address. */
  *address = colon == text ? xstrdup ("*")
                           : xstrndup (text, (size_t) (colon - text));
  return true;
}
