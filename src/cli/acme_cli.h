/* What the ACME commands (account, enroll, renew) share on the command
   line: the CA bundle, the timeout from the environment, libcurl's start,
   and printing what the CA says safely. */
#ifndef CERTWIZ_CLI_ACME_H
#define CERTWIZ_CLI_ACME_H

#include <stdbool.h>

/* Starts libcurl; false (with an error printed) when it cannot. */
bool cw_cli_acme_start (void);
/* $CERTWIZ_ACME_TIMEOUT seconds as milliseconds, else 0 (the default). */
long cw_cli_acme_timeout (void);
/* "LABEL: VALUE" with VALUE made safe, as cw_cli_field. */
void cw_cli_acme_field (const char *label, const char *value);

#endif
