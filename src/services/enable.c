/* The enable transaction: steps 1 to 7 of services/enable.h, for any
   adapter of the table. */
#include <config.h>

#include "services/enable.h"

#include <errno.h>
#include <gnutls/gnutls.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "base/atomicfile.h"
#include "base/hex.h"
#include "base/i18n.h"
#include "base/record.h"
#include "base/safetext.h"
#include "base/xalloc.h"
#include "pki/target.h"
#include "pki/verify.h"
#include "services/enable_journal.h"
#include "services/enable_site.h"
#include "services/systemd.h"
#include "services/probe.h"
#include "services/run.h"
#include "services/workers.h"
#include "store/store.h"

#define SERVED_TIMES 5

static void
step (struct cw_enable_result *result, struct cw_progress *progress,
      char *text)
{
  cw_progress_say (progress, "%s", text);
  result->steps = xreallocarray (result->steps, result->step_count + 1,
                                 sizeof *result->steps);
  result->steps[result->step_count++] = text;
}

static char *
pem_of (gnutls_x509_crt_t crt)
{
  gnutls_datum_t d = { NULL, 0 };
  if (gnutls_x509_crt_export2 (crt, GNUTLS_X509_FMT_PEM, &d) < 0)
    return xstrdup ("");
  char *text = xmalloc (d.size + 1);
  memcpy (text, d.data, d.size);
  text[d.size] = '\0';
  gnutls_free (d.data);
  return text;
}

/* ------------------------------------------------------ step 1: checks */

static enum cw_status
check_target (struct cw_store *store, const struct cw_target *target,
              struct cw_diags *diags)
{
  if (cw_target_is_pending (target) || target->certs.count == 0)
    {
      cw_diag_add (diags, CW_ERROR, "enable-pending", "service",
                   _("%.8s is a request without its certificate yet. Import "
                     "the certificate the CA issued, then enable it."),
                   target->entry.id);
      return CW_REFUSED;
    }
  gnutls_x509_crt_t leaf = target->certs.items[0];
  if (!target->entry.has_key || cw_store_entry_token (&target->entry))
    {
      cw_diag_add (diags, CW_ERROR, "enable-no-key", "service",
                   _("The private key of %.8s is not here as a file, so no "
                     "service can read it. Import the certificate with its "
                     "key (a PKCS#12 file) and enable that."),
                   target->entry.id);
      return CW_REFUSED;
    }
  if (!cw_store_entry_key_fits (store, &target->entry, leaf))
    {
      cw_diag_add (diags, CW_ERROR, "enable-key-mismatch", "service",
                   _("The key kept with %.8s is not the key of its "
                     "certificate (another type or public key). Nothing was "
                     "changed. Import the certificate with its own key."),
                   target->entry.id);
      return CW_REFUSED;
    }
  struct cw_verify_options options = { .purpose = CW_PURPOSE_SERVER };
  struct cw_verification v = { .path = NULL };
  enum cw_status status = cw_verify (&target->certs, leaf, &options, &v,
                                     diags);
  if (status == CW_OK
      && (v.results[CW_CHECK_VALIDITY] == CW_CHECK_FAILED
          || v.results[CW_CHECK_CHAIN] == CW_CHECK_FAILED
          || v.results[CW_CHECK_PURPOSE] == CW_CHECK_FAILED))
    {
      for (size_t i = 0; i < v.problems.count; i++)
        {
          const struct cw_diag *d = &v.problems.items[i];
          if (strcmp (d->code, "untrusted-root") != 0
              && d->severity == CW_ERROR)
            cw_diag_add (diags, CW_ERROR, d->code, "service", "%s",
                         d->message);
        }
      status = CW_REFUSED;
    }
  cw_verification_free (&v);
  return status;
}

/* The live folder's name: the certificate's first DNS name, else its
   ID. */
static char *
live_name (const struct cw_target *target)
{
  char name[256];
  for (unsigned i = 0;; i++)
    {
      size_t size = sizeof name;
      int type = gnutls_x509_crt_get_subject_alt_name (target->certs.items[0],
                                                       i, name, &size, NULL);
      if (type < 0)
        break;
      if (type == GNUTLS_SAN_DNSNAME && strspn (name,
                                                "abcdefghijklmnopqrstuvwxyz"
                                                "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
                                                "0123456789.-")
                                        == strlen (name) && name[0] != '.')
        return xstrdup (name);
    }
  return xasprintf ("%.16s", target->entry.id);
}

