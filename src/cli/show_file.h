/* certwiz show FILE: the certificates of a file, read one at a time so
   that a bundle of thousands takes little more memory than the file.
   The printing of one certificate, which show of an ID shares. */
#ifndef CERTWIZ_CLI_SHOW_FILE_H
#define CERTWIZ_CLI_SHOW_FILE_H

#include <gnutls/x509.h>
#include <stdbool.h>

#include "base/diag.h"
#include "base/json.h"
#include "base/status.h"

enum cw_show_format { CW_SHOW_TEXT, CW_SHOW_JSON, CW_SHOW_PEM };

/* Every text field of CRT; a blank line first when AFTER_ANOTHER. */
void cw_show_cert_text (gnutls_x509_crt_t crt, bool after_another);
/* CRT as one JSON object of the certificates' array. */
void cw_show_cert_json (struct cw_json *json, gnutls_x509_crt_t crt);
/* CRT in PEM. */
void cw_show_cert_pem (gnutls_x509_crt_t crt);

/* The certificates of FILE in FORMAT: the first in full, the names of
   the others, then each of them in full (text); or every one (JSON,
   PEM).  The whole file is checked before anything is printed: a
   damaged one prints nothing, as when all were read at once. */
enum cw_status cw_show_file (const char *file, enum cw_show_format format,
                             struct cw_diags *diags);

#endif
