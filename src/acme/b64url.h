/* base64url without padding (RFC 4648 §5), as JOSE and ACME write it. */
#ifndef CERTWIZ_ACME_B64URL_H
#define CERTWIZ_ACME_B64URL_H

#include <stdbool.h>
#include <stddef.h>

/* The encoding of LEN bytes at DATA (owned by the caller). */
char *cw_b64url_encode (const void *data, size_t len);
/* Decodes TEXT (padding and surrounding blanks allowed) into *OUT
   (owned by the caller, LEN bytes); false when TEXT is not base64url. */
bool cw_b64url_decode (const char *text, unsigned char **out, size_t *len);
/* Whether TEXT is a non-empty run of base64url characters only: what an
   ACME token must be before it names a file or a path. */
bool cw_b64url_token_valid (const char *text);

#endif
