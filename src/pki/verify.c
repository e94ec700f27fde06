#include <config.h>

#include "pki/verify.h"

#include <stdlib.h>
#include <string.h>

#include "base/i18n.h"
#include "base/xalloc.h"
#include "names/match.h"
#include "pki/certinfo.h"
#include "pki/chain.h"

#define MAX_PATH 16
#define DAY (24 * 60 * 60)
/* Fewer days left than this is worth a warning, not a failure. */
#define SOON_DAYS 30

static const struct
{
  const char *key;
  const char *label;
} check_names[CW_CHECK_COUNT] = {
  /* TRANSLATORS: labels of the checks of certwiz test and verify; at
     most 14 columns. */
  { "chain", N_("Chain") },
  { "trust", N_("Trust") },
  { "validity", N_("Validity") },
  { "purpose", N_("Purpose") },
  { "name", N_("Name") },
  { "expected", N_("Expected") },
};

const char *
cw_check_key (enum cw_check check)
{
  return check_names[check].key;
}

const char *
cw_check_label (enum cw_check check)
{
  return _(check_names[check].label);
}

static void
record (struct cw_verification *v, enum cw_check check,
        enum cw_check_result result, const char *code, char *detail)
{
  v->results[check] = result;
  v->codes[check] = code;
  free (v->details[check]);
  v->details[check] = detail;
}

void
cw_verification_pass (struct cw_verification *v, enum cw_check check,
                      char *detail)
{
  record (v, check, CW_CHECK_PASSED, NULL, detail);
}

void
cw_verification_fail (struct cw_verification *v, enum cw_check check,
                      const char *code, char *detail)
{
  cw_diag_add (&v->problems, CW_ERROR, code, cw_check_key (check), "%s",
               detail);
  record (v, check, CW_CHECK_FAILED, code, detail);
}

static void
skip (struct cw_verification *v, enum cw_check check, char *detail)
{
  record (v, check, CW_CHECK_SKIPPED, NULL, detail);
}

bool
cw_verification_passed (const struct cw_verification *v)
{
  for (int i = 0; i < CW_CHECK_COUNT; i++)
    if (v->results[i] == CW_CHECK_FAILED)
      return false;
  return true;
}

void
cw_verification_free (struct cw_verification *v)
{
  for (int i = 0; i < CW_CHECK_COUNT; i++)
    free (v->details[i]);
  free (v->path);
  free (v->anchor);
  cw_diags_free (&v->problems);
  *v = (struct cw_verification) { .path = NULL };
}

/* ------------------------------------------------------------ trust */

static enum cw_status
load_trust (const char *ca_file, gnutls_x509_trust_list_t *trust,
            struct cw_diags *diags)
{
  if (gnutls_x509_trust_list_init (trust, 0) < 0)
    return CW_FAILED;
  if (!ca_file)
    {
      if (gnutls_x509_trust_list_add_system_trust (*trust, 0, 0) > 0)
        return CW_OK;
      cw_diag_add (diags, CW_ERROR, "no-system-trust", "trust",
                   _("This system's trust anchors cannot be read. Install "
                     "the ca-certificates package, or name a file of the "
                     "roots to trust."));
      return CW_FAILED;
    }
  gnutls_datum_t data;
  struct cw_certs anchors = CW_CERTS_INIT;
  enum cw_status status = cw_input_read (ca_file, &data, diags);
  if (status == CW_OK)
    {
      status = cw_certs_read (&data, ca_file, &anchors, diags);
      free (data.data);
    }
  if (status == CW_OK
      && gnutls_x509_trust_list_add_cas (*trust, anchors.items,
                                         (unsigned) anchors.count, 0) >= 0)
    {
      /* The list owns the certificates now. */
      free (anchors.items);
      return CW_OK;
    }
  cw_certs_free (&anchors);
  return status == CW_OK ? CW_FAILED : status;
}

static char *
trust_source (const struct cw_verify_options *options)
{
  if (options->ca_file)
    /* TRANSLATORS: where the trusted roots came from: a file. */
    return xasprintf (_("those of %s"), options->ca_file);
  return xstrdup (_("this system's"));
}

/* ------------------------------------------------------------- path */

