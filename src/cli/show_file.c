/* certwiz show FILE, one certificate at a time (see show_file.h). */
#include <config.h>

#include "cli/show_file.h"

#include <stdio.h>
#include <stdlib.h>

#include "base/i18n.h"
#include "base/xalloc.h"
#include "cli/cli.h"
#include "cli/print_cert.h"
#include "pki/certfields.h"
#include "pki/certinfo.h"
#include "pki/certread.h"
#include "pki/certset.h"
#include "pki/chain.h"

void
cw_show_cert_text (gnutls_x509_crt_t crt, bool after_another)
{
  struct cw_certinfo info;
  if (cw_certinfo_get (crt, &info) < 0)
    return;
  if (after_another)
    putchar ('\n');
  struct cw_field_source source = { &info, NULL };
  cw_cli_print_fields (CW_FIELDS_CERT, &source, CW_FIELD_TEXT);
  cw_certinfo_free (&info);
}

void
cw_show_cert_json (struct cw_json *json, gnutls_x509_crt_t crt)
{
  struct cw_certinfo info;
  if (cw_certinfo_get (crt, &info) < 0)
    return;
  struct cw_field_source source = { &info, NULL };
  cw_json_object_begin (json, NULL);
  cw_cli_json_fields (json, CW_FIELDS_CERT, &source);
  cw_json_object_end (json);
  cw_certinfo_free (&info);
}

void
cw_show_cert_pem (gnutls_x509_crt_t crt)
{
  gnutls_datum_t pem;
  if (gnutls_x509_crt_export2 (crt, GNUTLS_X509_FMT_PEM, &pem) < 0)
    return;
  fwrite (pem.data, 1, pem.size, stdout);
  gnutls_free (pem.data);
}

/* The short names of the file's certificates after the first: the
   first pass, which also proves the file whole. */
struct names
{
  char **items;
  size_t count;
};

static void
names_free (struct names *names)
{
  for (size_t i = 0; i < names->count; i++)
    free (names->items[i]);
  free (names->items);
}

static bool
keep_name (gnutls_x509_crt_t crt, size_t index, void *state)
{
  struct names *names = state;
  if (index == 0)
    return false;
  names->items = xreallocarray (names->items, names->count + 1,
                                sizeof *names->items);
  names->items[names->count++] = cw_cert_short_name (crt);
  return false;
}

struct printing
{
  enum cw_show_format format;
  const struct names *names;
};

static bool
print_one (gnutls_x509_crt_t crt, size_t index, void *state)
{
  struct printing *p = state;
  if (p->format == CW_SHOW_PEM)
    cw_show_cert_pem (crt);
  else if (p->format == CW_SHOW_JSON)
    {
      /* One certificate's object at a time, in the array written by
         cw_show_file. */
      struct cw_json json;
      cw_json_begin (&json, stdout);
      cw_show_cert_json (&json, crt);
      fputs (index ? "," : "", stdout);
      cw_json_newline (stdout, 2);
      cw_json_end_nested (&json, 2);
    }
  else
    {
      cw_show_cert_text (crt, index > 0);
      for (size_t i = 0; index == 0 && i < p->names->count; i++)
        /* TRANSLATORS: labels of show: a certificate of the chain, or
           another certificate found in the same file; at most 14
           columns. */
        cw_cli_field (_("Also in file"), p->names->items[i]);
    }
  return false;
}

enum cw_status
cw_show_file (const char *file, enum cw_show_format format,
              struct cw_diags *diags)
{
  gnutls_datum_t data;
  enum cw_status status = cw_input_read (file, &data, diags);
  if (status != CW_OK)
    return status;
  struct names names = { NULL, 0 };
  status = cw_certs_each (&data, file, keep_name, &names, diags);
  if (status == CW_OK)
    {
      /* The second pass says again what the first said. */
      struct cw_diags again = CW_DIAGS_INIT;
      struct printing p = { format, &names };
      /* The layout cw_json gives { "certificates": [ ... ] }, written
         an item at a time. */
      if (format == CW_SHOW_JSON)
        {
          fputc ('{', stdout);
          cw_json_newline (stdout, 1);
          fputs ("\"certificates\": [", stdout);
        }
      cw_certs_each (&data, file, print_one, &p, &again);
      if (format == CW_SHOW_JSON)
        {
          cw_json_newline (stdout, 1);
          fputc (']', stdout);
          cw_json_newline (stdout, 0);
          fputs ("}\n", stdout);
        }
      cw_diags_free (&again);
    }
  names_free (&names);
  free (data.data);
  return status;
}
