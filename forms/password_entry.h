/* Typing a password: a masked entry whose buffer never moves and is
   wiped, a strength hint, and a dialog that asks for one.

   Not ui_field: its text is reallocated as it grows and its drawing
   copies the text, leaving copies of the password in freed memory that
   nothing wipes.  A secret has one buffer of fixed size, wiped with
   explicit_bzero when cleared or freed. */
#ifndef CERTWIZ_FORMS_PASSWORD_ENTRY_H
#define CERTWIZ_FORMS_PASSWORD_ENTRY_H

#include <stdbool.h>
#include <stddef.h>

#include "field.h"
#include "keys/key.h"
#include "theme.h"

/* Longest password, in bytes, as the command line accepts. */
#define WZ_SECRET_MAX 1024

struct wz_secret
{
  char *text;              /* WZ_SECRET_MAX + 1 bytes, NUL-terminated */
  size_t len;              /* bytes */
};

void wz_secret_init (struct wz_secret *secret);
/* Typing (at the end only), Backspace and Ctrl-U.  Control keys are
   UI_FIELD_NOT_MINE; a character past WZ_SECRET_MAX is UI_FIELD_REFUSED. */
enum ui_field_result wz_secret_key (struct wz_secret *secret, int key);
/* Empties the secret, wiping the whole buffer. */
void wz_secret_wipe (struct wz_secret *secret);
void wz_secret_free (struct wz_secret *secret);
bool wz_secret_same (const struct wz_secret *a, const struct wz_secret *b);
/* One '*' a character, never the text; the cursor at its end when
   FOCUSED. */
void wz_secret_draw (const struct wz_secret *secret, int y, int x, int width,
                     bool focused);

enum wz_strength
{
  WZ_STRENGTH_EMPTY,
  WZ_STRENGTH_WEAK,
  WZ_STRENGTH_FAIR,
  WZ_STRENGTH_STRONG
};

/* Character kinds, as bits of *KINDS. */
#define WZ_KIND_LOWER 1u
#define WZ_KIND_UPPER 2u
#define WZ_KIND_DIGIT 4u
#define WZ_KIND_OTHER 8u   /* blanks, punctuation, anything not ASCII */

/* A hint from the length (in characters) and the kinds of characters:
   strong from 16 characters of 2 kinds, 14 of 3 kinds, or 20 of any;
   fair from 12 characters, or 10 of 3 kinds; weak below.  Only a hint:
   it knows nothing of dictionaries. */
enum wz_strength wz_password_strength (const char *password, size_t *chars,
                                       unsigned *kinds);
/* "Strength: fair (12 characters: lower case, digits)", translated;
   owned by the caller. */
char *wz_strength_text (const char *password);
enum ui_role wz_strength_role (enum wz_strength strength);

/* A dialog over the current screen: TITLE, TEXT, a masked entry.  True
   with the password in SECRET (emptied first) on Enter; false on Esc,
   SECRET then wiped.  F1 shows HELP_TITLE and HELP_TEXT. */
bool wz_ask_password (const char *title, const char *text,
                      const char *help_title, const char *help_text,
                      struct wz_secret *secret);

/* What gives the core a PIN the user has already typed: *PIN, read when
   the core asks, once (a second ask means the token refused it); none
   when *PIN is NULL or empty. */
struct cw_pin_source wz_pin_typed (char *const *pin);

#endif
