/* What renewal and enrolment ask of the services: the new certificate
   put to work wherever the old one is, and the webroot of the site that
   serves names. */
#include <config.h>

#include "services/enable.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/xalloc.h"
#include "services/enable_journal.h"
#include "services/nginx.h"

struct bound
{
  const char *old_id;
  struct cw_record *items;
  size_t count;
};

static void
collect (const struct cw_record *record, void *state)
{
  struct bound *b = state;
  const char *cert = cw_record_get (record, "cert");
  if (!cert || strcmp (cert, b->old_id) != 0)
    return;
  b->items = xreallocarray (b->items, b->count + 1, sizeof *b->items);
  struct cw_record *copy = &b->items[b->count++];
  *copy = (struct cw_record) CW_RECORD_INIT;
  for (size_t i = 0; i < record->count; i++)
    cw_record_add (copy, record->fields[i].name, record->fields[i].value);
}

enum cw_status
cw_enable_renewed (struct cw_store *store, const char *old_id,
                   const char *new_id, struct cw_diags *diags)
{
  struct bound b = { old_id, NULL, 0 };
  cw_bindings_each (store, collect, &b);
  enum cw_status status = CW_OK;
  for (size_t i = 0; i < b.count; i++)
    {
      struct cw_enable_request request = {
        new_id, cw_record_get (&b.items[i], "service"),
        cw_record_get (&b.items[i], "config"),
        cw_record_get (&b.items[i], "site"), false, NULL };
      struct cw_enable_result result = { .plan = { NULL } };
      /* A failure undoes itself: the old certificate stays served. */
      if (request.service && request.config
          && cw_enable (store, &request, &result, NULL, diags) != CW_OK)
        status = CW_FAILED;
      cw_enable_result_free (&result);
      cw_record_free (&b.items[i]);
    }
  free (b.items);
  return status;
}

static bool
site_serves (const struct cw_site *site, const char *const *names,
             size_t count)
{
  for (size_t i = 0; i < site->name_count; i++)
    for (size_t j = 0; j < count; j++)
      if (strcasecmp (site->names[i], names[j]) == 0)
        return true;
  return false;
}

char *
cw_svc_find_webroot (const char *const *names, size_t count)
{
  const struct cw_svc_adapter *nginx = cw_svc_adapter_find ("nginx");
  struct cw_conf conf;
  struct cw_sites sites = CW_SITES_INIT;
  struct cw_diags quiet = CW_DIAGS_INIT;
  char *root = NULL;
  if (nginx && cw_nginx_load (&conf, cw_svc_config_default (nginx), NULL,
                              &quiet) == CW_OK)
    {
      cw_nginx_sites (&conf, &sites);
      /* A plain HTTP site first: that is where http-01 asks. */
      for (int pass = 0; pass < 2 && !root; pass++)
        for (size_t i = 0; i < sites.count && !root; i++)
          {
            const struct cw_site *s = &sites.items[i];
            if ((pass == 0) == cw_site_serves_tls (s)
                || !site_serves (s, names, count))
              continue;
            size_t node = cw_conf_in_effect (&conf, s->node, "root");
            if (node != CW_CONF_NONE)
              root = cw_conf_arg (&conf, node, 0);
          }
      cw_sites_free (&sites);
    }
  if (nginx)
    cw_conf_free (&conf);
  cw_diags_free (&quiet);
  return root;
}