/* ------------------------------------------------------------- diffs */

static char *
temp_with (const char *text, size_t length)
{
  const char *tmp = getenv ("TMPDIR");
  char *path = xasprintf ("%s/certwiz-diff-XXXXXX", tmp && *tmp ? tmp
                                                                 : "/tmp");
  int fd = mkstemp (path);
  if (fd < 0 || cw_write_all (fd, text, length) != 0)
    {
      if (fd >= 0)
        close (fd), unlink (path);
      free (path);
      return NULL;
    }
  close (fd);
  return path;
}

/* TEXT made safe line by line: its newlines stay lines, never "\x0a". */
static char *
safe_lines (const char *text)
{
  char *out = xstrdup ("");
  for (const char *p = text; *p;)
    {
      size_t len = strcspn (p, "\n");
      char *line = cw_safe_text (p, len, cw_locale_is_utf8 ());
      char *longer = xasprintf ("%s%s%s", out, line, p[len] ? "\n" : "");
      free (out), free (line);
      out = longer;
      p += len + (p[len] ? 1 : 0);
    }
  return out;
}

static char *
unified_diff (const struct cw_svc_file *file, struct cw_diags *diags)
{
  char *a = temp_with (file->before, file->before_length);
  char *b = temp_with (file->after, file->after_length);
  char *diff = NULL;
  if (a && b)
    {
      const char *argv[] = { "diff", "-u", "--label", file->path, "--label",
                             file->path, a, b, NULL };
      struct cw_run_result r = { 0 };
      if (cw_run (argv, &r, diags) == CW_OK)
        {
          diff = safe_lines (r.out);
          cw_run_result_free (&r);
        }
    }
  if (a)
    unlink (a);
  if (b)
    unlink (b);
  free (a), free (b);
  return diff ? diff : xstrdup ("");
}

/* ------------------------------------------------- step 4: the tools */

static char *
joined (char **argv)
{
  char *text = xstrdup ("");
  for (size_t i = 0; argv && argv[i]; i++)
    {
      char *longer = xasprintf ("%s%s%s", text, i ? " " : "", argv[i]);
      free (text);
      text = longer;
    }
  return text;
}

static off_t
log_size (const char *log)
{
  struct stat st;
  return log && stat (log, &st) == 0 ? st.st_size : 0;
}

/* What LOG gained after FROM: at most its last 4 KiB. */
static char *
log_since (const char *log, off_t from)
{
  FILE *f = log ? fopen (log, "rb") : NULL;
  if (!f)
    return xstrdup ("");
  off_t end = log_size (log);
  if (end - from > 4096)
    from = end - 4096;
  char *text = xmalloc (4097);
  size_t n = fseeko (f, from, SEEK_SET) == 0 ? fread (text, 1, 4096, f) : 0;
  text[n] = '\0';
  fclose (f);
  return text;
}

static enum cw_status
run_tool (const char *log, char **argv, const char *code,
          struct cw_diags *diags)
{
  struct cw_run_result r = { 0 };
  off_t mark = log_size (log);
  enum cw_status status = cw_run ((const char *const *) argv, &r, diags);
  if (status != CW_OK)
    return status;
  if (r.exit_status != 0)
    {
      /* Postfix's tools, for one, write to their log only. */
      char *logged = *r.err || *r.out ? xstrdup ("") : log_since (log, mark);
      const char *said = *r.err ? r.err : *r.out ? r.out : logged;
      char *safe = cw_safe_text (said, strlen (said), cw_locale_is_utf8 ());
      free (logged);
      char *command = joined (argv);
      cw_diag_add (diags, CW_ERROR, code, "service",
                   _("\"%s\" failed (exit status %d): %s"), command,
                   r.exit_status, safe);
      free (command);
      free (safe);
      status = CW_REFUSED;
    }
  cw_run_result_free (&r);
  return status;
}

/* ------------------------------------------ step 5: what is served */

static long
now_ms (void)
{
  struct timespec t;
  clock_gettime (CLOCK_MONOTONIC, &t);
  return t.tv_sec * 1000L + t.tv_nsec / 1000000L;
}

