#include <config.h>

#include "pki/chain.h"

#include <pthread.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "pki/certinfo.h"
#include "base/i18n.h"
#include "base/xalloc.h"

#define MAX_CHAIN 16

char *
cw_cert_short_name (gnutls_x509_crt_t crt)
{
  static const char *const oids[] = { GNUTLS_OID_X520_COMMON_NAME,
                                      GNUTLS_OID_X520_ORGANIZATION_NAME };
  for (size_t i = 0; i < 2; i++)
    {
      char *value = cw_cert_dn_value (crt, false, oids[i], 0);
      if (value)
        return value;
    }
  gnutls_datum_t dn;
  if (gnutls_x509_crt_get_dn3 (crt, &dn, 0) < 0)
    return xstrdup ("?");
  char *name = xstrndup ((const char *) dn.data, dn.size);
  gnutls_free (dn.data);
  return name;
}

static bool
is_self_signed (gnutls_x509_crt_t crt)
{
  return gnutls_x509_crt_check_issuer (crt, crt) != 0;
}

/* Whether ISSUER's name is CRT's issuer and its key made CRT's
   signature; dates are not the chain's business here. */
static bool
signed_by (gnutls_x509_crt_t crt, gnutls_x509_crt_t issuer,
           unsigned *status)
{
  *status = 0;
  if (!gnutls_x509_crt_check_issuer (crt, issuer))
    return false;
  unsigned flags = GNUTLS_VERIFY_DISABLE_TIME_CHECKS
                   | GNUTLS_VERIFY_DISABLE_TRUSTED_TIME_CHECKS
                   | GNUTLS_VERIFY_ALLOW_SIGN_WITH_SHA1;
  if (gnutls_x509_crt_verify (crt, &issuer, 1, flags, status) < 0)
    *status = GNUTLS_CERT_INVALID;
  return true;
}

static bool
signed_any (gnutls_x509_crt_t issuer, const struct cw_certs *certs)
{
  for (size_t i = 0; i < certs->count; i++)
    {
      unsigned status;
      if (certs->items[i] != issuer
          && signed_by (certs->items[i], issuer, &status) && status == 0)
        return true;
    }
  return false;
}

gnutls_x509_crt_t
cw_chain_guess_leaf (const struct cw_certs *certs)
{
  gnutls_x509_crt_t fallback = NULL;
  for (size_t i = 0; i < certs->count; i++)
    {
      gnutls_x509_crt_t crt = certs->items[i];
      if (signed_any (crt, certs))
        continue;
      if (gnutls_x509_crt_get_ca_status (crt, NULL) <= 0)
        return crt;
      if (!fallback)
        fallback = crt;
    }
  return fallback ? fallback : certs->count ? certs->items[0] : NULL;
}

static void
report_bad_link (gnutls_x509_crt_t crt, gnutls_x509_crt_t issuer,
                 unsigned status, struct cw_diags *diags)
{
  char *name = cw_cert_short_name (crt);
  char *by = cw_cert_short_name (issuer);
  if (status & GNUTLS_CERT_SIGNER_NOT_CA)
    cw_diag_add (diags, CW_WARNING, "chain-signer-not-ca", "chain",
                 _("\"%s\" names \"%s\" as its issuer, but that certificate "
                   "may not sign others. The chain stops at \"%s\"; ask "
                   "your CA for the right intermediate certificate."),
                 name, by, name);
  else
    cw_diag_add (diags, CW_WARNING, "chain-bad-signature", "chain",
                 _("The signature of \"%s\" does not check out against "
                   "\"%s\", which has the issuer's name. The chain stops at "
                   "\"%s\"; ask your CA for the matching intermediate "
                   "certificate."), name, by, name);
  free (name);
  free (by);
}

/* The certificate of CERTS that signed CRT, or NULL; a name match whose
   signature fails is reported. */
static gnutls_x509_crt_t
find_issuer (const struct cw_certs *certs, gnutls_x509_crt_t crt,
             struct cw_diags *diags)
{
  gnutls_x509_crt_t impostor = NULL;
  unsigned bad_status = 0;
  for (size_t i = 0; i < certs->count; i++)
    {
      unsigned status;
      gnutls_x509_crt_t candidate = certs->items[i];
      if (candidate == crt || !signed_by (crt, candidate, &status))
        continue;
      if (status == 0)
        return candidate;
      impostor = candidate;
      bad_status = status;
    }
  if (impostor)
    report_bad_link (crt, impostor, bad_status, diags);
  return NULL;
}

