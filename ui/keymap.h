/* What each key does on a screen, and how the key bar names it.  Every
   screen has one table of these, in the manner of htop's function bar
   and tig's keymaps: the loop (ui/loop.c) looks a key up in it to know
   what to do, and the key bar is drawn from it, so what the bar shows
   and what the keys do come from one place.  The keys every screen has
   (F1 help, Esc back, F10 quit) are one shared table. */
#ifndef CERTWIZ_UI_KEYMAP_H
#define CERTWIZ_UI_KEYMAP_H

#include <stdbool.h>
#include <stddef.h>

#include "term.h"

struct ui_key
{
  int key;                 /* as ui_term_key gives it: 'a', UI_KEY (KEY_F (2)) */
  int action;              /* the screen's own (from 1), or a UI_ACT_* */
  const char *name;        /* the key's name in the bar ("F2"); NULL: the
                              key works but is not shown */
  const char *label;       /* N_(): what it does, in the bar */
};

/* The shared actions.  A screen's act handler may take one itself (a
   question before quitting, Esc clearing a filter first); otherwise the
   loop does what the name says (ui/loop.h). */
enum
{
  UI_ACT_NONE = 0,
  UI_ACT_HELP = -1,        /* F1: the screen's help */
  UI_ACT_BACK = -2,        /* Esc: the screen closes, UI_BACK */
  UI_ACT_QUIT = -3         /* F10: certwiz ends (ui_quit) */
};

/* Which shared keys a screen takes. */
#define UI_SHARE_HELP 1u
#define UI_SHARE_BACK 2u
#define UI_SHARE_QUIT 4u
#define UI_SHARE_ALL (UI_SHARE_HELP | UI_SHARE_BACK | UI_SHARE_QUIT)

struct ui_keymap
{
  const struct ui_key *keys;
  size_t count;
  unsigned shared;         /* UI_SHARE_* */
};

/* Enter and Backspace come in several codes, depending on the keyboard
   and the terminal: one entry that shows, and the others that do not.
   The file that uses them includes curses.h. */
#define UI_ENTER_KEYS(action, name, label) \
  { UI_RETURN, action, name, label }, { '\n', action, NULL, NULL }, \
  { UI_KEY (KEY_ENTER), action, NULL, NULL }
#define UI_BACKSPACE_KEYS(action, name, label) \
  { UI_KEY (KEY_BACKSPACE), action, name, label }, \
  { 127, action, NULL, NULL }, { 8, action, NULL, NULL }

#define UI_KEYMAP(table, shared) \
  { table, sizeof table / sizeof table[0], shared }

/* What KEY does in MAP: the screen's own entry, else the shared one if
   MAP takes it; NULL when the key is in neither (it is then typing). */
const struct ui_key *ui_keymap_find (const struct ui_keymap *map, int key);

/* The entries the key bar shows, in order: the shared F1, the screen's
   own, then the shared Esc and F10; a shared key the screen names itself
   takes the screen's place and name.  Entries without a name are left
   out.  Returns how many were put in OUT (at most MAX). */
size_t ui_keymap_shown (const struct ui_keymap *map,
                        const struct ui_key **out, size_t max);

#endif
