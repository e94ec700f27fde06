/* Escape sequences: the function, Home and End keys of the terminals
   whose codes terminfo lacks (PuTTY's default, the Linux console, rxvt),
   and the sequences nobody defines, which are skipped whole rather than
   read as Esc and typed text. */
#ifndef CERTWIZ_UI_KEYSEQ_H
#define CERTWIZ_UI_KEYSEQ_H

#include <stdbool.h>

/* Defines the common sequences the terminal's entry does not have
   (ncurses' define_key); after keypad is on. */
void ui_keyseq_define (void);
/* Called when the key read is Esc: when the bytes of an escape sequence
   follow at once (ncurses found no key for it), reads them to their end
   and returns true: nothing was typed.  False for Esc alone. */
bool ui_keyseq_skip_unknown (void);

#endif
