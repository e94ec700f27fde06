/* What the browser does with a certificate or a request: test whether
   it covers a domain, back it up, clone it into a new request, delete
   it, write its PEM to a file.  The same from the list (F2) and from
   the details (each action's letter). */
#include <config.h>

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "base/atomicfile.h"
#include "browser.h"
#include "pki/clone.h"
#include "dialog.h"
#include "draft.h"
#include "base/i18n.h"
#include "store/listing.h"
#include "names/match.h"
#include "names/subject.h"
#include "text.h"
#include "base/xalloc.h"

/* The reasons go to the status line: at most 78 columns. */
static const char *
why_not_backup (const struct browser *b, const struct bw_item *item)
{
  if (b->read_only)
    /* TRANSLATORS: shown in the status line; at most 78 columns. */
    return _("Files are read-only: import the certificate to back it up "
             "with its key.");
  if (item->pending)
    /* TRANSLATORS: shown in the status line; at most 78 columns. */
    return _("A pending request has no certificate to back up yet.");
  if (!item->has_key)
    /* TRANSLATORS: shown in the status line; at most 78 columns. */
    return _("Its private key is not in this store: there is nothing to "
             "back up.");
  return NULL;
}

static const char *
why_not_delete (const struct browser *b, const struct bw_item *item)
{
  (void) item;
  /* TRANSLATORS: shown in the status line; at most 78 columns. */
  return b->read_only ? _("Files are read-only: nothing is deleted from "
                          "them.") : NULL;
}

static const char *
why_not_write (const struct browser *b, const struct bw_item *item)
{
  (void) b;
  /* TRANSLATORS: shown in the status line; at most 78 columns. */
  return *item->pem ? NULL : _("There is no PEM to write.");
}

static const char *
why_not_send (const struct browser *b, const struct bw_item *item)
{
  if (b->read_only)
    /* TRANSLATORS: shown in the status line; at most 78 columns. */
    return _("Files are read-only: import a request's answer instead.");
  if (!item->pending)
    /* TRANSLATORS: shown in the status line; at most 78 columns. */
    return _("Only a pending request is sent to a CA; renew renews the "
             "rest.");
  return NULL;
}

static const char *
why_not_use (const struct browser *b, const struct bw_item *item)
{
  if (b->read_only)
    /* TRANSLATORS: shown in the status line; at most 78 columns. */
    return _("Files are read-only: import the certificate to put it to "
             "work.");
  if (item->pending)
    /* TRANSLATORS: shown in the status line; at most 78 columns. */
    return _("A pending request has no certificate to put to work yet.");
  if (!item->has_key)
    /* TRANSLATORS: shown in the status line; at most 78 columns. */
    return _("Its private key is not in this store: no service can use "
             "it.");
  return NULL;
}

/* --------------------------------------------------------------- test */

/* "Yes: ..." or "No: ...".  The explanation quotes the certificate's
   names: a newline in one must not start a line of the message. */
static char *
verdict (bool covered, const struct cw_match *match, char **names,
         size_t count, const char *domain)
{
  char *why = cw_match_explain (match, (const char *const *) names, count,
                                domain);
  char *line = bw_one_line (why);
  char *text = xasprintf ("%s %s", covered ? _("Yes:") : _("No:"), line);
  free (line), free (why);
  return text;
}

static char *
hostname_verdict (const struct bw_item *item, char **names, size_t count,
                  const char *domain, bool *covered)
{
  struct cw_match match;
  *covered = false;
  if (!item->leaf)
    return xstrdup (_("A pending request has no certificate yet, so TLS "
                      "host name checking cannot be tried."));
  *covered = cw_match_hostname (item->leaf, (const char *const *) names,
                                count, domain, &match);
  return verdict (*covered, &match, names, count, domain);
}

static void
show_match (const struct bw_item *item, const char *domain)
{
  size_t count;
  char **names = item->leaf ? cw_cert_dns_names (item->leaf, &count)
                            : cw_record_dns_names (&item->target.entry.record,
                                               &count);
  struct cw_match match;
  bool by_domain = cw_match_domain ((const char *const *) names, count,
                                    domain, &match);
  char *domain_text = verdict (by_domain, &match, names, count, domain);
  bool by_host;
  char *host_text = hostname_verdict (item, names, count, domain, &by_host);
  char *text = xasprintf ("%s\n%s\n\n%s\n%s",
                          _("Exchange Domain Security (match's domain "
                            "mode):"), domain_text,
                          _("TLS clients checking the host name (hostname "
                            "mode):"), host_text);
  char *title = xasprintf (_("Does it cover %s?"), domain);
  ui_message (title, text, by_domain && by_host ? UI_NOTE : UI_WARNING);
  free (title), free (text), free (host_text), free (domain_text);
  cw_names_list_free (names, count);
}

