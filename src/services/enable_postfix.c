/* enable for Postfix: main.cf changed through postconf only (on a copy,
   whose text becomes the plan), smtpd_tls_chain_files on Postfix 3.4
   and later, smtpd_tls_cert_file and smtpd_tls_key_file before; the
   smtpd services of master.cf as the ports, their own -o TLS files
   pointed too (postfix_overrides.c); postfix check and postfix
   reload. */
#include <config.h>

#include "services/svc.h"

#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/types.h>
#include <unistd.h>

#include "base/atomicfile.h"
#include "base/i18n.h"
#include "base/xalloc.h"
#include "pki/verify.h"
#include "services/enable_site.h"
#include "services/postfix.h"

static char *
nonempty (const char *value)
{
  return value && *value ? xstrdup (value) : NULL;
}

/* smtpd_tls_cert_file and smtpd_tls_key_file, the key's default
   ($smtpd_tls_cert_file: both in one file) resolved. */
static void
cert_and_key (const struct cw_postfix_tls *tls, char **cert, char **key)
{
  *cert = nonempty (tls->cert_file);
  *key = tls->key_file && strcmp (tls->key_file, "$smtpd_tls_cert_file") != 0
         ? nonempty (tls->key_file) : nonempty (tls->cert_file);
}

/* "key, fullchain" (or one file holding both) into its two files. */
static void
chain_files_split (const char *value, char **cert, char **key)
{
  char *copy = xstrdup (value);
  char *save = NULL;
  char *first = strtok_r (copy, " \t,", &save);
  char *second = first ? strtok_r (NULL, " \t,", &save) : NULL;
  *key = nonempty (first);
  *cert = nonempty (second ? second : first);
  free (copy);
}

static enum cw_status
postfix_load (struct cw_svc *svc, struct cw_diags *diags)
{
  char *master = xasprintf ("%s/master.cf", svc->config);
  enum cw_status status = cw_master_load (&svc->conf, master, diags);
  free (master);
  struct cw_postfix_tls tls;
  if (status == CW_OK
      && (status = cw_postfix_tls (svc->config, &tls, diags)) == CW_OK)
    {
      /* The whole instance is one site: its name, its smtpd ports. */
      struct cw_site *site = cw_sites_add (&svc->sites, CW_CONF_NONE);
      if (tls.myhostname && *tls.myhostname)
        cw_site_add_name (site, tls.myhostname);
      cw_master_smtpd_services (&svc->conf, &site->listeners);
      cw_master_tls_overrides (&svc->conf, &svc->originals,
                               &svc->original_count);
      if (tls.chain_files && *tls.chain_files)
        chain_files_split (tls.chain_files, &svc->cert_now, &svc->key_now);
      else
        cert_and_key (&tls, &svc->cert_now, &svc->key_now);
    }
  if (status == CW_OK)
    cw_postfix_tls_free (&tls);
  return status;
}

static enum cw_status
postfix_choose (struct cw_svc *svc, gnutls_x509_crt_t crt, const char *site,
                struct cw_diags *diags)
{
  (void) site;
  svc->site = 0;
  const struct cw_site *s = &svc->sites.items[0];
  if (!s->name_count)
    return CW_OK;
  char **names = NULL;
  size_t count = 0;
  const char *which;
  if (!cw_verify_name (crt, s->names[0], &names, &count, &which))
    cw_diag_add (diags, CW_WARNING, "enable-name-not-covered", "service",
                 _("The certificate does not cover %s, the name Postfix "
                   "gives itself (myhostname in %s/main.cf): clients that "
                   "check the name will refuse it. Use a certificate for "
                   "that name, or change myhostname."), s->names[0],
                 svc->config);
  for (size_t i = 0; i < count; i++)
    free (names[i]);
  free (names);
  return CW_OK;
}

static void
postfix_current (const struct cw_svc *svc, char **cert, char **key)
{
  *cert = svc->cert_now ? xstrdup (svc->cert_now) : NULL;
  *key = svc->key_now ? xstrdup (svc->key_now) : NULL;
}

static bool
same (const char *a, const char *b)
{
  return strcmp (a ? a : "", b ? b : "") == 0;
}

/* The changes of main.cf that make Postfix read TARGET, made by postconf
   in the folder DIR (a copy). */
static enum cw_status
point (const char *dir, const struct cw_postfix_tls *tls,
       const struct cw_svc_target *target, struct cw_diags *diags)
{
  char *cert, *key;
  cert_and_key (tls, &cert, &key);
  bool cert_key_say_so = same (cert, target->fullchain)
                         && same (key, target->key);
  free (cert), free (key);
  enum cw_status status = CW_OK;
  if (!tls->has_chain_files)
    {
      status = cw_postconf_set (dir, "smtpd_tls_cert_file",
                                target->fullchain, diags);
      if (status == CW_OK)
        status = cw_postconf_set (dir, "smtpd_tls_key_file", target->key,
                                  diags);
    }
  else if (cert_key_say_so)
    {
      /* Back to files named the older way (disable): the chain files,
         which take precedence, go. */
      if (tls->chain_files && *tls->chain_files)
        status = cw_postconf_remove (dir, "smtpd_tls_chain_files", diags);
    }
  else
    {
      char *value = xasprintf ("%s, %s", target->key, target->fullchain);
      status = cw_postconf_set (dir, "smtpd_tls_chain_files", value, diags);
      free (value);
    }
  return status;
}

