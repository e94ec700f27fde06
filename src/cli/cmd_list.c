/* certwiz list: pending requests and installed certificates, or the
   certificates of files. */
#include <config.h>

#include <stdlib.h>
#include <string.h>

#include "pki/certset.h"
#include "cli/cli.h"
#include "cli/print_cert.h"
#include "base/i18n.h"
#include "base/json.h"
#include "store/listing.h"
#include "names/match.h"
#include "base/status.h"
#include "store/store.h"
#include "base/textwidth.h"
#include "base/xalloc.h"
#include "services/enable.h"

enum
{
  OPT_DOMAIN = CW_OPT_COMMAND,
  OPT_FORMAT,
  OPT_FILE,
  OPT_EXPIRING
};

struct list_args
{
  const char *domain;
  bool json;
  const char **files;
  size_t file_count;
  long expiring;           /* days; -1: not asked */
};

static void
print_help (void)
{
  printf (_("Usage: certwiz list [--domain NAME] [--format text|json] "
            "[--file FILE]...\n"
            "                    [--expiring DAYS]\n\n"
            "List the pending requests and the installed certificates of "
            "the store: ID,\nfriendly name or common name, number of names, "
            "issuer, expiry and days left,\nwhether the key is here, and "
            "state (pending, valid, expiring within %d days,\nexpired).\n\n"
            "  --domain NAME        only those whose names cover NAME (the "
            "rules of match)\n"
            "  --format text|json   a table (default) or JSON for scripts\n"
            "  --file FILE          list the certificates of FILE (a bundle, "
            "a chain,\n"
            "                       a .p7b) instead of the store; repeat it "
            "for several\n"
            "                       files\n"
            "  --expiring DAYS      only certificates that expire within "
            "DAYS days (or have\n"
            "                       expired) and that no later certificate "
            "for the same\n"
            "                       names replaces; exit status 1 when there "
            "is one\n"), CW_EXPIRING_DAYS);
}

static enum cw_cli_option_result
list_option (int opt, const char *arg, void *state)
{
  static const char *const formats[] = { "text", "json", NULL };
  struct list_args *args = state;
  int format;
  switch (opt)
    {
    case OPT_DOMAIN:
      args->domain = arg;
      return CW_CLI_OPTION_TAKEN;
    case OPT_FORMAT:
      if (!cw_cli_parse_format (arg, formats, &format))
        return CW_CLI_OPTION_BAD;
      args->json = format == 1;
      return CW_CLI_OPTION_TAKEN;
    case OPT_EXPIRING:
      {
        char *end;
        args->expiring = strtol (arg, &end, 10);
        if (*end || end == arg || args->expiring < 0
            || args->expiring > 100000)
          {
            cw_cli_usage_error ("list", _("--expiring takes a number of "
                                          "days"));
            return CW_CLI_OPTION_BAD;
          }
      }
      return CW_CLI_OPTION_TAKEN;
    case OPT_FILE:
      args->files = xreallocarray (args->files, args->file_count + 1,
                                   sizeof *args->files);
      args->files[args->file_count++] = arg;
      return CW_CLI_OPTION_TAKEN;
    default:
      return CW_CLI_OPTION_NOT_MINE;
    }
}

static bool
row_covers (const struct cw_listing_row *row, const char *domain)
{
  return cw_match_domain ((const char *const *) row->dns, row->dns_count,
                          domain, NULL);
}

static bool
same_names (const struct cw_listing_row *a, const struct cw_listing_row *b)
{
  if (a->name_count != b->name_count)
    return false;
  for (size_t i = 0; i < a->name_count; i++)
    {
      bool found = false;
      for (size_t j = 0; j < b->name_count && !found; j++)
        found = strcmp (a->names[i], b->names[j]) == 0;
      if (!found)
        return false;
    }
  return true;
}

/* Whether ROW expires within DAYS and no later certificate for the same
   names takes its place (a renewal keeps the old one beside the new). */
static bool
row_expiring (const struct cw_listing *listing,
              const struct cw_listing_row *row, long days)
{
  if (row->pending || cw_days_left (row->not_after) >= days)
    return false;
  for (size_t i = 0; i < listing->count; i++)
    {
      const struct cw_listing_row *other = &listing->rows[i];
      if (other != row && !other->pending
          && other->not_after > row->not_after && same_names (row, other))
        return false;
    }
  return true;
}

static void
print_cell (FILE *out, const char *text, size_t width, bool last)
{
  char *safe = cw_cli_safe (text);
  char *cell = cw_text_fit (safe, width);
  if (last)
    {
      /* No trailing blanks at the end of a line. */
      size_t n = strlen (cell);
      while (n > 0 && cell[n - 1] == ' ')
        cell[--n] = '\0';
    }
  fputs (cell, out);
  fputs (last ? "\n" : " ", out);
  free (cell);
  free (safe);
}

