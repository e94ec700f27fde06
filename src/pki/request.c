#include <config.h>

#include "pki/request.h"

#include <errno.h>
#include <gnutls/gnutls.h>
#include <libgen.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "base/atomicfile.h"
#include "pki/certinfo.h"
#include "pki/csr.h"
#include "base/i18n.h"
#include "base/record.h"
#include "store/store.h"
#include "base/unicode.h"
#include "base/xalloc.h"

#define FRIENDLY_NAME_MAX 128

/* What is written: the key, the request and the record, in memory. */
struct request_files
{
  gnutls_datum_t key_pem;
  gnutls_datum_t request_pem;
  char *record;
};

bool
cw_friendly_name_check (const char *name, struct cw_diags *diags)
{
  bool valid = cw_utf8_valid (name, strlen (name));
  for (const char *p = name; valid && *p; p++)
    valid = (unsigned char) *p >= 0x20 && *p != 0x7F;
  if (!valid)
    {
      cw_diag_add (diags, CW_ERROR, "friendly-name-invalid", "friendly-name",
                   _("The friendly name holds control characters or invalid "
                     "UTF-8. Use plain text, such as the server's name."));
      return false;
    }
  if (cw_utf8_chars (name) > FRIENDLY_NAME_MAX)
    {
      cw_diag_add (diags, CW_ERROR, "friendly-name-too-long", "friendly-name",
                   _("The friendly name is longer than %d characters. Use a "
                     "short name that tells certificates apart."),
                   FRIENDLY_NAME_MAX);
      return false;
    }
  return true;
}

/* The part of a host name usable as a file name. */
static char *
file_stem (const struct cw_names *names)
{
  const char *name = names->sans.count ? names->sans.items[0].name : NULL;
  if (!name)
    name = cw_subject_cn (&names->subject);
  if (!name || !*name)
    return xstrdup ("certwiz-request");
  char *stem = xasprintf ("%s%s", strncmp (name, "*.", 2) == 0
                                    ? "wildcard" : "", name + (*name == '*'));
  for (char *p = stem; *p; p++)
    if (!strchr ("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"
                 "0123456789.-_", *p))
      *p = '_';
  return stem;
}

char *
cw_request_default_path (const struct cw_names *names)
{
  char *stem = file_stem (names);
  char *path = xasprintf ("%s.req", stem);
  for (int i = 2; access (path, F_OK) == 0 && i < 1000; i++)
    {
      free (path);
      path = xasprintf ("%s-%d.req", stem, i);
    }
  free (stem);
  return path;
}

/* Refuses early what would fail after the key is made. */
static enum cw_status
check_output_folder (const char *path, struct cw_diags *diags)
{
  char *copy = xstrdup (path);
  const char *folder = dirname (copy);
  enum cw_status status = CW_OK;
  if (access (folder, W_OK | X_OK) < 0)
    {
      if (errno == ENOENT)
        cw_diag_add (diags, CW_ERROR, "out-folder", "out",
                     _("The request cannot be written to \"%s\": the folder "
                       "\"%s\" does not exist. Create it, or choose another "
                       "place."), path, folder);
      else
        cw_diag_add (diags, CW_ERROR, "out-folder", "out",
                     _("The request cannot be written to \"%s\": you may not "
                       "write in the folder \"%s\". Choose a folder of your "
                       "own."), path, folder);
      status = CW_REFUSED;
    }
  free (copy);
  return status;
}

static enum cw_status
check_output (const struct cw_request_options *options, const char *path,
              struct cw_diags *diags)
{
  struct stat st;
  if (options->force || lstat (path, &st) < 0)
    return check_output_folder (path, diags);
  cw_diag_add (diags, CW_ERROR, "out-exists", "out",
               _("The file \"%s\" already exists and was left as it is. "
                 "Choose another file name, or replace it on purpose with "
                 "--force."), path);
  return CW_REFUSED;
}

static char *
host_name (void)
{
  char buf[256] = "";
  if (gethostname (buf, sizeof buf - 1) < 0)
    return xstrdup ("");
  return xstrdup (buf);
}

void
cw_request_describe (const struct cw_request_options *options,
                     const struct cw_names *names,
                     const struct cw_keyspec *key, struct cw_record *record)
{
  char *created = cw_time_format (time (NULL)), *host = host_name ();
  char *subject = cw_subject_format (&names->subject);
  char *key_name = cw_keyspec_name (key);
  const char *cn = cw_subject_cn (&names->subject);
  cw_record_add (record, "created", created);
  cw_record_add (record, "host", host);
  cw_record_add (record, "subject", subject);
  cw_record_add (record, "cn", cn ? cn : "");
  for (size_t i = 0; i < names->sans.count; i++)
    {
      const struct cw_san *san = &names->sans.items[i];
      char *line = xasprintf ("%s:%s", san->type == CW_SAN_IP ? "IP" : "DNS",
                              san->name);
      cw_record_add (record, "san", line);
      free (line);
    }
  cw_record_add (record, "friendly-name",
                 options->friendly_name ? options->friendly_name : "");
  cw_record_add (record, "exportable", options->exportable ? "yes" : "no");
  cw_record_add (record, "key", key_name);
  free (created), free (host), free (subject), free (key_name);
}

static char *
make_record (const struct cw_request_options *options,
             const struct cw_request_result *result, const char *out_path)
{
  struct cw_record record = CW_RECORD_INIT;
  cw_record_add (&record, "state", "pending");
  cw_request_describe (options, &result->names, &result->key, &record);
  cw_record_add (&record, "request-fingerprint", result->fingerprint);
  cw_record_add (&record, "request-file", out_path);
  char *text = cw_record_format (&record);
  cw_record_free (&record);
  return text;
}

