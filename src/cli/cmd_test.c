/* certwiz test: a real TLS handshake with a server, STARTTLS where the
   protocol needs it, and the served chain checked as a client would,
   what admins otherwise do with openssl s_client -starttls smtp. */
#include <config.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/i18n.h"
#include "base/json.h"
#include "base/status.h"
#include "base/xalloc.h"
#include "cli/cli.h"
#include "cli/print_cert.h"
#include "cli/print_verify.h"
#include "pki/certinfo.h"
#include "pki/chain.h"
#include "pki/verify.h"
#include "services/probe.h"

enum
{
  OPT_STARTTLS = CW_OPT_COMMAND,
  OPT_NAME,
  OPT_EXPECT,
  OPT_CA,
  OPT_FORMAT,
  OPT_TIMEOUT
};

enum format { FORMAT_TEXT, FORMAT_JSON };

#define DEFAULT_PORT 443
#define DEFAULT_TIMEOUT_S 10
#define MAX_TIMEOUT_S 3600

struct test_args
{
  int starttls;            /* an enum cw_starttls */
  const char *name;
  const char *expect;
  const char *ca_file;
  int format;
  unsigned timeout_s;
};

static void
print_help (void)
{
  printf (_("Usage: certwiz test HOST[:PORT] [--starttls "
            "smtp|imap|pop3|none|auto]\n"
            "                    [--name SNI] [--expect ID] [--ca FILE] "
            "[--format text|json]\n"
            "                    [--timeout SECONDS]\n\n"
            "Make a real TLS handshake with the server at HOST (port 443 "
            "unless given) and\ncheck what it serves as a client would: "
            "the chain, complete and valid to a\ntrust anchor; every "
            "certificate valid now, and the days left; the names, for\n"
            "the name asked; and, with --expect, that it is certificate ID "
            "of the store.\n\n"
            "  --starttls PROTOCOL  STARTTLS first: smtp (EHLO, STARTTLS), "
            "imap, pop3; none\n"
            "                       for TLS at once; auto (the default): "
            "by the port (25 and\n"
            "                       587 smtp, 143 imap, 110 pop3; 443, "
            "465, 993, 995 none),\n"
            "                       else by the server's greeting\n"
            "  --name SNI           the name to ask for (SNI) and to check "
            "(default: HOST)\n"
            "  --expect ID          the certificate of the store the server "
            "should serve\n"
            "  --ca FILE            trust the roots of FILE instead of this "
            "system's\n"
            "  --format text|json   what to print (text by default)\n"
            "  --timeout SECONDS    for the connection, STARTTLS and the "
            "handshake (10)\n\n"
            "Exit status: 0 when every check passes, 1 when one fails "
            "(the handshake\nincluded), 2 usage error, 3 when the server "
            "cannot be reached.\n"));
}

static bool
parse_timeout (const char *arg, unsigned *seconds)
{
  char *end;
  unsigned long value = strtoul (arg, &end, 10);
  if (!*arg || *end || value == 0 || value > MAX_TIMEOUT_S)
    return false;
  *seconds = (unsigned) value;
  return true;
}

static enum cw_cli_option_result
test_option (int opt, const char *arg, void *state)
{
  /* In the order of enum cw_starttls. */
  static const char *const protocols[] = { "auto", "none", "smtp", "imap",
                                           "pop3", NULL };
  static const char *const formats[] = { "text", "json", NULL };
  struct test_args *args = state;
  switch (opt)
    {
    case OPT_STARTTLS:
      return cw_cli_parse_format (arg, protocols, &args->starttls)
             ? CW_CLI_OPTION_TAKEN : CW_CLI_OPTION_BAD;
    case OPT_NAME:
      args->name = arg;
      return CW_CLI_OPTION_TAKEN;
    case OPT_EXPECT:
      args->expect = arg;
      return CW_CLI_OPTION_TAKEN;
    case OPT_CA:
      args->ca_file = arg;
      return CW_CLI_OPTION_TAKEN;
    case OPT_FORMAT:
      return cw_cli_parse_format (arg, formats, &args->format)
             ? CW_CLI_OPTION_TAKEN : CW_CLI_OPTION_BAD;
    case OPT_TIMEOUT:
      if (parse_timeout (arg, &args->timeout_s))
        return CW_CLI_OPTION_TAKEN;
      cw_cli_usage_error ("test", _("--timeout needs a number of seconds "
                                    "from 1 to %d, not '%s'"), MAX_TIMEOUT_S,
                          arg);
      return CW_CLI_OPTION_BAD;
    default:
      return CW_CLI_OPTION_NOT_MINE;
    }
}

