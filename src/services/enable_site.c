/* The parts of enable that nginx's and Apache's adapters share. */
#include <config.h>

#include "services/enable_site.h"

#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/types.h>

#include "pki/verify.h"

bool
cw_svc_covers_site (gnutls_x509_crt_t crt, const struct cw_site *site)
{
  for (size_t i = 0; i < site->name_count; i++)
    if (cw_svc_covers (crt, site->names[i]))
      return true;
  return false;
}

static bool
named (const struct cw_site *site, const char *name)
{
  for (size_t i = 0; i < site->name_count; i++)
    if (strcasecmp (site->names[i], name) == 0)
      return true;
  return false;
}

size_t
cw_svc_find_site (struct cw_svc *svc, gnutls_x509_crt_t crt, const char *site)
{
  size_t found = 0;
  for (size_t i = 0; i < svc->sites.count; i++)
    {
      const struct cw_site *s = &svc->sites.items[i];
      if (!cw_site_serves_tls (s)
          || (site ? !named (s, site) : !cw_svc_covers_site (crt, s)))
        continue;
      if (found++ == 0)
        svc->site = i;
    }
  return found;
}

void
cw_svc_point (struct cw_conf *conf, size_t block,
              const struct cw_conf_nodes *in, const char *name,
              const char *value)
{
  bool set = false;
  for (size_t i = 0; i < in->count; i++)
    {
      size_t node = in->items[i];
      if (cw_conf_parent (conf, node) != block)
        continue;
      if (set)
        cw_conf_remove (conf, node);
      else
        cw_conf_set_arg (conf, node, 0, value);
      set = true;
    }
  if (!set)
    cw_conf_add (conf, block, name, &value, 1);
}

void
cw_svc_plan_changed (const struct cw_conf *conf, struct cw_svc_plan *plan)
{
  for (size_t f = 0; f < conf->file_count; f++)
    if (cw_conf_changed (conf, f))
      {
        size_t length;
        char *after = cw_conf_render (conf, f, &length);
        const struct cw_conf_file *file = &conf->files[f];
        cw_svc_plan_file (plan, file->path, file->text, file->length, after,
                          length);
        free (after);
      }
}

void
cw_svc_plan_site_ports (const struct cw_site *site, struct cw_svc_plan *plan)
{
  for (size_t l = 0; l < site->listeners.count; l++)
    {
      const struct cw_listener *listener = &site->listeners.items[l];
      if (listener->tls == CW_TLS_NONE)
        continue;
      const char *host = strcmp (listener->address, "*") == 0
                         ? "127.0.0.1" : listener->address;
      for (size_t n = 0; n < site->name_count; n++)
        if (!strchr (site->names[n], '*') && strcmp (site->names[n], "_") != 0
            && site->names[n][0] != '~')
          cw_svc_plan_port (plan, host, listener->port, CW_STARTTLS_NONE,
                            site->names[n]);
    }
}

pid_t
cw_svc_pid_read (const char *path)
{
  FILE *f = path ? fopen (path, "r") : NULL;
  long pid = 0;
  if (!f || fscanf (f, "%ld", &pid) != 1 || pid <= 0
      || kill ((pid_t) pid, 0) != 0)
    pid = 0;
  if (f)
    fclose (f);
  return (pid_t) pid;
}

bool
cw_svc_pid_alive (const char *path)
{
  return cw_svc_pid_read (path) != 0;
}
