/* Send a request to a CA now, through ACME: which account (one of the
   store's, or a new one: the CA and an e-mail address, its terms agreed
   to in a dialog), how the CA checks the names (http-01, from the web
   server's folder or with certwiz answering on a port), then the core's
   cw_account_add and cw_enroll on the progress screen.  The certificate
   comes back installed on the key kept in the store. */
#include <config.h>

#include <curses.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "acme/accounts.h"
#include "acme/enroll.h"
#include "acme/http.h"
#include "pki/target.h"
#include "base/i18n.h"
#include "base/safetext.h"
#include "base/xalloc.h"
#include "browser.h"
#include "dialog.h"
#include "file_picker.h"
#include "import_backup_help.h"
#include "loop.h"
#include "progress.h"
#include "report_screen.h"
#include "report_view.h"
#include "screen_frame.h"
#include "send.h"
#include "services/enable.h"
#include "text.h"
#include "wizard_ui.h"

#define LABELS 14
#define ROW(which) wz_send_row (s, WZ_SEND_##which)
#define ABOUT_ROW (wz_send_row (s, WZ_SEND_FOCUS_COUNT) + 1)

/* ------------------------------------------------------------- drawing */

static const char *
chosen_mark (bool on)
{
  return on ? (cw_locale_is_utf8 () ? "(\xe2\x80\xa2)" : "(*)") : "( )";
}

static void
draw_account (const struct wz_send *s)
{
  char *choice;
  if (wz_send_new_account (s))
    choice = xstrdup (_("a new account"));
  else
    {
      const struct cw_store_entry *a = &s->accounts.items[s->account];
      const char *server = cw_record_get (&a->record, "server");
      choice = xasprintf (_("%s (%s)"), a->id, server ? server : "?");
    }
  char *line = xasprintf ("< %s >", choice);
  ui_put (ROW (ACCOUNT), 2, _("Account"), LABELS, UI_LABEL);
  ui_put (ROW (ACCOUNT), 2 + LABELS, line, COLS - 4 - LABELS,
          s->focus == WZ_SEND_ACCOUNT ? UI_SELECTED : UI_NORMAL);
  ui_put (ROW (ACCOUNT) + 1, 2 + LABELS,
          _("Left and Right choose; an account is made once per CA."), 0,
          UI_DIM);
  free (line);
  free (choice);
}

/* Where a new account's key is made, when a token is present. */
static void
draw_account_key (const struct wz_send *s)
{
  if (!wz_send_shown (s, WZ_SEND_ACCOUNT_KEY))
    return;
  const struct cw_token *token = wz_send_key_token (s);
  char *choice = token ? xasprintf (_("on the token \"%s\""), token->label)
                       : xstrdup (_("a new key in the store"));
  char *line = xasprintf ("< %s >", choice);
  ui_put (ROW (ACCOUNT_KEY), 2, _("Its key"), LABELS, UI_LABEL);
  ui_put (ROW (ACCOUNT_KEY), 2 + LABELS, line, COLS - 4 - LABELS,
          s->focus == WZ_SEND_ACCOUNT_KEY ? UI_SELECTED : UI_NORMAL);
  ui_put (ROW (ACCOUNT_KEY) + 1, 2 + LABELS,
          token ? _("made on the token, it never leaves it; its PIN is "
                    "asked")
                : _("Left and Right: on a token instead"), 0, UI_DIM);
  free (line);
  free (choice);
}

static void
draw_new_account (const struct wz_send *s)
{
  if (!wz_send_new_account (s))
    return;
  ui_put (ROW (SERVER), 2, _("CA"), LABELS, UI_LABEL);
  ui_put (ROW (SERVER) + 1, 2 + LABELS,
          _("letsencrypt, letsencrypt-staging, or an ACME directory URL"),
          COLS - 4 - LABELS, UI_DIM);
  ui_put (ROW (EMAIL), 2, _("E-mail"), LABELS, UI_LABEL);
  ui_put (ROW (EMAIL) + 1, 2 + LABELS,
          _("where the CA sends its notices (may stay empty)"), 0, UI_DIM);
  draw_account_key (s);
  if (!wz_send_shown (s, WZ_SEND_EAB_KID))
    return;
  ui_put (ROW (EAB_KID), 2, _("Key ID"), LABELS, UI_LABEL);
  ui_put (ROW (EAB_KID) + 1, 2 + LABELS,
          _("of the external account, as the CA gave it"), 0, UI_DIM);
  ui_put (ROW (EAB_KEY), 2, _("HMAC key"), LABELS, UI_LABEL);
  ui_put (ROW (EAB_KEY) + 1, 2 + LABELS,
          _("typed unseen, never shown again; or leave it empty and"), 0,
          UI_DIM);
  ui_put (ROW (EAB_FILE), 2, _("Key file"), LABELS, UI_LABEL);
  ui_put (ROW (EAB_FILE) + 1, 2 + LABELS,
          _("name the file that holds it (base64url)"), 0, UI_DIM);
}

