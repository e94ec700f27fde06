/* The bars every screen shows: the title on the top row, the keys on the
   bottom row, and a status line just above the keys. */
#ifndef CERTWIZ_UI_KEYBAR_H
#define CERTWIZ_UI_KEYBAR_H

#include <stdbool.h>

#include <stddef.h>

#include "theme.h"

struct ui_keyhint
{
  const char *key;          /* already translated */
  const char *label;        /* already translated */
  bool shared;              /* F1, Esc, F10 or Enter: kept when room is
                               short */
};

/* The top bar on row 0: LEFT at the left, RIGHT at the right (role
   UI_TITLE), full width.  Either may be NULL. */
void ui_titlebar (const char *left, const char *right);
/* The bottom bar on the last row: each key in UI_KEY role then its label
   in UI_KEYBAR, hints separated by two blanks; hints that do not fit are
   left out from the end. */
void ui_keybar (const struct ui_keyhint *hints, size_t count);
/* A one-line message just above the key bar in ROLE, or clears that line
   when TEXT is NULL. */
void ui_statusline (const char *text, enum ui_role role);

struct ui_screen;
/* The hints the key bar of SCREEN shows, from its key table
   (ui/keymap.h) as its hint operation words them now, translated: how
   many were put in OUT. */
size_t ui_keybar_hints (struct ui_screen *screen, struct ui_keyhint *out,
                        size_t max);
/* The key bar of SCREEN, drawn from those hints. */
void ui_draw_keybar (struct ui_screen *screen);

#endif
