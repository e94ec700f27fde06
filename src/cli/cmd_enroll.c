/* certwiz enroll: send a pending request (or new names) to an ACME CA,
   answer its challenges, and install the certificate it issues. */
#include <config.h>

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "acme/enroll.h"
#include "base/i18n.h"
#include "base/status.h"
#include "base/xalloc.h"
#include "cli/acme_cli.h"
#include "cli/cli.h"
#include "cli/password.h"
#include "cli/print_cert.h"

enum
{
  OPT_KEY = CW_OPT_COMMAND,
  OPT_KEY_SIZE,
  OPT_FRIENDLY_NAME,
  OPT_ACCOUNT,
  OPT_CHALLENGE,
  OPT_WEBROOT,
  OPT_STANDALONE,
  OPT_DNS_HOOK,
  OPT_MANUAL,
  OPT_DNS_SERVER,
  OPT_PROFILE,
  OPT_CA_BUNDLE,
  OPT_KEY_URI,
  OPT_PIN_FILE,
  OPT_PIN_FD
};

struct enroll_args
{
  struct cw_cli_names names;
  struct cw_request_options request;
  struct cw_enroll_options enroll;
  struct cw_password_source pin_source;
  struct cw_pin_source pin;
  char *subject;
};

static void
print_help (void)
{
  printf (_("Usage: certwiz enroll [ID] [--subject DN] [--san NAME]... "
            "[--key TYPE]\n"
            "                      [--account NAME] [--challenge "
            "http-01|dns-01]\n"
            "                      [--webroot DIR | --standalone "
            "[ADDR:PORT]]\n"
            "                      [--dns-hook CMD | --manual] "
            "[--profile NAME]\n"
            "                      [--ca-bundle FILE]\n\n"
            "Get a certificate from an ACME CA (see certwiz account): send "
            "the pending\nrequest ID, whose key stays where it is, or make "
            "a new key and request for\nthe names given; answer the CA's "
            "challenges; install the certificate with\nits chain, as "
            "import does.  A run that is stopped is resumed by the next "
            "one,\nwith the same key.\n\n"
            "  --subject DN         the subject (default: CN= the first "
            "name)\n"
            "  --san NAME           a DNS name to cover; repeat it, or "
            "separate with commas\n"
            "  --key TYPE           the new key: rsa2048, rsa3072 "
            "(default), rsa4096, p256, p384\n"
            "  --friendly-name TEXT a name to tell certificates apart\n"
            "  --account NAME       the ACME account (default: the only "
            "one)\n"
            "  --challenge TYPE     http-01 (default) or dns-01 (needed "
            "for a wildcard)\n"
            "  --webroot DIR        http-01: the folder your web server "
            "serves for the names\n"
            "  --standalone [ADDR:PORT]  http-01: certwiz's own server, "
            "only there\n"
            "                       (default: port 80 on every address)\n"
            "  --dns-hook CMD       dns-01: run CMD set|clear DOMAIN RECORD "
            "VALUE, without\n"
            "                       a shell (CERTWIZ_ACME_* in its "
            "environment too)\n"
            "  --manual             dns-01: show the TXT record to create, "
            "and wait until\n"
            "                       the domain's servers answer it\n"
            "  --dns-server ADDR[:PORT]  check the record there instead of "
            "at the\n"
            "                       domain's own servers\n"
            "  --profile NAME       the CA's certificate profile (see "
            "account show)\n"
            "  --ca-bundle FILE     trust anchors of a test or private CA's "
            "HTTPS server\n"));
  fputs (_("\nA key on a PKCS#11 token:\n"
           "  --key-uri URI        the token's key "
           "(pkcs11:token=NAME;object=LABEL), or a\n"
           "                       token alone (pkcs11:token=NAME) to make "
           "the new key there\n"
           "  --pin-file FILE      read the token's PIN from FILE\n"
           "  --pin-fd N           read it from file descriptor N "
           "(without either, it is\n"
           "                       asked for on the terminal)\n"), stdout);
}

/* --standalone takes an address only when one follows. */
static bool
looks_like_address (const char *arg)
{
  if (!arg || arg[0] == '-')
    return false;
  for (const char *p = arg; *p; p++)
    if (!isdigit ((unsigned char) *p) && !strchr (".:[]abcdefABCDEF", *p))
      return false;
  /* An ID is hexadecimal digits only: an address has its colon. */
  return strchr (arg, ':') != NULL;
}

static enum cw_cli_option_result
enroll_option (int opt, const char *arg, void *state)
{
  struct enroll_args *a = state;
  struct cw_acme_solve_options *s = &a->enroll.solve;
  switch (opt)
    {
    case OPT_KEY:
      a->request.key_type = arg;
      break;
    case OPT_KEY_SIZE:
      a->request.key_size = arg;
      break;
    case OPT_FRIENDLY_NAME:
      a->request.friendly_name = arg;
      break;
    case OPT_ACCOUNT:
      a->enroll.account = arg;
      break;
    case OPT_CHALLENGE:
      s->challenge = arg;
      break;
    case OPT_WEBROOT:
      s->webroot = arg;
      break;
    case OPT_STANDALONE:
      s->standalone = "";
      break;
    case OPT_DNS_HOOK:
      s->dns_hook = arg;
      break;
    case OPT_MANUAL:
      s->manual = true;
      break;
    case OPT_DNS_SERVER:
      s->dns_server = arg;
      break;
    case OPT_PROFILE:
      a->enroll.profile = arg;
      break;
    case OPT_CA_BUNDLE:
      a->enroll.ca_bundle = arg;
      break;
    case OPT_KEY_URI:
      a->request.key_uri = arg;
      break;
    case OPT_PIN_FILE:
    case OPT_PIN_FD:
      return cw_cli_password_option (opt, arg, &a->pin_source, OPT_PIN_FILE,
                                     OPT_PIN_FD, "--pin-fd");
    default:
      return cw_cli_naming_option (opt, arg, &a->names);
    }
  return CW_CLI_OPTION_TAKEN;
}

