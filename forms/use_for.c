/* "Use this certificate for...": the services found on this machine
   (or a configuration typed), what each serves now, the preview (the
   dry run's diffs, scrolled), then the transaction on the progress
   screen, each step as it passes. */
#include <config.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "browser.h"
#include "dialog.h"
#include "base/i18n.h"
#include "progress.h"
#include "services/enable.h"
#include "base/xalloc.h"

/* One service to offer: its adapter, its configuration, what it serves
   now ("" when its site names no certificate, or none matched). */
struct offer
{
  const struct cw_svc_adapter *adapter;
  char *config;
  char *now;
  bool fits;               /* it has a site for the certificate's names */
};

struct offers
{
  struct offer *items;
  size_t count;
};

static char *
serving_now (const struct cw_svc_adapter *adapter, const char *config,
             gnutls_x509_crt_t leaf, bool *fits)
{
  *fits = false;
  struct cw_svc svc = { NULL };
  struct cw_diags ignored = CW_DIAGS_INIT;
  char *now = NULL;
  if (access (config, R_OK) == 0
      && cw_svc_open (adapter, config, &svc, &ignored) == CW_OK)
    {
      char *cert = NULL, *key = NULL;
      *fits = adapter->choose (&svc, leaf, NULL, &ignored) == CW_OK;
      if (*fits)
        adapter->current (&svc, &cert, &key);
      /* TRANSLATORS: what a service serves now, in the list of
         services; %s is a certificate file. */
      now = cert ? xasprintf (_("serves %s"), cert)
                 : xstrdup (_("serves no certificate for these names"));
      free (cert), free (key);
    }
  cw_svc_free (&svc);
  cw_diags_free (&ignored);
  return now;
}

static void
add_offer (struct offers *offers, const struct cw_svc_adapter *adapter,
           const char *config, gnutls_x509_crt_t leaf)
{
  bool fits;
  char *now = serving_now (adapter, config, leaf, &fits);
  if (!now)
    return;
  offers->items = xreallocarray (offers->items, offers->count + 1,
                                 sizeof *offers->items);
  offers->items[offers->count++] = (struct offer) {
    adapter, xstrdup (config), now, fits,
  };
}

/* Every service whose configuration is where it is looked for. */
static void
find_services (struct offers *offers, gnutls_x509_crt_t leaf)
{
  size_t count;
  const struct cw_svc_adapter *const *adapters = cw_svc_adapters (&count);
  for (size_t i = 0; i < count; i++)
    {
      /* One instance named by two words (Dovecot's imap and pop) is
         offered once. */
      if (i && strcmp (adapters[i - 1]->name, adapters[i]->name) == 0)
        continue;
      const char *config = cw_svc_config_default (adapters[i]);
      if (config && access (config, R_OK) == 0)
        add_offer (offers, adapters[i], config, leaf);
    }
}

static void
offers_free (struct offers *offers)
{
  for (size_t i = 0; i < offers->count; i++)
    free (offers->items[i].config), free (offers->items[i].now);
  free (offers->items);
}

/* ------------------------------------------------------------ choosing */

/* "nginx": a button, short so that every service's fits a row; the
   details go in the text above. */
static char *
offer_button (const struct offer *offer)
{
  return xstrdup (offer->adapter->name);
}

static char *
offers_text (const struct offers *offers)
{
  if (offers->count == 0)
    return xstrdup (_("No service was found at its usual place. Name the "
                      "configuration of one (nginx's main file, for "
                      "instance)."));
  char *text = xstrdup (_("The services found on this machine, and what "
                          "each serves now. Which one is to serve this "
                          "certificate?\n"));
  for (size_t i = 0; i < offers->count; i++)
    {
      const struct offer *offer = &offers->items[i];
      char *longer = xasprintf ("%s\n%s (%s): %s\n  %s", text,
                                offer->adapter->label, offer->adapter->name,
                                offer->config, offer->now);
      free (text);
      text = longer;
    }
  return text;
}

/* The service the user picks: one of the list, or a configuration
   typed; -1 when none. */
static int
choose_offer (struct offers *offers, gnutls_x509_crt_t leaf)
{
  /* A button for each service that has a site for the names: the
     others are only listed. */
  size_t count = 0;
  char **buttons = xcalloc (offers->count + 1, sizeof *buttons);
  size_t *which = xcalloc (offers->count + 1, sizeof *which);
  for (size_t i = 0; i < offers->count; i++)
    if (offers->items[i].fits)
      {
        which[count] = i;
        buttons[count++] = offer_button (&offers->items[i]);
      }
  buttons[count] = xstrdup (_("Another configuration..."));
  char *text = offers_text (offers);
  int at = ui_choose (_("Use this certificate for..."), text,
                      (const char *const *) buttons, count + 1, 0);
  for (size_t i = 0; i <= count; i++)
    free (buttons[i]);
  int chosen = at >= 0 && (size_t) at < count ? (int) which[at] : at;
  free (buttons), free (which), free (text);
  if (at < 0 || (size_t) at < count)
    return chosen;
  char *path = ui_ask (_("Another configuration"),
                       _("The configuration file of the service (nginx's "
                         "or Apache's main file, HAProxy's file, Postfix's "
                         "or Dovecot's folder):"), NULL, 4096);
  size_t before = offers->count;
  size_t adapters_count;
  const struct cw_svc_adapter *const *adapters
    = cw_svc_adapters (&adapters_count);
  for (size_t i = 0; path && *path && i < adapters_count
                     && offers->count == before; i++)
    add_offer (offers, adapters[i], path, leaf);
  if (path && *path && offers->count == before)
    ui_message (_("No service found"),
                _("certwiz could not read a service's configuration "
                  "there. Check the path, and that it is the service's "
                  "main configuration."), UI_ERROR);
  free (path);
  return offers->count > before ? (int) before : -1;
}