static bool
is_self_signed (gnutls_x509_crt_t crt)
{
  return gnutls_x509_crt_check_issuer (crt, crt) != 0;
}

static bool
in_path (const struct cw_verification *v, gnutls_x509_crt_t crt)
{
  for (size_t i = 0; i < v->path_length; i++)
    if (v->path[i] == crt)
      return true;
  return false;
}

static bool
signature_checks_out (gnutls_x509_crt_t crt, gnutls_x509_crt_t issuer)
{
  unsigned status;
  unsigned flags = GNUTLS_VERIFY_DISABLE_TIME_CHECKS
                   | GNUTLS_VERIFY_DISABLE_TRUSTED_TIME_CHECKS;
  return gnutls_x509_crt_verify (crt, &issuer, 1, flags, &status) >= 0
         && status == 0;
}

/* The certificate of CERTS that issued TOP: the one with the issuer's
   name or, when several have it, the one whose signature checks out
   (the trust check verifies every signature anyway). */
static gnutls_x509_crt_t
issuer_among (const struct cw_certs *certs, gnutls_x509_crt_t top,
              const struct cw_verification *v)
{
  gnutls_x509_crt_t first = NULL;
  size_t named = 0;
  for (size_t i = 0; i < certs->count; i++)
    {
      gnutls_x509_crt_t candidate = certs->items[i];
      if (in_path (v, candidate)
          || !gnutls_x509_crt_check_issuer (top, candidate))
        continue;
      /* The first one of the name, unless a later one's signature
         checks out: then the first one's may not. */
      if (named++ == 0)
        first = candidate;
      else if (signature_checks_out (top, candidate))
        return candidate;
    }
  return first;
}

/* The path from LEAF up; whether it ends at a self-signed root. */
static bool
build_path (const struct cw_certs *certs, gnutls_x509_crt_t leaf,
            struct cw_verification *v)
{
  v->path = xcalloc (MAX_PATH, sizeof *v->path);
  v->path[v->path_length++] = leaf;
  while (v->path_length < MAX_PATH)
    {
      gnutls_x509_crt_t top = v->path[v->path_length - 1];
      if (is_self_signed (top))
        return true;
      gnutls_x509_crt_t issuer = issuer_among (certs, top, v);
      if (!issuer)
        break;
      v->path[v->path_length++] = issuer;
    }
  return false;
}

/* What a served chain does that clients may mind: another order than
   leaf then issuers, certificates that belong to no chain. */
static void
note_served_order (const struct cw_certs *certs, struct cw_verification *v)
{
  bool in_order = true;
  for (size_t i = 0; i < v->path_length && i < certs->count; i++)
    in_order = in_order && certs->items[i] == v->path[i];
  if (!in_order)
    cw_diag_add (&v->problems, CW_WARNING, "chain-order", "chain",
                 _("The server sends its certificates in another order "
                   "than the certificate, then each issuer. Most clients "
                   "cope, some do not: list them in that order in the "
                   "chain file."));
  size_t extra = certs->count > v->path_length
                 ? certs->count - v->path_length : 0;
  if (extra)
    cw_diag_add (&v->problems, CW_WARNING, "chain-extra", "chain",
                 ngettext ("The server sends %zu certificate that is not "
                           "part of its chain. Remove it from the chain "
                           "file.",
                           "The server sends %zu certificates that are not "
                           "part of its chain. Remove them from the chain "
                           "file.", extra), extra);
}

/* How the chain built from the certificates given ends. */
enum chain_end
{
  END_ROOT,                /* at a self-signed root */
  END_ANCHORED,            /* at a certificate a trust anchor issued, or
                              at an anchor itself */
  END_NO_INTERMEDIATE,     /* at the leaf, whose issuer is unknown: the
                              intermediate certificate is missing */
  END_UNKNOWN_ISSUER       /* at a CA certificate whose issuer is not a
                              trust anchor: an unknown root, or a second
                              intermediate missing */
};

/* ------------------------------------------------------------ checks */