static void
show_record (void *state, const char *name, const char *value)
{
  (void) state;
  char *n = cw_cli_safe (name), *v = cw_cli_safe (value);
  printf (_("Create this DNS record, then wait here:\n"
            "  %s 300 IN TXT \"%s\"\n"), n, v);
  fflush (stdout);
  free (n), free (v);
}

static void
print_result (const struct cw_enroll_result *r)
{
  if (r->resumed)
    printf (_("Resumed the order %s\n"), r->order_url);
  if (r->replaces_dropped)
    printf (_("The CA refused to link the new certificate to the one it "
              "replaces; it was ordered without that link.\n"));
  printf (_("Installed the certificate from the CA with the private key "
            "kept for its request %.8s\n"), r->request_id);
  cw_cli_print_cert_summary (&r->import.info);
  for (size_t i = 0; i < r->import.chain_count; i++)
    cw_cli_field (_("Chain"), r->import.chain[i]);
  if (r->alternate_count)
    printf (_("The CA also offered %zu other chain(s), kept beside it.\n"),
            r->alternate_count);
}

/* The first name as the subject's CN when no subject is given. */
static void
default_subject (struct enroll_args *a)
{
  if (a->names.subject || a->names.san_count == 0)
    return;
  const char *first = a->names.sans[0];
  a->subject = xasprintf ("CN=%s", first[0] == '*' && first[1] == '.'
                                     ? first + 2 : first);
  a->names.subject = a->subject;
}

/* Takes an address after --standalone, and the ID. */
static int
operands (struct enroll_args *a, int argc, char **argv)
{
  /* getopt has moved the operands, the address among them, to the end. */
  for (int i = optind; a->enroll.solve.standalone
                       && !*a->enroll.solve.standalone && i < argc; i++)
    if (looks_like_address (argv[i]))
      {
        a->enroll.solve.standalone = argv[i];
        memmove (argv + i, argv + i + 1, (size_t) (argc - i - 1)
                                           * sizeof *argv);
        argc--;
      }
  int rest = argc - optind;
  if (rest > 1)
    return cw_cli_usage_error ("enroll", _("unexpected argument '%s'"),
                               argv[optind + 1]);
  argv[argc] = NULL;
  a->enroll.request_id = rest == 1 ? argv[optind] : NULL;
  if (!a->enroll.request_id && a->names.san_count == 0 && !a->names.subject)
    return cw_cli_usage_error ("enroll", _("give the ID of a pending "
                                           "request, or the names with "
                                           "--san"));
  if (a->enroll.request_id && (a->names.san_count || a->names.subject))
    return cw_cli_usage_error ("enroll", _("a pending request has its names "
                                           "already: give the ID or the "
                                           "names, not both"));
  return CW_OK;
}

int
cw_cmd_enroll (struct cw_cli_context *context, int argc, char **argv)
{
  static const struct option options[] = {
    { "key", required_argument, NULL, OPT_KEY },
    { "key-size", required_argument, NULL, OPT_KEY_SIZE },
    { "friendly-name", required_argument, NULL, OPT_FRIENDLY_NAME },
    { "account", required_argument, NULL, OPT_ACCOUNT },
    { "challenge", required_argument, NULL, OPT_CHALLENGE },
    { "webroot", required_argument, NULL, OPT_WEBROOT },
    { "standalone", no_argument, NULL, OPT_STANDALONE },
    { "dns-hook", required_argument, NULL, OPT_DNS_HOOK },
    { "manual", no_argument, NULL, OPT_MANUAL },
    { "dns-server", required_argument, NULL, OPT_DNS_SERVER },
    { "profile", required_argument, NULL, OPT_PROFILE },
    { "ca-bundle", required_argument, NULL, OPT_CA_BUNDLE },
    { "key-uri", required_argument, NULL, OPT_KEY_URI },
    { "pin-file", required_argument, NULL, OPT_PIN_FILE },
    { "pin-fd", required_argument, NULL, OPT_PIN_FD },
    CW_CLI_NAMING_OPTIONS,
    { NULL, 0, NULL, 0 },
  };
  struct enroll_args a = { .request = { .exportable = true },
                           .pin_source = { NULL, -1 } };
  int status = cw_cli_parse ("enroll", argc, argv, options, enroll_option,
                             &a, context, print_help);
  if (status == CW_OK)
    status = operands (&a, argc, argv);
  if (status == CW_OK && !cw_cli_acme_start ())
    status = CW_FAILED;
  if (status != CW_OK)
    {
      cw_cli_names_free (&a.names);
      return status == CW_CLI_HELP_DONE ? CW_OK : status;
    }
  default_subject (&a);
  cw_cli_names_input (&a.names, &a.request.names);
  a.enroll.request = &a.request;
  cw_cli_pin_source (&a.pin_source, &a.pin);
  a.enroll.pin = &a.pin;
  a.enroll.timeout_ms = cw_cli_acme_timeout ();
  a.enroll.solve.show_record = show_record;
  struct cw_diags diags = CW_DIAGS_INIT;
  struct cw_enroll_result result = { 0 };
  struct cw_store *store;
  status = cw_cli_store (context, &store);
  if (status == CW_OK)
    status = cw_enroll (store, &a.enroll, &result, &diags);
  cw_cli_report (&diags);
  if (status == CW_OK)
    print_result (&result);
  cw_enroll_result_free (&result);
  cw_diags_free (&diags);
  cw_cli_names_free (&a.names);
  free (a.subject);
  return status;
}
