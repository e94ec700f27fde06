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

/* "U+00EF LATIN SMALL LETTER I WITH DIAERESIS" (owned by the caller). */
char *cw_unicode_describe (uint32_t c);

/* The ASCII string that UTF8 can be mistaken for ("mail.microsoft.com"
   for "mail.mïcrosoft.com"), or NULL when some character has no ASCII
   look-alike. */
char *cw_ascii_lookalike (const char *utf8);

#endif