static void
check_chain (enum chain_end end, const struct cw_verify_options *options,
             struct cw_verification *v)
{
  gnutls_x509_crt_t top = v->path[v->path_length - 1];
  if (end == END_ROOT || end == END_ANCHORED)
    {
      cw_verification_pass (v, CW_CHECK_CHAIN,
                            xasprintf (ngettext ("complete: %zu certificate "
                                                 "up to the root",
                                                 "complete: %zu certificates "
                                                 "up to the root",
                                                 v->path_length),
                                       v->path_length));
      return;
    }
  char *name = cw_cert_short_name (top);
  char *issuer = cw_cert_issuer_short_name (top);
  if (end == END_UNKNOWN_ISSUER)
    skip (v, CW_CHECK_CHAIN,
          xasprintf (_("not known: it ends at \"%s\", issued by \"%s\", "
                       "which is not a trust anchor"), name, issuer));
  else if (options->served)
    cw_verification_fail (v, CW_CHECK_CHAIN, "chain-incomplete",
                          xasprintf (_("The server sends \"%s\" without the "
                                       "certificate of its issuer \"%s\", "
                                       "and no trust anchor is that issuer, "
                                       "so clients cannot build the chain. "
                                       "Configure the server with the full "
                                       "chain: the certificate, then the "
                                       "intermediate certificates of the "
                                       "CA."), name, issuer));
  else
    cw_verification_fail (v, CW_CHECK_CHAIN, "chain-incomplete",
                          xasprintf (_("The chain stops at \"%s\": the "
                                       "certificate of its issuer \"%s\" is "
                                       "missing, and no trust anchor is that "
                                       "issuer. Import the intermediate "
                                       "certificate (the CA publishes it, "
                                       "often as a CA bundle or .p7b), then "
                                       "verify again."), name, issuer));
  free (name);
  free (issuer);
}

/* The first failure GnuTLS found, as a code and a sentence. */
static void
report_status (unsigned status, const struct cw_verify_options *options,
               struct cw_verification *v)
{
  gnutls_x509_crt_t top = v->path[v->path_length - 1];
  char *name = cw_cert_short_name (top), *source = trust_source (options);
  const char *code;
  char *detail;
  if (status & GNUTLS_CERT_SIGNER_NOT_FOUND)
    {
      code = "untrusted-root";
      detail = xasprintf (_("The chain ends at the root \"%s\", which is not "
                            "one of the trust anchors (%s). If it is your "
                            "own CA's root, name its certificate as a root "
                            "to trust; otherwise get a certificate from a "
                            "CA your clients trust."), name, source);
    }
  else if (status & GNUTLS_CERT_SIGNATURE_FAILURE)
    {
      code = "bad-signature";
      detail = xstrdup (_("A signature of the chain does not check out: a "
                          "certificate was changed, or the chain mixes "
                          "certificates of different CAs. Get the chain "
                          "again from the CA."));
    }
  else if (status & GNUTLS_CERT_INSECURE_ALGORITHM)
    {
      code = "insecure-algorithm";
      detail = xstrdup (_("A certificate of the chain is signed with an "
                          "algorithm clients no longer accept (such as "
                          "SHA-1 or MD5). Get a new certificate from the "
                          "CA."));
    }
  else if (status & (GNUTLS_CERT_SIGNER_NOT_CA
                     | GNUTLS_CERT_SIGNER_CONSTRAINTS_FAILURE))
    {
      code = "issuer-not-ca";
      detail = xstrdup (_("A certificate of the chain is signed by one that "
                          "may not sign certificates (not a CA, or beyond "
                          "its path length or name constraints). Get the "
                          "right intermediate certificates from the CA."));
    }
  else if (status & GNUTLS_CERT_REVOKED)
    {
      code = "revoked";
      detail = xstrdup (_("A certificate of the chain is revoked. Get a new "
                          "certificate."));
    }
  else
    {
      gnutls_datum_t said = { NULL, 0 };
      gnutls_certificate_verification_status_print (status,
                                                    GNUTLS_CRT_X509, &said,
                                                    0);
      code = "chain-invalid";
      detail = xasprintf (_("The chain is not valid: %s. Get the chain "
                            "again from the CA."),
                          said.data ? (const char *) said.data : "?");
      gnutls_free (said.data);
    }
  cw_verification_fail (v, CW_CHECK_TRUST, code, detail);
  free (name);
  free (source);
}

