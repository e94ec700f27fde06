/* Unit tests of the terminal widgets' models: text wrapping (ui/wrap.c),
   the scrolling list (ui/list.c), scrolled text (ui/textview.c), the
   dialogs' buttons (ui/buttons.c) and the text field (ui/field.c).  None
   of them needs a terminal, and curses is never started here. */
#include <config.h>

#include <check.h>
#include <curses.h>
#include <locale.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <uniwidth.h>

#include "ui/buttons.h"
#include "ui/field.h"
#include "ui/list.h"
#include "ui/term.h"
#include "ui/textview.h"
#include "ui/wrap.h"
#include "unit.h"

/* ------------------------------------------------------------ helpers */

/* TEXT wrapped to WIDTH must give exactly the COUNT lines that follow. */
static void
expect_wrap (const char *text, int width, size_t count, ...)
{
  struct ui_lines lines;
  ui_wrap (text, width, &lines);
  ck_assert_msg (lines.count == count, "\"%s\" at %d: %zu lines, not %zu",
                 text, width, lines.count, count);
  va_list ap;
  va_start (ap, count);
  for (size_t i = 0; i < count; i++)
    ck_assert_str_eq (lines.lines[i], va_arg (ap, const char *));
  va_end (ap);
  ui_lines_free (&lines);
}

static int
columns (const char *s)
{
  return u8_strwidth ((const uint8_t *) s, "UTF-8");
}

/* Every line of TEXT wrapped to WIDTH fits; returns how many there are. */
static size_t
wrap_fits (const char *text, int width)
{
  struct ui_lines lines;
  ui_wrap (text, width, &lines);
  for (size_t i = 0; i < lines.count; i++)
    ck_assert_msg (columns (lines.lines[i]) <= width,
                   "\"%s\" is wider than %d", lines.lines[i], width);
  size_t count = lines.count;
  ui_lines_free (&lines);
  return count;
}

static void
press (struct ui_list *list, int key, int height)
{
  ck_assert (ui_list_key (list, key, height));
}

static void
expect_list (const struct ui_list *list, size_t selected, size_t top)
{
  ck_assert_uint_eq (list->selected, selected);
  ck_assert_uint_eq (list->top, top);
}

static void
type (struct ui_field *field, const char *keys)
{
  for (const char *k = keys; *k; k++)
    ck_assert_int_eq (ui_field_key (field, *k), UI_FIELD_CHANGED);
}

/* ------------------------------------------------------------ wrapping */

START_TEST (test_wrap_words)
{
  expect_wrap ("the quick brown fox", 10, 2, "the quick", "brown fox");
  expect_wrap ("abc def", 7, 1, "abc def");
  expect_wrap ("abc def", 6, 2, "abc", "def");
  expect_wrap ("one two three four", 80, 1, "one two three four");
}
END_TEST

START_TEST (test_wrap_blanks)
{
  /* Blanks inside a line and at its start stay; those at a break and
     at the end go. */
  expect_wrap ("a  b", 10, 1, "a  b");
  expect_wrap ("  - item one", 20, 1, "  - item one");
  expect_wrap ("end   ", 10, 1, "end");
  expect_wrap ("aaaa    bbbb", 6, 2, "aaaa", "bbbb");
  expect_wrap ("   ", 10, 1, "");
  expect_wrap ("        x", 4, 1, "x");
}
END_TEST

START_TEST (test_wrap_long_words)
{
  expect_wrap ("abcdefghijkl", 5, 3, "abcde", "fghij", "kl");
  expect_wrap ("ab abcdefghij", 5, 3, "ab", "abcde", "fghij");
  expect_wrap ("abcde", 5, 1, "abcde");
  expect_wrap ("abc", 1, 3, "a", "b", "c");
  /* A width under 1 is taken as 1 rather than looping. */
  expect_wrap ("ab", 0, 2, "a", "b");
}
END_TEST

START_TEST (test_wrap_paragraphs)
{
  expect_wrap ("one\n\ntwo", 10, 3, "one", "", "two");
  expect_wrap ("a\nb", 10, 2, "a", "b");
  expect_wrap ("a\n", 10, 1, "a");
  expect_wrap ("\nx", 10, 2, "", "x");
  expect_wrap ("first words here\n\nsecond", 6, 5, "first", "words",
               "here", "", "second");
  expect_wrap ("", 10, 0);
}
END_TEST

