/* The table of services enable knows: one entry each, its file beside
   (enable_nginx.c, ...).  A new service is one entry and its file. */
#include <config.h>

#include "services/svc.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "base/xalloc.h"

extern const struct cw_svc_adapter cw_svc_nginx;
extern const struct cw_svc_adapter cw_svc_apache;
extern const struct cw_svc_adapter cw_svc_haproxy;
extern const struct cw_svc_adapter cw_svc_postfix;
extern const struct cw_svc_adapter cw_svc_dovecot, cw_svc_dovecot_pop;

static const struct cw_svc_adapter *const adapters[] = {
  &cw_svc_nginx,
  &cw_svc_apache,
  &cw_svc_haproxy,
  &cw_svc_postfix,
  &cw_svc_dovecot, &cw_svc_dovecot_pop,
};

#define ADAPTER_COUNT (sizeof adapters / sizeof adapters[0])

static bool
installed (const char *program)
{
  static const char *const dirs[] = { "/usr/sbin", "/sbin", "/usr/bin" };
  for (size_t i = 0; i < sizeof dirs / sizeof dirs[0]; i++)
    {
      char *path = xasprintf ("%s/%s", dirs[i], program);
      bool found = access (path, X_OK) == 0;
      free (path);
      if (found)
        return true;
    }
  return false;
}

const struct cw_svc_adapter *
cw_svc_adapter_find (const char *name)
{
  for (size_t i = 0; i < ADAPTER_COUNT; i++)
    if (strcasecmp (adapters[i]->name, name) == 0)
      return adapters[i];
  const struct cw_svc_adapter *first = NULL;
  for (size_t i = 0; i < ADAPTER_COUNT; i++)
    if (strcasecmp (adapters[i]->word, name) == 0)
      {
        if (installed (adapters[i]->program))
          return adapters[i];
        if (!first)
          first = adapters[i];
      }
  return first;
}

const struct cw_svc_adapter *const *
cw_svc_adapters (size_t *count)
{
  *count = ADAPTER_COUNT;
  return adapters;
}

void
cw_svc_free (struct cw_svc *svc)
{
  free (svc->config);
  if (svc->conf.syntax)
    cw_conf_free (&svc->conf);
  cw_sites_free (&svc->sites);
  free (svc->cert_now);
  free (svc->key_now);
  for (size_t i = 0; i < svc->original_count; i++)
    free (svc->originals[i]);
  free (svc->originals);
  memset (svc, 0, sizeof *svc);
}

static void
argv_free (char **argv)
{
  for (size_t i = 0; argv && argv[i]; i++)
    free (argv[i]);
  free (argv);
}

void
cw_svc_plan_free (struct cw_svc_plan *plan)
{
  for (size_t i = 0; i < plan->file_count; i++)
    {
      free (plan->files[i].path);
      free (plan->files[i].before);
      free (plan->files[i].after);
    }
  free (plan->files);
  for (size_t i = 0; i < plan->port_count; i++)
    {
      free (plan->ports[i].host);
      free (plan->ports[i].sni);
    }
  free (plan->ports);
  argv_free (plan->test);
  argv_free (plan->reload);
  free (plan->log);
  memset (plan, 0, sizeof *plan);
}

static char *
copy (const char *text, size_t length)
{
  char *c = xmalloc (length + 1);
  memcpy (c, text, length);
  c[length] = '\0';
  return c;
}

void
cw_svc_plan_file (struct cw_svc_plan *plan, const char *path,
                  const char *before, size_t before_length,
                  const char *after, size_t after_length)
{
  plan->files = xreallocarray (plan->files, plan->file_count + 1,
                               sizeof *plan->files);
  plan->files[plan->file_count++] = (struct cw_svc_file) {
    xstrdup (path), copy (before ? before : "", before ? before_length : 0),
    before ? before_length : 0, copy (after ? after : "",
                                      after ? after_length : 0),
    after ? after_length : 0, !before, !after };
}

void
cw_svc_plan_port (struct cw_svc_plan *plan, const char *host, unsigned port,
                  enum cw_starttls starttls, const char *sni)
{
  for (size_t i = 0; i < plan->port_count; i++)
    if (plan->ports[i].port == port && strcmp (plan->ports[i].host, host) == 0
        && strcmp (plan->ports[i].sni ? plan->ports[i].sni : "",
                   sni ? sni : "") == 0)
      return;
  plan->ports = xreallocarray (plan->ports, plan->port_count + 1,
                               sizeof *plan->ports);
  plan->ports[plan->port_count++] = (struct cw_svc_port) {
    xstrdup (host), port, starttls, sni ? xstrdup (sni) : NULL, "", "" };
}

char **
cw_svc_argv (const char *first, ...)
{
  size_t count = 0;
  char **argv = NULL;
  va_list ap;
  va_start (ap, first);
  for (const char *arg = first; arg; arg = va_arg (ap, const char *))
    {
      argv = xreallocarray (argv, count + 2, sizeof *argv);
      argv[count++] = xstrdup (arg);
    }
  va_end (ap);
  argv = xreallocarray (argv, count + 1, sizeof *argv);
  argv[count] = NULL;
  return argv;
}
