/* enable for nginx: the server block whose server_name the certificate
   covers, its ssl_certificate and ssl_certificate_key pointed at the
   live files, nginx -t, nginx -s reload, its TLS listeners; or, with
   --add-site, a new server block in a file of its own. */
#include <config.h>

#include "services/svc.h"

#include <stdlib.h>
#include <string.h>

#include "base/i18n.h"
#include "base/xalloc.h"
#include "services/enable_site.h"
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

static enum cw_status
nginx_choose (struct cw_svc *svc, gnutls_x509_crt_t crt, const char *site,
              struct cw_diags *diags)
{
  size_t found = cw_svc_find_site (svc, crt, site);
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

static void
nginx_commands (const struct cw_svc *svc, struct cw_svc_plan *plan)
{
  plan->test = cw_svc_argv ("nginx", "-q", "-t", "-c", svc->config, NULL);
  plan->reload = cw_svc_argv ("nginx", "-s", "reload", "-c", svc->config,
                              NULL);
}

static enum cw_status
nginx_plan (struct cw_svc *svc, const struct cw_svc_target *target,
            struct cw_svc_plan *plan, struct cw_diags *diags)
{
  (void) diags;
  const struct cw_site *s = &svc->sites.items[svc->site];
  cw_svc_point (&svc->conf, s->node, &s->certs, "ssl_certificate",
                target->fullchain);
  cw_svc_point (&svc->conf, s->node, &s->keys, "ssl_certificate_key",
                target->key);
  cw_svc_plan_changed (&svc->conf, plan);
  cw_svc_plan_site_ports (s, plan);
  nginx_commands (svc, plan);
  return CW_OK;
}

static const char *const nginx_includes[] = { "include", NULL };

/* The server block of a new site: what an admin would write. */
static char *
server_block (const struct cw_conf *conf, const struct cw_new_site *site,
              const struct cw_svc_target *target)
{
  char *listen = cw_new_site_listen (site, NULL);
  char *names = xstrdup ("");
  for (size_t i = 0; i < site->name_count; i++)
    {
      char *name = conf->syntax->quote (site->names[i]);
      char *longer = xasprintf ("%s %s", names, name);
      free (names), free (name);
      names = longer;
    }
  char *root = conf->syntax->quote (site->root);
  char *cert = conf->syntax->quote (target->fullchain);
  char *key = conf->syntax->quote (target->key);
  char *text = xasprintf ("# The TLS site certwiz added for%s; certwiz "
                          "disable removes this file.\n"
                          "server {\n"
                          "    listen %s ssl;\n"
                          "    server_name%s;\n"
                          "    root %s;\n"
                          "    ssl_certificate %s;\n"
                          "    ssl_certificate_key %s;\n"
                          "}\n", names, listen, names, root, cert, key);
  free (listen), free (names), free (root), free (cert), free (key);
  return text;
}

static const struct cw_new_site_syntax nginx_new_site = {
  nginx_includes, "http", false, "root", server_block };

static enum cw_status
nginx_add_site (struct cw_svc *svc, gnutls_x509_crt_t crt, const char *listen,
                const struct cw_svc_target *target, struct cw_svc_plan *plan,
                struct cw_diags *diags)
{
  nginx_commands (svc, plan);
  return cw_new_site_add (svc, crt, listen, &nginx_new_site, target, plan,
                          diags);
}

static pid_t
nginx_master (const struct cw_svc *svc)
{
  size_t node = cw_conf_last (&svc->conf, CW_CONF_NONE, "pid");
  char *path = node == CW_CONF_NONE ? xstrdup ("/run/nginx.pid")
                                    : cw_conf_arg (&svc->conf, node, 0);
  pid_t pid = cw_svc_pid_read (path);
  free (path);
  return pid;
}

static bool
nginx_alive (const struct cw_svc *svc)
{
  return nginx_master (svc) != 0;
}

const struct cw_svc_adapter cw_svc_nginx = {
  "nginx", "https", "HTTPS", "/etc/nginx/nginx.conf", "nginx",
  nginx_load, nginx_choose, nginx_current, nginx_plan, nginx_alive, NULL,
  nginx_master, nginx_add_site,
};