START_TEST (test_wrap_cjk)
{
  /* Each of these characters takes two columns. */
  expect_wrap ("\xe6\x97\xa5\xe6\x9c\xac\xe8\xaa\x9e", 5, 2,
               "\xe6\x97\xa5\xe6\x9c\xac", "\xe8\xaa\x9e");
  /* Japanese may break between any two characters (UAX #14). */
  expect_wrap ("ab \xe6\x97\xa5\xe6\x9c\xac\xe8\xaa\x9e", 5, 2,
               "ab \xe6\x97\xa5", "\xe6\x9c\xac\xe8\xaa\x9e");
  /* ...but not before closing punctuation such as the full stop. */
  expect_wrap ("\xe6\x97\xa5\xe6\x9c\xac\xe3\x80\x82", 4, 2,
               "\xe6\x97\xa5", "\xe6\x9c\xac\xe3\x80\x82");
  expect_wrap ("\xe6\x97\xa5\xe6\x9c\xac", 4, 1,
               "\xe6\x97\xa5\xe6\x9c\xac");
  ck_assert_uint_eq (wrap_fits ("\xe6\x97\xa5\xe6\x9c\xac\xe8\xaa\x9e"
                                "\xe3\x81\xae\xe3\x83\x86\xe3\x82\xad"
                                "\xe3\x82\xb9\xe3\x83\x88 x y", 5), 5);
  ck_assert_uint_eq (wrap_fits ("caf\xc3\xa9 na\xc3\xafve r\xc3\xa9sum\xc3"
                                "\xa9", 6), 3);
  /* Too narrow for one character: it still gets a line of its own. */
  expect_wrap ("\xe6\x97\xa5\xe6\x9c\xac", 1, 2, "\xe6\x97\xa5",
               "\xe6\x9c\xac");
}
END_TEST

START_TEST (test_wrap_made_safe)
{
  /* Lines come back as ui_put shows them, so their width is right. */
  expect_wrap ("a\tb", 10, 1, "a\\x09b");
  expect_wrap ("a\033[2Jb", 5, 2, "a\\x1b", "[2Jb");
}
END_TEST

/* ---------------------------------------------------------------- list */

START_TEST (test_list_moves)
{
  struct ui_list list;
  ui_list_init (&list, 10);
  expect_list (&list, 0, 0);
  press (&list, UI_KEY (KEY_UP), 4);
  expect_list (&list, 0, 0);
  for (int i = 0; i < 4; i++)
    press (&list, UI_KEY (KEY_DOWN), 4);
  expect_list (&list, 4, 1);
  press (&list, UI_KEY (KEY_END), 4);
  expect_list (&list, 9, 6);
  press (&list, UI_KEY (KEY_DOWN), 4);
  expect_list (&list, 9, 6);
  press (&list, UI_KEY (KEY_HOME), 4);
  expect_list (&list, 0, 0);
  ck_assert (!ui_list_key (&list, 'x', 4));
  ck_assert (!ui_list_key (&list, UI_KEY (KEY_LEFT), 4));
}
END_TEST

START_TEST (test_list_pages)
{
  struct ui_list list;
  ui_list_init (&list, 10);
  press (&list, UI_KEY (KEY_NPAGE), 4);
  expect_list (&list, 3, 0);
  press (&list, UI_KEY (KEY_NPAGE), 4);
  expect_list (&list, 6, 3);
  press (&list, UI_KEY (KEY_NPAGE), 4);
  press (&list, UI_KEY (KEY_NPAGE), 4);
  expect_list (&list, 9, 6);
  press (&list, UI_KEY (KEY_PPAGE), 4);
  expect_list (&list, 6, 6);
  press (&list, UI_KEY (KEY_PPAGE), 4);
  press (&list, UI_KEY (KEY_PPAGE), 4);
  press (&list, UI_KEY (KEY_PPAGE), 4);
  expect_list (&list, 0, 0);
  /* A list one row tall still moves a row per page. */
  press (&list, UI_KEY (KEY_NPAGE), 1);
  expect_list (&list, 1, 1);
}
END_TEST