/* Polls PORT until it serves EXPECTED or the time is up.  Once is not
   enough: a daemon's old workers may still take connections for a
   moment after a reload, so it must be served several times running. */
static bool
wait_served (const struct cw_svc_port *port, const char *expected,
             char seen[41])
{
  long end = now_ms () + cw_svc_serve_timeout_ms ();
  unsigned running = 0;
  for (;;)
    {
      if (cw_svc_served (port, seen) && strcasecmp (seen, expected) == 0)
        {
          if (++running == SERVED_TIMES)
            return true;
          continue;
        }
      running = 0;
      if (now_ms () >= end)
        return false;
      struct timespec pause = { 0, 50 * 1000000L };
      nanosleep (&pause, NULL);
    }
}

static enum cw_status
verify_served (const struct cw_svc_plan *plan, const char *target,
               struct cw_enable_result *result, struct cw_progress *progress,
               struct cw_diags *diags)
{
  for (size_t i = 0; i < plan->port_count; i++)
    {
      const struct cw_svc_port *p = &plan->ports[i];
      const char *expected = *p->expect ? p->expect : target;
      char seen[41] = "";
      if (!wait_served (p, expected, seen))
        {
          cw_diag_add (diags, CW_ERROR, "enable-not-served", "service",
                       _("%s:%u (name %s) still serves %s, not the new "
                         "certificate %.8s, after the reload. Another "
                         "listener or instance may answer there."),
                       p->host, p->port, p->sni ? p->sni : "-",
                       *seen ? seen : _("nothing"), expected);
          return CW_REFUSED;
        }
      step (result, progress,
            xasprintf (_("served on %s:%u for %s"), p->host, p->port,
                       p->sni ? p->sni : "-"));
    }
  return CW_OK;
}

/* ---------------------------------------------------- the transaction */

struct before
{
  char (*thumbprints)[41];
};

static void
undo (struct cw_store *store, const struct cw_svc_plan *plan,
      char (*before)[41], struct cw_enable_result *result,
      struct cw_diags *diags)
{
  cw_journal_undo (store, NULL, diags);
  step (result, NULL, xstrdup (_("undone: the files put back, reloaded")));
  for (size_t i = 0; i < plan->port_count; i++)
    {
      char seen[41];
      if (!before[i][0])
        continue;
      if (!wait_served (&plan->ports[i], before[i], seen))
        cw_diag_add (diags, CW_ERROR, "enable-undo-not-served", "service",
                     _("After the undo, %s:%u does not serve the previous "
                       "certificate %.8s again. Check the service now."),
                     plan->ports[i].host, plan->ports[i].port, before[i]);
    }
}

static enum cw_status
apply (struct cw_store *store, const struct cw_svc *svc,
       struct cw_svc_plan *plan, const struct cw_live *live,
       const char *expected, struct cw_enable_result *result,
       struct cw_progress *progress, struct cw_diags *diags)
{
  char (*before)[41] = xcalloc (plan->port_count + 1, sizeof *before);
  for (size_t i = 0; i < plan->port_count; i++)
    {
      cw_svc_served (&plan->ports[i], before[i]);
      memcpy (plan->ports[i].served_before, before[i], 41);
    }
  enum cw_status status = cw_journal_begin (store, plan, live, before,
                                            diags);
  cw_journal_step ("journal", progress);
  if (status == CW_OK && live->generation)
    {
      status = cw_live_switch (live, diags);
      cw_journal_step ("staged", progress);
      if (status == CW_OK)
        step (result, progress, xasprintf (_("staged in %s"), live->link));
    }
  for (size_t i = 0; status == CW_OK && i < plan->file_count; i++)
    {
      const struct cw_svc_file *f = &plan->files[i];
      struct stat st;
      mode_t mode = stat (f->path, &st) == 0 ? st.st_mode & 07777 : 0644;
      int err = !f->removed ? cw_write_file_atomic (f->path, f->after,
                                                   f->after_length, mode,
                                                   true)
                : unlink (f->path) != 0 && errno != ENOENT ? errno : 0;
      if (err)
        {
          cw_diag_add (diags, CW_ERROR, "enable-io", "service",
                       _("Cannot write \"%s\": %s. Check that the disk is "
                         "not full and that you may write there."),
                       f->path, strerror (err));
          status = CW_FAILED;
        }
      cw_journal_step ("pointed", progress);
    }
  if (status == CW_OK
      && (status = run_tool (plan->log, plan->test, "enable-config-test", diags))
         == CW_OK)
    step (result, progress, xstrdup (_("config test passed")));
  cw_journal_step ("tested", progress);
  /* The workers from before the reload still serve the old certificate
     until they exit: wait for them, within the handshake's time (one
     holding a client's connection open may stay longer; the handshakes
     then decide). */
  pid_t *old = NULL;
  size_t old_count = plan->master ? cw_workers_of (plan->master, &old) : 0;
  if (status == CW_OK && svc->adapter->reload_live
      && svc->adapter->reload_live (svc, plan, diags))
    {
      step (result, progress,
            xstrdup (_("put to work in the running service, no reload")));
      old_count = 0;
    }
  else if (status == CW_OK
           && (status = run_tool (plan->log, plan->reload, "enable-reload",
                                  diags)) == CW_OK)
    step (result, progress, xstrdup (_("reloaded")));
  cw_journal_step ("reloaded", progress);
  if (status == CW_OK && old_count)
    cw_workers_wait_gone (plan->master, old, old_count,
                          cw_svc_serve_timeout_ms ());
  free (old);
  if (status == CW_OK && !svc->adapter->alive (svc))
    {
      cw_diag_add (diags, CW_ERROR, "enable-died", "service",
                   _("%s is not running after the reload."),
                   svc->adapter->name);
      status = CW_FAILED;
    }
  if (status == CW_OK)
    status = verify_served (plan, expected, result, progress, diags);
  if (status != CW_OK)
    undo (store, plan, before, result, diags);
  free (before);
  return status;
}