static enum wz_action
test_domain (struct browser *b, struct bw_item *item)
{
  char *domain = ui_ask (_("Test a domain"),
                         _("Which domain or host name should it cover? "
                           "For example contoso.com or "
                           "mail.contoso.com:"), b->domain, 253);
  if (domain && *domain)
    {
      free (b->domain);
      b->domain = xstrdup (domain);
      show_match (item, domain);
    }
  free (domain);
  return WZ_STAY;
}

/* ------------------------------------------------------------- backup */

static enum wz_action
back_up (struct browser *b, struct bw_item *item)
{
  return wz_run_backup (b->ui, item->id) == WZ_QUIT ? WZ_QUIT : WZ_STAY;
}

/* -------------------------------------------------------------- clone */

static enum wz_field
field_of (enum cw_attr attr)
{
  switch (attr)
    {
    case CW_ATTR_C:
      return WZ_COUNTRY;
    case CW_ATTR_ST:
      return WZ_STATE;
    case CW_ATTR_L:
      return WZ_LOCALITY;
    case CW_ATTR_O:
      return WZ_ORG;
    case CW_ATTR_OU:
      return WZ_UNIT;
    case CW_ATTR_CN:
      return WZ_COMMON_NAME;
    default:
      return WZ_DOMAIN;
    }
}

static void
append_label (char **domain, const char *label)
{
  char *joined = xasprintf ("%s%s%s", *domain, **domain ? "." : "", label);
  free (*domain);
  *domain = joined;
}

/* The subject split into the wizard's fields: the first of each
   attribute (the wizard has one OU), the DC values joined into one
   domain, which chooses the DNS style.  Returns how many values were
   left out for want of a field. */
static size_t
fill_subject (struct wizard *wz, const char *text)
{
  size_t left_out = 0;
  struct cw_subject subject = CW_SUBJECT_INIT;
  struct cw_diags diags = CW_DIAGS_INIT;
  bool set[WZ_FIELD_COUNT] = { false };
  char *domain = xstrdup ("");
  cw_subject_parse (text, &subject, &diags);
  for (size_t i = 0; i < subject.count; i++)
    {
      const struct cw_rdn *rdn = &subject.rdns[i];
      enum wz_field field = field_of (rdn->attr);
      if (rdn->attr == CW_ATTR_DC)
        append_label (&domain, rdn->value);
      else if (!set[field])
        ui_field_set (&wz->subject[field], rdn->value);
      else
        left_out++;
      set[field] = true;
    }
  if (*domain)
    {
      ui_field_set (&wz->subject[WZ_DOMAIN], domain);
      wz_set_style (wz, WZ_STYLE_DNS);
    }
  for (int i = 0; i < WZ_FIELD_COUNT; i++)
    wz_check_field (wz, (enum wz_field) i);
  free (domain);
  cw_subject_free (&subject);
  cw_diags_free (&diags);
  return left_out;
}

/* Returns how many subject values were left out. */
static size_t
fill_wizard (struct wizard *wz, const struct cw_clone_names *names)
{
  wz_free (wz);
  wz_init (wz);
  size_t left_out = fill_subject (wz, names->subject);
  for (size_t i = 0; i < names->san_count; i++)
    if (!wz_san_has (wz, names->sans[i]))
      wz_san_add (wz, names->sans[i]);
  ui_field_set (&wz->friendly_name, names->friendly_name);
  for (size_t i = 0; i < wz_key_choice_count (); i++)
    if (strcmp (wz_key_choice (i)->name, names->key_type) == 0)
      wz->key = wz_key_choice (i);
  return left_out;
}

