/* The one loop that runs every screen.  A screen is a small table of
   operations (draw, act on its keys, resize, help, tick) and a table of
   keys (ui/keymap.h); the loop owns everything around them: reading
   keys, resizes, the "make the window larger" state, timeouts, waking up
   for work done on another thread, and fatal signals.  Screens never
   read keys.

   Screens form a stack: a dialog, the help or a picker is run on top of
   the screen that opened it, and is drawn over it (OVERLAY) or instead of
   it.  Every frame draws the whole stack from the last screen that is
   not an overlay, so a resize, or a dialog closing, redraws everything
   under it. */
#ifndef CERTWIZ_UI_LOOP_H
#define CERTWIZ_UI_LOOP_H

#include <stdbool.h>
#include <stddef.h>

#include "keybar.h"
#include "keymap.h"

struct ui_screen;

struct ui_screen_ops
{
  /* Draws the screen: all of it, or for an overlay only what it puts
     over the screens below (which the loop draws first).  Required. */
  void (*draw) (struct ui_screen *screen);
  /* ACTION, from the key table, for KEY.  True when done with it; false
     lets the loop do a shared action's default (help, back, quit).  May
     be NULL. */
  bool (*act) (struct ui_screen *screen, int action, int key);
  /* A key the table does not name: typing, moving in a list.  May be
     NULL. */
  void (*key) (struct ui_screen *screen, int key);
  /* The terminal changed size; called for every screen of the stack
     before it is drawn again.  May be NULL. */
  void (*resize) (struct ui_screen *screen);
  /* The help F1 shows, translated; false when there is none.  May be
     NULL. */
  bool (*help) (struct ui_screen *screen, const char **title,
                const char **text);
  /* For a screen that waits or works: called when the time it asked for
     has come, and whenever the loop is woken (ui_wake).  Returns the
     milliseconds until it wants the next tick, -1 for none; 0 goes on
     at once, after the keys typed meanwhile.  May be NULL. */
  int (*tick) (struct ui_screen *screen);
  /* How the key bar shows KEY now, in OUT (translated); false leaves it
     out of the bar, but the key still works.  NULL: the name and the
     label of the table. */
  bool (*hint) (struct ui_screen *screen, const struct ui_key *key,
                struct ui_keyhint *out);
};

struct ui_screen
{
  const struct ui_screen_ops *ops;
  struct ui_keymap keys;
  bool overlay;            /* drawn over the screens below it */
  int first_tick;          /* ms until the first tick, -1 for none */
  void *state;             /* the screen's own */
  /* Kept by the loop. */
  struct ui_screen *below;
  bool closed;
  int result;
  long long tick_at;       /* when the next tick is due (ms), or -1 */
  bool asked_small;        /* opened while the terminal was too small:
                              a question asked from its message */
};

/* What a screen closed by the loop itself returns. */
#define UI_BACK (-1)       /* Esc, or the program is quitting */

/* Runs SCREEN on top of the stack until it closes; returns its result.
   Returns UI_BACK at once, without showing it, while quitting. */
int ui_run (struct ui_screen *screen);
/* Closes SCREEN (the top one, or one below while a screen above it
   runs): its ui_run returns RESULT. */
void ui_close (struct ui_screen *screen, int result);
/* Ends every screen: each ui_run returns UI_BACK and the callers unwind
   to the end of the program. */
void ui_quit (void);
bool ui_quitting (void);

/* Wakes the loop from another thread: the top screen's tick runs. */
void ui_wake (void);
/* Draws the whole stack now, for a short moment of work that cannot be
   left (a status line saying what is being done). */
void ui_redraw_now (void);

/* One step of the loop, for the top screen: what KEY does there.  The
   loop calls it for every key; the unit tests call it to press keys. */
void ui_dispatch (int key);
/* Puts SCREEN on top of the stack, or takes the top one off, without
   running it: ui_run does both; the unit tests drive a stack so. */
void ui_push (struct ui_screen *screen);
void ui_pop (void);
struct ui_screen *ui_top (void);

#endif
