/* enable for Dovecot: one file certwiz owns, conf.d/99-certwiz.conf
   beside the main configuration, naming the live files (ssl_cert = <PATH
   in 2.3, ssl_server_cert_file = PATH in 2.4), included by the main
   configuration (an include added when it has none that reaches it);
   doveconf -n, doveadm reload, the imap and pop3 listeners.  Disable
   removes the file and the include certwiz added. */
#include <config.h>

#include "services/svc.h"

#include <errno.h>
#include <fnmatch.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/types.h>

#include "base/i18n.h"
#include "base/xalloc.h"
#include "services/dovecot.h"
#include "services/enable_journal.h"
#include "services/enable_site.h"
#include "services/run.h"

#define OWNED "conf.d/99-certwiz.conf"

static enum cw_status
dovecot_load (struct cw_svc *svc, struct cw_diags *diags)
{
  enum cw_status status = cw_dovecot_load (&svc->conf, svc->config, diags);
  if (status != CW_OK)
    return status;
  struct cw_dovecot_tls tls;
  cw_dovecot_tls (&svc->conf, &tls);
  /* The whole instance is one site: its listeners. */
  struct cw_site *site = cw_sites_add (&svc->sites, CW_CONF_NONE);
  site->listeners = tls.listeners;
  tls.listeners = (struct cw_listeners) { NULL, 0, 0 };
  svc->cert_now = tls.cert_file ? xstrdup (tls.cert_file) : NULL;
  svc->key_now = tls.key_file ? xstrdup (tls.key_file) : NULL;
  cw_dovecot_tls_free (&tls);
  return CW_OK;
}

static enum cw_status
dovecot_choose (struct cw_svc *svc, gnutls_x509_crt_t crt, const char *site,
                struct cw_diags *diags)
{
  (void) crt, (void) site, (void) diags;
  svc->site = 0;
  return CW_OK;
}

static void
dovecot_current (const struct cw_svc *svc, char **cert, char **key)
{
  *cert = svc->cert_now ? xstrdup (svc->cert_now) : NULL;
  *key = svc->key_now ? xstrdup (svc->key_now) : NULL;
}

static char *
owned_path (const struct cw_svc *svc)
{
  char *folder = cw_conf_file_folder (&svc->conf, 0);
  char *path = xasprintf ("%s/%s", folder, OWNED);
  free (folder);
  return path;
}

/* The !include or !include_try of the configuration that reaches PATH,
   CW_CONF_NONE when none does.  ONLY_OURS: the one certwiz adds. */
static size_t
include_of (const struct cw_conf *conf, const char *path, bool only_ours)
{
  for (size_t n = 0; n < conf->node_count; n++)
    {
      if (!cw_conf_is (conf, n, "!include")
          && !cw_conf_is (conf, n, "!include_try"))
        continue;
      char *pattern = cw_conf_arg (conf, n, 0);
      char *folder = xstrdup (cw_conf_path (conf, n));
      char *slash = strrchr (folder, '/');
      if (slash)
        *slash = '\0';
      char *full = pattern && pattern[0] != '/'
                   ? xasprintf ("%s/%s", slash ? folder : ".", pattern)
                   : xstrdup (pattern ? pattern : "");
      bool reaches = only_ours
                     ? pattern && strcmp (pattern, OWNED) == 0
                       && cw_conf_is (conf, n, "!include_try")
                     : fnmatch (full, path, FNM_PATHNAME) == 0;
      free (full), free (folder), free (pattern);
      if (reaches)
        return n;
    }
  return CW_CONF_NONE;
}

/* Dovecot 2.4 renamed the settings; its version, else the names the
   configuration uses. */
static bool
version_24 (const struct cw_svc *svc)
{
  const char *argv[] = { "dovecot", "--version", NULL };
  struct cw_run_result r = { 0 };
  struct cw_diags quiet = CW_DIAGS_INIT;
  unsigned major = 0, minor = 0;
  bool found = cw_run (argv, &r, &quiet) == CW_OK && r.exit_status == 0
               && sscanf (r.out, "%u.%u", &major, &minor) == 2;
  if (r.out)
    cw_run_result_free (&r);
  cw_diags_free (&quiet);
  if (found)
    return major > 2 || (major == 2 && minor >= 4);
  struct cw_dovecot_tls tls;
  cw_dovecot_tls (&svc->conf, &tls);
  bool newer = tls.version_24;
  cw_dovecot_tls_free (&tls);
  return newer;
}

static char *
owned_text (const struct cw_svc *svc, const struct cw_svc_target *target)
{
  const char *head = "# certwiz puts its certificates to work here; it "
                     "rewrites this file,\n# and \"certwiz disable\" "
                     "removes it.\n";
  return version_24 (svc)
         ? xasprintf ("%sssl_server_cert_file = %s\nssl_server_key_file = "
                      "%s\n", head, target->fullchain, target->key)
         : xasprintf ("%sssl_cert = <%s\nssl_key = <%s\n", head,
                      target->fullchain, target->key);
}

