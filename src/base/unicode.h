/* Unicode helpers over libunistring: validity, length in characters,
   character names and ASCII look-alikes. */
#ifndef CERTWIZ_UNICODE_H
#define CERTWIZ_UNICODE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

bool cw_utf8_valid (const char *s, size_t len);
/* Characters, not bytes, in valid UTF-8 S. */
size_t cw_utf8_chars (const char *s);
bool cw_is_ascii (const char *s);
/* Decodes the character at S (valid UTF-8); returns its byte length. */
size_t cw_utf8_decode (const char *s, uint32_t *c);

/* "U+00EF LATIN SMALL LETTER I WITH DIAERESIS", "U+4F8B CJK UNIFIED
   IDEOGRAPH-4F8B" (owned by the caller). */
char *cw_unicode_describe (uint32_t c);
/* The same, but a visible ASCII character is shown quoted: "\"_\"". */
char *cw_unicode_describe_quoted (uint32_t c);
/* Every distinct character of UTF8 for which WANTED is true, in the
   order met, described as cw_unicode_describe_quoted does and separated
   by ", ".  Past MAX distinct ones, "+N" says how many more there are.
   "" when there is none.  Owned by the caller. */
char *cw_unicode_list (const char *utf8, bool (*wanted) (uint32_t c),
                       size_t max);

/* The ASCII string that UTF8 can be mistaken for ("mail.microsoft.com"
   for "mail.mïcrosoft.com"), or NULL when some character has no ASCII
   look-alike. */
char *cw_ascii_lookalike (const char *utf8);

#endif