static void
record_binding (struct cw_store *store, const struct cw_svc *svc,
                const struct cw_enable_request *request,
                const struct cw_svc_plan *plan, const char *id,
                const struct cw_live *live, bool added,
                struct cw_diags *diags)
{
  struct cw_record old = CW_RECORD_INIT, record = CW_RECORD_INIT;
  bool had = cw_binding_read (store, svc->adapter->name, svc->config, &old);
  char *cert = NULL, *key = NULL;
  cw_record_add (&record, "cert", id);
  cw_record_add (&record, "service", svc->adapter->name);
  cw_record_add (&record, "label", svc->adapter->label);
  cw_record_add (&record, "config", svc->config);
  if (request->site)
    cw_record_add (&record, "site", request->site);
  cw_record_add (&record, "live", live->link);
  if (had)
    {
      const char *c = cw_record_get (&old, "original-cert");
      const char *k = cw_record_get (&old, "original-key");
      cert = c ? xstrdup (c) : NULL;
      key = k ? xstrdup (k) : NULL;
    }
  else if (!added)
    svc->adapter->current (svc, &cert, &key);
  /* A site certwiz added: disable removes its file. */
  const char *site_file = had ? cw_record_get (&old, "added-site")
                          : added && plan->file_count ? plan->files[0].path
                                                      : NULL;
  if (site_file)
    cw_record_add (&record, "added-site", site_file);
  cw_record_add (&record, "original-cert", cert ? cert : "");
  cw_record_add (&record, "original-key", key ? key : "");
  /* The first enable's settings stay the ones disable puts back. */
  for (size_t i = 0; had && i < old.count; i++)
    if (strcmp (old.fields[i].name, "original-setting") == 0)
      cw_record_add (&record, "original-setting", old.fields[i].value);
  for (size_t i = 0; !had && i < svc->original_count; i++)
    cw_record_add (&record, "original-setting", svc->originals[i]);
  for (size_t i = 0; i < plan->port_count; i++)
    {
      char *port = xasprintf ("%s:%u %s", plan->ports[i].host,
                              plan->ports[i].port,
                              plan->ports[i].sni ? plan->ports[i].sni : "-");
      cw_record_add (&record, "port", port);
      free (port);
    }
  /* What each port served before the first enable: what disable expects
     of it again (a Postfix service with its own -o files serves those). */
  for (size_t i = 0; had && i < old.count; i++)
    if (strcmp (old.fields[i].name, "served-before") == 0)
      cw_record_add (&record, "served-before", old.fields[i].value);
  for (size_t i = 0; !had && i < plan->port_count; i++)
    if (*plan->ports[i].served_before)
      {
        char *served = xasprintf ("%s:%u %s", plan->ports[i].host,
                                  plan->ports[i].port,
                                  plan->ports[i].served_before);
        cw_record_add (&record, "served-before", served);
        free (served);
      }
  cw_binding_write (store, svc->adapter->name, svc->config, &record, diags);
  free (cert), free (key);
  cw_record_free (&old);
  cw_record_free (&record);
}