START_TEST (test_list_empty)
{
  struct ui_list list;
  ui_list_init (&list, 0);
  static const int keys[] = {
    UI_KEY (KEY_UP), UI_KEY (KEY_DOWN), UI_KEY (KEY_PPAGE),
    UI_KEY (KEY_NPAGE), UI_KEY (KEY_HOME), UI_KEY (KEY_END)
  };
  for (size_t i = 0; i < sizeof keys / sizeof keys[0]; i++)
    {
      press (&list, keys[i], 5);
      expect_list (&list, 0, 0);
    }
}
END_TEST

START_TEST (test_list_set_count)
{
  struct ui_list list;
  ui_list_init (&list, 10);
  press (&list, UI_KEY (KEY_END), 4);
  ui_list_set_count (&list, 20);
  expect_list (&list, 9, 6);
  ui_list_set_count (&list, 5);
  ck_assert_uint_eq (list.selected, 4);
  ck_assert_uint_le (list.top, list.selected);
  ui_list_set_count (&list, 0);
  expect_list (&list, 0, 0);
  ui_list_set_count (&list, 3);
  press (&list, UI_KEY (KEY_DOWN), 4);
  expect_list (&list, 1, 0);
}
END_TEST

START_TEST (test_list_shrinks_fill_window)
{
  struct ui_list list;
  ui_list_init (&list, 100);
  press (&list, UI_KEY (KEY_END), 10);
  expect_list (&list, 99, 90);
  /* Fewer items than rows: everything shows from the first. */
  ui_list_set_count (&list, 8);
  press (&list, UI_KEY (KEY_UP), 10);
  expect_list (&list, 6, 0);
}
END_TEST

START_TEST (test_range_text)
{
  char *range = ui_range_text (2, 18, 250);
  ck_assert_str_eq (range, "3-20 of 250");
  free (range);
  range = ui_range_text (240, 18, 250);
  ck_assert_str_eq (range, "241-250 of 250");
  free (range);
}
END_TEST

/* ------------------------------------------------------ scrolled text */

static void
scroll_by_key (struct ui_textview *view, int key, size_t top)
{
  ck_assert (ui_textview_key (view, key, 4));
  ck_assert_uint_eq (view->top, top);
}

START_TEST (test_textview_keys)
{
  struct ui_textview view;
  ui_textview_init (&view, "1\n2\n3\n4\n5\n6\n7\n8\n9\n10\n");
  ck_assert_uint_eq (ui_textview_wrap (&view, 10), 10);
  scroll_by_key (&view, UI_KEY (KEY_UP), 0);
  scroll_by_key (&view, UI_KEY (KEY_DOWN), 1);
  scroll_by_key (&view, UI_KEY (KEY_END), 6);
  scroll_by_key (&view, UI_KEY (KEY_DOWN), 6);
  scroll_by_key (&view, UI_KEY (KEY_PPAGE), 3);
  scroll_by_key (&view, UI_KEY (KEY_HOME), 0);
  scroll_by_key (&view, UI_KEY (KEY_NPAGE), 3);
  scroll_by_key (&view, UI_KEY (KEY_NPAGE), 6);
  scroll_by_key (&view, UI_KEY (KEY_NPAGE), 6);
  ck_assert (!ui_textview_key (&view, 'x', 4));
  char *position = ui_textview_position (&view, 4);
  ck_assert_str_eq (position, "7-10 of 10");
  free (position);
  ck_assert_ptr_null (ui_textview_position (&view, 10));
  ui_textview_free (&view);
}
END_TEST

START_TEST (test_textview_short)
{
  struct ui_textview view;
  ui_textview_init (&view, "one line");
  ck_assert_uint_eq (ui_textview_wrap (&view, 40), 1);
  scroll_by_key (&view, UI_KEY (KEY_DOWN), 0);
  scroll_by_key (&view, UI_KEY (KEY_END), 0);
  scroll_by_key (&view, UI_KEY (KEY_NPAGE), 0);
  ui_textview_free (&view);
}
END_TEST

/* ------------------------------------------------------------- buttons */

static const char *const yes_no[] = { "Yes", "No" };