/* Column widths: 73 columns with the blanks fit an 80-column terminal.
   The state column widens only when a chain is incomplete, so that it
   says so whole. */
static size_t widths[] = { 8, 8, 19, 3, 15, 10, 5, 5 };

/* The store's bindings, read once, fill the SERVICES column, shown only
   when a certificate is in use (the 80 columns stay as they were
   otherwise). */
static struct cw_service_labels services_of = CW_SERVICE_LABELS_INIT;
static bool show_services;

static void
print_header (FILE *out)
{
  /* TRANSLATORS: column headings of certwiz list; they are cut to 8, 8,
     19, 3, 15, 10, 5 and 5 columns. */
  const char *heads[] = { _("STATE"), _("ID"), _("NAME"), _("#"),
                          _("ISSUER"), _("EXPIRES"), _("DAYS"), _("KEY") };
  for (size_t i = 0; i < 8; i++)
    print_cell (out, heads[i], widths[i], i == 7 && !show_services);
  if (show_services)
    /* TRANSLATORS: the last column of certwiz list when a certificate is
       in use: SMTP, IMAP, POP, HTTPS. */
    print_cell (out, _("SERVICES"), 20, true);
}

static void
print_row (FILE *out, const struct cw_listing_row *row)
{
  char count[16], days[24];
  char *expires = row->pending ? xstrdup ("-")
                               : cw_time_format (row->not_after);
  expires[expires[0] == '-' ? 1 : 10] = '\0';
  snprintf (count, sizeof count, "%zu", row->name_count);
  if (row->pending)
    strcpy (days, "-");
  else
    snprintf (days, sizeof days, "%ld", cw_days_left (row->not_after));
  /* Any 4 or more digits of an ID select it; 8 are shown. */
  char id[9];
  snprintf (id, sizeof id, "%.8s", row->id);
  /* TRANSLATORS: in certwiz list's KEY column (5 columns): the key is
     on a token. */
  const char *key = row->key_token ? _("token")
                    : row->has_key ? _("yes") : _("no");
  const char *cells[] = { row->state, id, row->label, count,
                          row->issuer, expires, days, key };
  for (size_t i = 0; i < 8; i++)
    print_cell (out, cells[i], widths[i], i == 7 && !show_services);
  if (show_services)
    {
      const char *services = cw_service_labels_for (&services_of, row->id);
      print_cell (out, services ? services : "", 20, true);
    }
  free (expires);
}

static void
print_json_row (struct cw_json *json, const struct cw_listing_row *row)
{
  cw_json_object_begin (json, NULL);
  cw_json_string (json, "id", row->id);
  cw_json_string (json, "state", row->state_code);
  cw_json_string (json, "friendly_name", row->friendly_name);
  cw_json_string (json, "cn", row->cn);
  cw_json_array_begin (json, "names");
  for (size_t i = 0; i < row->name_count; i++)
    cw_json_string (json, NULL, row->names[i]);
  cw_json_array_end (json);
  cw_json_string (json, "issuer", row->pending ? NULL : row->issuer);
  if (row->pending)
    cw_json_string (json, "not_after", NULL);
  else
    {
      char *when = cw_time_format (row->not_after);
      cw_json_string (json, "not_after", when);
      cw_json_number (json, "days_left", cw_days_left (row->not_after));
      free (when);
    }
  cw_json_bool (json, "key_here", row->has_key);
  cw_json_string (json, "key_token", row->key_token);
  cw_json_string (json, "sha256", row->pending ? NULL : row->sha256);
  const char *services = cw_service_labels_for (&services_of, row->id);
  if (services)
    cw_json_string (json, "services", services);
  cw_json_object_end (json);
}

static size_t
print_rows (const struct cw_listing *listing, const struct list_args *args)
{
  struct cw_json json;
  size_t shown = 0;
  if (args->json)
    {
      cw_json_begin (&json, stdout);
      cw_json_array_begin (&json, NULL);
    }
  for (size_t i = 0; i < listing->count && !show_services; i++)
    show_services = cw_service_labels_for (&services_of,
                                           listing->rows[i].id) != NULL;
  for (size_t i = 0; i < listing->count; i++)
    if (strcmp (listing->rows[i].state_code, "chain-incomplete") == 0
        && cw_text_width (listing->rows[i].state) > widths[0])
      widths[0] = cw_text_width (listing->rows[i].state);
  if (!args->json)
    print_header (stdout);
  for (size_t i = 0; i < listing->count; i++)
    {
      const struct cw_listing_row *row = &listing->rows[i];
      if (args->domain && !row_covers (row, args->domain))
        continue;
      if (args->expiring >= 0 && !row_expiring (listing, row, args->expiring))
        continue;
      shown++;
      if (args->json)
        print_json_row (&json, row);
      else
        print_row (stdout, row);
    }
  if (args->json)
    {
      cw_json_array_end (&json);
      cw_json_end (&json);
    }
  else if (shown == 0)
    printf (_("(nothing to list)\n"));
  return shown;
}

