/* A file of PEM certificates read a window at a time: certwiz list
   --file of a bundle of thousands holds a window of it, never the whole
   file.  The blocks found are those cw_pem_next_cert finds in the whole
   file, and each is handed out with its text through its END line, so
   that GnuTLS reads it as it would read it in the whole file. */
#ifndef CERTWIZ_PEMWINDOW_H
#define CERTWIZ_PEMWINDOW_H

#include <gnutls/gnutls.h>
#include <stdbool.h>
#include <stddef.h>

#include "base/diag.h"
#include "base/status.h"

/* What a window holds at first: a few hundred certificates. */
#define CW_PEM_WINDOW_BYTES (512u * 1024u)

struct cw_pem_window
{
  int fd;
  const char *file;
  unsigned char *buf;
  size_t len, cap;
  size_t base;             /* where in the file buf[0] is */
  size_t keep;             /* what of buf the next call keeps, from */
  bool eof;
  size_t *blocks;          /* the blocks handed out, offsets into buf */
  size_t block_cap;
};

/* Opens FILE to be read in windows of CAP bytes (more for a block
   longer than that) when it can be: a regular file, no larger than
   CW_INPUT_MAX_BYTES, that cw_file_detect would call PEM certificates,
   and without the "X509 CERTIFICATE" blocks GnuTLS looks for only once
   no other is left.  False otherwise, with nothing reported and nothing
   to close: the caller reads the file whole, which says what is wrong
   with it. */
bool cw_pem_window_open (struct cw_pem_window *window, const char *file,
                         size_t cap);

/* The next blocks whose text is whole in the window, in the file's
   order: *COUNT offsets into *DATA (valid until the next call), each
   block read by cw_cert_at (DATA, offset).  *COUNT 0 once the file is
   read.  CW_REFUSED, with an error, when reading fails part way. */
enum cw_status cw_pem_window_next (struct cw_pem_window *window,
                                   gnutls_datum_t *data,
                                   const size_t **blocks, size_t *count,
                                   struct cw_diags *diags);

void cw_pem_window_close (struct cw_pem_window *window);

#endif