START_TEST (test_buttons_move)
{
  size_t focus = 0;
  ck_assert_int_eq (ui_buttons_key (yes_no, 2, &focus, UI_KEY (KEY_RIGHT)),
                    UI_BUTTONS_NONE);
  ck_assert_uint_eq (focus, 1);
  ui_buttons_key (yes_no, 2, &focus, UI_TAB);
  ck_assert_uint_eq (focus, 0);
  ui_buttons_key (yes_no, 2, &focus, UI_KEY (KEY_LEFT));
  ck_assert_uint_eq (focus, 1);
  ui_buttons_key (yes_no, 2, &focus, UI_KEY (KEY_BTAB));
  ck_assert_uint_eq (focus, 0);
  ck_assert_int_eq (ui_buttons_key (yes_no, 2, &focus, 'x'),
                    UI_BUTTONS_NONE);
  ck_assert_int_eq (ui_buttons_key (yes_no, 2, &focus, ' '),
                    UI_BUTTONS_NONE);
  ck_assert_uint_eq (focus, 0);
}
END_TEST

START_TEST (test_buttons_letters)
{
  size_t focus = 0;
  ck_assert_int_eq (ui_buttons_key (yes_no, 2, &focus, 'n'), 1);
  ck_assert_uint_eq (focus, 1);
  ck_assert_int_eq (ui_buttons_key (yes_no, 2, &focus, 'Y'), 0);
  /* Umlauts too, in either case. */
  static const char *const german[] = { "\xc3\x84ndern", "Nein" };
  ck_assert_int_eq (ui_buttons_key (german, 2, &focus, 0xE4), 0);
  ck_assert_int_eq (ui_buttons_key (german, 2, &focus, 0xC4), 0);
}
END_TEST

START_TEST (test_buttons_shared_letter)
{
  /* A letter that starts two labels only moves between them: choosing
     the wrong one at once could lose work. */
  static const char *const labels[] = { "Continue", "Cancel", "Quit" };
  size_t focus = 0;
  ck_assert_int_eq (ui_buttons_key (labels, 3, &focus, 'c'),
                    UI_BUTTONS_NONE);
  ck_assert_uint_eq (focus, 1);
  ck_assert_int_eq (ui_buttons_key (labels, 3, &focus, 'C'),
                    UI_BUTTONS_NONE);
  ck_assert_uint_eq (focus, 0);
  ck_assert_int_eq (ui_buttons_key (labels, 3, &focus, 'q'), 2);
}
END_TEST

/* --------------------------------------------------------------- field */

START_TEST (test_field_insert)
{
  struct ui_field field;
  ui_field_init (&field, 0);
  type (&field, "abc");
  ck_assert_str_eq (field.text, "abc");
  ck_assert_uint_eq (field.len, 3);
  ck_assert_uint_eq (field.cursor, 3);
  ui_field_left (&field);
  ck_assert (ui_field_insert (&field, 'X'));
  ck_assert_str_eq (field.text, "abXc");
  ck_assert_uint_eq (field.cursor, 3);
  ui_field_free (&field);
  ck_assert_ptr_null (field.text);
}
END_TEST

START_TEST (test_field_max_chars)
{
  struct ui_field field;
  ui_field_init (&field, 3);
  type (&field, "abc");
  ck_assert (!ui_field_insert (&field, 'd'));
  ck_assert_int_eq (ui_field_key (&field, 'd'), UI_FIELD_REFUSED);
  ck_assert_str_eq (field.text, "abc");
  /* The limit counts characters, not bytes. */
  ui_field_clear (&field);
  ck_assert (ui_field_insert (&field, 0xE9));
  ck_assert (ui_field_insert (&field, 0x65E5));
  ck_assert (ui_field_insert (&field, 0xE9));
  ck_assert (!ui_field_insert (&field, 'x'));
  ck_assert_uint_eq (ui_field_chars (&field), 3);
  ck_assert_uint_eq (field.len, 7);
  ui_field_set (&field, "abcdef");
  ck_assert_str_eq (field.text, "abc");
  ck_assert_uint_eq (field.cursor, 3);
  ui_field_free (&field);
}
END_TEST

