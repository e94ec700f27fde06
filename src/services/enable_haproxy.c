/* enable for HAProxy: the crt file of the TLS bind lines that serve the
   certificate's names (or the one crt file of a single TLS frontend),
   pointed at the live combined file, haproxy -c, a reload of the master
   (SIGUSR2, as Debian's unit runs it in master-worker mode) or, for a
   renewal where the file named already is the live one, its runtime API
   on the stats socket, the bind addresses.

   A site here is one crt file: its names are those of the certificate
   in it, its listeners those of the bind lines that name it; CERTS holds
   those bind lines and KEYS, beside each, which argument is the file. */
#include <config.h>

#include "services/svc.h"

#include <gnutls/gnutls.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <signal.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <time.h>

#include "base/i18n.h"
#include "base/xalloc.h"
#include "pki/certset.h"
#include "services/enable_site.h"
#include "services/haproxy.h"

#define DEBIAN_PIDFILE "/run/haproxy.pid"
#define PID_TRIES 40

/* The DNS names of the first certificate of PATH. */
static void
add_file_names (const char *path, struct cw_site *site)
{
  gnutls_datum_t data = { NULL, 0 };
  struct cw_certs certs = CW_CERTS_INIT;
  struct cw_diags quiet = CW_DIAGS_INIT;
  if (cw_input_read (path, &data, &quiet) == CW_OK
      && cw_certs_read (&data, path, &certs, &quiet) == CW_OK && certs.count)
    for (unsigned i = 0;; i++)
      {
        char name[256];
        size_t size = sizeof name;
        int type = gnutls_x509_crt_get_subject_alt_name (certs.items[0], i,
                                                         name, &size, NULL);
        if (type < 0)
          break;
        if (type == GNUTLS_SAN_DNSNAME)
          cw_site_add_name (site, name);
      }
  cw_certs_free (&certs);
  gnutls_free (data.data);
  cw_diags_free (&quiet);
}

static struct cw_site *
site_of_file (struct cw_svc *svc, const char *path)
{
  for (size_t i = 0; i < svc->sites.count; i++)
    {
      struct cw_site *s = &svc->sites.items[i];
      char *its = cw_conf_arg (&svc->conf, s->certs.items[0],
                               s->keys.items[0]);
      bool same = strcmp (its, path) == 0;
      free (its);
      if (same)
        return s;
    }
  return NULL;
}

static void
add_bind (struct cw_svc *svc, const struct cw_haproxy_bind *bind)
{
  for (size_t c = 0; c < bind->crt_count; c++)
    {
      char *path = cw_conf_arg (&svc->conf, bind->node, bind->crt_args[c]);
      struct stat st;
      /* A folder of crt files is not one certificate to replace. */
      if (stat (path, &st) == 0 && S_ISDIR (st.st_mode))
        {
          free (path);
          continue;
        }
      struct cw_site *site = site_of_file (svc, path);
      if (!site)
        {
          site = cw_sites_add (&svc->sites, bind->section);
          add_file_names (path, site);
        }
      cw_conf_nodes_add (&site->certs, bind->node);
      cw_conf_nodes_add (&site->keys, bind->crt_args[c]);
      for (size_t l = 0; l < bind->listeners.count; l++)
        {
          const struct cw_listener *li = &bind->listeners.items[l];
          cw_listeners_add (&site->listeners, li->address, li->port, li->tls,
                            li->protocol, li->node);
        }
      free (path);
    }
}

static enum cw_status
haproxy_load (struct cw_svc *svc, struct cw_diags *diags)
{
  enum cw_status status = cw_haproxy_load (&svc->conf, svc->config, diags);
  if (status != CW_OK)
    return status;
  struct cw_haproxy_binds binds;
  cw_haproxy_binds (&svc->conf, &binds);
  for (size_t i = 0; i < binds.count; i++)
    if (binds.items[i].ssl)
      add_bind (svc, &binds.items[i]);
  cw_haproxy_binds_free (&binds);
  return CW_OK;
}

