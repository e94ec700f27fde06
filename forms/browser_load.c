/* Loading what the browser shows: the store's listing, or the
   certificates of files a slice at a time; and one row in full for its
   details. */
#include <config.h>

#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "browser.h"
#include "chain.h"
#include "i18n.h"
#include "listing.h"
#include "store.h"
#include "xalloc.h"

/* Certificates imported, or made into rows, at a time: small enough
   that a slice takes a few milliseconds. */
#define SLICE 32
/* How far up a chain is followed among the files' certificates. */
#define MAX_CHAIN 16

static const char begin_mark[] = "-----BEGIN CERTIFICATE-----";
static const char end_mark[] = "-----END CERTIFICATE-----";

/* ---------------------------------------------------------- the files */

static bool
readable_kind (enum cw_file_kind kind)
{
  return kind == CW_FILE_CERT_PEM || kind == CW_FILE_CERT_DER
         || kind == CW_FILE_PKCS7_PEM || kind == CW_FILE_PKCS7_DER;
}

/* The core's word for a file that holds no certificate, or, for a
   backup, what to do: its certificates are behind its password. */
static void
refuse_file (const struct bw_file *file, struct cw_diags *diags)
{
  if (file->kind == CW_FILE_PKCS12)
    {
      cw_diag_add (diags, CW_ERROR, "browse-pkcs12", "file",
                   _("\"%s\" is a PKCS#12 backup: its certificates are "
                     "locked by its password. Import it (certwiz import "
                     "FILE), then browse the store."), file->name);
      return;
    }
  struct cw_certs none = CW_CERTS_INIT;
  cw_certs_read (&file->data, file->name, &none, diags);
  cw_certs_free (&none);
}

bool
bw_files_open (struct bw_files *files, const char *const *names,
               size_t count, struct cw_diags *diags)
{
  *files = (struct bw_files) { .certs = CW_CERTS_INIT };
  files->items = xcalloc (count ? count : 1, sizeof *files->items);
  for (size_t i = 0; i < count; i++)
    {
      struct bw_file *file = &files->items[i];
      if (cw_file_read (names[i], CW_BUNDLE_MAX_BYTES, &file->data, diags)
          != CW_OK)
        return false;
      files->count++;
      file->name = names[i];
      file->kind = cw_file_detect (&file->data);
      if (!readable_kind (file->kind))
        {
          refuse_file (file, diags);
          return false;
        }
    }
  return true;
}

static void
file_done (struct bw_files *files)
{
  struct bw_file *file = &files->items[files->next++];
  free (file->data.data);
  file->data = (gnutls_datum_t) { NULL, 0 };
}

/* Moves what a read found into the files' certificates: a failed read
   frees every certificate of the list it was given. */
static void
take_certs (struct bw_files *files, struct cw_certs *found)
{
  for (size_t i = 0; i < found->count; i++)
    cw_certs_add (&files->certs, found->items[i]);
  free (found->items);
  *found = (struct cw_certs) CW_CERTS_INIT;
}

static size_t
count_code (const struct cw_diags *diags, const char *code)
{
  size_t n = 0;
  for (size_t i = 0; i < diags->count; i++)
    n += strcmp (diags->items[i].code, code) == 0;
  return n;
}

/* Where the COUNT-th certificate block from START ends, or the data. */
static size_t
blocks_end (const struct bw_file *file, size_t start, size_t count)
{
  const char *data = (const char *) file->data.data;
  size_t pos = start;
  for (size_t i = 0; i < count && pos < file->data.size; i++)
    {
      const char *end = memmem (data + pos, file->data.size - pos, end_mark,
                                sizeof end_mark - 1);
      if (!end)
        return file->data.size;
      pos = (size_t) (end - data) + sizeof end_mark - 1;
    }
  return pos;
}

static size_t
next_begin (const struct bw_file *file, size_t from)
{
  const char *data = (const char *) file->data.data;
  const char *begin = memmem (data + from, file->data.size - from,
                              begin_mark, sizeof begin_mark - 1);
  return begin ? (size_t) (begin - data) : file->data.size;
}

static void import_blocks (struct bw_files *files, struct bw_file *file,
                           size_t start, size_t end, size_t blocks);

