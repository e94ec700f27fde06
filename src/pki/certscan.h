/* The summaries of every certificate of a file, parsed on every
   processor at once: what certwiz list --file shows of a bundle of
   thousands.  The same certificates, refusals and warnings as
   cw_certs_read. */
#ifndef CERTWIZ_CERTSCAN_H
#define CERTWIZ_CERTSCAN_H

#include <gnutls/gnutls.h>
#include <stddef.h>

#include "pki/certinfo.h"
#include "base/diag.h"
#include "base/status.h"

struct cw_scan
{
  struct cw_cert_summary *items;   /* in the file's order */
  size_t count;
};

#define CW_SCAN_INIT { NULL, 0 }

enum cw_status cw_scan_file (const gnutls_datum_t *data, const char *file,
                             struct cw_scan *scan, struct cw_diags *diags);
void cw_scan_free (struct cw_scan *scan);

#endif