START_TEST (test_field_utf8)
{
  struct ui_field field;
  ui_field_init (&field, 0);
  ck_assert_int_eq (ui_field_key (&field, 0xE9), UI_FIELD_CHANGED);
  ck_assert_int_eq (ui_field_key (&field, 0x65E5), UI_FIELD_CHANGED);
  ck_assert_str_eq (field.text, "\xc3\xa9\xe6\x97\xa5");
  ck_assert_uint_eq (field.cursor, 5);
  ck_assert_int_eq (ui_field_key (&field, UI_KEY (KEY_LEFT)),
                    UI_FIELD_MOVED);
  ck_assert_uint_eq (field.cursor, 2);
  ui_field_left (&field);
  ck_assert_uint_eq (field.cursor, 0);
  ui_field_left (&field);
  ck_assert_uint_eq (field.cursor, 0);
  ui_field_right (&field);
  ck_assert_uint_eq (field.cursor, 2);
  ck_assert_int_eq (ui_field_key (&field, 127), UI_FIELD_CHANGED);
  ck_assert_str_eq (field.text, "\xe6\x97\xa5");
  ck_assert_uint_eq (field.cursor, 0);
  ck_assert (!ui_field_backspace (&field));
  ui_field_end (&field);
  ck_assert_uint_eq (field.cursor, 3);
  ui_field_right (&field);
  ck_assert_uint_eq (field.cursor, 3);
  ck_assert_int_eq (ui_field_key (&field, UI_KEY (KEY_BACKSPACE)),
                    UI_FIELD_CHANGED);
  ck_assert_str_eq (field.text, "");
  ck_assert_uint_eq (field.len, 0);
  ui_field_free (&field);
}
END_TEST

START_TEST (test_field_home_end_delete)
{
  struct ui_field field;
  ui_field_init (&field, 0);
  ui_field_set (&field, "h\xc3\xa9llo");
  ck_assert_uint_eq (field.cursor, 6);
  ck_assert_int_eq (ui_field_key (&field, UI_KEY (KEY_HOME)),
                    UI_FIELD_MOVED);
  ck_assert_uint_eq (field.cursor, 0);
  ck_assert_int_eq (ui_field_key (&field, UI_KEY (KEY_END)), UI_FIELD_MOVED);
  ck_assert_uint_eq (field.cursor, 6);
  ck_assert_int_eq (ui_field_key (&field, 1), UI_FIELD_MOVED);  /* Ctrl-A */
  ck_assert_uint_eq (field.cursor, 0);
  ui_field_right (&field);
  ck_assert_int_eq (ui_field_key (&field, UI_KEY (KEY_DC)),
                    UI_FIELD_CHANGED);
  ck_assert_str_eq (field.text, "hllo");
  ck_assert_int_eq (ui_field_key (&field, 5), UI_FIELD_MOVED);  /* Ctrl-E */
  ck_assert_uint_eq (field.cursor, 4);
  ck_assert (!ui_field_delete (&field));
  ui_field_free (&field);
}
END_TEST

START_TEST (test_field_ctrl_u)
{
  struct ui_field field;
  ui_field_init (&field, 0);
  type (&field, "secret");
  ck_assert_int_eq (ui_field_key (&field, 21), UI_FIELD_CHANGED);
  ck_assert_str_eq (field.text, "");
  ck_assert_uint_eq (field.len, 0);
  ck_assert_uint_eq (field.cursor, 0);
  ck_assert_uint_eq (field.scroll, 0);
  ui_field_free (&field);
}
END_TEST

START_TEST (test_field_controls_refused)
{
  struct ui_field field;
  ui_field_init (&field, 0);
  static const uint32_t controls[] = { 0, 0x09, 0x0A, 0x1B, 0x7F, 0x85,
                                       0x9B, 0x110000 };
  for (size_t i = 0; i < sizeof controls / sizeof controls[0]; i++)
    ck_assert_msg (!ui_field_insert (&field, controls[i]),
                   "U+%04X accepted", (unsigned) controls[i]);
  ck_assert_int_eq (ui_field_key (&field, UI_ESC), UI_FIELD_NOT_MINE);
  ck_assert_int_eq (ui_field_key (&field, UI_TAB), UI_FIELD_NOT_MINE);
  ck_assert_int_eq (ui_field_key (&field, UI_KEY (KEY_F (1))),
                    UI_FIELD_NOT_MINE);
  ck_assert_int_eq (ui_field_key (&field, UI_KEY (KEY_UP)),
                    UI_FIELD_NOT_MINE);
  ck_assert_str_eq (field.text, "");
  /* Bad bytes in a preset text stay visible as U+FFFD. */
  ui_field_set (&field, "a\xff");
  ck_assert_str_eq (field.text, "a\xef\xbf\xbd");
  ui_field_free (&field);
}
END_TEST

