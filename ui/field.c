/* The text field's model: no terminal needed. */
#include <config.h>

#include "field.h"

#include <curses.h>
#include <stdlib.h>
#include <string.h>
#include <unistr.h>
#include <uniwidth.h>

#include "term.h"
#include "text.h"
#include "base/xalloc.h"

void
ui_field_init (struct ui_field *field, size_t max_chars)
{
  *field = (struct ui_field) { xstrdup (""), 0, 0, 0, max_chars, false };
}

size_t
ui_field_chars (const struct ui_field *field)
{
  return u8_mbsnlen ((const uint8_t *) field->text, field->len);
}

void
ui_field_clear (struct ui_field *field)
{
  field->text[0] = '\0';
  field->len = field->cursor = field->scroll = 0;
}

bool
ui_field_insert (struct ui_field *field, uint32_t c)
{
  uint8_t buf[6];
  if (c < 0x20 || c == 0x7F || (c >= 0x80 && c < 0xA0) || c > 0x10FFFF)
    return false;
  if (field->max_chars && ui_field_chars (field) >= field->max_chars)
    return false;
  int n = u8_uctomb (buf, c, sizeof buf);
  if (n <= 0)
    return false;
  field->text = xreallocarray (field->text, field->len + (size_t) n + 1, 1);
  memmove (field->text + field->cursor + n, field->text + field->cursor,
           field->len - field->cursor + 1);
  memcpy (field->text + field->cursor, buf, (size_t) n);
  field->len += (size_t) n;
  field->cursor += (size_t) n;
  return true;
}

void
ui_field_set (struct ui_field *field, const char *text)
{
  ui_field_clear (field);
  const uint8_t *p = (const uint8_t *) text, *end = p + strlen (text);
  while (p < end)
    {
      ucs4_t c;
      int n = u8_mbtouc (&c, p, (size_t) (end - p));
      /* Bad bytes stay visible as U+FFFD rather than vanish. */
      if (!ui_field_insert (field, c) && field->max_chars
          && ui_field_chars (field) >= field->max_chars)
        break;
      p += n;
    }
}

/* Byte length of the character before OFFSET. */
static size_t
previous_size (const struct ui_field *field, size_t offset)
{
  const uint8_t *start = (const uint8_t *) field->text;
  ucs4_t c;
  const uint8_t *prev = u8_prev (&c, start + offset, start);
  return prev ? (size_t) (start + offset - prev) : 0;
}

static size_t
next_size (const struct ui_field *field, size_t offset)
{
  if (offset >= field->len)
    return 0;
  int n = u8_mblen ((const uint8_t *) field->text + offset,
                    field->len - offset);
  return n > 0 ? (size_t) n : 1;
}

static void
remove_bytes (struct ui_field *field, size_t at, size_t n)
{
  memmove (field->text + at, field->text + at + n, field->len - at - n + 1);
  field->len -= n;
}

bool
ui_field_backspace (struct ui_field *field)
{
  size_t n = previous_size (field, field->cursor);
  if (n == 0)
    return false;
  field->cursor -= n;
  remove_bytes (field, field->cursor, n);
  if (field->scroll > field->cursor)
    field->scroll = field->cursor;
  return true;
}

bool
ui_field_delete (struct ui_field *field)
{
  size_t n = next_size (field, field->cursor);
  if (n == 0)
    return false;
  remove_bytes (field, field->cursor, n);
  return true;
}

void
ui_field_left (struct ui_field *field)
{
  field->cursor -= previous_size (field, field->cursor);
}

void
ui_field_right (struct ui_field *field)
{
  field->cursor += next_size (field, field->cursor);
}

void
ui_field_home (struct ui_field *field)
{
  field->cursor = 0;
}

void
ui_field_end (struct ui_field *field)
{
  field->cursor = field->len;
}

static enum ui_field_result
moved (struct ui_field *field, void (*step) (struct ui_field *))
{
  step (field);
  return UI_FIELD_MOVED;
}

enum ui_field_result
ui_field_key (struct ui_field *field, int key)
{
  if (ui_is_backspace (key))
    return ui_field_backspace (field) ? UI_FIELD_CHANGED : UI_FIELD_MOVED;
  switch (key)
    {
    case UI_KEY (KEY_LEFT):
      return moved (field, ui_field_left);
    case UI_KEY (KEY_RIGHT):
      return moved (field, ui_field_right);
    case UI_KEY (KEY_HOME):
    case 1: /* Ctrl-A */
      return moved (field, ui_field_home);
    case UI_KEY (KEY_END):
    case 5: /* Ctrl-E */
      return moved (field, ui_field_end);
    case UI_KEY (KEY_DC):
      return ui_field_delete (field) ? UI_FIELD_CHANGED : UI_FIELD_MOVED;
    case 21: /* Ctrl-U, as in shells */
      ui_field_clear (field);
      return UI_FIELD_CHANGED;
    }
  if (!UI_IS_CHAR (key) || key < 0x20 || key == 0x7F)
    return UI_FIELD_NOT_MINE;
  return ui_field_insert (field, (uint32_t) key) ? UI_FIELD_CHANGED
                                                 : UI_FIELD_REFUSED;
}

/* Columns from byte FROM to byte TO as the field shows them: escaped
   where the terminal cannot show a character (<U+00EF> takes 8). */
static int
columns (const struct ui_field *field, size_t from, size_t to)
{
  if (field->masked)
    return (int) u8_mbsnlen ((const uint8_t *) field->text + from, to - from);
  char *part = xstrndup (field->text + from, to - from);
  int width = ui_width (part);
  free (part);
  return width;
}

void
ui_field_scroll_to_cursor (struct ui_field *field, int width)
{
  if (field->scroll > field->cursor)
    field->scroll = field->cursor;
  /* Keep one column free for the cursor after the last character. */
  while (field->scroll < field->cursor
         && columns (field, field->scroll, field->cursor) > width - 1)
    field->scroll += next_size (field, field->scroll);
}

void
ui_field_free (struct ui_field *field)
{
  free (field->text);
  field->text = NULL;
}