/* "nginx (https), dovecot (imap, pop)": the table's names and words. */
static char *
known_services (void)
{
  size_t count;
  const struct cw_svc_adapter *const *adapters = cw_svc_adapters (&count);
  char *text = xstrdup ("");
  for (size_t i = 0; i < count; i++)
    {
      bool same = i && strcmp (adapters[i - 1]->name, adapters[i]->name) == 0;
      bool last = i + 1 == count
                  || strcmp (adapters[i + 1]->name, adapters[i]->name) != 0;
      char *longer = same ? xasprintf ("%s, %s%s", text, adapters[i]->word,
                                       last ? ")" : "")
                          : xasprintf ("%s%s%s (%s%s", text, i ? ", " : "",
                                       adapters[i]->name, adapters[i]->word,
                                       last ? ")" : "");
      free (text);
      text = longer;
    }
  return text;
}

static enum cw_status
open_service (const struct cw_enable_request *request, struct cw_svc *svc,
              struct cw_diags *diags)
{
  const struct cw_svc_adapter *adapter
    = cw_svc_adapter_find (request->service);
  if (!adapter)
    {
      char *known = known_services ();
      cw_diag_add (diags, CW_ERROR, "enable-unknown-service", "service",
                   _("certwiz does not know the service \"%s\". It knows "
                     "%s."), request->service, known);
      free (known);
      return CW_REFUSED;
    }
  return cw_svc_open (adapter, request->config, svc, diags);
}

/* A name no client asks for as a host: nginx's catch-all "_", its
   regular expressions and wildcard forms, Apache's "*". */
static bool
pattern_name (const char *name)
{
  return !*name || strcmp (name, "_") == 0 || name[0] == '~'
         || name[0] == '.' || strchr (name, '*') != NULL;
}

/* The chosen site's names the certificate does not cover: its clients
   would get a name mismatch, so say so before anything changes. */
static void
warn_uncovered (const struct cw_svc *svc, gnutls_x509_crt_t crt,
                struct cw_diags *diags)
{
  if (svc->site == CW_CONF_NONE || svc->site >= svc->sites.count)
    return;
  const struct cw_site *s = &svc->sites.items[svc->site];
  for (size_t i = 0; i < s->name_count; i++)
    if (!pattern_name (s->names[i]) && !cw_svc_covers (crt, s->names[i]))
      {
        char *name = cw_safe_text (s->names[i], strlen (s->names[i]), true);
        cw_diag_add (diags, CW_WARNING, "enable-name-uncovered", "service",
                     _("The site also serves %s, which this certificate "
                       "does not cover: clients asking for it will get a "
                       "name mismatch. Add the name to the certificate, or "
                       "remove it from the site."), name);
        free (name);
      }
}

/* When systemd runs the daemon, its reload is systemd's: the unit named
   by the master's cgroup, never guessed from the service's name. */
static void
reload_through_systemd (const struct cw_svc *svc, struct cw_svc_plan *plan)
{
  char *unit = cw_systemd_unit_of ("/proc", "/run", plan->master,
                                   svc->adapter->program);
  if (!unit)
    return;
  for (size_t i = 0; plan->reload && plan->reload[i]; i++)
    free (plan->reload[i]);
  free (plan->reload);
  plan->reload = cw_svc_argv ("systemctl", "reload", unit, NULL);
  free (unit);
}

/* Whether the request adds a new site: asked for, and no TLS site of SVC
   serves CRT's names (when one does, it is used, and said so). */
static bool
adds_site (const struct cw_enable_request *request, struct cw_svc *svc,
           gnutls_x509_crt_t crt, struct cw_diags *diags)
{
  if (!request->add_site || !svc->adapter->add_site)
    {
      if (request->add_site)
        cw_diag_add (diags, CW_WARNING, "enable-add-site-not-here",
                     "service", _("%s has no sites to add: its own "
                                  "configuration is pointed at the "
                                  "certificate."), svc->adapter->name);
      return false;
    }
  size_t site = svc->site;
  size_t serving = cw_svc_find_site (svc, crt, NULL);
  svc->site = site;
  if (serving)
    cw_diag_add (diags, CW_NOTE, "enable-site-serves", "service",
                 _("A TLS site of %s serves these names already: it is the "
                   "one used, and no site is added."), svc->config);
  return serving == 0;
}