static void
untrusted_issuer (const struct cw_verify_options *options,
                  struct cw_verification *v)
{
  gnutls_x509_crt_t top = v->path[v->path_length - 1];
  char *name = cw_cert_short_name (top);
  char *issuer = cw_cert_issuer_short_name (top);
  char *source = trust_source (options);
  cw_verification_fail (v, CW_CHECK_TRUST, "untrusted-root",
                        xasprintf (_("The chain ends at \"%s\", issued by "
                                     "\"%s\", which is not one of the trust "
                                     "anchors (%s). If \"%s\" is your own "
                                     "CA's root, name its certificate as a "
                                     "root to trust; if it is an "
                                     "intermediate certificate, add it to "
                                     "the chain."),
                                   name, issuer, source, issuer));
  free (name);
  free (issuer);
  free (source);
}

static void
check_trust (gnutls_x509_crt_t anchor, enum chain_end end, unsigned status,
             const struct cw_verify_options *options,
             struct cw_verification *v)
{
  if (end == END_NO_INTERMEDIATE)
    {
      skip (v, CW_CHECK_TRUST, xstrdup (_("not known while the chain is "
                                          "incomplete")));
      return;
    }
  if (end == END_UNKNOWN_ISSUER)
    {
      untrusted_issuer (options, v);
      return;
    }
  /* Usage is the purpose check's to report. */
  status &= ~(unsigned) (GNUTLS_CERT_PURPOSE_MISMATCH | GNUTLS_CERT_INVALID);
  if (status)
    {
      report_status (status, options, v);
      return;
    }
  v->anchor = cw_cert_short_name (anchor ? anchor
                                         : v->path[v->path_length - 1]);
  char *source = trust_source (options);
  cw_verification_pass (v, CW_CHECK_TRUST,
                       xasprintf (_("valid up to \"%s\", one of the trust "
                                    "anchors (%s)"), v->anchor, source));
  free (source);
}

static char *
date_of (time_t t)
{
  char *stamp = cw_time_format (t);
  char *day = xstrndup (stamp, 10);
  free (stamp);
  return day;
}

/* Each certificate of the path, and the anchor above it, valid now. */
static void
check_validity (gnutls_x509_crt_t anchor, time_t now,
                struct cw_verification *v)
{
  gnutls_x509_crt_t leaf = v->path[0];
  time_t leaf_end = gnutls_x509_crt_get_expiration_time (leaf);
  long long left = (long long) leaf_end - (long long) now;
  v->days_left = (long) (left >= 0 ? left / DAY : -((-left + DAY - 1) / DAY));
  for (size_t i = 0; i <= v->path_length; i++)
    {
      gnutls_x509_crt_t crt = i < v->path_length ? v->path[i] : anchor;
      if (!crt)
        break;
      time_t from = gnutls_x509_crt_get_activation_time (crt);
      time_t to = gnutls_x509_crt_get_expiration_time (crt);
      if (now >= from && now <= to)
        continue;
      char *name = cw_cert_short_name (crt);
      char *day = date_of (now < from ? from : to);
      char *detail;
      const char *code = now < from ? "not-yet-valid" : "expired";
      if (now < from)
        detail = xasprintf (_("\"%s\" is valid only from %s on. Check this "
                              "computer's clock, or wait until then."),
                            name, day);
      else if (i == 0)
        detail = xasprintf (ngettext ("\"%s\" expired on %s, %ld day ago. "
                                      "Renew the certificate and install "
                                      "the new one.",
                                      "\"%s\" expired on %s, %ld days ago. "
                                      "Renew the certificate and install "
                                      "the new one.", -v->days_left),
                            name, day, -v->days_left);
      else
        detail = xasprintf (_("The CA certificate \"%s\" of the chain "
                              "expired on %s. Get the current intermediate "
                              "certificates from the CA."), name, day);
      cw_verification_fail (v, CW_CHECK_VALIDITY, code, detail);
      free (name);
      free (day);
      return;
    }
  char *day = date_of (leaf_end);
  cw_verification_pass (v, CW_CHECK_VALIDITY,
                       xasprintf (ngettext ("valid now, until %s: %ld day "
                                            "left",
                                            "valid now, until %s: %ld days "
                                            "left", v->days_left),
                                  day, v->days_left));
  if (v->days_left < SOON_DAYS)
    cw_diag_add (&v->problems, CW_WARNING, "expires-soon", "validity",
                 ngettext ("The certificate expires in %ld day, on %s. "
                           "Renew it now.",
                           "The certificate expires in %ld days, on %s. "
                           "Renew it now.", v->days_left),
                 v->days_left, day);
  free (day);
}

