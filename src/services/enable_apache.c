/* enable for Apache: the <VirtualHost> with "SSLEngine on" whose
   ServerName or ServerAlias the certificate covers, its
   SSLCertificateFile pointed at the full chain and its
   SSLCertificateKeyFile at the key, the config test, a graceful restart,
   the vhost's addresses.

   An SSLCertificateChainFile is left as it is: it is the least change,
   disable then gives the file back byte for byte, and mod_ssl serves the
   chain that follows the certificate in SSLCertificateFile before the
   one of SSLCertificateChainFile. */
#include <config.h>

#include "services/svc.h"

#include <stdlib.h>
#include <string.h>

#include "base/i18n.h"
#include "base/xalloc.h"
#include "services/apache.h"
#include "services/enable_site.h"

/* Debian's own file is read with Debian's environment (envvars), which
   apache2ctl sets; any other is the instance's, run with -f. */
#define DEBIAN_CONFIG "/etc/apache2/apache2.conf"
#define DEBIAN_PIDFILE "/run/apache2/apache2.pid"

static enum cw_status
apache_load (struct cw_svc *svc, struct cw_diags *diags)
{
  enum cw_status status = cw_apache_load (&svc->conf, svc->config, NULL,
                                          diags);
  if (status == CW_OK)
    cw_apache_sites (&svc->conf, &svc->sites);
  return status;
}

static enum cw_status
apache_choose (struct cw_svc *svc, gnutls_x509_crt_t crt, const char *site,
               struct cw_diags *diags)
{
  size_t found = cw_svc_find_site (svc, crt, site);
  if (found == 1)
    return CW_OK;
  if (found == 0)
    cw_diag_add (diags, CW_ERROR, "enable-no-site", "service",
                 _("No virtual host of %s with \"SSLEngine on\" serves the "
                   "names of this certificate. Add a TLS virtual host for "
                   "them first, or name the site to use."),
                 svc->config);
  else
    cw_diag_add (diags, CW_ERROR, "enable-sites-ambiguous", "service",
                 _("Several TLS virtual hosts of %s serve the names of this "
                   "certificate. Name the one to use by its ServerName."),
                 svc->config);
  return CW_REFUSED;
}

static void
apache_current (const struct cw_svc *svc, char **cert, char **key)
{
  const struct cw_site *s = &svc->sites.items[svc->site];
  *cert = s->certs.count ? cw_conf_arg (&svc->conf, s->certs.items[0], 0)
                         : NULL;
  *key = s->keys.count ? cw_conf_arg (&svc->conf, s->keys.items[0], 0)
                       : NULL;
}

static bool
debian_instance (const struct cw_svc *svc)
{
  return strcmp (svc->config, DEBIAN_CONFIG) == 0;
}

static void apache_commands (const struct cw_svc *svc,
                             struct cw_svc_plan *plan);

static enum cw_status
apache_plan (struct cw_svc *svc, const struct cw_svc_target *target,
             struct cw_svc_plan *plan, struct cw_diags *diags)
{
  (void) diags;
  const struct cw_site *s = &svc->sites.items[svc->site];
  cw_svc_point (&svc->conf, s->node, &s->certs, "SSLCertificateFile",
                target->fullchain);
  cw_svc_point (&svc->conf, s->node, &s->keys, "SSLCertificateKeyFile",
                target->key);
  cw_svc_plan_changed (&svc->conf, plan);
  cw_svc_plan_site_ports (s, plan);
  apache_commands (svc, plan);
  return CW_OK;
}

static const char *const apache_includes[] = { "Include", "IncludeOptional",
                                               NULL };

/* Whether a Listen of CONF opens PORT already. */
static bool
listens_on (const struct cw_conf *conf, unsigned port)
{
  struct cw_listeners listens = { NULL, 0, 0 };
  cw_apache_listens (conf, &listens);
  bool found = false;
  for (size_t i = 0; i < listens.count; i++)
    found = found || listens.items[i].port == port;
  cw_listeners_free (&listens);
  return found;
}

/* The virtual host of a new site, with its Listen when none opens the
   port. */