static enum cw_status
need_root (const struct cw_enable_request *request, struct cw_diags *diags)
{
  if (request->dry_run || geteuid () == 0)
    return CW_OK;
  cw_diag_add (diags, CW_ERROR, "enable-needs-root", "service",
               _("Putting a certificate to work writes %s and reloads %s, "
                 "which only root may do. Run the same command as root, "
                 "for instance with sudo."), cw_live_root (),
               request->service);
  return CW_REFUSED;
}

enum cw_status
cw_enable (struct cw_store *store, const struct cw_enable_request *request,
           struct cw_enable_result *result, struct cw_progress *progress,
           struct cw_diags *diags)
{
  struct cw_target target = CW_TARGET_INIT;
  struct cw_svc svc = { NULL };
  struct cw_live live = { NULL };
  enum cw_status status = need_root (request, diags);
  if (status == CW_OK)
    status = cw_target_load (&target, store, request->id, diags);
  if (status == CW_OK)
    status = check_target (store, &target, diags);
  if (status == CW_OK)
    status = open_service (request, &svc, diags);
  bool adding = status == CW_OK
                && adds_site (request, &svc, target.certs.items[0], diags);
  if (status == CW_OK && !adding)
    status = svc.adapter->choose (&svc, target.certs.items[0], request->site,
                                  diags);
  if (status != CW_OK)
    goto done;
  warn_uncovered (&svc, target.certs.items[0], diags);
  step (result, progress, xstrdup (_("checked: the key fits, valid now, the "
                                     "chain complete")));
  char *name = live_name (&target);
  live.link = xasprintf ("%s/%s", cw_live_root (), name);
  struct cw_svc_target paths = {
    cw_live_path (&live, "fullchain.pem"), cw_live_path (&live, "privkey.pem"),
    cw_live_path (&live, "combined.pem"), false, NULL, 0, NULL };
  status = adding ? svc.adapter->add_site (&svc, target.certs.items[0],
                                           request->add_site, &paths,
                                           &result->plan, diags)
                  : svc.adapter->plan (&svc, &paths, &result->plan, diags);
  if (status == CW_OK && svc.adapter->master)
    result->plan.master = svc.adapter->master (&svc);
  if (status == CW_OK)
    reload_through_systemd (&svc, &result->plan);
  for (size_t i = 0; status == CW_OK && i < result->plan.file_count; i++)
    {
      result->diffs = xreallocarray (result->diffs, i + 1,
                                     sizeof *result->diffs);
      result->diffs[i] = unified_diff (&result->plan.files[i], diags);
    }
  result->writes = xcalloc (3, sizeof *result->writes);
  result->writes[0] = (char *) paths.fullchain;
  result->writes[1] = (char *) paths.key;
  result->writes[2] = (char *) paths.combined;
  result->write_count = 3;
  if (status != CW_OK || request->dry_run)
    {
      free (name);
      goto done;
    }
  /* Stopped on request before anything is staged: nothing to undo.
     After this point the transaction runs to its end or its undoing,
     and a cancellation is refused (the screen says it is too late). */
  cw_journal_step ("checked", progress);
  if (!cw_progress_commit (progress))
    status = CW_CANCELLED;
  if (status != CW_OK || (status = cw_store_lock (store, diags)) != CW_OK)
    {
      free (name);
      goto done;
    }
  /* A run killed before left its journal: undo it first. */
  cw_enable_recover (store, diags);
  char *fullchain = xstrdup ("");
  for (size_t i = 0; i < target.certs.count; i++)
    {
      char *pem = pem_of (target.certs.items[i]);
      char *longer = xasprintf ("%s%s", fullchain, pem);
      free (fullchain), free (pem);
      fullchain = longer;
    }
  struct cw_key *key = NULL;
  gnutls_datum_t key_pem = { NULL, 0 };
  status = cw_store_entry_key (store, &target.entry, NULL, &key, diags);
  if (status == CW_OK)
    status = cw_key_export_pem (key, &key_pem, diags);
  if (status == CW_OK)
    {
      char *key_text = xmalloc (key_pem.size + 1);
      memcpy (key_text, key_pem.data, key_pem.size);
      key_text[key_pem.size] = '\0';
      char *combined = xasprintf ("%s%s", key_text, fullchain);
      free (live.link);
      live.link = NULL;
      struct cw_live_files files = { fullchain, key_text, combined };
      status = cw_live_stage (name, &files, &live, diags);
      memset (key_text, 0, key_pem.size);
      memset (combined, 0, strlen (combined));
      free (key_text), free (combined);
    }
  if (key_pem.data)
    {
      gnutls_memset (key_pem.data, 0, key_pem.size);
      gnutls_free (key_pem.data);
    }
  cw_key_free (key);
  free (fullchain);
  free (name);
  char expected[41];
  cw_svc_thumbprint (target.certs.items[0], expected);
  if (status == CW_OK)
    status = apply (store, &svc, &result->plan, &live, expected, result,
                    progress, diags);
  if (status == CW_OK)
    {
      record_binding (store, &svc, request, &result->plan, target.entry.id,
                      &live, adding, diags);
      cw_journal_end (store);
    }
  cw_store_unlock (store);
done:
  cw_live_free (&live);
  cw_svc_free (&svc);
  cw_target_free (&target);
  return status;
}