/* One damaged block makes GnuTLS refuse all of a slice: its blocks are
   then read one by one, so that only the damaged one is left out. */
static void
import_one_by_one (struct bw_files *files, struct bw_file *file,
                   size_t start, size_t end)
{
  while ((start = next_begin (file, start)) < end)
    {
      size_t stop = blocks_end (file, start, 1);
      import_blocks (files, file, start, stop < end ? stop : end, 1);
      start = stop;
    }
}

static void
import_blocks (struct bw_files *files, struct bw_file *file, size_t start,
               size_t end, size_t blocks)
{
  gnutls_datum_t span = { file->data.data + start, (unsigned) (end - start) };
  struct cw_certs found = CW_CERTS_INIT;
  struct cw_diags diags = CW_DIAGS_INIT;
  if (cw_certs_read (&span, file->name, &found, &diags) == CW_OK)
    {
      files->skipped += count_code (&diags, "cert-unreadable");
      take_certs (files, &found);
    }
  else if (blocks > 1)
    import_one_by_one (files, file, start, end);
  else
    files->skipped++;
  cw_certs_free (&found);
  cw_diags_free (&diags);
}

/* Reads the next slice of the file being read; false when it is done. */
static bool
read_pem_slice (struct bw_files *files, struct bw_file *file)
{
  size_t start = next_begin (file, file->offset);
  if (start >= file->data.size)
    return false;
  size_t end = blocks_end (file, start, SLICE);
  import_blocks (files, file, start, end, SLICE);
  file->offset = end;
  return true;
}

/* A DER certificate or a PKCS#7 bundle is read in one go. */
static void
read_whole (struct bw_files *files, struct bw_file *file)
{
  struct cw_certs found = CW_CERTS_INIT;
  struct cw_diags diags = CW_DIAGS_INIT;
  if (cw_certs_read (&file->data, file->name, &found, &diags) == CW_OK)
    take_certs (files, &found);
  else
    files->skipped++;
  files->skipped += count_code (&diags, "cert-unreadable");
  cw_certs_free (&found);
  cw_diags_free (&diags);
}

static void
read_slice (struct bw_files *files)
{
  struct bw_file *file = &files->items[files->next];
  if (file->kind != CW_FILE_CERT_PEM)
    read_whole (files, file);
  else if (read_pem_slice (files, file))
    return;
  file_done (files);
}

static void
add_rows (struct bw_files *files, struct bm_model *model)
{
  for (size_t n = 0; n < SLICE && files->added < files->certs.count; n++)
    {
      struct cw_certinfo info;
      size_t index = files->added++;
      if (cw_certinfo_get (files->certs.items[index], &info) < 0)
        {
          files->skipped++;
          continue;
        }
      bm_add_certinfo (model, &info, index);
      cw_certinfo_free (&info);
    }
}

static double
now_ms (void)
{
  struct timespec t;
  clock_gettime (CLOCK_MONOTONIC, &t);
  return (double) t.tv_sec * 1000.0 + (double) t.tv_nsec / 1e6;
}

bool
bw_files_done (const struct bw_files *files)
{
  return files->next >= files->count && files->added == files->certs.count;
}

bool
bw_files_step (struct bw_files *files, struct bm_model *model, int ms)
{
  double deadline = now_ms () + ms;
  while (!bw_files_done (files) && now_ms () < deadline)
    {
      if (files->added < files->certs.count)
        add_rows (files, model);
      else
        read_slice (files);
    }
  bm_refresh (model);
  return !bw_files_done (files);
}

void
bw_files_free (struct bw_files *files)
{
  for (size_t i = 0; i < files->count; i++)
    free (files->items[i].data.data);
  free (files->items);
  cw_certs_free (&files->certs);
  *files = (struct bw_files) { .items = NULL };
}

/* ---------------------------------------------------------- the store */

bool
bw_store_load (struct bm_model *model, const char *store,
               struct cw_diags *diags)
{
  struct cw_listing listing = CW_LISTING_INIT;
  enum cw_status status = cw_listing_from_store (&listing, store, diags);
  bm_clear (model);
  if (status == CW_OK)
    bm_add_listing (model, &listing);
  cw_listing_free (&listing);
  bm_refresh (model);
  return status == CW_OK;
}

/* ---------------------------------------------------------- one item */

