/* The command line's hints: the core says what to do in plain words; here
   each diagnostic code that an option answers gets that option. */
#include <config.h>

#include "cli/cli.h"

#include <stdbool.h>
#include <string.h>

#include "base/i18n.h"
#include "base/xalloc.h"

struct hint
{
  const char *code;
  const char *text;        /* N_(); "%s" is the ID acted on */
  bool names_id;
};

static const struct hint hints[] = {
  { "out-exists", N_("To replace it, add --force."), false },
  { "p12-no-key", N_("That is --cert-only."), false },
  { "key-not-here-fix", N_("(A certificate alone: --cert-only.)"), false },
  { "store-unknown", N_("Or give it with --store DIR."), false },
  { "export-key-on-token",
    N_("To write the certificate and its chain as PEM: certwiz show %s "
       "--format pem > cert.pem"), true },
  { "key-uri-conflict", N_("Leave out --key and --key-size."), false },
  { "token-uri-invalid",
    N_("p11tool --login --list-privkeys shows the URIs of a token's keys."),
    false },
  { "token-not-found",
    N_("List the tokens present with: p11tool --list-tokens"), false },
  { "token-key-not-found",
    N_("List a token's keys with: p11tool --login --list-privkeys "
       "'pkcs11:token=NAME'"), false },
  { "no-system-trust", N_("Name the roots with --ca FILE."), false },
  { "untrusted-root", N_("Roots to trust: --ca FILE."), false },
  { "timeout", N_("More time: --timeout SECONDS."), false },
  { "enable-no-site",
    N_("For nginx and Apache, --add-site adds one for these names."),
    false },
  { "handshake-failed", N_("The protocol: --starttls."), false },
  { "starttls-closed", N_("The protocol: --starttls."), false },
  { "acme-terms-not-agreed", N_("To agree, add --agree-tos."), false },
  { "acme-eab-required",
    N_("Give them with --eab-kid ID --eab-key-file FILE."), false },
  { "acme-tls", N_("For a test or private CA: --ca-bundle FILE."), false },
  { "acme-solver-choice",
    N_("http-01: --webroot DIR or --standalone; dns-01: --dns-hook CMD or "
       "--manual."), false },
  { "acme-wildcard-needs-dns", N_("That is --challenge dns-01."), false },
  { "acme-no-account",
    N_("That is: certwiz account add --server URL --agree-tos"),
    false },
  { "token-pin-missing",
    N_("Give it with --pin-file FILE or --pin-fd N, or type it on a "
       "terminal."), false },
};

char *
cw_cli_hint (const char *code, const char *id)
{
  for (size_t i = 0; i < sizeof hints / sizeof hints[0]; i++)
    {
      if (strcmp (hints[i].code, code) != 0)
        continue;
      if (!hints[i].names_id)
        return xstrdup (_(hints[i].text));
      /* The ID goes where the text has "%s", spliced rather than
         printed: the text is not a format string the compiler sees. */
      const char *text = _(hints[i].text);
      const char *at = strstr (text, "%s");
      if (!at)
        return xstrdup (text);
      return xasprintf ("%.*s%.8s%s", (int) (at - text), text,
                        id ? id : "ID", at + 2);
    }
  return NULL;
}