/* The thumbprint of the first certificate of PATH, "" when unreadable. */
static void
file_thumbprint (const char *path, char out[41])
{
  gnutls_datum_t data = { NULL, 0 };
  struct cw_certs certs = CW_CERTS_INIT;
  struct cw_diags quiet = CW_DIAGS_INIT;
  out[0] = '\0';
  if (cw_input_read (path, &data, &quiet) == CW_OK
      && cw_certs_read (&data, path, &certs, &quiet) == CW_OK
      && certs.count)
    cw_svc_thumbprint (certs.items[0], out);
  cw_certs_free (&certs);
  gnutls_free (data.data);
  cw_diags_free (&quiet);
}

/* Each port of PLAN is to serve again what the binding says it served
   before the first enable, when that is not the original certificate
   TARGET (a service with files of its own). */
static void
expect_as_before (const struct cw_record *binding, struct cw_svc_plan *plan,
                  const char *target)
{
  for (size_t i = 0; i < binding->count; i++)
    {
      char host[256], thumb[41];
      unsigned port;
      if (strcmp (binding->fields[i].name, "served-before") != 0
          || sscanf (binding->fields[i].value, "%255[^ ] %40s", host,
                     thumb) != 2)
        continue;
      char *colon = strrchr (host, ':');
      if (!colon || sscanf (colon + 1, "%u", &port) != 1)
        continue;
      *colon = '\0';
      for (size_t p = 0; p < plan->port_count; p++)
        if (plan->ports[p].port == port
            && strcmp (plan->ports[p].host, host) == 0
            && strcasecmp (thumb, target) != 0)
          memcpy (plan->ports[p].expect, thumb, sizeof thumb);
    }
}

