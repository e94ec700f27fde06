/* A one-line text field: its text, cursor and scroll, edited key by key.
   The model needs no terminal; ui_field_draw shows it. */
#ifndef CERTWIZ_UI_FIELD_H
#define CERTWIZ_UI_FIELD_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct ui_field
{
  char *text;              /* UTF-8, always NUL-terminated */
  size_t len;              /* bytes */
  size_t cursor;           /* byte offset, at a character boundary */
  size_t scroll;           /* byte offset of the first character shown */
  size_t max_chars;        /* 0: no limit */
  bool masked;             /* show '*' for each character (passwords) */
};

void ui_field_init (struct ui_field *field, size_t max_chars);
/* Replaces the text (cut to max_chars) and puts the cursor at its end. */
void ui_field_set (struct ui_field *field, const char *text);
/* Inserts C at the cursor; false, changing nothing, when the field is
   full or C is a control character. */
bool ui_field_insert (struct ui_field *field, uint32_t c);
bool ui_field_backspace (struct ui_field *field);
bool ui_field_delete (struct ui_field *field);
void ui_field_left (struct ui_field *field);
void ui_field_right (struct ui_field *field);
void ui_field_home (struct ui_field *field);
void ui_field_end (struct ui_field *field);
void ui_field_clear (struct ui_field *field);

enum ui_field_result
{
  UI_FIELD_NOT_MINE,       /* not an editing key */
  UI_FIELD_MOVED,          /* the cursor moved */
  UI_FIELD_CHANGED,        /* the text changed */
  UI_FIELD_REFUSED         /* an editing key that could not apply: full */
};

/* Applies an editing key (as ui_read_key gives it): characters, Left,
   Right, Home, End, Backspace, Delete, Ctrl-U (clear). */
enum ui_field_result ui_field_key (struct ui_field *field, int key);

size_t ui_field_chars (const struct ui_field *field);
/* Moves the scroll so the cursor shows in WIDTH columns. */
void ui_field_scroll_to_cursor (struct ui_field *field, int width);
void ui_field_free (struct ui_field *field);

/* Draws the field in WIDTH columns; when FOCUSED, places the cursor. */
void ui_field_draw (struct ui_field *field, int y, int x, int width,
                    bool focused);

#endif
