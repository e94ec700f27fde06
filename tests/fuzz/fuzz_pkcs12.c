/* Fuzzes the PKCS#12 reader: the file opened with the password of
   GnuTLS's fuzz corpus, then with a wrong one. */
#include <config.h>

#include <stdlib.h>

#include "pki/certinfo.h"
#include "fuzz.h"
#include "pki/pkcs12.h"

/* The password of the valid files of GnuTLS's pkcs12_key_parser corpus. */
#define RIGHT_PASSWORD "1234"

static void
read_with (const gnutls_datum_t *datum, const char *password)
{
  struct cw_key *key;
  struct cw_certs certs = CW_CERTS_INIT;
  char *name;
  struct cw_diags diags = CW_DIAGS_INIT;
  enum cw_status status = cw_p12_read (datum, password, &key, &certs, &name,
                                       &diags);
  if (status != CW_OK
      && (key || certs.count || name || !cw_diags_has_errors (&diags)))
    fuzz_fail ("a refused backup returned something or gave no error",
               password);
  /* The key's own certificate comes first, when one fits. */
  bool fits = false;
  for (size_t i = 0; key && i < certs.count; i++)
    fits |= cw_key_fits_cert (key, certs.items[i]);
  if (fits && !cw_key_fits_cert (key, certs.items[0]))
    fuzz_fail ("the key's certificate is not first", password);
  for (size_t i = 0; i < certs.count; i++)
    {
      struct cw_certinfo info;
      if (cw_certinfo_get (certs.items[i], &info) >= 0)
        cw_certinfo_free (&info);
    }
  cw_key_free (key);
  cw_certs_free (&certs);
  free (name);
  cw_diags_free (&diags);
}

int
LLVMFuzzerTestOneInput (const uint8_t *data, size_t size)
{
  gnutls_datum_t datum = fuzz_datum (data, size);
  read_with (&datum, RIGHT_PASSWORD);
  read_with (&datum, "not the password");
  return 0;
}
