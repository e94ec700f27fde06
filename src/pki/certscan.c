#include <config.h>

#include "pki/certscan.h"

#include <pthread.h>
#include <stdbool.h>
#include <stdlib.h>

#include "pki/certread.h"
#include "pki/certset.h"
#include "pki/pemwindow.h"
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

/* One file's walk: its certificates met so far, and its warnings, given
   only if it is not refused for a damaged block (as reading it whole
   refuses it before warning of anything). */
struct walk
{
  const char *file;
  cw_scan_fn each;
  void *state;
  size_t number;           /* blocks met so far, usable or not */
  size_t usable;
  struct cw_diags warnings;
};

/* The blocks of DATA at OFFSETS, parsed on every processor, handed out
   in the file's order. */
static enum cw_status
give (struct walk *walk, const gnutls_datum_t *data, const size_t *offsets,
      size_t count, struct cw_diags *diags)
{
  struct slot *slots = xcalloc (count ? count : 1, sizeof *slots);
  for (size_t i = 0; i < count; i++)
    slots[i].offset = offsets[i];
  read_slots (data, slots, count);
  enum cw_status status = CW_OK;
  for (size_t i = 0; i < count; i++)
    {
      if (status == CW_OK)
        {
          walk->number++;
          if (slots[i].ret < 0)
            {
              cw_certs_refuse_damaged (CW_FILE_CERT_PEM, walk->file,
                                       slots[i].ret, diags);
              status = CW_REFUSED;
            }
          else if (!slots[i].usable)
            cw_cert_warn_unusable (walk->number, walk->file,
                                   &walk->warnings);
          else
            {
              walk->usable++;
              if (slots[i].summarized)
                walk->each (&slots[i].summary, walk->state);
            }
        }
      if (slots[i].summarized)
        cw_cert_summary_free (&slots[i].summary);
    }
  free (slots);
  return status;
}

static enum cw_status
scan_window (struct walk *walk, struct cw_pem_window *window,
             struct cw_diags *diags)
{
  enum cw_status status;
  size_t count;
  do
    {
      gnutls_datum_t data;
      const size_t *blocks;
      status = cw_pem_window_next (window, &data, &blocks, &count, diags);
      if (status == CW_OK)
        status = give (walk, &data, blocks, count, diags);
    }
  while (status == CW_OK && count > 0);
  return status;
}

/* What a window would hold, of a file read whole (standard input). */
enum { BLOCKS_AT_ONCE = 1024 };

static enum cw_status
scan_memory (struct walk *walk, const gnutls_datum_t *data,
             struct cw_diags *diags)
{
  size_t offsets[BLOCKS_AT_ONCE];
  enum cw_status status = CW_OK;
  size_t at = cw_pem_next_cert (data, 0);
  while (status == CW_OK && at < data->size)
    {
      size_t count = 0;
      for (; at < data->size && count < BLOCKS_AT_ONCE;
           at = cw_pem_next_cert (data, at + 1))
        offsets[count++] = at;
      status = give (walk, data, offsets, count, diags);
    }
  return status;
}

/* A DER certificate or a PKCS#7 bundle holds few: read in turn. */
static enum cw_status
scan_whole (struct walk *walk, const gnutls_datum_t *data,
            struct cw_diags *diags)
{
  struct cw_cert_reader reader;
  enum cw_status status = cw_cert_reader_open (&reader, data, walk->file,
                                               diags);
  while (status == CW_OK)
    {
      gnutls_x509_crt_t crt;
      size_t offset;
      struct cw_cert_summary summary;
      status = cw_cert_reader_next (&reader, &crt, &offset, diags);
      if (status != CW_OK || !crt)
        break;
      walk->usable++;
      if (cw_cert_summary_get (crt, &summary) >= 0)
        {
          walk->each (&summary, walk->state);
          cw_cert_summary_free (&summary);
        }
      gnutls_x509_crt_deinit (crt);
    }
  cw_cert_reader_close (&reader);
  return status;
}

static enum cw_status
scan_read (struct walk *walk, struct cw_diags *diags)
{
  gnutls_datum_t data;
  enum cw_status status = cw_input_read (walk->file, &data, diags);
  if (status != CW_OK)
    return status;
  if (cw_file_detect (&data) == CW_FILE_CERT_PEM)
    status = scan_memory (walk, &data, diags);
  else
    status = scan_whole (walk, &data, diags);
  free (data.data);
  return status;
}

enum cw_status
cw_scan_each (const char *file, cw_scan_fn each, void *state,
              struct cw_diags *diags)
{
  struct walk walk = { file, each, state, 0, 0, CW_DIAGS_INIT };
  struct cw_pem_window window;
  enum cw_status status;
  if (cw_pem_window_open (&window, file, CW_PEM_WINDOW_BYTES))
    {
      status = scan_window (&walk, &window, diags);
      cw_pem_window_close (&window);
    }
  else
    status = scan_read (&walk, diags);
  if (status == CW_OK)
    cw_diags_move (diags, &walk.warnings);
  if (status == CW_OK && walk.usable == 0)
    {
      cw_certs_refuse_damaged (CW_FILE_CERT_PEM, file, 0, diags);
      status = CW_REFUSED;
    }
  cw_diags_free (&walk.warnings);
  return status;
}