/* The owned file as it is now: NULL when there is none. */
static const struct cw_conf_file *
owned_now (const struct cw_svc *svc, const char *path)
{
  for (size_t f = 0; f < svc->conf.file_count; f++)
    if (strcmp (svc->conf.files[f].path, path) == 0)
      return &svc->conf.files[f];
  return NULL;
}

/* The main configuration with certwiz's include added at its end. */
static void
plan_include (struct cw_svc *svc, struct cw_svc_plan *plan,
              struct cw_diags *diags)
{
  const struct cw_conf_file *main = &svc->conf.files[0];
  bool newline = main->length == 0 || main->text[main->length - 1] == '\n';
  char *after = xasprintf ("%.*s%s!include_try %s\n", (int) main->length,
                           main->text, newline ? "" : "\n", OWNED);
  cw_svc_plan_file (plan, main->path, main->text, main->length, after,
                    strlen (after));
  free (after);
  cw_diag_add (diags, CW_NOTE, "enable-include-added", "service",
               _("%s includes nothing from conf.d, so certwiz adds the line "
                 "\"!include_try %s\" at its end (shown in the diff)."),
               main->path, OWNED);
}

/* Disable: the owned file and certwiz's include go. */
static void
plan_removal (struct cw_svc *svc, const char *path, struct cw_svc_plan *plan)
{
  const struct cw_conf_file *owned = owned_now (svc, path);
  if (owned)
    cw_svc_plan_file (plan, path, owned->text, owned->length, NULL, 0);
  size_t ours = include_of (&svc->conf, path, true);
  if (ours == CW_CONF_NONE)
    return;
  cw_conf_remove (&svc->conf, ours);
  size_t length;
  char *after = cw_conf_render (&svc->conf, 0, &length);
  const struct cw_conf_file *main = &svc->conf.files[0];
  cw_svc_plan_file (plan, main->path, main->text, main->length, after,
                    length);
  free (after);
}

static bool
is_live (const char *path)
{
  const char *root = cw_live_root ();
  size_t n = strlen (root);
  return path && strncmp (path, root, n) == 0 && path[n] == '/';
}

static enum cw_status
dovecot_plan (struct cw_svc *svc, const struct cw_svc_target *target,
              struct cw_svc_plan *plan, struct cw_diags *diags)
{
  char *path = owned_path (svc);
  if (!is_live (target->fullchain))
    plan_removal (svc, path, plan);
  else
    {
      const struct cw_conf_file *owned = owned_now (svc, path);
      char *text = owned_text (svc, target);
      if (!owned || owned->length != strlen (text)
          || memcmp (owned->text, text, owned->length) != 0)
        cw_svc_plan_file (plan, path, owned ? owned->text : NULL,
                          owned ? owned->length : 0, text, strlen (text));
      free (text);
      if (include_of (&svc->conf, path, false) == CW_CONF_NONE)
        plan_include (svc, plan, diags);
    }
  free (path);
  const struct cw_site *s = &svc->sites.items[0];
  for (size_t l = 0; l < s->listeners.count; l++)
    {
      const struct cw_listener *li = &s->listeners.items[l];
      bool imap = strcmp (li->protocol, "imap") == 0;
      enum cw_starttls starttls = li->tls == CW_TLS_DIRECT ? CW_STARTTLS_NONE
                                  : imap ? CW_STARTTLS_IMAP
                                         : CW_STARTTLS_POP3;
      const char *host = strcmp (li->address, "*") == 0 || !*li->address
                         ? "127.0.0.1" : li->address;
      cw_svc_plan_port (plan, host, li->port, starttls, NULL);
    }
  plan->test = cw_svc_argv ("doveconf", "-c", svc->config, "-n", NULL);
  plan->reload = cw_svc_argv ("doveadm", "-c", svc->config, "reload", NULL);
  return CW_OK;
}

/* The master's pid, in base_dir/master.pid. */
static pid_t
dovecot_master (const struct cw_svc *svc)
{
  size_t node = cw_conf_last (&svc->conf, CW_CONF_NONE, "base_dir");
  char *base = node == CW_CONF_NONE ? xstrdup ("/run/dovecot")
                                    : cw_conf_arg (&svc->conf, node, 0);
  char *path = xasprintf ("%s/master.pid", base ? base : "/run/dovecot");
  pid_t pid = cw_svc_pid_read (path);
  free (path);
  free (base);
  return pid;
}

static bool
dovecot_alive (const struct cw_svc *svc)
{
  return dovecot_master (svc) != 0;
}

const struct cw_svc_adapter cw_svc_dovecot = {
  "dovecot", "imap", "IMAP", "/etc/dovecot/dovecot.conf", "dovecot",
  dovecot_load, dovecot_choose, dovecot_current, dovecot_plan, dovecot_alive,
  NULL, dovecot_master, NULL,
};

/* The same instance named by the word pop, for the Services column. */
const struct cw_svc_adapter cw_svc_dovecot_pop = {
  "dovecot", "pop", "POP", "/etc/dovecot/dovecot.conf", "dovecot",
  dovecot_load, dovecot_choose, dovecot_current, dovecot_plan, dovecot_alive,
  NULL, dovecot_master, NULL,
};
