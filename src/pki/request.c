/* The steps of a request (request.h); the file delivery is in
   request_file.c. */
#include <config.h>

#include "pki/request.h"

#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "base/i18n.h"
#include "base/record.h"
#include "base/unicode.h"
#include "base/xalloc.h"
#include "pki/certinfo.h"
#include "pki/csr.h"
#include "store/store.h"

#define FRIENDLY_NAME_MAX 128

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

bool
cw_request_check (const struct cw_request_options *options,
                  struct cw_names *names, struct cw_keyspec *key,
                  struct cw_diags *diags)
{
  bool valid = cw_names_build (&options->names, names, diags);
  if (options->keytype)
    cw_keytype_spec (options->keytype, key);
  else
    valid &= cw_keyspec_parse (options->key_type, options->key_size, key,
                               diags);
  bool uri_valid = !options->key_uri
                   || cw_key_uri_check (options->key_uri, diags);
  valid &= uri_valid;
  if (options->key_uri && uri_valid
      && !cw_key_uri_names_token (options->key_uri)
      && (options->key_type || options->key_size || options->keytype))
    {
      cw_diag_add (diags, CW_ERROR, "key-uri-conflict", "key",
                   _("The key the PKCS#11 URI names is used as it is, so no "
                     "key type or size can be asked for with it. Leave the "
                     "key type out, or name the token alone to make a new "
                     "key there."));
      valid = false;
    }
  if (options->friendly_name)
    valid &= cw_friendly_name_check (options->friendly_name, diags);
  return valid;
}

void
cw_request_free (struct cw_request *request)
{
  cw_names_free (&request->names);
  cw_key_free (request->key);
  free (request->key_description);
  if (request->crq)
    gnutls_x509_crq_deinit (request->crq);
  gnutls_free (request->der.data);
  gnutls_free (request->pem.data);
  free (request->out_path);
  *request = (struct cw_request) CW_REQUEST_INIT;
}

/* ---------------------------------------------------------------- (a) */

enum cw_status
cw_request_prepare (const struct cw_request_options *options,
                    struct cw_request *request, struct cw_diags *diags)
{
  *request = (struct cw_request) CW_REQUEST_INIT;
  request->options = options;
  return cw_request_check (options, &request->names, &request->keyspec,
                           diags)
           ? CW_OK : CW_REFUSED;
}

/* ---------------------------------------------------------------- (b) */

void
cw_request_use_key (struct cw_request *request, struct cw_key *key)
{
  cw_key_free (request->key);
  request->key = key;
  free (request->key_description);
  request->key_description = cw_key_describe (key);
}

/* The label of a key certwiz makes on a token: its name and the host
   name it is for, to tell it among the token's keys. */
static char *
token_key_label (const struct cw_request *request)
{
  const char *cn = cw_subject_cn (&request->names.subject);
  const char *name = request->names.sans.count
                       ? request->names.sans.items[0].name : cn;
  return xasprintf ("certwiz %s", name && *name ? name : "key");
}

enum cw_status
cw_request_make_key (struct cw_request *request,
                     const struct cw_pin_source *pin,
                     struct cw_progress *progress, struct cw_diags *diags)
{
  const char *uri = request->options->key_uri;
  struct cw_key *key = NULL;
  enum cw_status status;
  if (!uri)
    status = cw_key_generate (&request->keyspec, progress, &key, diags);
  else if (cw_key_uri_names_token (uri))
    {
      char *label = token_key_label (request);
      status = cw_key_generate_on_token (uri, &request->keyspec, label, pin,
                                         progress, &key, diags);
      free (label);
    }
  else
    status = cw_key_open_token (uri, pin, &key, diags);
  if (status == CW_OK)
    cw_request_use_key (request, key);
  return status;
}

/* ---------------------------------------------------------------- (c) */

static enum cw_status
sign_failed (const struct cw_request *request, int ret,
             struct cw_diags *diags)
{
  if (cw_key_on_token (request->key))
    cw_key_report (request->key, ret, "key", diags);
  else
    cw_diag_add (diags, CW_ERROR, "crypto", "key",
                 _("The key or the request could not be made: %s. This is "
                   "not caused by your input; try again, and report it if "
                   "it persists."), gnutls_strerror (ret));
  return CW_FAILED;
}

enum cw_status
cw_request_sign (struct cw_request *request, struct cw_diags *diags)
{
  int ret = cw_csr_build (&request->names, request->key, &request->crq);
  if (ret >= 0)
    ret = gnutls_x509_crq_export2 (request->crq, GNUTLS_X509_FMT_DER,
                                   &request->der);
  if (ret >= 0)
    ret = gnutls_x509_crq_export2 (request->crq, GNUTLS_X509_FMT_PEM,
                                   &request->pem);
  if (ret >= 0)
    ret = cw_csr_key_id (request->crq, request->id);
  if (ret >= 0)
    ret = cw_csr_fingerprint (request->crq, request->fingerprint);
  return ret < 0 ? sign_failed (request, ret, diags) : CW_OK;
}