static char *
virtual_host (const struct cw_conf *conf, const struct cw_new_site *site,
              const struct cw_svc_target *target)
{
  char *listen = cw_new_site_listen (site, NULL);
  char *vhost = cw_new_site_listen (site, "*");
  char *listen_line = listens_on (conf, site->port)
                      ? xstrdup ("") : xasprintf ("Listen %s\n", listen);
  char *aliases = xstrdup ("");
  for (size_t i = 1; i < site->name_count; i++)
    {
      char *longer = xasprintf ("%s    ServerAlias %s\n", aliases,
                                site->names[i]);
      free (aliases);
      aliases = longer;
    }
  char *root = conf->syntax->quote (site->root);
  char *cert = conf->syntax->quote (target->fullchain);
  char *key = conf->syntax->quote (target->key);
  char *text = xasprintf ("# The TLS site certwiz added for %s; certwiz "
                          "disable removes this file.\n"
                          "%s"
                          "<VirtualHost %s>\n"
                          "    ServerName %s\n"
                          "%s"
                          "    DocumentRoot %s\n"
                          "    SSLEngine on\n"
                          "    SSLCertificateFile %s\n"
                          "    SSLCertificateKeyFile %s\n"
                          "</VirtualHost>\n", site->names[0], listen_line,
                          vhost, site->names[0], aliases, root, cert, key);
  free (listen), free (vhost), free (listen_line), free (aliases);
  free (root), free (cert), free (key);
  return text;
}

static const struct cw_new_site_syntax apache_new_site = {
  apache_includes, NULL, true, "DocumentRoot", virtual_host };

static enum cw_status
apache_add_site (struct cw_svc *svc, gnutls_x509_crt_t crt,
                 const char *listen, const struct cw_svc_target *target,
                 struct cw_svc_plan *plan, struct cw_diags *diags)
{
  apache_commands (svc, plan);
  return cw_new_site_add (svc, crt, listen, &apache_new_site, target, plan,
                          diags);
}

static void
apache_commands (const struct cw_svc *svc, struct cw_svc_plan *plan)
{
  if (debian_instance (svc))
    {
      plan->test = cw_svc_argv ("apache2ctl", "-t", NULL);
      plan->reload = cw_svc_argv ("apache2ctl", "graceful", NULL);
    }
  else
    {
      plan->test = cw_svc_argv ("apache2", "-f", svc->config, "-t", NULL);
      plan->reload = cw_svc_argv ("apache2", "-f", svc->config, "-k",
                                  "graceful", NULL);
    }
}

/* The PidFile, relative to the ServerRoot when it is not absolute. */
static char *
pid_file (const struct cw_svc *svc)
{
  size_t node = cw_conf_last (&svc->conf, CW_CONF_NONE, "PidFile");
  char *path = node == CW_CONF_NONE ? NULL
                                    : cw_conf_arg (&svc->conf, node, 0);
  if (!path || strstr (path, "${"))
    {
      free (path);
      const char *env = getenv ("APACHE_PID_FILE");
      return xstrdup (env && *env ? env : DEBIAN_PIDFILE);
    }
  if (path[0] == '/')
    return path;
  size_t root = cw_conf_last (&svc->conf, CW_CONF_NONE, "ServerRoot");
  char *dir = root == CW_CONF_NONE ? NULL : cw_conf_arg (&svc->conf, root, 0);
  const char *base = dir ? dir : svc->conf.prefix ? svc->conf.prefix : ".";
  char *whole = xasprintf ("%s/%s", base, path);
  free (dir);
  free (path);
  return whole;
}

static bool
apache_alive (const struct cw_svc *svc)
{
  char *path = pid_file (svc);
  bool alive = cw_svc_pid_alive (path);
  free (path);
  return alive;
}

static pid_t
apache_master (const struct cw_svc *svc)
{
  char *path = pid_file (svc);
  pid_t pid = cw_svc_pid_read (path);
  free (path);
  return pid;
}

const struct cw_svc_adapter cw_svc_apache = {
  "apache", "https", "HTTPS", DEBIAN_CONFIG, "apache2",
  apache_load, apache_choose, apache_current, apache_plan, apache_alive, NULL,
  apache_master, apache_add_site,
};