static bool
in_chain (const struct cw_chain *chain, gnutls_x509_crt_t crt)
{
  if (crt == chain->leaf)
    return true;
  for (size_t i = 0; i < chain->count; i++)
    if (chain->issuers[i] == crt)
      return true;
  return false;
}

/* This system's roots, read once per process: reading them takes
   milliseconds, and an import of many certificates asks for each. */
static gnutls_x509_trust_list_t system_roots;
static pthread_once_t system_roots_once = PTHREAD_ONCE_INIT;

static void
read_system_roots (void)
{
  gnutls_x509_trust_list_t list;
  if (gnutls_x509_trust_list_init (&list, 0) < 0)
    return;
  if (gnutls_x509_trust_list_add_system_trust (list, 0, 0) > 0)
    system_roots = list;
  else
    gnutls_x509_trust_list_deinit (list, 1);
}

/* Whether this system trusts a root that signed CRT. */
static bool
issued_by_system_root (gnutls_x509_crt_t crt)
{
  gnutls_x509_crt_t issuer;
  pthread_once (&system_roots_once, read_system_roots);
  return system_roots
         && gnutls_x509_trust_list_get_issuer (system_roots, crt, &issuer,
                                               0) >= 0;
}

char *
cw_cert_issuer_short_name (gnutls_x509_crt_t crt)
{
  char *cn = cw_cert_dn_value (crt, true, GNUTLS_OID_X520_COMMON_NAME, 0);
  if (cn)
    return cn;
  gnutls_datum_t dn;
  if (gnutls_x509_crt_get_issuer_dn3 (crt, &dn, 0) < 0)
    return xstrdup ("?");
  char *name = xstrndup ((const char *) dn.data, dn.size);
  gnutls_free (dn.data);
  return name;
}

/* The chain stops below a root: fine when this system trusts that root,
   a missing intermediate when the CA sent the certificate alone: true
   then. */
static bool
report_open_end (gnutls_x509_crt_t top, size_t count, struct cw_diags *diags)
{
  if (issued_by_system_root (top))
    return false;
  char *name = cw_cert_short_name (top);
  char *issuer = cw_cert_issuer_short_name (top);
  if (count == 0)
    cw_diag_add (diags, CW_WARNING, "chain-missing-intermediate", "chain",
                 _("The file holds no certificate of the issuer \"%s\", and "
                   "this system does not know it as a root. Clients will "
                   "not trust \"%s\" without the intermediate certificate: "
                   "ask your CA for the chain (often called the CA bundle "
                   "or .p7b) and import that file instead."), issuer, name);
  else
    cw_diag_add (diags, CW_NOTE, "chain-ends-untrusted", "chain",
                 _("The chain ends at \"%s\", issued by \"%s\", which is "
                   "not a root this system trusts. That is expected with a "
                   "private CA whose root your clients have; otherwise ask "
                   "your CA for the missing intermediate certificate."),
                 name, issuer);
  free (name);
  free (issuer);
  return count == 0;
}

static void
report_root (gnutls_x509_crt_t root, struct cw_diags *diags)
{
  char *name = cw_cert_short_name (root);
  cw_diag_add (diags, CW_NOTE, "chain-root-left-out", "chain",
               _("The root certificate \"%s\" was in the file. Servers need "
                 "not send it, since clients have their own copy, so it was "
                 "left out of the chain. No action is needed."), name);
  free (name);
}

static void
report_left_out (const char *name, struct cw_diags *diags)
{
  cw_diag_add (diags, CW_WARNING, "chain-unrelated", "chain",
               _("\"%s\" is not part of this certificate's chain and "
                 "was left out. If you meant to import it, import it "
                 "on its own."), name);
}

/* Those set aside before the kept certificate KEPT, from *NEXT on. */
static void
report_aside_before (const struct cw_cert_aside *aside, size_t kept,
                     size_t *next, struct cw_diags *diags)
{
  for (; aside && *next < aside->count && aside->at[*next] <= kept;
       ++*next)
    report_left_out (aside->names[*next], diags);
}

static void
report_unrelated (const struct cw_certs *certs,
                  const struct cw_cert_aside *aside,
                  const struct cw_chain *chain, gnutls_x509_crt_t root,
                  struct cw_diags *diags)
{
  size_t next = 0;
  for (size_t i = 0; i < certs->count; i++)
    {
      report_aside_before (aside, i, &next, diags);
      gnutls_x509_crt_t crt = certs->items[i];
      if (crt == root || in_chain (chain, crt))
        continue;
      char *name = cw_cert_short_name (crt);
      report_left_out (name, diags);
      free (name);
    }
  report_aside_before (aside, SIZE_MAX, &next, diags);
}