/* ---------------------------------------------------------------- (d) */

static char *
host_name (void)
{
  char buf[256] = "";
  if (gethostname (buf, sizeof buf - 1) < 0)
    return xstrdup ("");
  return xstrdup (buf);
}

static void
describe_key (const struct cw_request *request, struct cw_record *record)
{
  struct cw_keyspec spec = request->keyspec;
  if (request->key)
    cw_key_spec (request->key, &spec);
  char *key_name = cw_keyspec_name (&spec);
  cw_record_add (record, "key", key_name);
  free (key_name);
  if (request->key && cw_key_on_token (request->key))
    {
      cw_record_add (record, "key-uri", cw_key_uri (request->key));
      cw_record_add (record, "key-token", cw_key_token_label (request->key));
    }
}

void
cw_request_describe (const struct cw_request *request,
                     struct cw_record *record)
{
  const struct cw_request_options *options = request->options;
  const struct cw_names *names = &request->names;
  char *created = cw_time_format (time (NULL)), *host = host_name ();
  char *subject = cw_subject_format (&names->subject);
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
  /* A key on a token never leaves it. */
  bool on_token = request->key && cw_key_on_token (request->key);
  cw_record_add (record, "exportable",
                 options->exportable && !on_token ? "yes" : "no");
  describe_key (request, record);
  free (created), free (host), free (subject);
}

static char *
absolute_path (const char *path)
{
  char cwd[4096];
  if (path[0] == '/' || !getcwd (cwd, sizeof cwd))
    return xstrdup (path);
  return xasprintf ("%s/%s", cwd, path);
}

enum cw_status
cw_request_record (const struct cw_request *request, struct cw_store *store,
                   const char *file, struct cw_diags *diags)
{
  struct cw_record record = CW_RECORD_INIT;
  cw_record_add (&record, "state", "pending");
  cw_request_describe (request, &record);
  cw_record_add (&record, "request-fingerprint", request->fingerprint);
  if (file)
    {
      char *absolute = absolute_path (file);
      cw_record_add (&record, "request-file", absolute);
      free (absolute);
    }
  char *text = cw_record_format (&record);
  cw_record_free (&record);
  if (cw_store_has (store, CW_STORE_PENDING, request->id))
    {
      /* Only a key on a token can be asked for twice. */
      cw_diag_add (diags, CW_ERROR, "key-already-pending", "key",
                   _("A request for this key is pending already (%.8s). "
                     "Import its certificate when the CA sends it; to make "
                     "a new request instead, delete that request first: "
                     "the key stays on its token."), request->id);
      free (text);
      return CW_REFUSED;
    }
  enum cw_status status = cw_store_add_pending (store, request->id,
                                                request->key, &request->pem,
                                                text, diags);
  free (text);
  return status;
}

/* ------------------------------------------------------ all the steps */

static enum cw_status
cancelled (struct cw_progress *progress, enum cw_status status)
{
  return status == CW_OK && cw_progress_cancelled (progress) ? CW_CANCELLED
                                                             : status;
}

enum cw_status
cw_request_create (struct cw_store *store,
                   const struct cw_request_options *options,
                   const struct cw_pin_source *pin,
                   struct cw_progress *progress, struct cw_request *request,
                   struct cw_diags *diags)
{
  enum cw_status status = cw_request_prepare (options, request, diags);
  if (status == CW_OK)
    status = cw_request_choose_file (request, diags);
  /* Fail on a bad store before spending seconds on a key. */
  if (status == CW_OK)
    status = cw_store_ready (store, diags);
  if (status == CW_OK)
    status = cancelled (progress, cw_request_make_key (request, pin,
                                                       progress, diags));
  if (status == CW_OK)
    {
      cw_progress_say (progress, "%s", _("Signing the request"));
      status = cancelled (progress, cw_request_sign (request, diags));
    }
  /* From here on the request is kept and written to the end, whatever
     is asked: a key in the store always has its request. */
  if (status == CW_OK)
    {
      cw_progress_say (progress, "%s", _("Keeping the key and the request "
                                         "in the store"));
      status = cw_request_record (request, store, request->out_path, diags);
    }
  if (status == CW_OK)
    {
      cw_progress_say (progress, "%s", _("Writing the request file"));
      status = cw_request_write_file (request, store, diags);
    }
  return status;
}