/* Whether the server serves the leaf of EXPECTED, and with its chain. */
static void
check_expected (const struct cw_certs *served, const struct cw_certs *expected,
                const char *id, struct cw_verification *v)
{
  gnutls_x509_crt_t want = expected->items[0], got = served->items[0];
  struct cw_certinfo info;
  char *name = cw_cert_short_name (want);
  if (gnutls_x509_crt_equals (want, got))
    {
      cw_verification_pass (v, CW_CHECK_EXPECTED,
                            xasprintf (_("the store's certificate %s, "
                                         "\"%s\""), id, name));
      bool same_chain = served->count >= expected->count;
      for (size_t i = 1; same_chain && i < expected->count; i++)
        same_chain = gnutls_x509_crt_equals (expected->items[i],
                                             served->items[i]);
      if (!same_chain)
        cw_diag_add (&v->problems, CW_WARNING, "chain-differs", "expected",
                     _("The server serves the store's certificate %s, but "
                       "not with the chain the store holds for it. Point "
                       "the service at the full chain (the certificate, "
                       "then its chain)."), id);
    }
  else if (cw_certinfo_get (got, &info) >= 0)
    {
      char *served_name = cw_cert_short_name (got);
      cw_verification_fail (v, CW_CHECK_EXPECTED, "unexpected-certificate",
                            xasprintf (_("The server serves \"%s\" "
                                         "(thumbprint %s), not the store's "
                                         "certificate %s, \"%s\". Point the "
                                         "service at that certificate, then "
                                         "reload it."), served_name,
                                       info.sha1, id, name));
      free (served_name);
      cw_certinfo_free (&info);
    }
  free (name);
}

static void
print_connection (const struct cw_probe *probe, const char *sni)
{
  char *server = sni ? xasprintf ("%s (%s)", probe->address, sni)
                     : xstrdup (probe->address);
  /* TRANSLATORS: labels of certwiz test; at most 14 columns. */
  cw_cli_field (_("Server"), server);
  free (server);
  cw_cli_field (_("STARTTLS"), probe->starttls == CW_STARTTLS_NONE
                               ? _("none (TLS at once)")
                               : cw_starttls_name (probe->starttls));
  cw_cli_field (_("Protocol"), probe->protocol);
  char *cipher = probe->group ? xasprintf ("%s, %s", probe->cipher,
                                           probe->group)
                              : xstrdup (probe->cipher);
  cw_cli_field (_("Cipher"), cipher);
  free (cipher);
}

static void
print_json (const char *host, unsigned port, const struct cw_probe *probe,
            const struct cw_verification *v, const struct cw_diags *diags)
{
  struct cw_json json;
  cw_json_begin (&json, stdout);
  cw_json_object_begin (&json, NULL);
  cw_json_string (&json, "host", host);
  cw_json_number (&json, "port", port);
  cw_json_string (&json, "address", probe->address);
  cw_json_string (&json, "starttls", probe->address
                                     ? cw_starttls_name (probe->starttls)
                                     : NULL);
  cw_json_string (&json, "protocol", probe->protocol);
  cw_json_string (&json, "cipher", probe->cipher);
  cw_json_string (&json, "group", probe->group);
  if (v)
    cw_cli_json_verification (&json, probe->certs.items, probe->certs.count,
                              v);
  else
    {
      cw_cli_json_problems (&json, diags);
      cw_json_bool (&json, "passed", false);
    }
  cw_json_object_end (&json);
  cw_json_end (&json);
}

struct test_run
{
  const struct test_args *args;
  char *host;
  unsigned port;
  const char *sni;
  struct cw_certs expected;
  struct cw_probe probe;
  struct cw_diags diags;
};

