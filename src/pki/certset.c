#include <config.h>

#include "pki/certset.h"

#include <errno.h>
#include <fcntl.h>
#include <gnutls/pkcs12.h>
#include <gnutls/pkcs7.h>
#include <stdlib.h>
#include <stdint.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "keys/key.h"
#include "base/i18n.h"
#include "base/xalloc.h"

static bool
has_pem_block (const gnutls_datum_t *data, const char *label)
{
  char *begin = xasprintf ("-----BEGIN %s-----", label);
  bool found = memmem (data->data, data->size, begin, strlen (begin)) != NULL;
  free (begin);
  return found;
}

static bool
is_blank_data (const gnutls_datum_t *data)
{
  for (unsigned i = 0; i < data->size; i++)
    if (!strchr (" \t\r\n", data->data[i]))
      return false;
  return true;
}

static enum cw_file_kind
detect_pem (const gnutls_datum_t *data)
{
  if (has_pem_block (data, "CERTIFICATE"))
    return CW_FILE_CERT_PEM;
  if (has_pem_block (data, "PKCS7"))
    return CW_FILE_PKCS7_PEM;
  if (has_pem_block (data, "PKCS12"))
    return CW_FILE_PKCS12;
  if (has_pem_block (data, "CERTIFICATE REQUEST")
      || has_pem_block (data, "NEW CERTIFICATE REQUEST"))
    return CW_FILE_REQUEST;
  if (memmem (data->data, data->size, "PRIVATE KEY-----", 16))
    return CW_FILE_PRIVATE_KEY;
  return CW_FILE_UNKNOWN;
}

/* DER has no label: the file is what GnuTLS manages to read it as. */
static enum cw_file_kind
detect_der (const gnutls_datum_t *data)
{
  enum cw_file_kind kind = CW_FILE_UNKNOWN;
  gnutls_x509_crt_t crt;
  gnutls_pkcs7_t p7;
  gnutls_pkcs12_t p12;
  gnutls_x509_crq_t crq;
  if (gnutls_x509_crt_init (&crt) >= 0)
    {
      if (gnutls_x509_crt_import (crt, data, GNUTLS_X509_FMT_DER) >= 0)
        kind = CW_FILE_CERT_DER;
      gnutls_x509_crt_deinit (crt);
    }
  if (kind == CW_FILE_UNKNOWN && gnutls_pkcs7_init (&p7) >= 0)
    {
      if (gnutls_pkcs7_import (p7, data, GNUTLS_X509_FMT_DER) >= 0)
        kind = CW_FILE_PKCS7_DER;
      gnutls_pkcs7_deinit (p7);
    }
  if (kind == CW_FILE_UNKNOWN && gnutls_pkcs12_init (&p12) >= 0)
    {
      if (gnutls_pkcs12_import (p12, data, GNUTLS_X509_FMT_DER, 0) >= 0)
        kind = CW_FILE_PKCS12;
      gnutls_pkcs12_deinit (p12);
    }
  if (kind == CW_FILE_UNKNOWN && gnutls_x509_crq_init (&crq) >= 0)
    {
      if (gnutls_x509_crq_import (crq, data, GNUTLS_X509_FMT_DER) >= 0)
        kind = CW_FILE_REQUEST;
      gnutls_x509_crq_deinit (crq);
    }
  if (kind == CW_FILE_UNKNOWN && cw_key_der_is_private (data))
    kind = CW_FILE_PRIVATE_KEY;
  return kind;
}

enum cw_file_kind
cw_file_detect (const gnutls_datum_t *data)
{
  if (data->size == 0 || is_blank_data (data))
    return CW_FILE_EMPTY;
  if (memmem (data->data, data->size, "-----BEGIN ", 11))
    return detect_pem (data);
  /* Every DER structure certwiz reads is a SEQUENCE. */
  if (data->data[0] == 0x30)
    return detect_der (data);
  return CW_FILE_UNKNOWN;
}

const char *
cw_file_kind_describe (enum cw_file_kind kind)
{
  switch (kind)
    {
    case CW_FILE_EMPTY:
      return _("an empty file");
    case CW_FILE_CERT_PEM:
      return _("PEM certificates (.pem, .crt, .cer)");
    case CW_FILE_CERT_DER:
      return _("a DER certificate (.cer, .der)");
    case CW_FILE_PKCS7_PEM:
    case CW_FILE_PKCS7_DER:
      return _("a PKCS#7 bundle (.p7b)");
    case CW_FILE_PKCS12:
      return _("a PKCS#12 backup (.pfx, .p12)");
    case CW_FILE_REQUEST:
      return _("a certificate request (.req, .csr)");
    case CW_FILE_PRIVATE_KEY:
      return _("a private key");
    case CW_FILE_UNKNOWN:
      break;
    }
  return _("an unknown kind of file");
}

