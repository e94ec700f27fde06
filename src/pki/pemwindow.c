#include <config.h>

#include "pki/pemwindow.h"

#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "pki/certset.h"
#include "base/xalloc.h"

/* The marker cw_pem_next_cert finds blocks by, the ones cw_file_detect
   and GnuTLS's list import look for, and the end of a block's text. */
static const char mark[] = "-----BEGIN CERTIFICATE";
static const char detect_mark[] = "-----BEGIN CERTIFICATE-----";
static const char x509_mark[] = "-----BEGIN X509 CERTIFICATE";
static const char end_mark[] = "-----END ";

static size_t
find (const struct cw_pem_window *w, const char *needle, size_t from)
{
  if (from >= w->len)
    return w->len;
  const unsigned char *at = memmem (w->buf + from, w->len - from, needle,
                                    strlen (needle));
  return at ? (size_t) (at - w->buf) : w->len;
}

/* Reads until the window is full or the file ends; 0 or an errno. */
static int
fill (struct cw_pem_window *w)
{
  while (!w->eof && w->len < w->cap)
    {
      ssize_t n = read (w->fd, w->buf + w->len, w->cap - w->len);
      if (n < 0 && errno == EINTR)
        continue;
      if (n < 0)
        return errno;
      w->eof = n == 0;
      w->len += (size_t) n;
    }
  return 0;
}

static void
drop (struct cw_pem_window *w, size_t count)
{
  memmove (w->buf, w->buf + count, w->len - count);
  w->len -= count;
  w->base += count;
}

/* A marker cut by the window's end is kept for the next window. */
static void
drop_all_but_a_marker (struct cw_pem_window *w, const char *longest)
{
  size_t keep = strlen (longest) - 1;
  drop (w, w->len > keep ? w->len - keep : 0);
}

/* The whole file, a window at a time: whether it holds the marker that
   makes it PEM certificates and none of those GnuTLS's list import
   looks for only at the end. */
static bool
plain_pem_certificates (struct cw_pem_window *w)
{
  bool certs = false, x509 = false;
  for (;;)
    {
      if (fill (w) != 0)
        return false;
      certs = certs || find (w, detect_mark, 0) < w->len;
      x509 = x509 || find (w, x509_mark, 0) < w->len;
      if (w->eof || x509)
        break;
      drop_all_but_a_marker (w, detect_mark);
    }
  w->len = w->base = 0;
  w->eof = false;
  return certs && !x509 && lseek (w->fd, 0, SEEK_SET) == 0;
}

bool
cw_pem_window_open (struct cw_pem_window *w, const char *file, size_t cap)
{
  struct stat st;
  /* A marker must fit twice, or a cut one would never be whole. */
  if (cap < 2 * sizeof detect_mark)
    cap = 2 * sizeof detect_mark;
  *w = (struct cw_pem_window) { .fd = -1, .file = file, .cap = cap };
  if (strcmp (file, "-") != 0)
    w->fd = open (file, O_RDONLY | O_CLOEXEC);
  if (w->fd < 0)
    return false;
  if (fstat (w->fd, &st) == 0 && S_ISREG (st.st_mode)
      && (uintmax_t) st.st_size <= CW_INPUT_MAX_BYTES)
    {
      w->buf = xmalloc (w->cap);
      if (plain_pem_certificates (w))
        return true;
    }
  cw_pem_window_close (w);
  return false;
}

/* Whether the text of the block at AT is in the window through the end
   of its END line: all GnuTLS reads of it. */
static bool
text_whole (const struct cw_pem_window *w, size_t at)
{
  size_t end = find (w, end_mark, at + strlen (mark));
  return end < w->len && memchr (w->buf + end, '\n', w->len - end);
}

static void
push (struct cw_pem_window *w, size_t *count, size_t at)
{
  if (*count == w->block_cap)
    {
      w->block_cap = w->block_cap ? 2 * w->block_cap : 256;
      w->blocks = xreallocarray (w->blocks, w->block_cap, sizeof *w->blocks);
    }
  w->blocks[(*count)++] = at;
}

/* The blocks whose text is whole, from the window's start; what of
   the window the next call needs: from the first other block, or from
   just after the last one given (the next may start anywhere after
   it); the window's length when the file is read. */
static size_t
whole_blocks (struct cw_pem_window *w, size_t *count)
{
  size_t at = find (w, mark, 0);
  *count = 0;
  while (at < w->len && (w->eof || text_whole (w, at)))
    {
      push (w, count, at);
      at = find (w, mark, at + 1);
    }
  return at < w->len || w->eof || *count == 0
         ? at : w->blocks[*count - 1] + 1;
}

enum cw_status
cw_pem_window_next (struct cw_pem_window *w, gnutls_datum_t *data,
                    const size_t **blocks, size_t *count,
                    struct cw_diags *diags)
{
  drop (w, w->keep);
  w->keep = 0;
  for (;;)
    {
      int err = fill (w);
      if (err)
        {
          cw_file_read_failed (w->file, err, diags);
          *count = 0;
          return CW_REFUSED;
        }
      size_t at = whole_blocks (w, count);
      if (*count > 0 || w->eof)
        {
          w->keep = at;
          *data = (gnutls_datum_t) { w->buf, (unsigned) w->len };
          *blocks = w->blocks;
          return CW_OK;
        }
      /* Nothing before the first block is needed again; a block longer
         than the window makes it grow. */
      if (at == w->len)
        drop_all_but_a_marker (w, mark);
      else if (at > 0)
        drop (w, at);
      else if (w->len == w->cap)
        w->buf = xreallocarray (w->buf, w->cap *= 2, 1);
    }
}

void
cw_pem_window_close (struct cw_pem_window *w)
{
  if (w->fd >= 0)
    close (w->fd);
  /* The file may hold a private key beside its certificates. */
  if (w->buf)
    explicit_bzero (w->buf, w->cap);
  free (w->buf);
  free (w->blocks);
  *w = (struct cw_pem_window) { .fd = -1 };
}
