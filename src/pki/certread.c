#include <config.h>

#include "pki/certread.h"

#include <stdlib.h>
#include <string.h>

#include "pki/pemwindow.h"

/* The markers GnuTLS's own list import looks for, in its order: the
   blocks found are those gnutls_x509_crt_list_import2 would read. */
static const char mark[] = "-----BEGIN CERTIFICATE";
static const char mark_x509[] = "-----BEGIN X509 CERTIFICATE";

size_t
cw_pem_next_cert (const gnutls_datum_t *data, size_t from)
{
  if (from >= data->size)
    return data->size;
  const void *at = memmem (data->data + from, data->size - from, mark,
                           sizeof mark - 1);
  if (!at)
    at = memmem (data->data + from, data->size - from, mark_x509,
                 sizeof mark_x509 - 1);
  return at ? (size_t) ((const unsigned char *) at - data->data) : data->size;
}

enum cw_status
cw_cert_reader_open (struct cw_cert_reader *reader,
                     const gnutls_datum_t *data, const char *file,
                     struct cw_diags *diags)
{
  *reader = (struct cw_cert_reader) { .data = data, .file = file,
                                      .whole = CW_CERTS_INIT };
  reader->kind = cw_file_detect (data);
  if (reader->kind == CW_FILE_CERT_PEM)
    {
      reader->next = cw_pem_next_cert (data, 0);
      return CW_OK;
    }
  return cw_certs_read (data, file, &reader->whole, diags);
}

int
cw_cert_at (const gnutls_datum_t *data, size_t offset, gnutls_x509_crt_t *crt)
{
  /* From the block to the end of the data, as GnuTLS's list import
     hands each block to gnutls_x509_crt_import. */
  gnutls_datum_t rest = { data->data + offset, (unsigned) (data->size
                                                           - offset) };
  int ret = gnutls_x509_crt_init (crt);
  if (ret < 0)
    return ret;
  ret = gnutls_x509_crt_import (*crt, &rest, GNUTLS_X509_FMT_PEM);
  if (ret < 0)
    {
      gnutls_x509_crt_deinit (*crt);
      *crt = NULL;
    }
  return ret;
}

static enum cw_status
next_whole (struct cw_cert_reader *reader, gnutls_x509_crt_t *crt)
{
  if (reader->given < reader->whole.count)
    {
      *crt = reader->whole.items[reader->given];
      reader->whole.items[reader->given++] = NULL;
    }
  return CW_OK;
}

enum cw_status
cw_cert_reader_next (struct cw_cert_reader *reader, gnutls_x509_crt_t *crt,
                     size_t *offset, struct cw_diags *diags)
{
  *crt = NULL;
  *offset = 0;
  if (reader->kind != CW_FILE_CERT_PEM)
    return next_whole (reader, crt);
  while (reader->next < reader->data->size)
    {
      size_t at = reader->next;
      reader->next = cw_pem_next_cert (reader->data, at + 1);
      reader->number++;
      int ret = cw_cert_at (reader->data, at, crt);
      if (ret < 0)
        {
          cw_certs_refuse_damaged (reader->kind, reader->file, ret, diags);
          return CW_REFUSED;
        }
      if (cw_cert_usable (*crt, reader->number, reader->file, diags))
        {
          *offset = at;
          reader->given++;
          return CW_OK;
        }
      gnutls_x509_crt_deinit (*crt);
      *crt = NULL;
    }
  if (reader->given == 0 && reader->number > 0 && !reader->ended)
    {
      /* Every block was skipped: as cw_certs_read, the file is refused. */
      reader->ended = true;
      cw_certs_refuse_damaged (reader->kind, reader->file, 0, diags);
      return CW_REFUSED;
    }
  return CW_OK;
}

void
cw_cert_reader_close (struct cw_cert_reader *reader)
{
  for (size_t i = 0; i < reader->whole.count; i++)
    if (reader->whole.items[i])
      gnutls_x509_crt_deinit (reader->whole.items[i]);
  free (reader->whole.items);
  reader->whole = (struct cw_certs) CW_CERTS_INIT;
}

enum cw_status
cw_certs_each (const gnutls_datum_t *data, const char *file,
               cw_cert_each_fn each, void *state, struct cw_diags *diags)
{
  struct cw_cert_reader reader;
  enum cw_status status = cw_cert_reader_open (&reader, data, file, diags);
  for (size_t index = 0; status == CW_OK; index++)
    {
      gnutls_x509_crt_t crt;
      size_t offset;
      status = cw_cert_reader_next (&reader, &crt, &offset, diags);
      if (status != CW_OK || !crt)
        break;
      if (!each (crt, index, state))
        gnutls_x509_crt_deinit (crt);
    }
  cw_cert_reader_close (&reader);
  return status;
}

/* A PEM file a window at a time, as cw_cert_reader_next reads it. */
static enum cw_status
each_in_windows (struct cw_pem_window *window, const char *file,
                 cw_cert_each_fn each, void *state, struct cw_diags *diags)
{
  size_t number = 0, given = 0, count;
  enum cw_status status;
  do
    {
      gnutls_datum_t data;
      const size_t *blocks;
      status = cw_pem_window_next (window, &data, &blocks, &count, diags);
      for (size_t i = 0; status == CW_OK && i < count; i++)
        {
          gnutls_x509_crt_t crt;
          int ret = cw_cert_at (&data, blocks[i], &crt);
          if (ret < 0)
            {
              cw_certs_refuse_damaged (CW_FILE_CERT_PEM, file, ret, diags);
              status = CW_REFUSED;
            }
          else if (!cw_cert_usable (crt, ++number, file, diags))
            gnutls_x509_crt_deinit (crt);
          else if (!each (crt, given++, state))
            gnutls_x509_crt_deinit (crt);
        }
    }
  while (status == CW_OK && count > 0);
  if (status == CW_OK && given == 0)
    {
      cw_certs_refuse_damaged (CW_FILE_CERT_PEM, file, 0, diags);
      status = CW_REFUSED;
    }
  return status;
}

enum cw_status
cw_certs_each_file (const char *file, cw_cert_each_fn each, void *state,
                    struct cw_diags *diags)
{
  struct cw_pem_window window;
  if (cw_pem_window_open (&window, file, CW_PEM_WINDOW_BYTES))
    {
      enum cw_status status = each_in_windows (&window, file, each, state,
                                               diags);
      cw_pem_window_close (&window);
      return status;
    }
  gnutls_datum_t data;
  enum cw_status status = cw_input_read (file, &data, diags);
  if (status != CW_OK)
    return status;
  status = cw_certs_each (&data, file, each, state, diags);
  explicit_bzero (data.data, data.size);
  free (data.data);
  return status;
}