static enum wz_action
clone_item (struct browser *b, struct bw_item *item)
{
  struct cw_clone_names names = { NULL, NULL, 0, NULL, NULL };
  struct cw_diags diags = CW_DIAGS_INIT;
  enum wz_action left = WZ_STAY;
  if (item->in_store)
    cw_clone_names (item->target.store, &item->target.entry, &names,
                    &diags);
  else
    cw_clone_names_of_cert (item->leaf, &names, &diags);
  bw_show_diags (cw_diags_has_errors (&diags)
                   ? _("It cannot be cloned")
                   : _("Cloned into a new request"), &diags);
  if (names.subject && !cw_diags_has_errors (&diags))
    {
      if (fill_wizard (&b->ui->wz, &names))
        /* TRANSLATORS: shown in the status line; at most 78 columns. */
        bw_say (b, UI_NOTE, _("Only the first value of a repeated "
                              "attribute (such as OU) was copied."));
      left = wz_run_steps (b->ui);
      /* As from the main menu: leaving on purpose drops the draft; and
         what was typed is cleared, or a signal while browsing would
         save it as a draft again. */
      wz_draft_discard (b->ui->store);
      wz_free (&b->ui->wz);
      wz_init (&b->ui->wz);
      b->reload = !b->read_only;
    }
  cw_clone_names_free (&names);
  cw_diags_free (&diags);
  return left == WZ_QUIT ? WZ_QUIT : WZ_STAY;
}

/* ------------------------------------------------------------- delete */

static char *
delete_question (const struct bw_item *item)
{
  char *label = bw_one_line (item->label);
  char *text;
  if (item->pending && item->has_key)
    text = xasprintf (_("Delete the pending request %.8s (%s)?\n\nIt has no "
                        "certificate yet. Deleting it destroys its private "
                        "key for good: a certificate the CA issues for it "
                        "could never be used, and you would have to request "
                        "a new one."), item->id, label);
  else if (item->pending)
    text = xasprintf (_("Delete the pending request %.8s (%s)?"), item->id,
                      label);
  else if (item->has_key)
    text = xasprintf (_("Delete the certificate %.8s (%s) and its private "
                        "key?\n\nThe key cannot be made again: back the "
                        "certificate up first (b) if it may be needed."),
                      item->id, label);
  else
    text = xasprintf (_("Delete the certificate %.8s (%s)?"), item->id,
                      label);
  free (label);
  return text;
}

static enum wz_action
delete_item (struct browser *b, struct bw_item *item)
{
  char *question = delete_question (item);
  bool yes = ui_confirm (_("Delete?"), question, false);
  free (question);
  if (!yes)
    return WZ_STAY;
  struct cw_store *store = item->target.store;
  struct cw_diags diags = CW_DIAGS_INIT;
  enum cw_status status = cw_store_lock (store, &diags);
  if (status == CW_OK)
    status = cw_store_remove (store, item->target.entry.area,
                              item->target.entry.id, &diags);
  cw_store_unlock (store);
  bw_show_diags (_("It was not deleted"), &diags);
  cw_diags_free (&diags);
  b->reload = true;
  if (status != CW_OK)
    return WZ_STAY;
  bw_say (b, UI_NOTE, _("Deleted %s."), item->id);
  return WZ_BACK;
}

/* -------------------------------------------------------------- write */

static bool
is_plain_name (const char *name)
{
  if (!*name || *name == '.' || strlen (name) > 200)
    return false;
  for (const char *p = name; *p; p++)
    if (!strchr ("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"
                 "0123456789.-_", *p))
      return false;
  return true;
}

static const char *
without_wildcard (const char *name)
{
  return strncmp (name, "*.", 2) == 0 ? name + 2 : name;
}

/* The file offered: the certificate's common name, else its label, when
   either makes a plain file name (a wildcard's "*" and what a shell
   would mind are not offered), else its ID. */
static char *
default_path (const struct bw_item *item)
{
  const char *ext = item->pending ? "req" : "pem";
  const char *name = without_wildcard (item->name ? item->name : "");
  if (!is_plain_name (name))
    name = without_wildcard (item->label);
  if (is_plain_name (name))
    return xasprintf ("%s.%s", name, ext);
  return xasprintf ("%.8s.%s", item->id, ext);
}

static int
write_file (const char *path, const char *pem)
{
  int err = cw_write_file_atomic (path, pem, strlen (pem), 0644, false);
  if (err != EEXIST)
    return err;
  char *text = xasprintf (_("\"%s\" already exists. Replace it?"), path);
  bool replace = ui_confirm (_("Replace the file?"), text, false);
  free (text);
  return replace ? cw_write_file_atomic (path, pem, strlen (pem), 0644, true)
                 : -1;
}

