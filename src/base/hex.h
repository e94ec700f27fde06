/* Lower-case hexadecimal, as thumbprints and key IDs are shown. */
#ifndef CERTWIZ_HEX_H
#define CERTWIZ_HEX_H

#include <stddef.h>

/* OUT must hold 2 * LEN + 1 bytes. */
void cw_hex_encode (const unsigned char *bytes, size_t len, char *out);

#endif
