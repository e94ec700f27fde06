/* Printing certificates and store entries on the command line. */
#ifndef CERTWIZ_CLI_CERT_H
#define CERTWIZ_CLI_CERT_H

#include <stdio.h>
#include <time.h>

#include "pki/certinfo.h"
#include "store/listing.h"
#include "base/record.h"

/* "Label:      value" with the value made safe; labels are translated and
   padded to one column. */
void cw_cli_field (const char *label, const char *value);


/* Subject, names, issuer, validity, thumbprints: what import, selfsign
   and show print of a certificate. */
void cw_cli_print_cert_summary (const struct cw_certinfo *info);

#endif