void
cw_certs_add (struct cw_certs *certs, gnutls_x509_crt_t crt)
{
  if (certs->count == certs->capacity)
    {
      certs->capacity = certs->capacity ? 2 * certs->capacity : 8;
      certs->items = xreallocarray (certs->items, certs->capacity,
                                    sizeof *certs->items);
    }
  certs->items[certs->count++] = crt;
}

void
cw_certs_free (struct cw_certs *certs)
{
  for (size_t i = 0; i < certs->count; i++)
    gnutls_x509_crt_deinit (certs->items[i]);
  free (certs->items);
  *certs = (struct cw_certs) CW_CERTS_INIT;
}

static int
add_one (struct cw_certs *certs, const gnutls_datum_t *der)
{
  gnutls_x509_crt_t crt;
  int ret = gnutls_x509_crt_init (&crt);
  if (ret < 0)
    return ret;
  ret = gnutls_x509_crt_import (crt, der, GNUTLS_X509_FMT_DER);
  if (ret < 0)
    gnutls_x509_crt_deinit (crt);
  else
    cw_certs_add (certs, crt);
  return ret;
}

static int
read_pem_certs (const gnutls_datum_t *data, struct cw_certs *certs)
{
  gnutls_x509_crt_t *list;
  unsigned count;
  int ret = gnutls_x509_crt_list_import2 (&list, &count, data,
                                          GNUTLS_X509_FMT_PEM, 0);
  if (ret < 0)
    return ret;
  for (unsigned i = 0; i < count; i++)
    cw_certs_add (certs, list[i]);
  gnutls_free (list);
  return 0;
}

static int
read_pkcs7 (const gnutls_datum_t *data, gnutls_x509_crt_fmt_t format,
            struct cw_certs *certs)
{
  gnutls_pkcs7_t p7;
  int ret = gnutls_pkcs7_init (&p7);
  if (ret < 0)
    return ret;
  ret = gnutls_pkcs7_import (p7, data, format);
  int count = ret < 0 ? 0 : gnutls_pkcs7_get_crt_count (p7);
  for (int i = 0; i < count && ret >= 0; i++)
    {
      gnutls_datum_t der;
      ret = gnutls_pkcs7_get_crt_raw2 (p7, (unsigned) i, &der);
      if (ret >= 0)
        {
          ret = add_one (certs, &der);
          gnutls_free (der.data);
        }
    }
  gnutls_pkcs7_deinit (p7);
  return ret < 0 ? ret : 0;
}

static enum cw_status
refuse_kind (enum cw_file_kind kind, const char *file, struct cw_diags *diags)
{
  if (kind == CW_FILE_REQUEST)
    cw_diag_add (diags, CW_ERROR, "file-is-request", "file",
                 _("\"%s\" is a certificate request, not a certificate. Send "
                   "it to your certificate authority, and import the "
                   "certificate it sends back."), file);
  else if (kind == CW_FILE_PRIVATE_KEY)
    cw_diag_add (diags, CW_ERROR, "file-is-key", "file",
                 _("\"%s\" holds a private key, not a certificate. To "
                   "restore a key with its certificate, import the PKCS#12 "
                   "backup (.pfx or .p12) that holds both."), file);
  else if (kind == CW_FILE_EMPTY)
    cw_diag_add (diags, CW_ERROR, "file-empty", "file",
                 _("\"%s\" is empty. Check that the download or copy of the "
                   "certificate finished, and try again."), file);
  else
    cw_diag_add (diags, CW_ERROR, "file-unknown", "file",
                 _("\"%s\" is not a certificate certwiz can read. It should "
                   "be a .cer, .crt, .pem, .der, .p7b or .pfx file from "
                   "your certificate authority."), file);
  return CW_REFUSED;
}

/* A certificate whose public key cannot be read is of no use, and every
   later step (key IDs, binding) would fail on it: it is dropped. */
bool
cw_cert_key_readable (gnutls_x509_crt_t crt)
{
  unsigned char id[20];
  size_t size = sizeof id;
  return gnutls_x509_crt_get_key_id (crt, GNUTLS_KEYID_USE_SHA1, id, &size)
         >= 0;
}

bool
cw_cert_usable (gnutls_x509_crt_t crt, size_t number, const char *file,
                struct cw_diags *diags)
{
  if (cw_cert_key_readable (crt))
    return true;
  cw_cert_warn_unusable (number, file, diags);
  return false;
}

void
cw_cert_warn_unusable (size_t number, const char *file,
                       struct cw_diags *diags)
{
  cw_diag_add (diags, CW_WARNING, "cert-unreadable", "file",
               _("Certificate %zu of \"%s\" has a damaged public key and "
                 "was skipped. If it is the one you need, get the file "
                 "again."), number, file);
}

void
cw_certs_drop_unreadable (struct cw_certs *certs, size_t first,
                          const char *file, struct cw_diags *diags)
{
  size_t kept = first;
  for (size_t i = first; i < certs->count; i++)
    if (cw_cert_usable (certs->items[i], i - first + 1, file, diags))
      certs->items[kept++] = certs->items[i];
    else
      gnutls_x509_crt_deinit (certs->items[i]);
  certs->count = kept;
}

