/* The terminal: taking it over, giving it back on every path (normal
   exit, errors, SIGINT, SIGTERM, SIGHUP), its size, and the one way a
   key is read.  Only the loop (ui/loop.c) reads keys. */
#ifndef CERTWIZ_UI_TERM_H
#define CERTWIZ_UI_TERM_H

#include <stdbool.h>

#define UI_MIN_COLS 80
#define UI_MIN_LINES 24

/* Called after SIGHUP, SIGINT or SIGTERM, outside the signal handler,
   before the terminal is given back and the program ends: the wizard
   saves its draft there. */
typedef void (*ui_emergency_fn) (void);

/* Takes over the terminal; false when stdin or stdout is not one. */
bool ui_term_start (ui_emergency_fn emergency);
/* Gives the terminal back; safe to call twice and from a signal. */
void ui_term_stop (void);
/* Keys: a typed character is its Unicode code point; a function key is
   UI_KEY (the curses code), above every code point, since curses codes
   overlap characters such as U+0101. */
#define UI_KEY(curses_key) (0x110000 + (curses_key))
#define UI_IS_CHAR(key) ((key) < 0x110000)
#define UI_ESC 27
#define UI_TAB 9
#define UI_RETURN 13
/* No key: nothing was typed. */
#define UI_NO_KEY (-1)
/* A byte the locale cannot decode (a UTF-8 character typed under
   LANG=C): nothing to insert, but something to say. */
#define UI_UNTYPABLE UI_KEY (KEY_MAX + 1)

/* The key typed, if one was, else UI_NO_KEY at once; a resize is
   UI_KEY (KEY_RESIZE).  Each key read is noted in the trace ("key"). */
int ui_term_key (void);
/* What to say when UI_UNTYPABLE was typed: the locale cannot type such
   characters, and how to start certwiz in one that can (translated,
   static). */
const char *ui_term_untypable_text (void);
/* The descriptor that becomes readable when the terminal has input, and
   the one a signal or ui_term_wake makes readable: the loop waits on
   both.  ui_term_drain empties the second one and tells whether
   ui_term_wake was called since the last drain. */
int ui_term_input_fd (void);
int ui_term_wake_fd (void);
bool ui_term_drain (void);
/* Wakes the loop from any thread (or a signal handler). */
void ui_term_wake (void);
/* Ends the program cleanly when a fatal signal was caught or the
   terminal went away (HANGUP: as SIGHUP): the emergency hook runs, the
   terminal is given back, and the program dies of the signal. */
void ui_term_check_signals (bool hangup);
/* While long work runs on another thread, STOP (when not NULL) is
   called first on a fatal signal: it asks the work to stop and waits for
   it, so that certwiz never ends in the middle of writing the store. */
void ui_term_set_stopper (void (*stop) (void));
/* Enter, on any keyboard. */
bool ui_is_enter (int key);
/* Backspace, on any keyboard. */
bool ui_is_backspace (int key);
/* Whether the screen is at least UI_MIN_COLS x UI_MIN_LINES. */
bool ui_term_big_enough (void);
/* Draws the "make the window larger" message. */
void ui_term_draw_too_small (void);

#endif