static void
append_pem (char **pem, gnutls_x509_crt_t crt)
{
  gnutls_datum_t out;
  if (gnutls_x509_crt_export2 (crt, GNUTLS_X509_FMT_PEM, &out) < 0)
    return;
  char *joined = xasprintf ("%s%.*s", *pem, (int) out.size, out.data);
  gnutls_free (out.data);
  free (*pem);
  *pem = joined;
}

static void
make_pem (struct bw_item *item)
{
  item->pem = xstrdup ("");
  if (!item->leaf)
    return;
  append_pem (&item->pem, item->leaf);
  for (size_t i = 0; i < item->chain_count; i++)
    append_pem (&item->pem, item->chain[i]);
}

static bool
from_store (const char *store, const struct bm_row *row,
            struct bw_item *item, struct cw_diags *diags)
{
  struct cw_cli_target *target = &item->target;
  item->in_store = true;
  if (cw_cli_target_load (target, row->id, store, false, diags) != CW_OK)
    return false;
  item->pending = cw_cli_target_is_pending (target);
  item->has_key = target->entry.has_key;
  if (target->certs.count == 0)
    {
      gnutls_datum_t request;
      if (cw_store_read (&target->store, target->entry.area,
                         target->entry.id, "request.pem", &request, true,
                         diags) != CW_OK)
        return true;
      item->pem = xstrndup ((const char *) request.data, request.size);
      free (request.data);
      return true;
    }
  item->leaf = target->certs.items[0];
  item->chain_count = target->certs.count - 1;
  item->chain = xcalloc (item->chain_count + 1, sizeof *item->chain);
  memcpy (item->chain, target->certs.items + 1,
          item->chain_count * sizeof *item->chain);
  return true;
}

static bool
in_chain (const struct bw_item *item, gnutls_x509_crt_t crt)
{
  if (crt == item->leaf)
    return true;
  for (size_t i = 0; i < item->chain_count; i++)
    if (item->chain[i] == crt)
      return true;
  return false;
}

static gnutls_x509_crt_t
issuer_among (const struct cw_certs *certs, gnutls_x509_crt_t crt)
{
  for (size_t i = 0; i < certs->count; i++)
    if (certs->items[i] != crt
        && gnutls_x509_crt_check_issuer (crt, certs->items[i]))
      return certs->items[i];
  return NULL;
}

/* A file's certificate is followed up to a root by the names of its
   issuers among every certificate read, as a bundle is used. */
static void
from_files (const struct bw_files *files, const struct bm_row *row,
            struct bw_item *item)
{
  item->leaf = files->certs.items[row->source];
  item->chain = xcalloc (MAX_CHAIN, sizeof *item->chain);
  gnutls_x509_crt_t crt = item->leaf;
  while (item->chain_count < MAX_CHAIN
         && !gnutls_x509_crt_check_issuer (crt, crt))
    {
      gnutls_x509_crt_t issuer = issuer_among (&files->certs, crt);
      if (!issuer || in_chain (item, issuer))
        break;
      item->chain[item->chain_count++] = crt = issuer;
    }
}

static const char *
record_cn (const struct cw_record *record)
{
  const char *cn = cw_record_get (record, "cn");
  return cn ? cn : "";
}

/* Freeing an item twice must not close descriptor 0. */
static void
item_init (struct bw_item *item)
{
  *item = (struct bw_item) { .target = { .store = { NULL, -1, -1 },
                                         .certs = CW_CERTS_INIT } };
}

bool
bw_item_load (const struct browser *b, const struct bm_row *row,
              struct bw_item *item, struct cw_diags *diags)
{
  item_init (item);
  item->id = xstrdup (row->id);
  item->label = xstrdup (row->label);
  if (b->read_only)
    from_files (&b->files, row, item);
  else if (!from_store (b->ui->store_path, row, item, diags))
    return false;
  if (!item->pem)
    make_pem (item);
  item->name = item->leaf ? cw_cert_short_name (item->leaf)
               : xstrdup (record_cn (&item->target.entry.record));
  return true;
}

void
bw_item_free (struct bw_item *item)
{
  free (item->id);
  free (item->label);
  free (item->name);
  free (item->chain);
  free (item->pem);
  cw_cli_target_free (&item->target);
  item_init (item);
}