static bool
has_purpose_oid (gnutls_x509_crt_t crt, const char *wanted, bool *listed)
{
  *listed = false;
  for (unsigned i = 0;; i++)
    {
      char oid[128];
      size_t size = sizeof oid;
      int ret = gnutls_x509_crt_get_key_purpose_oid (crt, i, oid, &size,
                                                     NULL);
      if (ret == GNUTLS_E_SHORT_MEMORY_BUFFER)
        continue;
      if (ret < 0)
        return !*listed;
      *listed = true;
      if (strcmp (oid, wanted) == 0 || strcmp (oid, GNUTLS_KP_ANY) == 0)
        return true;
    }
}

/* A TLS server signs its handshake (digitalSignature), or, with RSA
   key exchange, decrypts it (keyEncipherment); a client signs. */
static bool
key_usage_fits (gnutls_x509_crt_t crt, enum cw_purpose purpose)
{
  unsigned usage, bits;
  if (gnutls_x509_crt_get_key_usage (crt, &usage, NULL) < 0)
    return true;
  bool rsa = gnutls_x509_crt_get_pk_algorithm (crt, &bits) == GNUTLS_PK_RSA;
  if (usage & GNUTLS_KEY_DIGITAL_SIGNATURE)
    return true;
  return purpose == CW_PURPOSE_SERVER && rsa
         && (usage & GNUTLS_KEY_KEY_ENCIPHERMENT);
}

static void
check_purpose (unsigned status, const struct cw_verify_options *options,
               struct cw_verification *v)
{
  bool server = options->purpose == CW_PURPOSE_SERVER;
  const char *oid = server ? GNUTLS_KP_TLS_WWW_SERVER
                           : GNUTLS_KP_TLS_WWW_CLIENT;
  const char *role = server ? _("TLS server") : _("TLS client");
  const char *usage = server ? "serverAuth" : "clientAuth";
  char *name = cw_cert_short_name (v->path[0]), *detail = NULL;
  bool listed;
  if (!has_purpose_oid (v->path[0], oid, &listed))
    detail = xasprintf (_("\"%s\" may not be used by a %s: its extended key "
                          "usage does not list %s. Ask the CA for a "
                          "certificate with that usage."), name, role, usage);
  else if (!key_usage_fits (v->path[0], options->purpose))
    detail = xasprintf (_("\"%s\" may not be used by a %s: its key usage "
                          "lacks digitalSignature. Ask the CA for a "
                          "certificate with that usage."), name, role);
  else if (status & GNUTLS_CERT_PURPOSE_MISMATCH)
    detail = xasprintf (_("A CA certificate of the chain of \"%s\" limits "
                          "its certificates to other uses than %s. Ask the "
                          "CA for a chain meant for a %s."), name, usage,
                        role);
  if (detail)
    {
      cw_verification_fail (v, CW_CHECK_PURPOSE, "wrong-purpose", detail);
    }
  else
    cw_verification_pass (v, CW_CHECK_PURPOSE,
                         xasprintf (_("fit for a %s"), role));
  free (name);
}

static char *
joined_names (char **names, size_t count)
{
  char *text = xstrdup ("");
  for (size_t i = 0; i < count; i++)
    {
      char *longer = xasprintf ("%s%s%s", text, i ? ", " : "", names[i]);
      free (text);
      text = longer;
    }
  return text;
}

bool
cw_verify_name (gnutls_x509_crt_t crt, const char *reference, char ***names,
                size_t *count, const char **which)
{
  *names = cw_cert_san_dns_names (crt, count);
  struct cw_match match;
  bool covered = cw_match_hostname (crt, (const char *const *) *names,
                                    *count, reference, &match);
  if (which)
    *which = match.rule == CW_RULE_HOSTNAME ? (*names)[match.index] : NULL;
  return covered;
}

