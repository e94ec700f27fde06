/* What every screen of the wizard shares: the state shown, and the
   interface each step's screen fills in (a table of handlers and a table
   of keys, as htop's screens do).  The steps run inside one frame
   (forms/steps.c), a screen of the loop (ui/loop.h). */
#ifndef CERTWIZ_FORMS_WIZARD_UI_H
#define CERTWIZ_FORMS_WIZARD_UI_H

#include <stdbool.h>
#include <stddef.h>

#include "help_text.h"
#include "keys/tokens.h"
#include "keybar.h"
#include "keymap.h"
#include "list.h"
#include "loop.h"
#include "wizard.h"

enum wz_action
{
  WZ_STAY,                 /* keep showing this screen */
  WZ_NEXT,                 /* on to the next step */
  WZ_BACK,                 /* back one step */
  WZ_GOTO,                 /* to the step in wz_ui.go_to */
  WZ_MENU,                 /* back to the main menu */
  WZ_QUIT,                 /* leave certwiz */
  WZ_TYPE                  /* not an action here: the key is typing */
};

struct wz_ui
{
  struct wizard wz;
  struct cw_store *store;  /* the session's, opened once (not owned) */
  int focus;               /* which control of the screen has the keys */
  enum wz_step go_to;      /* for WZ_GOTO */
  struct ui_list list;     /* the screen's list, when it has one */
  const char *status;      /* a one-line message, or NULL */
  enum ui_role status_role;
  char *warned_cn;         /* the CN whose non-ASCII warning was shown */
  int untypable;           /* 1 + the subject field where a character
                              the locale cannot type was typed; 0: none */
  struct cw_tokens tokens; /* present when the key step was entered */
  /* What the last written request was, for the final screen. */
  char *done_path;
  char done_id[41];
  char done_fingerprint[65];
};

/* One kind of step (enum wz_step): what a flow's table points to. */
struct wz_screen
{
  void (*enter) (struct wz_ui *ui);   /* may be NULL */
  void (*draw) (struct wz_ui *ui);
  /* ACTION of KEYS, for KEY; WZ_TYPE hands KEY to KEY_TYPED. */
  enum wz_action (*act) (struct wz_ui *ui, int action, int key);
  /* A key KEYS does not name; may be NULL. */
  enum wz_action (*key_typed) (struct wz_ui *ui, int key);
  enum wz_help (*help) (struct wz_ui *ui);
  struct ui_keymap keys;   /* N_() labels; the shared keys are the
                              frame's */
};

extern const struct wz_screen wz_subject_screen;
extern const struct wz_screen wz_names_screen;
extern const struct wz_screen wz_key_screen;
extern const struct wz_screen wz_review_screen;
extern const struct wz_screen wz_write_screen;
extern const struct wz_screen wz_validity_screen;
extern const struct wz_screen wz_written_screen;
extern const struct wz_screen wz_installed_screen;

/* The end of a flow: Enter, or Esc, goes back to the main menu (the
   action WZ_END_MENU of wz_end_act). */
#define WZ_END_MENU 1
extern const struct ui_key wz_end_key_table[];
#define WZ_END_KEY_COUNT 5
#define WZ_END_KEYMAP { wz_end_key_table, WZ_END_KEY_COUNT, UI_SHARE_ALL }
enum wz_action wz_end_act (struct wz_ui *ui, int action, int key);

/* Runs the steps of ui->wz.flow from ui->wz.step; returns WZ_MENU, or
   WZ_QUIT when certwiz is to end (forms/steps.c). */
enum wz_action wz_run_steps (struct wz_ui *ui);
/* A new, empty FLOW from its first step; what was typed is dropped
   after it, and so is its draft (forms/steps.c). */
enum wz_action wz_run_flow (struct wz_ui *ui, const struct wz_flow *flow);
/* Import: a file (the CA's answer, or a backup and its password), then
   what happened. */
enum wz_action wz_run_import (struct wz_ui *ui);
/* Send the pending request ID to an ACME CA now: the account, the
   check, then the certificate installed (forms/send_screen.c). */
enum wz_action wz_run_send (struct wz_ui *ui, const char *id);
/* Back up the installed certificate ID, or one the user picks when ID
   is NULL. */
enum wz_action wz_run_backup (struct wz_ui *ui, const char *id);
/* The certificate browser on the store (COUNT 0), or read-only on the
   certificates of FILES. */
enum wz_action wz_browse (struct wz_ui *ui, const char *const *files,
                          size_t count);
/* The main menu, until the user quits (forms/menu.c). */
void wz_run_menu (struct wz_ui *ui);

/* Takes over the terminal for UI on STORE, which the caller opened and
   closes after wz_session_end; false when there is no terminal. */
struct cw_store;
bool wz_session_start (struct wz_ui *ui, struct cw_store *store);
void wz_session_end (struct wz_ui *ui);

/* The first row of a screen's content, below the top bar. */
#define WZ_TOP 2
/* The rows at the bottom: the status line and the key bar. */
#define WZ_STATUS_ROW (LINES - 2)

/* Says TEXT in the status line until the next key. */
void wz_say (struct wz_ui *ui, const char *text, enum ui_role role);
/* Draws the diagnostics of DIAGS wrapped from row Y to row Y + ROWS. */
void wz_draw_diags (const struct cw_diags *diags, int y, int rows);
/* The role a diagnostic is shown in. */
enum ui_role wz_role_of (enum cw_severity severity);
/* LABEL padded to WIDTH display columns (not bytes: accented and
   double-width labels stay aligned), then VALUE.  Owned by the caller. */
char *wz_labeled (const char *label, int width, const char *value);
/* The title of the step at AT of UI's flow (translated). */
const char *wz_step_title (const struct wz_ui *ui, size_t at);
/* PATH as an absolute path: relative ones are taken from the current
   folder, without resolving links (the file need not exist).  Owned by
   the caller. */
char *wz_full_path (const char *path);
/* Saves the draft, saying in the status line when it cannot. */
void wz_save_draft (struct wz_ui *ui);

#endif
