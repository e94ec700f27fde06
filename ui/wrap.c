/* Greedy folding at the break opportunities of Unicode's line breaking
   rules (UAX #14, from libunistring): at blanks, and between Japanese
   characters except before closing punctuation.  Lines are byte ranges
   of each paragraph, so blanks inside a line are kept (indentation too)
   and only the blanks where a line breaks are dropped. */
#include <config.h>

#include "wrap.h"

#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <unilbrk.h>
#include <unistr.h>
#include <uniwidth.h>

#include "base/safetext.h"
#include "base/xalloc.h"

static void
push_line (struct ui_lines *out, const char *start, size_t len)
{
  out->lines = xreallocarray (out->lines, out->count + 1,
                              sizeof *out->lines);
  out->lines[out->count++] = xstrndup (start, len);
}

/* Columns of the character at P, whose byte length goes to *SIZE. */
static int
char_width (const char *p, int *size)
{
  ucs4_t c;
  *size = u8_mbtouc (&c, (const uint8_t *) p, strlen (p));
  int w = uc_width (c, "UTF-8");
  return w > 0 ? w : 0;
}

/* Where a line may break, as UAX #14 says, byte by byte of a paragraph;
   NULL when it cannot be worked out (blanks alone are used then). */
static char *
break_opportunities (const char *para)
{
  size_t n = strlen (para);
  char *breaks = xmalloc (n + 1);
  u8_possible_linebreaks ((const uint8_t *) para, n, "UTF-8", breaks);
  breaks[n] = UC_BREAK_POSSIBLE;
  return breaks;
}

/* Whether a line may break before byte P: UAX #14 says where, but not
   inside an ASCII word, where it would allow breaks after "-" and "/"
   and cut options (--cert-only) and paths in two. */
static bool
may_break (const char *para, const char *breaks, const char *p)
{
  if (breaks[p - para] != UC_BREAK_POSSIBLE)
    return false;
  unsigned char before = (unsigned char) p[-1], after = (unsigned char) *p;
  return before >= 0x80 || after >= 0x80 || after == '\0';
}

/* The end of the word at P: the next blank or break opportunity; its
   columns go to *COLS.  BREAKS is indexed from PARA. */
static const char *
word_end (const char *para, const char *breaks, const char *p, int *cols)
{
  int size;
  *cols = 0;
  while (*p && *p != ' ')
    {
      *cols += char_width (p, &size);
      p += size;
      if (may_break (para, breaks, p))
        break;
    }
  return p;
}

/* How much of the word at P fits in ROOM columns (at least one character
   when AT_START, so that a too-narrow width still makes progress); the
   columns taken go to *USED. */
static const char *
fit_part (const char *p, int room, bool at_start, int *used)
{
  int size;
  *used = 0;
  while (*p && *p != ' ')
    {
      int w = char_width (p, &size);
      if (*used + w > room && !(at_start && *used == 0))
        break;
      *used += w;
      p += size;
    }
  return p;
}

struct wrap_state
{
  struct ui_lines *out;
  int width;
  const char *line;         /* where the current line starts */
  int cols;                 /* columns it has so far */
};

/* Adds the word at WORD (WCOLS columns, preceded by GAP blanks) to the
   current line, breaking or cutting as needed. */
static void
add_word (struct wrap_state *st, const char *gap, const char *word,
          int wcols)
{
  int gcols = (int) (word - gap);
  bool has_text = st->line < gap;
  /* Indentation as wide as the line would leave no room at all. */
  if (st->cols + gcols + wcols > st->width && (has_text || gcols >= st->width))
    {
      if (has_text)
        push_line (st->out, st->line, (size_t) (gap - st->line));
      st->line = word;
      st->cols = gcols = 0;
    }
  st->cols += gcols;
  const char *p = word;
  while (st->cols + wcols > st->width)
    {
      int used;
      const char *cut = fit_part (p, st->width - st->cols,
                                  st->line == p, &used);
      /* All of it went in: a character wider than the whole line, which
         overflows on a line of its own. */
      if (!*cut || *cut == ' ')
        break;
      push_line (st->out, st->line, (size_t) (cut - st->line));
      st->line = p = cut;
      st->cols = 0;
      wcols -= used;
    }
  st->cols += wcols;
}

/* PARA is safe text without "\n". */
static void
wrap_paragraph (const char *para, int width, struct ui_lines *out)
{
  struct wrap_state st = { out, width, para, 0 };
  const char *p = para, *text_end = para;
  char *breaks = break_opportunities (para);
  while (*p)
    {
      const char *word = p + strspn (p, " ");
      if (!*word)
        break;
      int wcols;
      const char *end = word_end (para, breaks, word, &wcols);
      add_word (&st, p, word, wcols);
      p = text_end = end;
    }
  push_line (out, st.line, (size_t) (text_end - st.line));
  free (breaks);
}

void
ui_wrap (const char *text, int width, struct ui_lines *out)
{
  *out = (struct ui_lines) { NULL, 0 };
  if (width < 1)
    width = 1;
  const char *p = text;
  while (*p)
    {
      size_t len = strcspn (p, "\n");
      char *safe = cw_safe_text (p, len, cw_locale_is_utf8 ());
      wrap_paragraph (safe, width, out);
      free (safe);
      p += len;
      if (*p == '\n')
        p++;
    }
}

void
ui_lines_free (struct ui_lines *lines)
{
  for (size_t i = 0; i < lines->count; i++)
    free (lines->lines[i]);
  free (lines->lines);
  *lines = (struct ui_lines) { NULL, 0 };
}
