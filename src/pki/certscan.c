#include <config.h>

#include "pki/certscan.h"

#include <pthread.h>
#include <stdbool.h>
#include <stdlib.h>

#include "pki/certread.h"
#include "base/processors.h"
#include "base/xalloc.h"

/* Below this many certificates a second thread costs more than it
   saves. */
#define MIN_PER_THREAD 256
#define MAX_THREADS 8

/* What became of one PEM block. */
struct slot
{
  size_t offset;
  int ret;                 /* < 0: GnuTLS could not read it */
  bool usable;             /* its public key can be read */
  bool summarized;
  struct cw_cert_summary summary;
};

struct share
{
  const gnutls_datum_t *data;
  struct slot *slots;
  size_t first, end;
};

static void
read_slot (const gnutls_datum_t *data, struct slot *slot)
{
  gnutls_x509_crt_t crt;
  slot->ret = cw_cert_at (data, slot->offset, &crt);
  if (slot->ret < 0)
    return;
  /* Warnings are given in the file's order, by collect. */
  slot->usable = cw_cert_key_readable (crt);
  slot->summarized = slot->usable
                     && cw_cert_summary_get (crt, &slot->summary) >= 0;
  gnutls_x509_crt_deinit (crt);
}

static void *
read_share (void *arg)
{
  struct share *share = arg;
  for (size_t i = share->first; i < share->end; i++)
    read_slot (share->data, &share->slots[i]);
  return NULL;
}

static size_t
thread_count (size_t blocks)
{
  size_t n = cw_processors ();
  if (n > MAX_THREADS)
    n = MAX_THREADS;
  if (n > blocks / MIN_PER_THREAD)
    n = blocks / MIN_PER_THREAD;
  return n ? n : 1;
}

/* Each thread reads a run of blocks; GnuTLS objects are never shared. */
static void
read_slots (const gnutls_datum_t *data, struct slot *slots, size_t count)
{
  size_t threads = thread_count (count);
  struct share shares[MAX_THREADS];
  pthread_t ids[MAX_THREADS];
  bool started[MAX_THREADS] = { false };
  for (size_t t = 0; t < threads; t++)
    {
      shares[t] = (struct share) { data, slots, count * t / threads,
                                   count * (t + 1) / threads };
      /* The first run is this thread's own. */
      started[t] = t > 0 && pthread_create (&ids[t], NULL, read_share,
                                            &shares[t]) == 0;
    }
  for (size_t t = 0; t < threads; t++)
    if (!started[t])
      read_share (&shares[t]);
  for (size_t t = 0; t < threads; t++)
    if (started[t])
      pthread_join (ids[t], NULL);
}

static size_t
find_blocks (const gnutls_datum_t *data, struct slot **slots)
{
  size_t count = 0, capacity = 0;
  *slots = NULL;
  for (size_t at = cw_pem_next_cert (data, 0); at < data->size;
       at = cw_pem_next_cert (data, at + 1))
    {
      if (count == capacity)
        {
          capacity = capacity ? 2 * capacity : 64;
          *slots = xreallocarray (*slots, capacity, sizeof **slots);
        }
      (*slots)[count++] = (struct slot) { .offset = at };
    }
  return count;
}

/* In the file's order, as cw_certs_read would: one damaged block refuses
   the file, a damaged key skips its certificate with a warning. */
static enum cw_status
collect (struct slot *slots, size_t count, const char *file,
         struct cw_scan *scan, struct cw_diags *diags)
{
  for (size_t i = 0; i < count; i++)
    if (slots[i].ret < 0)
      {
        cw_certs_refuse_damaged (CW_FILE_CERT_PEM, file, slots[i].ret, diags);
        return CW_REFUSED;
      }
  scan->items = xcalloc (count ? count : 1, sizeof *scan->items);
  size_t usable = 0;
  for (size_t i = 0; i < count; i++)
    {
      if (!slots[i].usable)
        {
          cw_cert_warn_unusable (i + 1, file, diags);
          continue;
        }
      usable++;
      if (slots[i].summarized)
        {
          scan->items[scan->count++] = slots[i].summary;
          slots[i].summarized = false;
        }
    }
  if (usable > 0)
    return CW_OK;
  cw_certs_refuse_damaged (CW_FILE_CERT_PEM, file, 0, diags);
  return CW_REFUSED;
}

/* A DER certificate or a PKCS#7 bundle holds few: read in turn. */
static enum cw_status
scan_whole (const gnutls_datum_t *data, const char *file,
            struct cw_scan *scan, struct cw_diags *diags)
{
  struct cw_cert_reader reader;
  enum cw_status status = cw_cert_reader_open (&reader, data, file, diags);
  while (status == CW_OK)
    {
      gnutls_x509_crt_t crt;
      size_t offset;
      struct cw_cert_summary summary;
      status = cw_cert_reader_next (&reader, &crt, &offset, diags);
      if (status != CW_OK || !crt)
        break;
      if (cw_cert_summary_get (crt, &summary) >= 0)
        {
          scan->items = xreallocarray (scan->items, scan->count + 1,
                                       sizeof *scan->items);
          scan->items[scan->count++] = summary;
        }
      gnutls_x509_crt_deinit (crt);
    }
  cw_cert_reader_close (&reader);
  return status;
}

enum cw_status
cw_scan_file (const gnutls_datum_t *data, const char *file,
              struct cw_scan *scan, struct cw_diags *diags)
{
  *scan = (struct cw_scan) CW_SCAN_INIT;
  if (cw_file_detect (data) != CW_FILE_CERT_PEM)
    return scan_whole (data, file, scan, diags);
  struct slot *slots;
  size_t count = find_blocks (data, &slots);
  read_slots (data, slots, count);
  enum cw_status status = collect (slots, count, file, scan, diags);
  for (size_t i = 0; i < count; i++)
    if (slots[i].summarized)
      cw_cert_summary_free (&slots[i].summary);
  free (slots);
  if (status != CW_OK)
    cw_scan_free (scan);
  return status;
}

void
cw_scan_free (struct cw_scan *scan)
{
  for (size_t i = 0; i < scan->count; i++)
    cw_cert_summary_free (&scan->items[i]);
  free (scan->items);
  *scan = (struct cw_scan) CW_SCAN_INIT;
}
