/* certwiz show: every field of a certificate, of the store or a file. */
#include <config.h>

#include <stdlib.h>
#include <string.h>

#include "pki/certset.h"
#include "pki/chain.h"
#include "cli/cli.h"
#include "pki/import_chain.h"
#include "cli/print_cert.h"
#include "cli/show_file.h"
#include "base/i18n.h"
#include "base/json.h"
#include "base/status.h"
#include "pki/target.h"
#include "store/store.h"
#include "base/xalloc.h"
#include "services/enable.h"

enum { OPT_FORMAT = CW_OPT_COMMAND };
enum format { FORMAT_TEXT, FORMAT_JSON, FORMAT_PEM };

/* What is shown: the certificates (leaf first, then its chain) and, for
   an entry of the store, its record. */
struct shown
{
  struct cw_certs certs;
  const struct cw_store_entry *entry;
  char *services;          /* the services it is at work in, or NULL */
};

static void
print_help (void)
{
  printf (_("Usage: certwiz show ID|FILE [--format text|json|pem]\n\n"
            "Show every field of a certificate of the store (by its ID, or "
            "the first 4 or\nmore digits of it), of a pending request, or "
            "of the certificates in FILE:\nsubject in order, issuer, serial, "
            "validity, names, key, key usage and extended\nkey usage, both "
            "thumbprints, and the chain.\n"));
}

static enum cw_cli_option_result
show_option (int opt, const char *arg, void *state)
{
  static const char *const formats[] = { "text", "json", "pem", NULL };
  if (opt != OPT_FORMAT)
    return CW_CLI_OPTION_NOT_MINE;
  return cw_cli_parse_format (arg, formats, state) ? CW_CLI_OPTION_TAKEN
                                                   : CW_CLI_OPTION_BAD;
}

static void
print_text (const struct shown *shown)
{
  cw_show_cert_text (shown->certs.items[0], false);
  if (shown->entry)
    {
      /* The entry's fields read the leaf's lifetime (the next renewal). */
      struct cw_certinfo info;
      bool read = cw_certinfo_get (shown->certs.items[0], &info) >= 0;
      struct cw_field_source source = { read ? &info : NULL, shown->entry };
      cw_cli_print_fields (CW_FIELDS_ENTRY, &source, CW_FIELD_TEXT);
      if (read)
        cw_certinfo_free (&info);
      if (shown->services)
        /* TRANSLATORS: a label of show (at most 14 columns): the
           services the certificate is at work in (SMTP, HTTPS...). */
        cw_cli_field (_("Services"), shown->services);
    }
  for (size_t i = 1; i < shown->certs.count; i++)
    {
      char *name = cw_cert_short_name (shown->certs.items[i]);
      /* TRANSLATORS: labels of show: a certificate of the chain, or
         another certificate found in the same file; at most 14 columns. */
      cw_cli_field (shown->entry ? _("Chain") : _("Also in file"), name);
      free (name);
    }
  if (!shown->entry)
    for (size_t i = 1; i < shown->certs.count; i++)
      cw_show_cert_text (shown->certs.items[i], true);
}

static void
print_json (const struct shown *shown)
{
  struct cw_json json;
  cw_json_begin (&json, stdout);
  cw_json_object_begin (&json, NULL);
  if (shown->entry)
    {
      struct cw_certinfo info;
      bool read = cw_certinfo_get (shown->certs.items[0], &info) >= 0;
      struct cw_field_source source = { read ? &info : NULL, shown->entry };
      cw_cli_json_fields (&json, CW_FIELDS_ENTRY, &source);
      if (read)
        cw_certinfo_free (&info);
      if (shown->services)
        cw_json_string (&json, "services", shown->services);
    }
  cw_json_array_begin (&json, "certificates");
  for (size_t i = 0; i < shown->certs.count; i++)
    cw_show_cert_json (&json, shown->certs.items[i]);
  cw_json_array_end (&json);
  cw_json_object_end (&json);
  cw_json_end (&json);
}