enum cw_status
cw_disable (struct cw_store *store, const struct cw_enable_request *request,
            struct cw_enable_result *result, struct cw_diags *diags)
{
  struct cw_svc svc = { NULL };
  struct cw_record binding = CW_RECORD_INIT;
  struct cw_live live = { NULL };
  char **originals = NULL;     /* the binding's strings */
  enum cw_status status = need_root (request, diags);
  if (status == CW_OK)
    status = open_service (request, &svc, diags);
  if (status != CW_OK)
    goto done;
  const char *id = NULL;
  if (!cw_binding_read (store, svc.adapter->name, svc.config, &binding)
      || !(id = cw_record_get (&binding, "cert"))
      || strncasecmp (id, request->id, strlen (request->id)) != 0)
    {
      cw_diag_add (diags, CW_ERROR, "disable-not-enabled", "service",
                   _("certwiz did not enable %s for %s (%s): there is "
                     "nothing to put back."), request->id,
                   svc.adapter->name, svc.config);
      status = CW_REFUSED;
      goto done;
    }
  const char *added = cw_record_get (&binding, "added-site");
  struct cw_target target = CW_TARGET_INIT;
  status = cw_target_load (&target, store, id, diags);
  if (status == CW_OK && !(added && svc.adapter->add_site))
    status = svc.adapter->choose (&svc, target.certs.items[0],
                                  cw_record_get (&binding, "site"), diags);
  cw_target_free (&target);
  const char *cert = cw_record_get (&binding, "original-cert");
  const char *key = cw_record_get (&binding, "original-key");
  originals = xcalloc (binding.count + 1, sizeof *originals);
  size_t original_count = 0;
  for (size_t i = 0; i < binding.count; i++)
    if (strcmp (binding.fields[i].name, "original-setting") == 0)
      originals[original_count++] = binding.fields[i].value;
  struct cw_svc_target paths = { cert, key, cert, true, originals,
                                 original_count, added };
  if (status == CW_OK)
    status = added && svc.adapter->add_site
             ? svc.adapter->add_site (&svc, NULL, NULL, &paths, &result->plan,
                                      diags)
             : svc.adapter->plan (&svc, &paths, &result->plan, diags);
  if (status == CW_OK && svc.adapter->master)
    result->plan.master = svc.adapter->master (&svc);
  if (status == CW_OK)
    reload_through_systemd (&svc, &result->plan);
  if (status != CW_OK || request->dry_run)
    goto done;
  if ((status = cw_store_lock (store, diags)) != CW_OK)
    goto done;
  char expected[41];
  file_thumbprint (cert, expected);
  expect_as_before (&binding, &result->plan, expected);
  status = apply (store, &svc, &result->plan, &live, expected, result, NULL,
                  diags);
  if (status == CW_OK)
    {
      cw_binding_write (store, svc.adapter->name, svc.config, NULL, diags);
      cw_journal_end (store);
    }
  cw_store_unlock (store);
done:
  free (originals);
  cw_record_free (&binding);
  cw_svc_free (&svc);
  return status;
}

/* Whether every port of the journal serves what it served before the
   interrupted run. */
static bool
served_as_before (const struct cw_record *journal)
{
  bool all = true;
  for (size_t i = 0; i < journal->count && all; i++)
    {
      if (strcmp (journal->fields[i].name, "served-before") != 0)
        continue;
      char host[256], sni[256], thumb[41];
      unsigned port;
      int starttls;
      if (sscanf (journal->fields[i].value, "%255s %u %d %255s %40s", host,
                  &port, &starttls, sni, thumb) != 5)
        continue;
      struct cw_svc_port p = { host, port, (enum cw_starttls) starttls,
                               strcmp (sni, "-") ? sni : NULL, "", "" };
      char seen[41];
      all = wait_served (&p, thumb, seen);
    }
  return all;
}

enum cw_status
cw_enable_recover (struct cw_store *store, struct cw_diags *diags)
{
  if (!cw_journal_present (store))
    return CW_OK;
  enum cw_status status = cw_store_lock (store, diags);
  if (status != CW_OK)
    return status;
  struct cw_record journal = CW_RECORD_INIT;
  status = cw_journal_undo (store, &journal, diags);
  /* A reload sent while the killed run's was still being applied may be
     taken as one with it: once more when the old is not served. */
  if (status == CW_OK && !served_as_before (&journal))
    {
      cw_journal_reload (&journal, diags);
      if (!served_as_before (&journal))
        cw_diag_add (diags, CW_ERROR, "enable-undo-not-served", "service",
                     _("An interrupted change of a service was undone, but "
                       "the service does not serve its previous certificate "
                       "again. Check the service now."));
    }
  if (status == CW_OK)
    cw_diag_add (diags, CW_NOTE, "enable-recovered", "service",
                 _("An interrupted change of a service was undone: its "
                   "files were put back and it was reloaded."));
  cw_record_free (&journal);
  cw_store_unlock (store);
  return status;
}

void
cw_enable_result_free (struct cw_enable_result *result)
{
  for (size_t i = 0; i < result->plan.file_count && result->diffs; i++)
    free (result->diffs[i]);
  free (result->diffs);
  for (size_t i = 0; i < result->write_count; i++)
    free (result->writes[i]);
  free (result->writes);
  for (size_t i = 0; i < result->step_count; i++)
    free (result->steps[i]);
  free (result->steps);
  cw_svc_plan_free (&result->plan);
  memset (result, 0, sizeof *result);
}