void
cw_cert_aside_add (struct cw_cert_aside *aside, gnutls_x509_crt_t crt,
                   size_t at)
{
  aside->names = xreallocarray (aside->names, aside->count + 1,
                                sizeof *aside->names);
  aside->at = xreallocarray (aside->at, aside->count + 1,
                             sizeof *aside->at);
  aside->names[aside->count] = cw_cert_short_name (crt);
  aside->at[aside->count++] = at;
}

void
cw_cert_aside_free (struct cw_cert_aside *aside)
{
  for (size_t i = 0; i < aside->count; i++)
    free (aside->names[i]);
  free (aside->names);
  free (aside->at);
  *aside = (struct cw_cert_aside) CW_CERT_ASIDE_INIT;
}

/* The certificate expected at position N of a file in chain order: the
   leaf, its issuers, then the root if there is one. */
static gnutls_x509_crt_t
expected_at (const struct cw_chain *chain, gnutls_x509_crt_t root, size_t n)
{
  if (n == 0)
    return chain->leaf;
  if (n <= chain->count)
    return chain->issuers[n - 1];
  return n == chain->count + 1 ? root : NULL;
}

/* Whether the file listed the chain's certificates (the root included)
   in chain order; certificates of no use to the chain do not count. */
static bool
in_file_order (const struct cw_certs *certs, const struct cw_chain *chain,
               gnutls_x509_crt_t root)
{
  size_t next = 0;
  for (size_t i = 0; i < certs->count; i++)
    {
      gnutls_x509_crt_t crt = certs->items[i];
      if (crt == expected_at (chain, root, next))
        next++;
      else if (crt == root || in_chain (chain, crt))
        return false;
    }
  return true;
}

void
cw_chain_build (const struct cw_certs *certs, gnutls_x509_crt_t leaf,
                struct cw_chain *chain, struct cw_diags *diags)
{
  cw_chain_build_aside (certs, NULL, leaf, chain, diags);
}

void
cw_chain_build_aside (const struct cw_certs *certs,
                      const struct cw_cert_aside *aside,
                      gnutls_x509_crt_t leaf, struct cw_chain *chain,
                      struct cw_diags *diags)
{
  *chain = (struct cw_chain) { leaf, xcalloc (MAX_CHAIN, sizeof (void *)),
                               0, false };
  gnutls_x509_crt_t top = leaf, root = NULL;
  while (chain->count < MAX_CHAIN && !is_self_signed (top))
    {
      gnutls_x509_crt_t issuer = find_issuer (certs, top, diags);
      if (!issuer || in_chain (chain, issuer))
        break;
      if (is_self_signed (issuer))
        {
          root = issuer;
          break;
        }
      chain->issuers[chain->count++] = top = issuer;
    }
  if (!in_file_order (certs, chain, root))
    cw_diag_add (diags, CW_NOTE, "chain-reordered", "chain",
                 _("The certificates were not in chain order; they are kept "
                   "in order now: the certificate first, then each issuer. "
                   "No action is needed."));
  if (root)
    report_root (root, diags);
  else if (!is_self_signed (top))
    chain->incomplete = report_open_end (top, chain->count, diags);
  report_unrelated (certs, aside, chain, root, diags);
}

void
cw_chain_free (struct cw_chain *chain)
{
  free (chain->issuers);
  *chain = (struct cw_chain) CW_CHAIN_INIT;
}

char *
cw_cert_pem (gnutls_x509_crt_t crt)
{
  gnutls_datum_t pem;
  if (gnutls_x509_crt_export2 (crt, GNUTLS_X509_FMT_PEM, &pem) < 0)
    return xstrdup ("");
  char *text = xstrndup ((const char *) pem.data, pem.size);
  gnutls_free (pem.data);
  return text;
}

char *
cw_chain_pem (const struct cw_chain *chain)
{
  char *text = xstrdup ("");
  for (size_t i = 0; i < chain->count; i++)
    {
      char *pem = cw_cert_pem (chain->issuers[i]);
      char *joined = xasprintf ("%s%s", text, pem);
      free (text);
      free (pem);
      text = joined;
    }
  return text;
}