static enum cw_status
verify_served (struct test_run *run, struct cw_verification *v)
{
  if (run->probe.certs.count == 0)
    {
      cw_diag_add (&run->diags, CW_ERROR, "no-certificate", "tls",
                   _("The server finished the handshake without a "
                     "certificate. Configure one for this port."));
      return CW_REFUSED;
    }
  struct cw_verify_options options = {
    .name = run->args->name ? run->args->name : run->host,
    .ca_file = run->args->ca_file, .purpose = CW_PURPOSE_SERVER,
    .served = true };
  enum cw_status status = cw_verify (&run->probe.certs,
                                     run->probe.certs.items[0], &options, v,
                                     &run->diags);
  if (status == CW_OK && run->args->expect)
    check_expected (&run->probe.certs, &run->expected, run->args->expect, v);
  return status;
}

static int
run_test (struct test_run *run, struct cw_cli_context *context)
{
  const struct test_args *args = run->args;
  bool from_store;
  struct cw_store *store;
  enum cw_status status = CW_OK;
  if (args->expect)
    status = cw_cli_store (context, &store);
  if (args->expect && status == CW_OK)
    status = cw_verify_load (store, args->expect, false, &run->expected,
                             &from_store, &run->diags);
  struct cw_probe_request request = {
    run->host, run->port, (enum cw_starttls) args->starttls, run->sni,
    args->timeout_s * 1000 };
  if (status == CW_OK)
    status = cw_probe_run (&request, &run->probe, &run->diags);
  struct cw_verification v = { .path = NULL };
  bool verified = status == CW_OK
                  && (status = verify_served (run, &v)) == CW_OK;
  if (args->format == FORMAT_JSON)
    print_json (run->host, run->port, &run->probe, verified ? &v : NULL,
                &run->diags);
  else if (verified)
    {
      print_connection (&run->probe, run->sni);
      cw_cli_print_certs (run->probe.certs.items, run->probe.certs.count);
      cw_cli_print_checks (&v);
    }
  if (verified)
    {
      status = cw_verification_passed (&v) ? CW_OK : CW_REFUSED;
      cw_diags_move (&run->diags, &v.problems);
      cw_verification_free (&v);
    }
  cw_cli_report (&run->diags);
  return status;
}

int
cw_cmd_test (struct cw_cli_context *context, int argc, char **argv)
{
  static const struct option options[] = {
    { "starttls", required_argument, NULL, OPT_STARTTLS },
    { "name", required_argument, NULL, OPT_NAME },
    { "expect", required_argument, NULL, OPT_EXPECT },
    { "ca", required_argument, NULL, OPT_CA },
    { "format", required_argument, NULL, OPT_FORMAT },
    { "timeout", required_argument, NULL, OPT_TIMEOUT },
    CW_CLI_COMMON_OPTIONS,
    { NULL, 0, NULL, 0 },
  };
  struct test_args args = { .starttls = CW_STARTTLS_AUTO,
                            .format = FORMAT_TEXT,
                            .timeout_s = DEFAULT_TIMEOUT_S };
  int status = cw_cli_parse ("test", argc, argv, options, test_option, &args,
                             context, print_help);
  if (status == CW_OK)
    status = cw_cli_operands ("test", argc, argv, 1,
                              _("the server (HOST or HOST:PORT)"));
  if (status != CW_OK)
    return status == CW_CLI_HELP_DONE ? CW_OK : status;
  struct test_run run = { .args = &args, .port = DEFAULT_PORT,
                          .expected = CW_CERTS_INIT,
                          .diags = CW_DIAGS_INIT };
  if (!cw_probe_parse_target (argv[optind], &run.host, &run.port))
    return cw_cli_usage_error ("test", _("'%s' is not HOST or HOST:PORT "
                                         "(an IPv6 address with a port is "
                                         "written [ADDRESS]:PORT)"),
                               argv[optind]);
  run.sni = args.name ? args.name : run.host;
  status = run_test (&run, context);
  cw_probe_free (&run.probe);
  cw_certs_free (&run.expected);
  cw_diags_free (&run.diags);
  free (run.host);
  return status;
}
