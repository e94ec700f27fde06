/* Text from users, files and certificates made safe for a terminal:
   control characters, escape sequences, bidirectional overrides and
   invalid UTF-8 are shown escaped, never interpreted. */
#ifndef CERTWIZ_SAFETEXT_H
#define CERTWIZ_SAFETEXT_H

#include <stdbool.h>
#include <stddef.h>

/* Returns the escaped form of LEN bytes at TEXT: C0 and C1 controls, DEL
   and bytes of invalid UTF-8 as \xHH, bidirectional controls as <U+202E>.
   When UTF8_OK is false (a terminal that cannot show UTF-8) every
   non-ASCII character is shown as <U+XXXX> too. */
char *cw_safe_text (const char *text, size_t len, bool utf8_ok);

/* Whether the current locale's terminal encoding is UTF-8. */
bool cw_locale_is_utf8 (void);

#endif