/* --site names a frontend (or listen section) by its name. */
static size_t
find_section (struct cw_svc *svc, const char *name)
{
  size_t found = 0;
  for (size_t i = 0; i < svc->sites.count; i++)
    {
      char *its = cw_conf_arg (&svc->conf, svc->sites.items[i].node, 0);
      if (its && strcmp (its, name) == 0 && found++ == 0)
        svc->site = i;
      free (its);
    }
  return found;
}

static enum cw_status
haproxy_choose (struct cw_svc *svc, gnutls_x509_crt_t crt, const char *site,
                struct cw_diags *diags)
{
  size_t found = site ? find_section (svc, site)
                      : cw_svc_find_site (svc, crt, NULL);
  if (found == 0 && !site && svc->sites.count == 1)
    {
      svc->site = 0;
      found = 1;
    }
  if (found == 1)
    return CW_OK;
  if (found == 0)
    cw_diag_add (diags, CW_ERROR, "enable-no-site", "service",
                 _("No bind line of %s with \"ssl crt FILE\" serves the "
                   "names of this certificate. Add one for them first, or "
                   "name its frontend."), svc->config);
  else
    cw_diag_add (diags, CW_ERROR, "enable-sites-ambiguous", "service",
                 _("Several crt files of %s serve the names of this "
                   "certificate. Name the frontend to use."),
                 svc->config);
  return CW_REFUSED;
}

/* HAProxy reads key and chain from the one crt file. */
static void
haproxy_current (const struct cw_svc *svc, char **cert, char **key)
{
  const struct cw_site *s = &svc->sites.items[svc->site];
  *cert = cw_conf_arg (&svc->conf, s->certs.items[0], s->keys.items[0]);
  *key = cw_conf_arg (&svc->conf, s->certs.items[0], s->keys.items[0]);
}

static char *
pid_file (const struct cw_svc *svc)
{
  size_t global = cw_conf_next (&svc->conf, CW_CONF_NONE, CW_CONF_NONE,
                                "global");
  size_t node = global == CW_CONF_NONE
                ? CW_CONF_NONE : cw_conf_last (&svc->conf, global, "pidfile");
  char *path = node == CW_CONF_NONE ? NULL
                                    : cw_conf_arg (&svc->conf, node, 0);
  return path ? path : xstrdup (DEBIAN_PIDFILE);
}

/* The master's pid, 0 when there is none.  A master that reloads
   execs itself again and rewrites its pid file: a file found empty is
   read again for a moment. */
static long
master_pid (const struct cw_svc *svc)
{
  char *path = pid_file (svc);
  long pid = 0;
  for (unsigned tries = 0; pid <= 0 && tries < PID_TRIES; tries++)
    {
      if (tries)
        nanosleep (&(struct timespec) { 0, 50 * 1000000L }, NULL);
      FILE *f = fopen (path, "r");
      if (f && fscanf (f, "%ld", &pid) != 1)
        pid = 0;
      if (f)
        fclose (f);
    }
  free (path);
  return pid;
}

