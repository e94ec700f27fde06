/* The summaries of every certificate of a file, parsed on every
   processor at once and handed out one by one: what certwiz list --file
   shows of a bundle of thousands, holding neither the file nor its
   certificates.  The same certificates, refusals and warnings as
   cw_certs_read. */
#ifndef CERTWIZ_CERTSCAN_H
#define CERTWIZ_CERTSCAN_H

#include <gnutls/gnutls.h>
#include <stddef.h>

#include "pki/certinfo.h"
#include "base/diag.h"
#include "base/status.h"

/* What cw_scan_each hands each summary to; SUMMARY is freed after. */
typedef void (*cw_scan_fn) (const struct cw_cert_summary *summary,
                            void *state);

/* Reads FILE ("-": standard input), a PEM file a window at a time
   (pki/pemwindow.h), and calls EACH for the summary of every usable
   certificate, in the file's order.  A damaged block refuses the file
   as cw_certs_read does, with its error alone, once EACH was already
   called for the certificates before it: a caller that must show
   nothing of a refused file keeps what it was given until the end. */
enum cw_status cw_scan_each (const char *file, cw_scan_fn each, void *state,
                             struct cw_diags *diags);

#endif
