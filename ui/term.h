/* The terminal: taking it over, giving it back on every path (normal
   exit, errors, SIGINT, SIGTERM, SIGHUP), and its size. */
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

/* The next key, or UI_KEY (KEY_RESIZE).  A fatal signal received
   meanwhile ends the program here, cleanly. */
int ui_read_key (void);
/* Enter, on any keyboard. */
bool ui_is_enter (int key);
/* Backspace, on any keyboard. */
bool ui_is_backspace (int key);
/* Whether the screen is at least UI_MIN_COLS x UI_MIN_LINES. */
bool ui_term_big_enough (void);
/* Draws the "make the window larger" message. */
void ui_term_draw_too_small (void);

#endif