START_TEST (test_field_scroll)
{
  struct ui_field field;
  ui_field_init (&field, 0);
  ui_field_set (&field, "abcdefghij");
  ui_field_scroll_to_cursor (&field, 5);
  /* Four characters and the cursor after them. */
  ck_assert_uint_eq (field.scroll, 6);
  ui_field_home (&field);
  ui_field_scroll_to_cursor (&field, 5);
  ck_assert_uint_eq (field.scroll, 0);
  /* Double-width characters: two of them fill four columns. */
  ui_field_set (&field, "\xe6\x97\xa5\xe6\x9c\xac\xe8\xaa\x9e"
                        "\xe6\x97\xa5\xe6\x9c\xac\xe8\xaa\x9e");
  ui_field_scroll_to_cursor (&field, 5);
  ck_assert_uint_eq (field.scroll, 12);
  ui_field_free (&field);
}
END_TEST

START_TEST (test_field_scroll_backspace)
{
  struct ui_field field;
  ui_field_init (&field, 0);
  ui_field_set (&field, "abcdefghij");
  ui_field_scroll_to_cursor (&field, 5);
  for (int i = 0; i < 8; i++)
    ck_assert (ui_field_backspace (&field));
  ck_assert_str_eq (field.text, "ab");
  ck_assert_uint_le (field.scroll, field.cursor);
  ui_field_free (&field);
}
END_TEST

/* --------------------------------------------------------------- suites */

static Suite *
wrap_suite (void)
{
  Suite *s = suite_create ("wrap");
  TCase *tc = tcase_create ("wrap");
  tcase_add_test (tc, test_wrap_words);
  tcase_add_test (tc, test_wrap_blanks);
  tcase_add_test (tc, test_wrap_long_words);
  tcase_add_test (tc, test_wrap_paragraphs);
  tcase_add_test (tc, test_wrap_cjk);
  tcase_add_test (tc, test_wrap_made_safe);
  suite_add_tcase (s, tc);
  return s;
}

static Suite *
list_suite (void)
{
  Suite *s = suite_create ("list");
  TCase *tc = tcase_create ("list");
  tcase_add_test (tc, test_list_moves);
  tcase_add_test (tc, test_list_pages);
  tcase_add_test (tc, test_list_empty);
  tcase_add_test (tc, test_list_set_count);
  tcase_add_test (tc, test_list_shrinks_fill_window);
  tcase_add_test (tc, test_range_text);
  suite_add_tcase (s, tc);
  return s;
}

static Suite *
dialog_parts_suite (void)
{
  Suite *s = suite_create ("dialog parts");
  TCase *tc = tcase_create ("scrolled text");
  tcase_add_test (tc, test_textview_keys);
  tcase_add_test (tc, test_textview_short);
  suite_add_tcase (s, tc);
  tc = tcase_create ("buttons");
  tcase_add_test (tc, test_buttons_move);
  tcase_add_test (tc, test_buttons_letters);
  tcase_add_test (tc, test_buttons_shared_letter);
  suite_add_tcase (s, tc);
  return s;
}

static Suite *
field_suite (void)
{
  Suite *s = suite_create ("field");
  TCase *tc = tcase_create ("field");
  tcase_add_test (tc, test_field_insert);
  tcase_add_test (tc, test_field_max_chars);
  tcase_add_test (tc, test_field_utf8);
  tcase_add_test (tc, test_field_home_end_delete);
  tcase_add_test (tc, test_field_ctrl_u);
  tcase_add_test (tc, test_field_controls_refused);
  tcase_add_test (tc, test_field_scroll);
  tcase_add_test (tc, test_field_scroll_backspace);
  suite_add_tcase (s, tc);
  return s;
}

int
main (void)
{
  /* Widths and escapes depend on the locale: these tests need UTF-8. */
  if (!setlocale (LC_ALL, "C.UTF-8"))
    return 77;
  return unit_run (wrap_suite (), list_suite (), dialog_parts_suite (), field_suite (), NULL);
}