static void
free_files (struct request_files *files)
{
  if (files->key_pem.data)
    {
      gnutls_memset (files->key_pem.data, 0, files->key_pem.size);
      gnutls_free (files->key_pem.data);
    }
  gnutls_free (files->request_pem.data);
  free (files->record);
}

static enum cw_status
crypto_error (struct cw_diags *diags, int ret)
{
  cw_diag_add (diags, CW_ERROR, "crypto", "key",
               _("The key or the request could not be made: %s. This is "
                 "not caused by your input; try again, and report it if it "
                 "persists."), gnutls_strerror (ret));
  return CW_FAILED;
}

/* Makes the key and the request, all in memory. */
static enum cw_status
make_files (struct cw_request_result *result, struct request_files *files,
            struct cw_diags *diags)
{
  struct cw_key *key = NULL;
  gnutls_x509_crq_t crq = NULL;
  enum cw_status status = cw_key_generate (&result->key, NULL, &key, diags);
  if (status != CW_OK)
    return status;
  int ret = cw_csr_build (&result->names, key, &crq);
  if (ret >= 0)
    status = cw_key_export_pem (key, &files->key_pem, diags);
  if (ret >= 0 && status == CW_OK)
    ret = gnutls_x509_crq_export2 (crq, GNUTLS_X509_FMT_PEM,
                                   &files->request_pem);
  if (ret >= 0 && status == CW_OK)
    ret = cw_csr_key_id (crq, result->id);
  if (ret >= 0 && status == CW_OK)
    ret = cw_csr_fingerprint (crq, result->fingerprint);
  if (crq)
    gnutls_x509_crq_deinit (crq);
  cw_key_free (key);
  if (status != CW_OK)
    return status;
  return ret < 0 ? crypto_error (diags, ret) : CW_OK;
}

static char *
absolute_path (const char *path)
{
  char cwd[4096];
  if (path[0] == '/' || !getcwd (cwd, sizeof cwd))
    return xstrdup (path);
  return xasprintf ("%s/%s", cwd, path);
}

static enum cw_status
keep_in_store (struct cw_request_result *result,
               const struct request_files *files, struct cw_diags *diags)
{
  struct cw_store store;
  enum cw_status status = cw_store_open (&store, result->store_path, diags);
  if (status == CW_OK)
    status = cw_store_lock (&store, diags);
  if (status == CW_OK)
    {
      struct cw_store_file entry[] = {
        { "key.pem", files->key_pem.data, files->key_pem.size },
        { "request.pem", files->request_pem.data, files->request_pem.size },
        { "record", files->record, strlen (files->record) },
      };
      status = cw_store_put (&store, CW_STORE_PENDING, result->id, entry,
                             sizeof entry / sizeof entry[0], diags);
    }
  cw_store_close (&store);
  return status;
}

static enum cw_status
write_request_file (const struct cw_request_options *options,
                    struct cw_request_result *result,
                    const struct request_files *files, struct cw_diags *diags)
{
  /* A request is public: it follows the umask like any document. */
  int err = cw_write_file_atomic (result->out_path, files->request_pem.data,
                                  files->request_pem.size,
                                  0666 & ~cw_current_umask (), options->force);
  if (!err)
    return CW_OK;
  char *kept = xasprintf ("%s/%s/%s/request.pem", result->store_path,
                          CW_STORE_PENDING, result->id);
  cw_diag_add (diags, CW_ERROR, "out-write", "out",
               _("The request could not be written to \"%s\": %s. The key "
                 "and the request are safe in the store; copy the request "
                 "from \"%s\"."), result->out_path, strerror (err), kept);
  free (kept);
  return CW_FAILED;
}

bool
cw_request_check (const struct cw_request_options *options,
                  struct cw_names *names, struct cw_keyspec *key,
                  struct cw_diags *diags)
{
  bool valid = cw_names_build (&options->names, names, diags);
  valid &= cw_keyspec_parse (options->key_type, options->key_size, key,
                             diags);
  if (options->friendly_name)
    valid &= cw_friendly_name_check (options->friendly_name, diags);
  return valid;
}

static enum cw_status
check_options (const struct cw_request_options *options,
               struct cw_request_result *result, struct cw_diags *diags)
{
  if (!cw_request_check (options, &result->names, &result->key, diags))
    return CW_REFUSED;
  result->out_path = options->out ? xstrdup (options->out)
                                  : cw_request_default_path (&result->names);
  return check_output (options, result->out_path, diags);
}

enum cw_status
cw_request_create (const struct cw_request_options *options,
                   struct cw_request_result *result, struct cw_diags *diags)
{
  *result = (struct cw_request_result) { .names = CW_NAMES_INIT };
  struct request_files files = { { NULL, 0 }, { NULL, 0 }, NULL };
  enum cw_status status = check_options (options, result, diags);
  if (status == CW_OK)
    {
      /* Fail on a bad store before spending seconds on a key. */
      struct cw_store store;
      status = cw_store_open_located (&store, options->store, diags);
      if (status == CW_OK)
        result->store_path = xstrdup (store.path);
      cw_store_close (&store);
    }
  if (status == CW_OK)
    status = make_files (result, &files, diags);
  if (status == CW_OK)
    {
      char *out = absolute_path (result->out_path);
      files.record = make_record (options, result, out);
      free (out);
      status = keep_in_store (result, &files, diags);
    }
  if (status == CW_OK)
    status = write_request_file (options, result, &files, diags);
  if (status == CW_OK)
    result->key_description = cw_keyspec_describe (&result->key);
  free_files (&files);
  return status;
}

void
cw_request_result_free (struct cw_request_result *result)
{
  cw_names_free (&result->names);
  free (result->out_path);
  free (result->store_path);
  free (result->key_description);
}