static bool
read_text (const char *path, char **text, size_t *length)
{
  FILE *f = fopen (path, "rb");
  if (!f)
    return false;
  size_t cap = 4096, len = 0, n;
  char *buf = xmalloc (cap);
  while ((n = fread (buf + len, 1, cap - len, f)) > 0)
    if ((len += n) == cap)
      buf = xreallocarray (buf, cap *= 2, 1);
  bool ok = !ferror (f);
  fclose (f);
  *text = buf;
  *length = len;
  return ok;
}

static enum cw_status
io_refusal (const char *path, int err, struct cw_diags *diags)
{
  cw_diag_add (diags, CW_ERROR, "enable-io", "service",
               _("Cannot read or copy \"%s\": %s. Check the Postfix "
                 "configuration folder and the temporary folder."), path,
               strerror (err));
  return CW_FAILED;
}

/* main.cf as postconf would leave it: the change made on a copy in a
   temporary folder, the live file untouched until the transaction. */
static enum cw_status
main_cf_after (const char *main_cf, const char *before, size_t length,
               const struct cw_postfix_tls *tls,
               const struct cw_svc_target *target, char **after,
               size_t *after_length, struct cw_diags *diags)
{
  const char *tmp = getenv ("TMPDIR");
  char *dir = xasprintf ("%s/certwiz-postconf-XXXXXX",
                         tmp && *tmp ? tmp : "/tmp");
  if (!mkdtemp (dir))
    {
      enum cw_status status = io_refusal (dir, errno, diags);
      free (dir);
      return status;
    }
  char *copy = xasprintf ("%s/main.cf", dir);
  int err = cw_write_file_atomic (copy, before, length, 0600, false);
  enum cw_status status = err ? io_refusal (main_cf, err, diags)
                              : point (dir, tls, target, diags);
  if (status == CW_OK && !read_text (copy, after, after_length))
    status = io_refusal (copy, errno, diags);
  unlink (copy);
  rmdir (dir);
  free (copy);
  free (dir);
  return status;
}

/* The -o overrides of the smtpd services pointed at TARGET too (or, on
   disable, put back as they were written). */
static void
master_cf_after (struct cw_svc *svc, const struct cw_svc_target *target,
                 struct cw_svc_plan *plan)
{
  struct cw_conf *conf = &svc->conf;
  if (target->restoring)
    cw_master_tls_restore (conf, target->originals, target->original_count);
  else
    cw_master_tls_point (conf, target->fullchain, target->key);
  if (!cw_conf_changed (conf, 0))
    return;
  size_t length;
  char *after = cw_conf_render (conf, 0, &length);
  cw_svc_plan_file (plan, conf->files[0].path, conf->files[0].text,
                    conf->files[0].length, after, length);
  free (after);
}

static enum cw_status
postfix_plan (struct cw_svc *svc, const struct cw_svc_target *target,
              struct cw_svc_plan *plan, struct cw_diags *diags)
{
  struct cw_postfix_tls tls;
  enum cw_status status = cw_postfix_tls (svc->config, &tls, diags);
  if (status != CW_OK)
    return status;
  char *main_cf = xasprintf ("%s/main.cf", svc->config);
  char *before = NULL, *after = NULL;
  size_t length = 0, after_length = 0;
  if (!read_text (main_cf, &before, &length))
    status = io_refusal (main_cf, errno, diags);
  else
    status = main_cf_after (main_cf, before, length, &tls, target, &after,
                            &after_length, diags);
  if (status == CW_OK && (after_length != length
                          || memcmp (before, after, length) != 0))
    cw_svc_plan_file (plan, main_cf, before, length, after, after_length);
  free (before), free (after), free (main_cf);
  if (status == CW_OK)
    master_cf_after (svc, target, plan);
  const struct cw_site *s = &svc->sites.items[0];
  for (size_t l = 0; status == CW_OK && l < s->listeners.count; l++)
    {
      const struct cw_listener *li = &s->listeners.items[l];
      const char *host = strcmp (li->address, "*") == 0 || !*li->address
                         ? "127.0.0.1" : li->address;
      cw_svc_plan_port (plan, host, li->port,
                        li->tls == CW_TLS_STARTTLS ? CW_STARTTLS_SMTP
                                                   : CW_STARTTLS_NONE,
                        s->name_count ? s->names[0] : NULL);
    }
  plan->test = cw_svc_argv ("postfix", "-c", svc->config, "check", NULL);
  plan->reload = cw_svc_argv ("postfix", "-c", svc->config, "reload", NULL);
  plan->log = nonempty (tls.maillog_file);
  cw_postfix_tls_free (&tls);
  return status;
}

/* The master's pid, in queue_directory/pid/master.pid. */
/* The master, from queue_directory/pid/master.pid: its children from
   before a reload are the smtpd processes still serving the old files. */
static pid_t
postfix_master (const struct cw_svc *svc)
{
  static const char *const names[] = { "queue_directory" };
  char *queue = NULL;
  struct cw_diags quiet = CW_DIAGS_INIT;
  pid_t pid = 0;
  if (cw_postconf_get (svc->config, names, 1, &queue, &quiet) == CW_OK
      && queue)
    {
      char *path = xasprintf ("%s/pid/master.pid", queue);
      pid = cw_svc_pid_read (path);
      free (path);
    }
  free (queue);
  cw_diags_free (&quiet);
  return pid;
}

static bool
postfix_alive (const struct cw_svc *svc)
{
  return postfix_master (svc) != 0;
}

const struct cw_svc_adapter cw_svc_postfix = {
  "postfix", "smtp", "SMTP", "/etc/postfix", "postfix",
  postfix_load, postfix_choose, postfix_current, postfix_plan, postfix_alive,
  NULL, postfix_master, NULL,
};