static void
check_name (const struct cw_verify_options *options,
            struct cw_verification *v)
{
  if (!options->name)
    {
      skip (v, CW_CHECK_NAME, xstrdup (_("no name was asked for")));
      return;
    }
  char **names;
  size_t count;
  const char *which;
  bool covered = cw_verify_name (v->path[0], options->name, &names, &count,
                                 &which);
  char *detail;
  if (covered && which)
    detail = xasprintf (_("covers %s by its name %s"), options->name, which);
  else if (covered)
    detail = xasprintf (_("covers the address %s"), options->name);
  else if (count == 0)
    detail = xasprintf (_("The certificate does not cover %s: it has no DNS "
                          "names in its subject alternative names, and TLS "
                          "clients do not look at the common name. Get a "
                          "certificate that names %s."), options->name,
                        options->name);
  else
    {
      char *all = joined_names (names, count);
      detail = xasprintf (_("The certificate does not cover %s: it covers "
                            "%s. Connect with one of these names, or get a "
                            "certificate that names %s."), options->name,
                          all, options->name);
      free (all);
    }
  if (covered)
    cw_verification_pass (v, CW_CHECK_NAME, detail);
  else
    cw_verification_fail (v, CW_CHECK_NAME, "name-mismatch", detail);
  cw_names_list_free (names, count);
}

/* ANCHOR is the trust anchor that issued the path's last certificate,
   or NULL. */
static enum chain_end
chain_end (bool root, gnutls_x509_crt_t anchor, unsigned status,
           const struct cw_verification *v)
{
  gnutls_x509_crt_t top = v->path[v->path_length - 1];
  if (root)
    return END_ROOT;
  if (anchor || !(status & GNUTLS_CERT_SIGNER_NOT_FOUND))
    return END_ANCHORED;
  return gnutls_x509_crt_get_ca_status (top, NULL) > 0 ? END_UNKNOWN_ISSUER
                                                       : END_NO_INTERMEDIATE;
}

enum cw_status
cw_verify (const struct cw_certs *certs, gnutls_x509_crt_t leaf,
           const struct cw_verify_options *options,
           struct cw_verification *v, struct cw_diags *diags)
{
  *v = (struct cw_verification) { .problems = CW_DIAGS_INIT };
  gnutls_x509_trust_list_t trust;
  enum cw_status loaded = load_trust (options->ca_file, &trust, diags);
  if (loaded != CW_OK)
    return loaded;
  bool root = build_path (certs, leaf, v);
  gnutls_x509_crt_t anchor = NULL;
  if (!root
      && gnutls_x509_trust_list_get_issuer (trust,
                                            v->path[v->path_length - 1],
                                            &anchor, 0) < 0)
    anchor = NULL;
  if (options->served)
    note_served_order (certs, v);
  gnutls_typed_vdata_st purpose = {
    GNUTLS_DT_KEY_PURPOSE_OID,
    (unsigned char *) (options->purpose == CW_PURPOSE_SERVER
                       ? GNUTLS_KP_TLS_WWW_SERVER : GNUTLS_KP_TLS_WWW_CLIENT),
    0 };
  unsigned status = 0;
  unsigned flags = GNUTLS_VERIFY_DISABLE_TIME_CHECKS
                   | GNUTLS_VERIFY_DISABLE_TRUSTED_TIME_CHECKS;
  if (gnutls_x509_trust_list_verify_crt2 (trust, v->path,
                                          (unsigned) v->path_length,
                                          &purpose, 1, flags, &status,
                                          NULL) < 0)
    status = GNUTLS_CERT_INVALID | GNUTLS_CERT_SIGNER_NOT_FOUND;
  enum chain_end end = chain_end (root, anchor, status, v);
  check_chain (end, options, v);
  check_trust (anchor, end, status, options, v);
  check_validity (anchor, options->now ? options->now : time (NULL), v);
  check_purpose (status, options, v);
  check_name (options, v);
  skip (v, CW_CHECK_EXPECTED, xstrdup (_("no certificate of the store was "
                                         "expected")));
  gnutls_x509_trust_list_deinit (trust, 1);
  return CW_OK;
}