/* ------------------------------------------------------------- preview */

static char *
preview_text (const struct cw_enable_result *dry)
{
  char *text = NULL;
  size_t length = 0;
  FILE *out = open_memstream (&text, &length);
  for (size_t i = 0; i < dry->plan.file_count; i++)
    fputs (dry->diffs[i], out);
  /* The command line's words for its dry run. */
  fprintf (out, "\n%s", _("Files to write:\n"));
  for (size_t i = 0; i < dry->write_count; i++)
    fprintf (out, "  %s\n", dry->writes[i]);
  fputs (_("Commands to run:\n"), out);
  for (char **c = dry->plan.test; c && *c; c++)
    fprintf (out, "%s%s", c == dry->plan.test ? "  " : " ", *c);
  fputs ("\n", out);
  for (char **c = dry->plan.reload; c && *c; c++)
    fprintf (out, "%s%s", c == dry->plan.reload ? "  " : " ", *c);
  fprintf (out, "\n%s", _("Ports to check:\n"));
  for (size_t i = 0; i < dry->plan.port_count; i++)
    fprintf (out, "  %s:%u %s\n", dry->plan.ports[i].host,
             dry->plan.ports[i].port,
             dry->plan.ports[i].sni ? dry->plan.ports[i].sni : "");
  fclose (out);
  return text;
}

/* The dry run, shown; true when the user goes on. */
static bool
preview (struct wz_ui *ui, const struct cw_enable_request *request)
{
  struct cw_enable_request dry_request = *request;
  dry_request.dry_run = true;
  struct cw_enable_result dry = { .diffs = NULL };
  struct cw_diags diags = CW_DIAGS_INIT;
  enum cw_status status = cw_enable (ui->store, &dry_request, &dry, NULL,
                                     &diags);
  bool go = false;
  if (status != CW_OK)
    bw_show_diags (_("It cannot serve this certificate"), &diags);
  else
    {
      char *text = preview_text (&dry);
      const char *buttons[] = { _("Enable"), _("Cancel") };
      go = ui_choose (_("What will change"), text, buttons, 2, 0) == 0;
      free (text);
    }
  cw_enable_result_free (&dry);
  cw_diags_free (&diags);
  return go;
}

/* ---------------------------------------------------------------- work */

struct enable_work
{
  struct cw_store *store;
  const struct cw_enable_request *request;
  struct cw_enable_result result;
  struct cw_diags diags;
};

static int
enable_now (void *state, struct cw_progress *progress)
{
  struct enable_work *work = state;
  return cw_enable (work->store, work->request, &work->result, progress,
                    &work->diags);
}

static char *
steps_text (const struct cw_enable_result *result)
{
  char *text = xstrdup ("");
  for (size_t i = 0; i < result->step_count; i++)
    {
      char *longer = xasprintf ("%s%s\n", text, result->steps[i]);
      free (text);
      text = longer;
    }
  return text;
}

/* True once the service serves it (or was changed and put back). */
static bool
enable (struct wz_ui *ui, const struct cw_enable_request *request)
{
  struct enable_work work = { .store = ui->store, .request = request,
                              .diags = CW_DIAGS_INIT };
  enum cw_status status = ui_progress_run (_("Putting the certificate to "
                                             "work"), _("Checking..."),
                                           enable_now, &work, NULL);
  if (status == CW_OK)
    {
      char *steps = steps_text (&work.result);
      ui_message (_("It is served"), steps, UI_NOTE);
      free (steps);
    }
  else if (status == CW_CANCELLED)
    ui_message (_("Stopped"), _("Stopped as asked, before anything was "
                                "changed: the service serves what it "
                                "served before."), UI_NOTE);
  else
    bw_show_diags (_("The service was left as it was"), &work.diags);
  cw_enable_result_free (&work.result);
  cw_diags_free (&work.diags);
  return status != CW_CANCELLED;
}

enum wz_action
wz_use_for (struct wz_ui *ui, const char *id, gnutls_x509_crt_t leaf,
            bool *changed)
{
  struct offers offers = { NULL, 0 };
  find_services (&offers, leaf);
  int at = choose_offer (&offers, leaf);
  *changed = false;
  if (at >= 0)
    {
      struct cw_enable_request request = {
        .id = id, .service = offers.items[at].adapter->name,
        .config = offers.items[at].config,
      };
      if (preview (ui, &request))
        *changed = enable (ui, &request);
    }
  offers_free (&offers);
  return ui_quitting () ? WZ_QUIT : WZ_STAY;
}

enum wz_action
bw_use_for (struct browser *b, struct bw_item *item)
{
  bool changed;
  enum wz_action done = wz_use_for (b->ui, item->id, item->leaf, &changed);
  /* The Services column shows what changed. */
  b->reload = b->reload || changed;
  return done;
}