static enum wz_action
write_pem (struct browser *b, struct bw_item *item)
{
  char *initial = default_path (item);
  char *path = ui_ask (_("Write the PEM"),
                       item->pending
                         ? _("The file to write the request to (PEM):")
                         : _("The file to write the certificate and its "
                             "chain to (PEM):"), initial, 4096);
  int err = path && *path ? write_file (path, item->pem) : -1;
  if (err > 0)
    {
      char *text = xasprintf (_("Cannot write \"%s\": %s."), path,
                              strerror (err));
      ui_message (_("The file was not written"), text, UI_ERROR);
      free (text);
    }
  else if (err == 0)
    bw_say (b, UI_NOTE, _("Written to %s."), path);
  else if (path && *path)
    bw_say (b, UI_NOTE, _("Nothing was written."));
  free (path), free (initial);
  return WZ_STAY;
}

/* --------------------------------------------------------------- send */

static enum wz_action
send_item (struct browser *b, struct bw_item *item)
{
  enum wz_action done = wz_run_send (b->ui, item->id);
  /* Issued, the request became an installed certificate. */
  b->reload = true;
  return done == WZ_QUIT ? WZ_QUIT : WZ_STAY;
}

/* ---------------------------------------------------------------- all */

static const struct bw_action_info actions[BW_ACTION_COUNT] = {
  /* TRANSLATORS: the key bar's words for the actions (short: the bar
     holds them all at 80 columns), then the buttons of the actions'
     menu, whose first letters choose them. */
  [BW_TEST] = { "t", N_("Test"), N_("Test"), NULL, test_domain },
  [BW_BACKUP] = { "b", N_("Backup"), N_("Back up"), why_not_backup,
                  back_up },
  [BW_CLONE] = { "c", N_("Clone"), N_("Clone"), NULL, clone_item },
  [BW_DELETE] = { "d", N_("Delete"), N_("Delete"), why_not_delete,
                  delete_item },
  [BW_WRITE] = { "w", N_("Save"), N_("Write PEM"), why_not_write,
                 write_pem },
  [BW_SEND] = { "s", N_("Send"), N_("Send to a CA"), why_not_send,
                send_item },
  [BW_USE] = { "u", N_("Use"), N_("Use"), why_not_use, bw_use_for },
};

const struct bw_action_info *
bw_action_info (enum bw_action action)
{
  return &actions[action < BW_ACTION_COUNT ? action : BW_TEST];
}

enum bw_action
bw_action_of_key (int key)
{
  for (int a = 0; a < BW_ACTION_COUNT; a++)
    if (key == actions[a].key[0] || key == actions[a].key[0] - 'a' + 'A')
      return (enum bw_action) a;
  return BW_ACTION_COUNT;
}

size_t
bw_action_keys (struct ui_key *out, int first)
{
  size_t n = 0;
  for (int a = 0; a < BW_ACTION_COUNT; a++)
    {
      int letter = actions[a].key[0];
      out[n++] = (struct ui_key) { letter, first + a, actions[a].key,
                                   actions[a].hint };
      out[n++] = (struct ui_key) { letter - 'a' + 'A', first + a, NULL,
                                   NULL };
    }
  return n;
}

bool
bw_action_allowed (const struct browser *b, const struct bw_item *item,
                   enum bw_action action, const char **why)
{
  const char *reason = action < BW_ACTION_COUNT && actions[action].why_not
                         ? actions[action].why_not (b, item) : NULL;
  if (why)
    *why = reason;
  return reason == NULL;
}

enum wz_action
bw_act (struct browser *b, struct bw_item *item, enum bw_action action)
{
  const char *why;
  if (action >= BW_ACTION_COUNT)
    return WZ_STAY;
  if (!bw_action_allowed (b, item, action, &why))
    {
      bw_say (b, UI_WARNING, "%s", why);
      return WZ_STAY;
    }
  return actions[action].run (b, item);
}

enum bw_action
bw_action_menu (struct browser *b, struct bw_item *item)
{
  const char *buttons[BW_ACTION_COUNT];
  enum bw_action which[BW_ACTION_COUNT];
  size_t count = 0;
  for (int a = 0; a < BW_ACTION_COUNT; a++)
    if (bw_action_allowed (b, item, (enum bw_action) a, NULL))
      {
        which[count] = (enum bw_action) a;
        buttons[count++] = _(actions[a].button);
      }
  char *label = bw_one_line (item->label);
  char *text = xasprintf (_("What to do with %s (%.8s)? Press the first "
                            "letter of an action, or move with Tab and "
                            "press Enter."), label, item->id);
  int chosen = ui_choose (_("Actions"), text, buttons, count, 0);
  free (text), free (label);
  return chosen >= 0 ? which[chosen] : BW_ACTION_COUNT;
}
