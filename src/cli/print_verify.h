/* What certwiz test and verify print: the certificates, each check with
   its verdict, and the same as JSON. */
#ifndef CERTWIZ_CLI_PRINT_VERIFY_H
#define CERTWIZ_CLI_PRINT_VERIFY_H

#include "base/json.h"
#include "pki/certset.h"
#include "pki/verify.h"

/* Each certificate as show summarizes it, under "Certificate N of M". */
void cw_cli_print_certs (gnutls_x509_crt_t *certs, size_t count);
/* One line a check, then how many failed. */
void cw_cli_print_checks (const struct cw_verification *v);

/* "certificates": [...], "checks": {...}, "days_left", "problems",
   "passed", inside the open object of JSON. */
void cw_cli_json_verification (struct cw_json *json,
                               gnutls_x509_crt_t *certs, size_t count,
                               const struct cw_verification *v);
/* "problems": [...]: DIAGS as JSON objects. */
void cw_cli_json_problems (struct cw_json *json,
                           const struct cw_diags *diags);

#endif
