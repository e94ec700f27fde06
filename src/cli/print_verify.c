#include <config.h>

#include "cli/print_verify.h"

#include <stdio.h>
#include <stdlib.h>

#include "base/i18n.h"
#include "base/xalloc.h"
#include "cli/print_cert.h"
#include "store/listing.h"

void
cw_cli_print_certs (gnutls_x509_crt_t *certs, size_t count)
{
  for (size_t i = 0; i < count; i++)
    {
      struct cw_certinfo info;
      if (cw_certinfo_get (certs[i], &info) < 0)
        continue;
      /* TRANSLATORS: a heading over each certificate of a chain. */
      printf (_("\nCertificate %zu of %zu:\n"), i + 1, count);
      cw_cli_print_cert_summary (&info);
      cw_certinfo_free (&info);
    }
}

static const char *
result_word (enum cw_check_result result)
{
  switch (result)
    {
    case CW_CHECK_PASSED:
      return "passed";
    case CW_CHECK_FAILED:
      return "failed";
    case CW_CHECK_SKIPPED:
    default:
      return "skipped";
    }
}

void
cw_cli_print_checks (const struct cw_verification *v)
{
  putchar ('\n');
  size_t failed = 0;
  for (int i = 0; i < CW_CHECK_COUNT; i++)
    {
      char *line;
      if (v->results[i] == CW_CHECK_PASSED)
        /* TRANSLATORS: the verdict of one check, then what it found. */
        line = xasprintf (_("passed: %s"), v->details[i]);
      else if (v->results[i] == CW_CHECK_FAILED)
        line = xasprintf (_("FAILED [%s]"), v->codes[i]);
      else
        line = xasprintf (_("not checked: %s"), v->details[i]);
      cw_cli_field (cw_check_label ((enum cw_check) i), line);
      free (line);
      failed += v->results[i] == CW_CHECK_FAILED;
    }
  if (failed)
    printf (ngettext ("%zu check failed; the reason and what to do are "
                      "below.\n",
                      "%zu checks failed; the reasons and what to do are "
                      "below.\n", failed), failed);
  else
    printf (_("Every check passed.\n"));
}

static void
json_cert (struct cw_json *json, gnutls_x509_crt_t crt)
{
  struct cw_certinfo info;
  if (cw_certinfo_get (crt, &info) < 0)
    return;
  char *from = cw_time_format (info.not_before);
  char *to = cw_time_format (info.not_after);
  cw_json_object_begin (json, NULL);
  cw_json_string (json, "subject", info.subject);
  cw_json_string (json, "issuer", info.issuer);
  cw_json_array_begin (json, "names");
  for (size_t i = 0; i < info.name_count; i++)
    cw_json_string (json, NULL, info.names[i]);
  cw_json_array_end (json);
  cw_json_string (json, "not_before", from);
  cw_json_string (json, "not_after", to);
  cw_json_string (json, "sha1", info.sha1);
  cw_json_string (json, "sha256", info.sha256);
  cw_json_object_end (json);
  free (from);
  free (to);
  cw_certinfo_free (&info);
}

void
cw_cli_json_problems (struct cw_json *json, const struct cw_diags *diags)
{
  cw_json_array_begin (json, "problems");
  for (size_t i = 0; i < diags->count; i++)
    {
      const struct cw_diag *d = &diags->items[i];
      static const char *const severities[] = { "note", "warning", "error" };
      cw_json_object_begin (json, NULL);
      cw_json_string (json, "code", d->code);
      cw_json_string (json, "severity", severities[d->severity]);
      cw_json_string (json, "field", d->field);
      cw_json_string (json, "message", d->message);
      cw_json_object_end (json);
    }
  cw_json_array_end (json);
}

void
cw_cli_json_verification (struct cw_json *json, gnutls_x509_crt_t *certs,
                          size_t count, const struct cw_verification *v)
{
  cw_json_array_begin (json, "certificates");
  for (size_t i = 0; i < count; i++)
    json_cert (json, certs[i]);
  cw_json_array_end (json);
  cw_json_object_begin (json, "checks");
  for (int i = 0; i < CW_CHECK_COUNT; i++)
    {
      cw_json_object_begin (json, cw_check_key ((enum cw_check) i));
      cw_json_string (json, "result", result_word (v->results[i]));
      cw_json_string (json, "code", v->codes[i]);
      cw_json_string (json, "detail", v->details[i]);
      cw_json_object_end (json);
    }
  cw_json_object_end (json);
  cw_json_string (json, "trust_anchor", v->anchor);
  cw_json_number (json, "days_left", v->days_left);
  cw_cli_json_problems (json, &v->problems);
  cw_json_bool (json, "passed", cw_verification_passed (v));
}
