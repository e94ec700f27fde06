/* certwiz delete: remove a certificate or a pending request. */
#include <config.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli/cli.h"
#include "pki/target.h"
#include "base/i18n.h"
#include "base/status.h"
#include "base/xalloc.h"
#include "services/enable.h"

enum { OPT_YES = CW_OPT_COMMAND };

static void
print_help (void)
{
  printf (_("Usage: certwiz delete ID [--yes]\n\n"
            "Remove a certificate or a pending request from the store, with "
            "its private key.\nOn a terminal certwiz asks first; scripts "
            "confirm with --yes.\n"));
}

static enum cw_cli_option_result
delete_option (int opt, const char *arg, void *state)
{
  (void) arg;
  if (opt != OPT_YES)
    return CW_CLI_OPTION_NOT_MINE;
  *(bool *) state = true;
  return CW_CLI_OPTION_TAKEN;
}

static const char *
entry_name (const struct cw_store_entry *entry)
{
  const char *name = cw_record_get (&entry->record, "friendly-name");
  if (!name || !*name)
    name = cw_record_get (&entry->record, "cn");
  return name ? name : "";
}

/* Asks on the terminal; false when the answer is not yes or there is no
   terminal to ask on. */
static bool
confirmed (const char *question, struct cw_diags *diags)
{
  FILE *tty = fopen ("/dev/tty", "r+");
  if (!tty)
    {
      cw_diag_add (diags, CW_ERROR, "delete-unconfirmed", "delete",
                   _("Nothing was deleted: there is no terminal to ask on. "
                     "Add --yes to delete without asking."));
      return false;
    }
  /* TRANSLATORS: the answer that means yes is "y"; see the next string. */
  fprintf (tty, "%s %s ", question, _("[y/N]"));
  fflush (tty);
  char answer[16] = "";
  bool yes = fgets (answer, sizeof answer, tty)
             /* TRANSLATORS: the first letter of yes, as in "[y/N]". */
             && strchr (_("yY"), answer[0]) && answer[0] != '\0';
  fclose (tty);
  if (!yes)
    cw_diag_add (diags, CW_NOTE, "delete-declined", "delete",
                 _("Nothing was deleted."));
  return yes;
}

static void
warn_lost_key (const struct cw_target *target, struct cw_diags *diags)
{
  if (!cw_target_is_pending (target) || !target->entry.has_key)
    return;
  cw_diag_add (diags, CW_WARNING, "delete-loses-key", "delete",
               _("The request %.8s has no certificate yet. Deleting it "
                 "destroys its private key for good: a certificate the CA "
                 "issues for it could never be used, and you would have to "
                 "request a new one."), target->entry.id);
}

static int
run_delete (const char *id, bool yes, struct cw_store *store)
{
  struct cw_diags diags = CW_DIAGS_INIT;
  struct cw_target target = CW_TARGET_INIT;
  int status = cw_target_load (&target, store, id, &diags);
  char *services = status == CW_OK ? cw_bindings_labels (store,
                                                          target.entry.id)
                                   : NULL;
  if (services)
    {
      cw_diag_add (&diags, CW_ERROR, "delete-in-use", "delete",
                   _("The certificate %.8s is in use by %s. Put another "
                     "certificate to work there or disable it first; "
                     "nothing was deleted."), target.entry.id, services);
      free (services);
      status = CW_REFUSED;
    }
  if (status == CW_OK)
    {
      warn_lost_key (&target, &diags);
      cw_cli_report (&diags);
      cw_diags_clear (&diags);
      char *question = cw_cli_safe (entry_name (&target.entry));
      char *ask = xasprintf (cw_target_is_pending (&target)
                               ? _("Delete the pending request %.8s (%s)?")
                               : _("Delete the certificate %.8s (%s)?"),
                             target.entry.id, question);
      if (!yes && !confirmed (ask, &diags))
        status = CW_REFUSED;
      free (ask), free (question);
    }
  if (status == CW_OK)
    status = cw_store_lock (store, &diags);
  if (status == CW_OK)
    {
      status = cw_store_remove (store, target.entry.area, target.entry.id,
                                &diags);
      cw_store_unlock (store);
    }
  if (status == CW_OK)
    printf (_("Deleted %s\n"), target.entry.id);
  cw_cli_report (&diags);
  cw_target_free (&target);
  cw_diags_free (&diags);
  return status;
}

int
cw_cmd_delete (struct cw_cli_context *context, int argc, char **argv)
{
  static const struct option options[] = {
    { "yes", no_argument, NULL, OPT_YES },
    CW_CLI_COMMON_OPTIONS,
    { NULL, 0, NULL, 0 },
  };
  bool yes = false;
  int status = cw_cli_parse ("delete", argc, argv, options, delete_option,
                             &yes, context, print_help);
  if (status == CW_OK)
    status = cw_cli_operands ("delete", argc, argv, 1,
                              _("the ID of what to delete"));
  if (status != CW_OK)
    return status == CW_CLI_HELP_DONE ? CW_OK : status;
  struct cw_store *store;
  status = cw_cli_store (context, &store);
  return status == CW_OK ? run_delete (argv[optind], yes, store) : status;
}