enum cw_status
cw_certs_read (const gnutls_datum_t *data, const char *file,
               struct cw_certs *certs, struct cw_diags *diags)
{
  size_t first = certs->count;
  enum cw_file_kind kind = cw_file_detect (data);
  int ret;
  switch (kind)
    {
    case CW_FILE_CERT_PEM:
      ret = read_pem_certs (data, certs);
      break;
    case CW_FILE_CERT_DER:
      ret = add_one (certs, data);
      break;
    case CW_FILE_PKCS7_PEM:
    case CW_FILE_PKCS7_DER:
      ret = read_pkcs7 (data, kind == CW_FILE_PKCS7_PEM ? GNUTLS_X509_FMT_PEM
                                                        : GNUTLS_X509_FMT_DER,
                        certs);
      break;
    default:
      return refuse_kind (kind, file, diags);
    }
  if (ret >= 0)
    cw_certs_drop_unreadable (certs, first, file, diags);
  if (ret >= 0 && certs->count > first)
    return CW_OK;
  cw_certs_refuse_damaged (kind, file, ret, diags);
  cw_certs_free (certs);
  return CW_REFUSED;
}

void
cw_certs_refuse_damaged (enum cw_file_kind kind, const char *file, int ret,
                         struct cw_diags *diags)
{
  cw_diag_add (diags, CW_ERROR, "file-malformed", "file",
               _("\"%s\" looks like %s but cannot be read: %s. The file may "
                 "be cut short or damaged; download or copy it again."),
               file, cw_file_kind_describe (kind),
               ret < 0 ? gnutls_strerror (ret) : _("it holds no certificate"));
}

static enum cw_status
file_error (const char *file, int err, struct cw_diags *diags)
{
  cw_diag_add (diags, CW_ERROR, "file-read", "file",
               _("Cannot read \"%s\": %s. Check the file name and that you "
                 "may read the file."), file, strerror (err));
  return CW_REFUSED;
}

static enum cw_status
too_large (const char *file, size_t max, struct cw_diags *diags)
{
  cw_diag_add (diags, CW_ERROR, "file-too-large", "file",
               _("\"%s\" is larger than %zu MiB, far more than any "
                 "certificate file or bundle. Check that it is the right "
                 "file; nothing of it was read."), file,
               max / (1024 * 1024));
  return CW_REFUSED;
}

/* Returns 0, an errno value, or EFBIG past MAX bytes. */
static int
read_all (int fd, size_t max, unsigned char **buf, size_t *size)
{
  size_t capacity = 64 * 1024;
  *buf = xmalloc (capacity);
  *size = 0;
  for (;;)
    {
      if (*size == capacity)
        *buf = xreallocarray (*buf, capacity *= 2, 1);
      ssize_t n = read (fd, *buf + *size, capacity - *size);
      if (n == 0)
        return 0;
      if (n < 0 && errno != EINTR)
        return errno;
      *size += n > 0 ? (size_t) n : 0;
      if (*size > max)
        return EFBIG;
    }
}

enum cw_status
cw_fd_read (int fd, const char *file, size_t max, gnutls_datum_t *data,
            struct cw_diags *diags)
{
  struct stat st;
  int err = fstat (fd, &st) < 0 ? errno : S_ISDIR (st.st_mode) ? EISDIR : 0;
  unsigned char *buf = NULL;
  size_t size = 0;
  /* Refused before a byte is read; a pipe is stopped past MAX. */
  if (!err && S_ISREG (st.st_mode) && (uintmax_t) st.st_size > max)
    err = EFBIG;
  if (!err)
    err = read_all (fd, max, &buf, &size);
  if (err)
    {
      free (buf);
      return err == EFBIG ? too_large (file, max, diags)
                          : file_error (file, err, diags);
    }
  *data = (gnutls_datum_t) { buf, (unsigned) size };
  return CW_OK;
}

enum cw_status
cw_file_read_failed (const char *file, int err, struct cw_diags *diags)
{
  return file_error (file, err, diags);
}

enum cw_status
cw_input_read (const char *file, gnutls_datum_t *data,
               struct cw_diags *diags)
{
  return cw_file_read (file, CW_INPUT_MAX_BYTES, data, diags);
}

enum cw_status
cw_file_read (const char *file, size_t max, gnutls_datum_t *data,
              struct cw_diags *diags)
{
  if (strcmp (file, "-") == 0)
    return cw_fd_read (STDIN_FILENO, file, max, data, diags);
  int fd = open (file, O_RDONLY | O_CLOEXEC);
  if (fd < 0)
    return file_error (file, errno, diags);
  enum cw_status status = cw_fd_read (fd, file, max, data, diags);
  close (fd);
  return status;
}
