/* Printing certificates and store entries on the command line. */
#ifndef CERTWIZ_CLI_CERT_H
#define CERTWIZ_CLI_CERT_H

#include <stdio.h>
#include <time.h>

#include "base/json.h"
#include "pki/certfields.h"
#include "pki/certinfo.h"
#include "store/listing.h"
#include "base/record.h"

/* "Label:      value" with the value made safe; labels are translated and
   padded to one column. */
void cw_cli_field (const char *label, const char *value);


/* The fields of TABLE shown in SHOWN (CW_FIELD_SUMMARY or
   CW_FIELD_TEXT), "Label: value" a line, from SOURCE. */
void cw_cli_print_fields (enum cw_field_table table,
                          const struct cw_field_source *source,
                          unsigned shown);
/* The JSON fields of TABLE, as members of the object JSON is in. */
void cw_cli_json_fields (struct cw_json *json, enum cw_field_table table,
                         const struct cw_field_source *source);

/* Subject, names, issuer, validity, thumbprints: what import, selfsign
   and show print of a certificate. */
void cw_cli_print_cert_summary (const struct cw_certinfo *info);

#endif