static void
draw_check (const struct wz_send *s)
{
  char *line = xasprintf (_("%s the web server's folder   %s certwiz on a "
                            "port"), chosen_mark (s->check == WZ_CHECK_FOLDER),
                          chosen_mark (s->check == WZ_CHECK_PORT));
  char *dns = xasprintf (_("%s a TXT record in the names' DNS zone"),
                         chosen_mark (s->check == WZ_CHECK_DNS));
  enum ui_role role = s->focus == WZ_SEND_CHECK ? UI_SELECTED : UI_NORMAL;
  ui_put (ROW (CHECK), 2, _("Check"), LABELS, UI_LABEL);
  ui_put (ROW (CHECK), 2 + LABELS, line, COLS - 4 - LABELS, role);
  ui_put (ROW (CHECK) + 1, 2 + LABELS, dns, COLS - 4 - LABELS, role);
  free (dns);
  free (line);
  if (s->check == WZ_CHECK_DNS)
    return;
  bool port = s->check == WZ_CHECK_PORT;
  ui_put (ROW (WHERE), 2, port ? _("Listen on") : _("Folder"), LABELS,
          UI_LABEL);
  const char *hint = port
    ? _("ADDRESS:PORT; empty: port 80 on every address")
    : s->webroot_found ? _("found from the web site that serves the names")
                       : _("the folder your web server serves the names "
                           "from");
  ui_put (ROW (WHERE) + 1, 2 + LABELS, hint, COLS - 4 - LABELS, UI_DIM);
}

static void
draw_about (const struct wz_send *s)
{
  struct wz_report about = WZ_REPORT_INIT;
  char *names = wz_send_names_text (s);
  char *text = s->check == WZ_CHECK_DNS
    ? xasprintf (_("The CA checks that you control %s by looking up a TXT "
                   "record under each name, which you create in its DNS "
                   "zone: certwiz shows them next, and waits until the "
                   "zone's servers answer them. Only the request is sent: "
                   "the private key stays in the store."), names)
    : xasprintf (_("The CA checks that you control %s by fetching "
                   "a file from each over plain HTTP, on port 80. "
                   "Only the request is sent: the private key stays "
                   "in the store."), names);
  wz_report_add (&about, UI_DIM, 0, text);
  int rows = WZ_STATUS_ROW - ABOUT_ROW - 1;
  if (rows > 0)
    wz_report_draw (&about, ABOUT_ROW, rows);
  wz_report_free (&about);
  free (text);
  free (names);
}

static struct ui_field *
field_of (struct wz_send *s, int which, int *row)
{
  switch (which)
    {
    case WZ_SEND_SERVER:
      *row = ROW (SERVER);
      return &s->server;
    case WZ_SEND_EMAIL:
      *row = ROW (EMAIL);
      return &s->email;
    case WZ_SEND_EAB_KID:
      *row = ROW (EAB_KID);
      return &s->eab_kid;
    case WZ_SEND_EAB_FILE:
      *row = ROW (EAB_FILE);
      return &s->eab_file;
    case WZ_SEND_WHERE:
      *row = ROW (WHERE);
      return wz_send_where (s);
    default:
      return NULL;
    }
}

/* The focused one last: it leaves the cursor where typing goes. */
static void
draw_fields (struct wz_send *s)
{
  bool key_focused = s->focus == WZ_SEND_EAB_KEY;
  if (wz_send_shown (s, WZ_SEND_EAB_KEY) && !key_focused)
    wz_secret_draw (&s->eab_key, ROW (EAB_KEY), 2 + LABELS,
                    COLS - 4 - LABELS, false);
  for (int pass = 0; pass < 2; pass++)
    for (int which = 0; which < WZ_SEND_FOCUS_COUNT; which++)
      {
        int row;
        struct ui_field *f = field_of (s, which, &row);
        bool focused = which == s->focus;
        if (!f || focused != (pass == 1) || !wz_send_shown (s, which))
          continue;
        ui_field_draw (f, row, 2 + LABELS, COLS - 4 - LABELS, focused);
      }
  if (key_focused)
    wz_secret_draw (&s->eab_key, ROW (EAB_KEY), 2 + LABELS,
                    COLS - 4 - LABELS, true);
  else if (!field_of (s, s->focus, &(int) { 0 }))
    curs_set (0);
}