static void
print_pem (const struct shown *shown)
{
  for (size_t i = 0; i < shown->certs.count; i++)
    cw_show_cert_pem (shown->certs.items[i]);
}

static void
print_pending_text (const struct cw_store_entry *entry)
{
  struct cw_field_source source = { NULL, entry };
  cw_cli_print_fields (CW_FIELDS_REQUEST, &source, CW_FIELD_TEXT);
  cw_cli_print_fields (CW_FIELDS_ENTRY, &source, CW_FIELD_TEXT);
}

static void
print_pending_json (const struct cw_store_entry *entry)
{
  struct cw_field_source source = { NULL, entry };
  struct cw_json json;
  cw_json_begin (&json, stdout);
  cw_json_object_begin (&json, NULL);
  cw_cli_json_fields (&json, CW_FIELDS_REQUEST, &source);
  cw_json_object_end (&json);
  cw_json_end (&json);
}

static enum cw_status
show_pending (struct cw_store *store, const struct cw_store_entry *entry,
              enum format format, struct cw_diags *diags)
{
  if (format == FORMAT_TEXT)
    print_pending_text (entry);
  else if (format == FORMAT_JSON)
    print_pending_json (entry);
  else
    {
      gnutls_datum_t pem;
      enum cw_status status = cw_store_read (store, entry->area, entry->id,
                                             "request.pem", &pem, false,
                                             diags);
      if (status != CW_OK)
        return status;
      fwrite (pem.data, 1, pem.size, stdout);
      free (pem.data);
    }
  return CW_OK;
}

static void
print_shown (const struct shown *shown, enum format format)
{
  if (format == FORMAT_JSON)
    print_json (shown);
  else if (format == FORMAT_PEM)
    print_pem (shown);
  else
    print_text (shown);
}

static enum cw_status
show (const char *what, struct cw_cli_context *context, enum format format,
      struct cw_diags *diags)
{
  /* A file's certificates are shown one at a time: a bundle of
     thousands needs little more memory than the file. */
  if (cw_target_is_file (what))
    return cw_show_file (what, format == FORMAT_JSON  ? CW_SHOW_JSON
                               : format == FORMAT_PEM ? CW_SHOW_PEM
                                                      : CW_SHOW_TEXT,
                         diags);
  struct cw_target target = CW_TARGET_INIT;
  struct cw_store *store;
  enum cw_status status = cw_cli_store (context, &store);
  if (status == CW_OK)
    status = cw_target_load (&target, store, what, diags);
  struct shown shown = { target.certs,
                         target.entry.id ? &target.entry : NULL,
                         status == CW_OK && target.entry.id
                           ? cw_bindings_labels (target.store,
                                                 target.entry.id)
                           : NULL };
  if (status == CW_OK && cw_target_is_pending (&target))
    status = show_pending (target.store, &target.entry, format, diags);
  else if (status == CW_OK)
    print_shown (&shown, format);
  if (status == CW_OK && shown.entry
      && cw_record_chain_incomplete (&shown.entry->record))
    cw_diag_add (diags, CW_WARNING, "chain-incomplete", "chain", "%s",
                 cw_chain_incomplete_fix ());
  free (shown.services);
  cw_target_free (&target);
  return status;
}

int
cw_cmd_show (struct cw_cli_context *context, int argc, char **argv)
{
  static const struct option options[] = {
    { "format", required_argument, NULL, OPT_FORMAT },
    CW_CLI_COMMON_OPTIONS,
    { NULL, 0, NULL, 0 },
  };
  int format = FORMAT_TEXT;
  int status = cw_cli_parse ("show", argc, argv, options, show_option,
                             &format, context, print_help);
  if (status == CW_OK)
    status = cw_cli_operands ("show", argc, argv, 1,
                              _("the certificate's ID or file"));
  if (status != CW_OK)
    return status == CW_CLI_HELP_DONE ? CW_OK : status;
  struct cw_diags diags = CW_DIAGS_INIT;
  status = show (argv[optind], context, (enum format) format, &diags);
  cw_cli_report (&diags);
  cw_diags_free (&diags);
  return status;
}
