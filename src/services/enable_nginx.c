/* enable for nginx: the server block whose server_name the certificate
   covers, its ssl_certificate and ssl_certificate_key pointed at the
   live files, nginx -t, nginx -s reload, its TLS listeners. */
#include <config.h>

#include "services/enable.h"

#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/types.h>

#include "base/i18n.h"
#include "base/xalloc.h"
#include "services/nginx.h"

static enum cw_status
nginx_load (struct cw_svc *svc, struct cw_diags *diags)
{
  enum cw_status status = cw_nginx_load (&svc->conf, svc->config, NULL,
                                         diags);
  if (status == CW_OK)
    cw_nginx_sites (&svc->conf, &svc->sites);
  return status;
}

static bool
covers_site (gnutls_x509_crt_t crt, const struct cw_site *site)
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

static enum cw_status
nginx_choose (struct cw_svc *svc, gnutls_x509_crt_t crt, const char *site,
              struct cw_diags *diags)
{
  size_t found = 0;
  for (size_t i = 0; i < svc->sites.count; i++)
    {
      const struct cw_site *s = &svc->sites.items[i];
      if (!cw_site_serves_tls (s)
          || (site ? !named (s, site) : !covers_site (crt, s)))
        continue;
      if (found++ == 0)
        svc->site = i;
    }
  if (found == 1)
    return CW_OK;
  if (found == 0)
    cw_diag_add (diags, CW_ERROR, "enable-no-site", "service",
                 _("No TLS site of %s serves the names of this certificate. "
                   "Add a TLS server block for them first, or name the "
                   "site to use."), svc->config);
  else
    cw_diag_add (diags, CW_ERROR, "enable-sites-ambiguous", "service",
                 _("Several TLS sites of %s serve the names of this "
                   "certificate. Name the site to use."), svc->config);
  return CW_REFUSED;
}

static void
nginx_current (const struct cw_svc *svc, char **cert, char **key)
{
  const struct cw_site *s = &svc->sites.items[svc->site];
  *cert = s->certs.count ? cw_conf_arg (&svc->conf, s->certs.items[0], 0)
                         : NULL;
  *key = s->keys.count ? cw_conf_arg (&svc->conf, s->keys.items[0], 0)
                       : NULL;
}

/* The directive NAME of the server block set to VALUE: its own changed,
   extra ones removed; one added when only an enclosing block has it
   (changing that would change the other sites). */
static void
point (struct cw_conf *conf, size_t server, const struct cw_conf_nodes *in,
       const char *name, const char *value)
{
  bool set = false;
  for (size_t i = 0; i < in->count; i++)
    {
      size_t node = in->items[i];
      if (cw_conf_parent (conf, node) != server)
        continue;
      if (set)
        cw_conf_remove (conf, node);
      else
        cw_conf_set_arg (conf, node, 0, value);
      set = true;
    }
  if (!set)
    cw_conf_add (conf, server, name, &value, 1);
}

static enum cw_status
nginx_plan (struct cw_svc *svc, const struct cw_svc_target *target,
            struct cw_svc_plan *plan, struct cw_diags *diags)
{
  (void) diags;
  const struct cw_site *s = &svc->sites.items[svc->site];
  point (&svc->conf, s->node, &s->certs, "ssl_certificate",
         target->fullchain);
  point (&svc->conf, s->node, &s->keys, "ssl_certificate_key", target->key);
  for (size_t f = 0; f < svc->conf.file_count; f++)
    if (cw_conf_changed (&svc->conf, f))
      {
        size_t length;
        char *after = cw_conf_render (&svc->conf, f, &length);
        const struct cw_conf_file *file = &svc->conf.files[f];
        cw_svc_plan_file (plan, file->path, file->text, file->length, after,
                          length);
        free (after);
      }
  for (size_t l = 0; l < s->listeners.count; l++)
    {
      const struct cw_listener *listener = &s->listeners.items[l];
      if (listener->tls == CW_TLS_NONE)
        continue;
      const char *host = strcmp (listener->address, "*") == 0
                         ? "127.0.0.1" : listener->address;
      for (size_t n = 0; n < s->name_count; n++)
        if (!strchr (s->names[n], '*') && strcmp (s->names[n], "_") != 0
            && s->names[n][0] != '~')
          cw_svc_plan_port (plan, host, listener->port, CW_STARTTLS_NONE,
                            s->names[n]);
    }
  plan->test = cw_svc_argv ("nginx", "-q", "-t", "-c", svc->config, NULL);
  plan->reload = cw_svc_argv ("nginx", "-s", "reload", "-c", svc->config,
                              NULL);
  return CW_OK;
}

static pid_t
nginx_master (const struct cw_svc *svc)
{
  size_t node = cw_conf_last (&svc->conf, CW_CONF_NONE, "pid");
  char *path = node == CW_CONF_NONE ? xstrdup ("/run/nginx.pid")
                                    : cw_conf_arg (&svc->conf, node, 0);
  FILE *f = path ? fopen (path, "r") : NULL;
  long pid = 0;
  if (!f || fscanf (f, "%ld", &pid) != 1 || pid <= 0
      || kill ((pid_t) pid, 0) != 0)
    pid = 0;
  if (f)
    fclose (f);
  free (path);
  return (pid_t) pid;
}

static bool
nginx_alive (const struct cw_svc *svc)
{
  return nginx_master (svc) != 0;
}

const struct cw_svc_adapter cw_svc_nginx = {
  "nginx", "https", "HTTPS", "/etc/nginx/nginx.conf", "nginx",
  nginx_load, nginx_choose, nginx_current, nginx_plan, nginx_alive,
  nginx_master,
};