/* The listing of files, a row at a time into a spool that is shown
   once every file was read: a refused file shows nothing, as the whole
   listing would, and a bundle of any size is never held. */
struct spool
{
  FILE *out;
  const struct list_args *args;
  struct cw_json json;
  size_t shown;
};

static void
spool_row (const struct cw_listing_row *row, void *state)
{
  struct spool *spool = state;
  if (spool->args->domain && !row_covers (row, spool->args->domain))
    return;
  spool->shown++;
  if (spool->args->json)
    print_json_row (&spool->json, row);
  else
    print_row (spool->out, row);
}

static void
copy_out (FILE *from)
{
  char buf[64 * 1024];
  size_t n;
  rewind (from);
  while ((n = fread (buf, 1, sizeof buf, from)) > 0)
    fwrite (buf, 1, n, stdout);
}

/* *SPOOLED false when no spool could be written (a full or read-only
   temporary folder): the caller lists the files the other way. */
static int
list_files_spooled (const struct list_args *args, bool *spooled,
                    struct cw_diags *diags)
{
  struct spool spool = { tmpfile (), args, { 0 }, 0 };
  *spooled = spool.out != NULL;
  if (!*spooled)
    return CW_OK;
  if (args->json)
    {
      cw_json_begin (&spool.json, spool.out);
      cw_json_array_begin (&spool.json, NULL);
    }
  else
    print_header (spool.out);
  int status = cw_listing_each_file (args->files, args->file_count,
                                     spool_row, &spool, diags);
  if (args->json)
    {
      cw_json_array_end (&spool.json);
      cw_json_end (&spool.json);
    }
  else if (spool.shown == 0)
    fprintf (spool.out, _("(nothing to list)\n"));
  *spooled = fflush (spool.out) == 0 && !ferror (spool.out);
  if (*spooled)
    cw_cli_report (diags);
  if (*spooled && status == CW_OK)
    copy_out (spool.out);
  fclose (spool.out);
  return *spooled ? status : CW_OK;
}

/* The listing held whole: the store's, or the files' for --expiring. */
static int
list_held (struct cw_store *store, const struct list_args *args,
           struct cw_diags *diags)
{
  struct cw_listing listing = CW_LISTING_INIT;
  int status = args->file_count
                 ? cw_listing_from_files (&listing, args->files,
                                          args->file_count, diags)
                 : cw_listing_from_store (&listing, store, diags);
  cw_cli_report (diags);
  if (status == CW_OK && store)
    cw_service_labels_read (store, &services_of);
  if (status == CW_OK && print_rows (&listing, args) > 0
      && args->expiring >= 0)
    status = CW_REFUSED;
  cw_service_labels_free (&services_of);
  cw_listing_free (&listing);
  return status;
}

int
cw_cmd_list (struct cw_cli_context *context, int argc, char **argv)
{
  static const struct option options[] = {
    { "domain", required_argument, NULL, OPT_DOMAIN },
    { "format", required_argument, NULL, OPT_FORMAT },
    { "file", required_argument, NULL, OPT_FILE },
    { "expiring", required_argument, NULL, OPT_EXPIRING },
    CW_CLI_COMMON_OPTIONS,
    { NULL, 0, NULL, 0 },
  };
  struct list_args args = { NULL, false, NULL, 0, -1 };
  struct cw_diags diags = CW_DIAGS_INIT;
  int status = cw_cli_parse ("list", argc, argv, options, list_option, &args,
                             context, print_help);
  if (status == CW_OK)
    status = cw_cli_operands ("list", argc, argv, 0, "");
  struct cw_store *store = NULL;
  if (status == CW_OK && !args.file_count)
    status = cw_cli_store (context, &store);
  /* --expiring compares each row with the others: it keeps them all. */
  bool spooled = false;
  if (status == CW_OK && args.file_count && args.expiring < 0)
    status = list_files_spooled (&args, &spooled, &diags);
  if (status == CW_OK && !spooled)
    {
      cw_diags_clear (&diags);
      status = list_held (store, &args, &diags);
    }
  cw_diags_free (&diags);
  free (args.files);
  return status == CW_CLI_HELP_DONE ? CW_OK : status;
}
