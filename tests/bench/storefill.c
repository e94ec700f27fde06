/* storefill STORE: installs every certificate file named on standard
   input, one a line, into STORE through certwiz's own import
   (cw_import with cert_only), in one process.  The benchmarks' 100,000
   certificate store is made this way: a process per file, as
   "certwiz import --cert-only FILE" would need, takes half an hour.
   The store is exactly what those commands make. */
#include <config.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/diag.h"
#include "pki/certset.h"
#include "pki/import.h"
#include "store/store.h"

static int
install (struct cw_store *store, const char *file)
{
  struct cw_diags diags = CW_DIAGS_INIT;
  gnutls_datum_t data = { NULL, 0 };
  int status = cw_input_read (file, &data, &diags);
  if (status == CW_OK)
    {
      struct cw_import_options options = {
        .file = file, .data = &data, .cert_only = true,
      };
      struct cw_import_result result;
      status = cw_import (store, &options, &result, &diags);
      if (status == CW_OK)
        cw_import_result_free (&result);
    }
  if (status != CW_OK)
    for (size_t i = 0; i < diags.count; i++)
      fprintf (stderr, "storefill: %s: [%s] %s\n", file, diags.items[i].code,
               diags.items[i].message);
  free (data.data);
  cw_diags_free (&diags);
  return status;
}

int
main (int argc, char **argv)
{
  if (argc != 2)
    {
      fprintf (stderr, "usage: storefill STORE <FILES\n");
      return 2;
    }
  struct cw_diags diags = CW_DIAGS_INIT;
  struct cw_store *store;
  if (cw_store_open (&store, argv[1], &diags) != CW_OK)
    {
      fprintf (stderr, "storefill: cannot open the store %s\n", argv[1]);
      return 1;
    }
  cw_diags_free (&diags);
  char line[4096];
  int failed = 0;
  while (fgets (line, sizeof line, stdin))
    {
      line[strcspn (line, "\n")] = '\0';
      if (*line && install (store, line) != CW_OK)
        failed++;
    }
  cw_store_close (store);
  return failed ? 1 : 0;
}