static enum cw_status
haproxy_plan (struct cw_svc *svc, const struct cw_svc_target *target,
              struct cw_svc_plan *plan, struct cw_diags *diags)
{
  const struct cw_site *s = &svc->sites.items[svc->site];
  for (size_t i = 0; i < s->certs.count; i++)
    {
      char *now = cw_conf_arg (&svc->conf, s->certs.items[i],
                               s->keys.items[i]);
      if (strcmp (now, target->combined) != 0)
        cw_conf_set_arg (&svc->conf, s->certs.items[i], s->keys.items[i],
                         target->combined);
      free (now);
    }
  cw_svc_plan_changed (&svc->conf, plan);
  cw_svc_plan_site_ports (s, plan);
  if (s->name_count == 0)
    for (size_t l = 0; l < s->listeners.count; l++)
      cw_svc_plan_port (plan, strcmp (s->listeners.items[l].address, "*") == 0
                              ? "127.0.0.1" : s->listeners.items[l].address,
                        s->listeners.items[l].port, CW_STARTTLS_NONE, NULL);
  long master = master_pid (svc);
  if (master <= 0)
    {
      char *path = pid_file (svc);
      cw_diag_add (diags, CW_ERROR, "enable-no-pid", "service",
                   _("HAProxy's pid file %s cannot be read, so certwiz "
                     "cannot reload it. Start HAProxy in master-worker mode "
                     "(-W) with that pid file (a \"pidfile\" line in its "
                     "global section, or -p)."), path);
      free (path);
      return CW_REFUSED;
    }
  plan->test = cw_svc_argv ("haproxy", "-c", "-f", svc->config, NULL);
  char *pid = xasprintf ("%ld", master);
  plan->reload = cw_svc_argv ("kill", "-USR2", pid, NULL);
  free (pid);
  return CW_OK;
}

/* The stats socket of the global section, or NULL. */
static char *
stats_socket (const struct cw_svc *svc)
{
  size_t global = cw_conf_next (&svc->conf, CW_CONF_NONE, CW_CONF_NONE,
                                "global");
  for (size_t n = cw_conf_next (&svc->conf, global, CW_CONF_NONE, "stats");
       global != CW_CONF_NONE && n != CW_CONF_NONE;
       n = cw_conf_next (&svc->conf, global, n, "stats"))
    {
      char *what = cw_conf_arg (&svc->conf, n, 0);
      bool is_socket = what && strcmp (what, "socket") == 0;
      free (what);
      char *path = is_socket ? cw_conf_arg (&svc->conf, n, 1) : NULL;
      if (path && strchr (path, '@') == NULL)
        return path;
      free (path);
    }
  return NULL;
}

/* A renewal: the configuration already names the live combined file,
   which now holds the new certificate; "set ssl cert" is only valid for
   a file HAProxy loaded. */
static bool
haproxy_reload_live (const struct cw_svc *svc, const struct cw_svc_plan *plan,
                     struct cw_diags *diags)
{
  if (plan->file_count)
    return false;
  char *socket_path = stats_socket (svc);
  const struct cw_site *s = &svc->sites.items[svc->site];
  char *crt = cw_conf_arg (&svc->conf, s->certs.items[0], s->keys.items[0]);
  gnutls_datum_t data = { NULL, 0 };
  struct cw_diags quiet = CW_DIAGS_INIT;
  bool done = false;
  if (socket_path && crt
      && cw_input_read (crt, &data, &quiet) == CW_OK)
    {
      char *pem = xmalloc (data.size + 1);
      memcpy (pem, data.data, data.size);
      pem[data.size] = '\0';
      done = cw_haproxy_set_cert (socket_path, crt, pem, diags);
      memset (pem, 0, data.size);
      free (pem);
      gnutls_memset (data.data, 0, data.size);
    }
  gnutls_free (data.data);
  cw_diags_free (&quiet);
  free (socket_path);
  free (crt);
  return done;
}

static bool
haproxy_alive (const struct cw_svc *svc)
{
  long pid = master_pid (svc);
  return pid > 0 && kill ((pid_t) pid, 0) == 0;
}

/* The master of master-worker mode: the workers from before a reload
   are its children until they exit. */
static pid_t
haproxy_master (const struct cw_svc *svc)
{
  return haproxy_alive (svc) ? (pid_t) master_pid (svc) : 0;
}

const struct cw_svc_adapter cw_svc_haproxy = {
  "haproxy", "https", "HTTPS", "/etc/haproxy/haproxy.cfg", "haproxy",
  haproxy_load, haproxy_choose, haproxy_current, haproxy_plan, haproxy_alive,
  haproxy_reload_live, haproxy_master, NULL,
};
