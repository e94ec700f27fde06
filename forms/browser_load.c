/* Loading what the browser shows: the store's listing, or the
   certificates of files a slice at a time; and one row in full for its
   details. */
#include <config.h>

#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "browser.h"
#include "base/record.h"
#include "pki/chain.h"
#include "base/i18n.h"
#include "store/listing.h"
#include "services/enable_journal.h"
#include "store/store.h"
#include "base/trace.h"
#include "base/xalloc.h"

/* Certificates made into rows at a time: small enough that a slice
   takes a millisecond or two. */
#define SLICE 32
/* How far up a chain is followed among the files' certificates. */
#define MAX_CHAIN 16

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
  *files = (struct bw_files) { .items = NULL };
  files->items = xcalloc (count ? count : 1, sizeof *files->items);
  for (size_t i = 0; i < count; i++)
    {
      struct bw_file *file = &files->items[i];
      if (cw_input_read (names[i], &file->data, diags)
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

static size_t
count_code (const struct cw_diags *diags, const char *code)
{
  size_t n = 0;
  for (size_t i = 0; i < diags->count; i++)
    n += strcmp (diags->items[i].code, code) == 0;
  return n;
}

/* FNV-1a: names are matched by their digests first, then by GnuTLS. */
static uint64_t
digest (const gnutls_datum_t *data)
{
  uint64_t h = 0xcbf29ce484222325u;
  for (unsigned i = 0; i < data->size; i++)
    h = (h ^ data->data[i]) * 0x100000001b3u;
  return h;
}

static uint64_t
dn_digest (gnutls_x509_crt_t crt,
           int (*get) (gnutls_x509_crt_t, gnutls_datum_t *))
{
  gnutls_datum_t dn;
  if (get (crt, &dn) < 0)
    return 0;
  uint64_t h = digest (&dn);
  gnutls_free (dn.data);
  return h;
}

static void
locate (struct bw_files *files, gnutls_x509_crt_t crt, size_t offset)
{
  if (files->added == files->capacity)
    {
      files->capacity = files->capacity ? 2 * files->capacity : 64;
      files->certs = xreallocarray (files->certs, files->capacity,
                                    sizeof *files->certs);
    }
  struct bw_cert *cert = &files->certs[files->added++];
  *cert = (struct bw_cert) { .file = files->next, .offset = offset };
  if (files->items[files->next].kind != CW_FILE_CERT_PEM
      && gnutls_x509_crt_export2 (crt, GNUTLS_X509_FMT_DER, &cert->der) < 0)
    cert->der = (gnutls_datum_t) { NULL, 0 };
  cert->subject = dn_digest (crt, gnutls_x509_crt_get_raw_dn);
  cert->issuer = dn_digest (crt, gnutls_x509_crt_get_raw_issuer_dn);
}

static void
add_row (struct bw_files *files, struct bm_model *model,
         gnutls_x509_crt_t crt, size_t offset)
{
  struct cw_cert_summary summary;
  if (cw_cert_summary_get (crt, &summary) < 0)
    files->skipped++;
  else
    {
      bm_add_summary (model, &summary, files->added);
      locate (files, crt, offset);
    }
  cw_cert_summary_free (&summary);
}

static void
file_done (struct bw_files *files)
{
  struct bw_file *file = &files->items[files->next++];
  if (file->reading)
    cw_cert_reader_close (&file->reader);
  file->reading = false;
}

/* Up to a slice of the file being read made into rows.  One damaged
   block is left out, counted, and reading goes on after it. */
static void
read_slice (struct bw_files *files, struct bm_model *model)
{
  struct bw_file *file = &files->items[files->next];
  struct cw_diags diags = CW_DIAGS_INIT;
  if (!file->reading
      && cw_cert_reader_open (&file->reader, &file->data, file->name,
                              &diags) != CW_OK)
    {
      files->skipped++;
      file_done (files);
      cw_diags_free (&diags);
      return;
    }
  file->reading = true;
  for (size_t n = 0; n < SLICE; n++)
    {
      gnutls_x509_crt_t crt;
      size_t offset;
      enum cw_status status = cw_cert_reader_next (&file->reader, &crt,
                                                   &offset, &diags);
      if (status != CW_OK)
        {
          /* A damaged block.  When every certificate of a file was
             skipped, each was counted already. */
          if (!file->reader.ended)
            files->skipped++;
          continue;
        }
      if (!crt)
        {
          file_done (files);
          break;
        }
      add_row (files, model, crt, offset);
      gnutls_x509_crt_deinit (crt);
    }
  files->skipped += count_code (&diags, "cert-unreadable");
  cw_diags_free (&diags);
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
  return files->next >= files->count;
}

bool
bw_files_step (struct bw_files *files, struct bm_model *model, int ms)
{
  double deadline = now_ms () + ms;
  while (!bw_files_done (files) && now_ms () < deadline)
    read_slice (files, model);
  bm_refresh (model);
  return !bw_files_done (files);
}

void
bw_files_free (struct bw_files *files)
{
  for (size_t i = 0; i < files->count; i++)
    {
      if (files->items[i].reading)
        cw_cert_reader_close (&files->items[i].reader);
      free (files->items[i].data.data);
    }
  for (size_t i = 0; i < files->added; i++)
    gnutls_free (files->certs[i].der.data);
  free (files->items);
  free (files->certs);
  *files = (struct bw_files) { .items = NULL };
}

/* ---------------------------------------------------------- the store */

static void
add_binding (const struct cw_record *record, void *state)
{
  const char *cert = cw_record_get (record, "cert");
  const char *label = cw_record_get (record, "label");
  if (cert && label)
    bm_add_service (state, cert, label);
}

bool
bw_store_load (struct bm_model *model, struct cw_store *store,
               struct cw_diags *diags)
{
  struct cw_listing listing = CW_LISTING_INIT;
  enum cw_status status = cw_listing_from_store (&listing, store, diags);
  bm_clear (model);
  if (status == CW_OK)
    {
      bm_add_listing (model, &listing);
      /* The services each certificate is put to work in, as certwiz
         list shows them: one read of the bindings for every row. */
      cw_bindings_each (store, add_binding, model);
    }
  cw_listing_free (&listing);
  bm_refresh (model);
  cw_trace ("loaded", "rows=%zu", model->count);
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
from_store (struct cw_store *store, const struct bm_row *row,
            struct bw_item *item, struct cw_diags *diags)
{
  struct cw_target *target = &item->target;
  item->in_store = true;
  if (cw_target_load (target, store, row->id, diags) != CW_OK)
    return false;
  item->pending = cw_target_is_pending (target);
  item->has_key = target->entry.has_key;
  if (target->certs.count == 0)
    {
      gnutls_datum_t request;
      if (cw_store_read (target->store, target->entry.area,
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

/* The certificate of the files at CERT, read again whole. */
static gnutls_x509_crt_t
read_again (const struct bw_files *files, const struct bw_cert *cert)
{
  gnutls_x509_crt_t crt = NULL;
  const struct bw_file *file = &files->items[cert->file];
  if (file->kind == CW_FILE_CERT_PEM)
    {
      if (cw_cert_at (&file->data, cert->offset, &crt) < 0)
        return NULL;
      return crt;
    }
  if (gnutls_x509_crt_init (&crt) < 0)
    return NULL;
  if (gnutls_x509_crt_import (crt, &cert->der, GNUTLS_X509_FMT_DER) >= 0)
    return crt;
  gnutls_x509_crt_deinit (crt);
  return NULL;
}

static bool
in_chain (const struct bw_item *item, const struct bw_cert *cert,
          const struct bw_files *files)
{
  /* Found again by place: each is read anew. */
  for (size_t i = 0; i < item->target.certs.count; i++)
    if (item->sources[i] == (size_t) (cert - files->certs))
      return true;
  return false;
}

/* The issuer of CRT among the files: the certificates whose subject has
   the digest of CRT's issuer are read, and GnuTLS tells. */
static gnutls_x509_crt_t
issuer_among (const struct bw_files *files, const struct bw_item *item,
              gnutls_x509_crt_t crt, size_t *source)
{
  uint64_t wanted = dn_digest (crt, gnutls_x509_crt_get_raw_issuer_dn);
  for (size_t i = 0; i < files->added; i++)
    {
      if (files->certs[i].subject != wanted
          || in_chain (item, &files->certs[i], files))
        continue;
      gnutls_x509_crt_t candidate = read_again (files, &files->certs[i]);
      if (candidate && gnutls_x509_crt_check_issuer (crt, candidate))
        {
          *source = i;
          return candidate;
        }
      if (candidate)
        gnutls_x509_crt_deinit (candidate);
    }
  return NULL;
}

/* A file's certificate is followed up to a root by the names of its
   issuers among every certificate read, as a bundle is used.  What is
   read is kept in the item's certificates, freed with it. */
static void
from_files (const struct bw_files *files, const struct bm_row *row,
            struct bw_item *item)
{
  gnutls_x509_crt_t crt = read_again (files, &files->certs[row->source]);
  if (!crt)
    return;
  struct cw_certs *certs = &item->target.certs;
  item->sources = xcalloc (MAX_CHAIN + 1, sizeof *item->sources);
  item->sources[0] = row->source;
  cw_certs_add (certs, crt);
  while (certs->count <= MAX_CHAIN && !gnutls_x509_crt_check_issuer (crt, crt))
    {
      size_t source;
      gnutls_x509_crt_t issuer = issuer_among (files, item, crt, &source);
      if (!issuer)
        break;
      item->sources[certs->count] = source;
      cw_certs_add (certs, issuer);
      crt = issuer;
    }
  item->leaf = certs->items[0];
  item->chain_count = certs->count - 1;
  item->chain = xcalloc (item->chain_count + 1, sizeof *item->chain);
  memcpy (item->chain, certs->items + 1,
          item->chain_count * sizeof *item->chain);
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
  *item = (struct bw_item) { .target = CW_TARGET_INIT };
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
  else if (!from_store (b->ui->store, row, item, diags))
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
  free (item->sources);
  cw_target_free (&item->target);
  item_init (item);
}