static void
draw_form (struct ui_screen *screen)
{
  struct wz_send *s = screen->state;
  wz_frame_draw (screen, _("Send the request to a CA"), _("Account and check"),
                 s->ui->status, s->ui->status_role);
  char *request = xasprintf (_("%s (ID %.8s)"), s->label, s->id);
  ui_put (WZ_TOP, 2, _("Request"), LABELS, UI_LABEL);
  ui_put (WZ_TOP, 2 + LABELS, request, COLS - 4 - LABELS, UI_NORMAL);
  free (request);
  draw_account (s);
  draw_new_account (s);
  draw_check (s);
  draw_about (s);
  draw_fields (s);
}

/* ------------------------------------------------------------------ run */

enum
{
  FORM_NEXT_FIELD = 1,
  FORM_PREVIOUS_FIELD,
  FORM_ENTER
};

static bool
act_form (struct ui_screen *screen, int action, int key)
{
  struct wz_send *s = screen->state;
  (void) key;
  wz_say (s->ui, NULL, UI_NORMAL);
  if (action == FORM_NEXT_FIELD)
    wz_send_move (s, 1);
  else if (action == FORM_PREVIOUS_FIELD)
    wz_send_move (s, -1);
  else if (action == FORM_ENTER && s->focus != wz_send_last (s))
    wz_send_move (s, 1);
  else if (action == FORM_ENTER)
    {
      enum wz_action done = wz_send_submit (s);
      if (done == WZ_QUIT)
        ui_quit ();
      else if (done != WZ_STAY)
        ui_close (screen, done);
    }
  else
    return false;
  return true;
}

static void
form_typed (struct ui_screen *screen, int key)
{
  struct wz_send *s = screen->state;
  wz_say (s->ui, NULL, UI_NORMAL);
  int row;
  struct ui_field *f = field_of (s, s->focus, &row);
  enum ui_field_result typed = UI_FIELD_NOT_MINE;
  if (s->focus == WZ_SEND_EAB_KEY)
    typed = wz_secret_key (&s->eab_key, key);
  else if (f)
    typed = ui_field_key (f, key);
  if (typed == UI_FIELD_REFUSED)
    beep ();
  if (f || s->focus == WZ_SEND_EAB_KEY)
    return;
  int by = key == UI_KEY (KEY_LEFT) ? -1
           : key == UI_KEY (KEY_RIGHT) || key == ' ' ? 1 : 0;
  if (by)
    wz_send_choose (s, by);
}

static bool
help_form (struct ui_screen *screen, const char **title, const char **text)
{
  (void) screen;
  return wz_frame_help (WZ_XHELP_SEND_FORM, title, text);
}

/* Enter says what it does: from the last field, it sends. */
static bool
hint_form (struct ui_screen *screen, const struct ui_key *key,
           struct ui_keyhint *out)
{
  struct wz_send *s = screen->state;
  if (key->action == FORM_ENTER && s->focus == wz_send_last (s))
    out->label = _("Send");
  return true;
}

static const struct ui_key form_keys[] = {
  { UI_TAB, FORM_NEXT_FIELD, "Tab", N_("Next field") },
  { UI_KEY (KEY_DOWN), FORM_NEXT_FIELD, NULL, NULL },
  { UI_KEY (KEY_BTAB), FORM_PREVIOUS_FIELD, NULL, NULL },
  { UI_KEY (KEY_UP), FORM_PREVIOUS_FIELD, NULL, NULL },
  UI_ENTER_KEYS (FORM_ENTER, "Enter", N_("Next")),
};

static const struct ui_screen_ops form_ops = {
  .draw = draw_form, .act = act_form, .key = form_typed, .help = help_form,
  .hint = hint_form,
};

enum wz_action
wz_run_send (struct wz_ui *ui, const char *id)
{
  struct cw_diags diags = CW_DIAGS_INIT;
  struct wz_send s;
  bool ready = cw_http_global_init (&diags)
               && wz_send_init (&s, ui, id, &diags);
  if (!ready)
    {
      char *text = wz_diags_text (&diags);
      ui_message (_("The request cannot be sent"), text, UI_ERROR);
      free (text);
      cw_diags_free (&diags);
      return WZ_BACK;
    }
  cw_diags_free (&diags);
  struct ui_screen screen = { .ops = &form_ops,
                              .keys = UI_KEYMAP (form_keys, UI_SHARE_ALL),
                              .first_tick = -1, .state = &s };
  int result = ui_run (&screen);
  wz_send_free (&s);
  wz_say (ui, NULL, UI_NORMAL);
  if (ui_quitting ())
    return WZ_QUIT;
  return result == UI_BACK ? WZ_BACK : (enum wz_action) result;
}
