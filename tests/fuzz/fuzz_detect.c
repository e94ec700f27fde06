/* Fuzzes what certwiz reads from a certificate file: the kind of file,
   its certificates, the facts shown and recorded of each, and the chain
   put in order (import, list --file, browse FILE, show FILE). */
#include <config.h>

#include <stdlib.h>
#include <string.h>

#include "pki/certinfo.h"
#include "pki/certset.h"
#include "pki/chain.h"
#include "fuzz.h"
#include "base/record.h"
#include "base/safetext.h"

static bool
same_record (const struct cw_record *a, const struct cw_record *b)
{
  if (a->count != b->count)
    return false;
  for (size_t i = 0; i < a->count; i++)
    if (strcmp (a->fields[i].name, b->fields[i].name) != 0
        || strcmp (a->fields[i].value, b->fields[i].value) != 0)
      return false;
  return true;
}

/* The store keeps these facts in a record beside the certificate; names
   chosen by whoever made the certificate must not break its lines. */
static void
check_record (const struct cw_certinfo *info)
{
  struct cw_record record = CW_RECORD_INIT, again = CW_RECORD_INIT;
  cw_certinfo_to_record (info, &record);
  char *text = cw_record_format (&record);
  bool ok = cw_record_parse (text, &again) && same_record (&record, &again);
  cw_record_free (&record);
  cw_record_free (&again);
  if (!ok)
    fuzz_fail ("a certificate's record reads back differently", text);
  free (text);
}

/* Everything shown of a certificate goes through cw_safe_text first. */
static void
check_shown (const char *value)
{
  char *shown = cw_safe_text (value, strlen (value), true);
  fuzz_check_terminal_safe ("a certificate's field is shown unsafely",
                            shown, true, false);
  free (shown);
}

static void
check_cert (gnutls_x509_crt_t crt)
{
  struct cw_certinfo info;
  if (cw_certinfo_get (crt, &info) < 0)
    return;
  check_record (&info);
  const char *fields[] = { info.subject, info.cn, info.issuer,
                           info.issuer_name, info.key, info.ext_usage };
  for (size_t i = 0; i < sizeof fields / sizeof fields[0]; i++)
    check_shown (fields[i]);
  for (size_t i = 0; i < info.name_count; i++)
    check_shown (info.names[i]);
  cw_certinfo_free (&info);
}

int
LLVMFuzzerTestOneInput (const uint8_t *data, size_t size)
{
  gnutls_datum_t datum = fuzz_datum (data, size);
  struct cw_certs certs = CW_CERTS_INIT;
  struct cw_diags diags = CW_DIAGS_INIT;
  (void) cw_file_kind_describe (cw_file_detect (&datum));
  if (cw_certs_read (&datum, "fuzz-input", &certs, &diags) == CW_OK)
    {
      for (size_t i = 0; i < certs.count; i++)
        check_cert (certs.items[i]);
      gnutls_x509_crt_t leaf = cw_chain_guess_leaf (&certs);
      struct cw_chain chain;
      cw_chain_build (&certs, leaf, &chain, &diags);
      cw_chain_free (&chain);
    }
  else if (certs.count != 0 || !cw_diags_has_errors (&diags))
    fuzz_fail ("a refused file kept certificates or gave no error", "");
  cw_certs_free (&certs);
  cw_diags_free (&diags);
  return 0;
}
