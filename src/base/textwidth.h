/* Display width of text in terminal columns (double-width characters
   count two), for tables that stay aligned in every language. */
#ifndef CERTWIZ_TEXTWIDTH_H
#define CERTWIZ_TEXTWIDTH_H

#include <stddef.h>

/* Columns S takes; S must be valid UTF-8 (safe text is). */
size_t cw_text_width (const char *s);
/* S cut to at most WIDTH columns, with "…" (or "~") marking a cut, then
   padded with blanks to exactly WIDTH.  Owned by the caller. */
char *cw_text_fit (const char *s, size_t width);

#endif
