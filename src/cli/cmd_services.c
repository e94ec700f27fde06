/* certwiz services: the services found on this machine, the certificate
   each site names now, whether certwiz manages it, and what a live
   handshake on each TLS port shows. */
#include <config.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "base/i18n.h"
#include "base/json.h"
#include "base/record.h"
#include "base/status.h"
#include "base/xalloc.h"
#include "cli/cli.h"
#include "services/enable.h"
#include "services/enable_journal.h"

enum { OPT_FORMAT = CW_OPT_COMMAND };

static void
print_help (void)
{
  printf (_("Usage: certwiz services [--format text|json]\n\n"
            "The services found on this machine: for each TLS site, the "
            "certificate file it\nnames, whether certwiz manages it, and "
            "the certificate a live handshake on each\nport shows.\n"));
}

static enum cw_cli_option_result
services_option (int opt, const char *arg, void *state)
{
  static const char *const formats[] = { "text", "json", NULL };
  if (opt != OPT_FORMAT)
    return CW_CLI_OPTION_NOT_MINE;
  return cw_cli_parse_format (arg, formats, state) ? CW_CLI_OPTION_TAKEN
                                                   : CW_CLI_OPTION_BAD;
}

/* The site SVC->site; its file as the adapter reads it (HAProxy's is an
   argument of a bind line). */
static void
show_site (const struct cw_svc *svc, const char *managed,
           struct cw_json *json)
{
  const struct cw_site *site = &svc->sites.items[svc->site];
  char *cert = NULL, *key = NULL;
  svc->adapter->current (svc, &cert, &key);
  free (key);
  char *safe_cert = cw_cli_safe (cert ? cert : "-");
  char *name = cw_cli_safe (site->name_count ? site->names[0] : "-");
  if (json)
    {
      cw_json_object_begin (json, NULL);
      cw_json_string (json, "service", svc->adapter->name);
      cw_json_string (json, "config", svc->config);
      cw_json_string (json, "site", site->name_count ? site->names[0] : NULL);
      cw_json_string (json, "certificate_file", cert);
      cw_json_string (json, "managed_by_certwiz", managed);
      cw_json_array_begin (json, "ports");
    }
  else
    printf ("%s  %s  %s\n    %s %s\n    %s %s\n", svc->adapter->name,
            svc->config, name, _("file:"), safe_cert, _("certwiz:"),
            managed ? managed : _("not managed"));
  for (size_t l = 0; l < site->listeners.count; l++)
    {
      const struct cw_listener *li = &site->listeners.items[l];
      if (li->tls == CW_TLS_NONE)
        continue;
      struct cw_svc_port port = {
        (char *) (strcmp (li->address, "*") ? li->address : "127.0.0.1"),
        li->port,
        li->tls == CW_TLS_STARTTLS ? CW_STARTTLS_AUTO : CW_STARTTLS_NONE,
        site->name_count ? site->names[0] : NULL, "", "" };
      char seen[41] = "";
      bool got = cw_svc_served (&port, seen);
      if (json)
        {
          cw_json_object_begin (json, NULL);
          cw_json_string (json, "address", port.host);
          cw_json_number (json, "port", port.port);
          cw_json_string (json, "served", got ? seen : NULL);
          cw_json_object_end (json);
        }
      else
        printf ("    %s:%u %s\n", port.host, port.port,
                got ? seen : _("no handshake"));
    }
  if (json)
    {
      cw_json_array_end (json);
      cw_json_object_end (json);
    }
  free (cert), free (safe_cert), free (name);
}

int
cw_cmd_services (struct cw_cli_context *context, int argc, char **argv)
{
  static const struct option options[] = {
    { "format", required_argument, NULL, OPT_FORMAT },
    CW_CLI_COMMON_OPTIONS,
    { NULL, 0, NULL, 0 },
  };
  int format = 0;
  int status = cw_cli_parse ("services", argc, argv, options,
                             services_option, &format, context, print_help);
  if (status == CW_OK)
    status = cw_cli_operands ("services", argc, argv, 0, "");
  if (status != CW_OK)
    return status == CW_CLI_HELP_DONE ? CW_OK : status;
  struct cw_store *store;
  if ((status = cw_cli_store (context, &store)) != CW_OK)
    return status;
  struct cw_json json;
  if (format == 1)
    {
      cw_json_begin (&json, stdout);
      cw_json_array_begin (&json, NULL);
    }
  size_t count;
  const struct cw_svc_adapter *const *adapters = cw_svc_adapters (&count);
  for (size_t a = 0; a < count; a++)
    {
      /* One instance named by two words (Dovecot's imap and pop). */
      if (a && strcmp (adapters[a - 1]->name, adapters[a]->name) == 0)
        continue;
      struct cw_svc svc = { NULL };
      struct cw_diags diags = CW_DIAGS_INIT;
      const char *config = cw_svc_config_default (adapters[a]);
      if (access (config, R_OK) == 0
          && cw_svc_open (adapters[a], NULL, &svc, &diags) == CW_OK)
        {
          struct cw_record binding = CW_RECORD_INIT;
          bool bound = cw_binding_read (store, svc.adapter->name, svc.config,
                                        &binding);
          for (svc.site = 0; svc.site < svc.sites.count; svc.site++)
            if (cw_site_serves_tls (&svc.sites.items[svc.site]))
              show_site (&svc, bound ? cw_record_get (&binding, "cert")
                                     : NULL,
                         format == 1 ? &json : NULL);
          cw_record_free (&binding);
        }
      cw_cli_report (&diags);
      cw_diags_free (&diags);
      cw_svc_free (&svc);
    }
  if (format == 1)
    {
      cw_json_array_end (&json);
      cw_json_end (&json);
    }
  return CW_OK;
}
