#include <config.h>

#include "pki/certinfo.h"

#include <arpa/inet.h>
#include <gnutls/crypto.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/hex.h"
#include "base/i18n.h"
#include "keys/keytypes.h"
#include "names/subject.h"
#include "base/xalloc.h"

/* The issuer's and the subject's DN are read the same way; these pick
   which. */
typedef int (*dn_oid_fn) (gnutls_x509_crt_t, unsigned, void *, size_t *);
typedef int (*dn_value_fn) (gnutls_x509_crt_t, const char *, unsigned,
                            unsigned, void *, size_t *);

/* GnuTLS gives DN values with RFC 4514's escapes ("Entrust\, Inc."):
   certwiz wants the value itself, and escapes again only where it
   writes a DN. */
static void
unescape_in_place (char *value)
{
  char *out = value;
  for (const char *p = value; *p; p++)
    {
      if (*p == '\\' && p[1])
        p++;
      *out++ = *p;
    }
  *out = '\0';
}

static char *
dn_value (gnutls_x509_crt_t crt, dn_value_fn get, const char *oid,
          unsigned index)
{
  /* Most values fit: one walk of the DN instead of two. */
  char small[256];
  size_t size = sizeof small;
  int ret = get (crt, oid, index, 0, small, &size);
  if (ret >= 0 && size < sizeof small)
    {
      small[size] = '\0';
      unescape_in_place (small);
      return xstrdup (small);
    }
  if (ret != GNUTLS_E_SHORT_MEMORY_BUFFER)
    return NULL;
  char *value = xmalloc (size + 1);
  if (get (crt, oid, index, 0, value, &size) < 0)
    {
      free (value);
      return NULL;
    }
  value[size] = '\0';
  unescape_in_place (value);
  return value;
}

char *
cw_cert_dn_value (gnutls_x509_crt_t crt, bool issuer, const char *oid,
                  unsigned index)
{
  return dn_value (crt, issuer ? gnutls_x509_crt_get_issuer_dn_by_oid
                               : gnutls_x509_crt_get_dn_by_oid, oid, index);
}

void
cw_cert_dn_each (gnutls_x509_crt_t crt, bool issuer, cw_dn_attribute_fn each,
                 void *state)
{
  dn_oid_fn get_oid = issuer ? gnutls_x509_crt_get_issuer_dn_oid
                             : gnutls_x509_crt_get_dn_oid;
  dn_value_fn get_value = issuer ? gnutls_x509_crt_get_issuer_dn_by_oid
                                 : gnutls_x509_crt_get_dn_by_oid;
  char oids[CW_DN_MAX_ATTRIBUTES][128];
  for (unsigned i = 0; i < CW_DN_MAX_ATTRIBUTES; i++)
    {
      size_t size = sizeof oids[i];
      if (get_oid (crt, i, oids[i], &size) < 0)
        break;
      /* Values are fetched by OID and rank: count the earlier ones. */
      unsigned rank = 0;
      for (unsigned j = 0; j < i; j++)
        rank += strcmp (oids[j], oids[i]) == 0;
      char *value = dn_value (crt, get_value, oids[i], rank);
      each (oids[i], value ? value : "", state);
      free (value);
    }
}

static void
append_attribute (const char *oid, const char *value, void *state)
{
  char **text = state;
  char *escaped = cw_dn_escape (value);
  const char *name = gnutls_x509_dn_oid_name (oid,
                                              GNUTLS_X509_DN_OID_RETURN_OID);
  char *joined = xasprintf ("%s%s%s=%s", *text, **text ? ", " : "", name,
                            escaped);
  free (*text);
  free (escaped);
  *text = joined;
}

/* The DN in the order it is written (C first), as certwiz's own
   subjects are shown. */
static char *
format_dn (gnutls_x509_crt_t crt, bool issuer)
{
  char *text = xstrdup ("");
  cw_cert_dn_each (crt, issuer, append_attribute, &text);
  return text;
}

static char *
first_value (gnutls_x509_crt_t crt, dn_value_fn get, const char *oid)
{
  char *value = dn_value (crt, get, oid, 0);
  return value ? value : xstrdup ("");
}

int
cw_cert_key_kind (gnutls_x509_crt_t crt, unsigned *bits)
{
  *bits = 0;
  int algorithm = gnutls_x509_crt_get_pk_algorithm (crt, bits);
  /* GnuTLS counts an EC key's bits in whole bytes (P-521 is 528): the
     curve says how many it has. */
  gnutls_ecc_curve_t curve;
  gnutls_datum_t x = { NULL, 0 }, y = { NULL, 0 };
  if (algorithm == GNUTLS_PK_ECDSA
      && gnutls_x509_crt_get_pk_ecc_raw (crt, &curve, &x, &y) >= 0)
    {
      *bits = cw_curve_bits (curve);
      gnutls_free (x.data);
      gnutls_free (y.data);
    }
  return algorithm;
}

static char *
key_description (gnutls_x509_crt_t crt)
{
  unsigned bits;
  int algorithm = cw_cert_key_kind (crt, &bits);
  return cw_key_kind_describe ((gnutls_pk_algorithm_t) algorithm, bits);
}

static char *
alt_name (unsigned type, const char *data, size_t size)
{
  char ip[64];
  if (type == GNUTLS_SAN_DNSNAME)
    return xasprintf ("DNS:%.*s", (int) size, data);
  if (type == GNUTLS_SAN_IPADDRESS && (size == 4 || size == 16)
      && inet_ntop (size == 4 ? AF_INET : AF_INET6, data, ip, sizeof ip))
    return xasprintf ("IP:%s", ip);
  if (type == GNUTLS_SAN_RFC822NAME)
    return xasprintf ("email:%.*s", (int) size, data);
  if (type == GNUTLS_SAN_URI)
    return xasprintf ("URI:%.*s", (int) size, data);
  return NULL;
}

/* Names of any length: a hostile certificate's names are not short. */
static char *
alt_name_at (gnutls_x509_crt_t crt, unsigned index, int *type)
{
  size_t size = 0;
  unsigned critical;
  *type = gnutls_x509_crt_get_subject_alt_name (crt, index, NULL, &size,
                                                &critical);
  if (*type != GNUTLS_E_SHORT_MEMORY_BUFFER)
    return NULL;
  char *data = xmalloc (size + 1);
  *type = gnutls_x509_crt_get_subject_alt_name (crt, index, data, &size,
                                                &critical);
  if (*type < 0)
    {
      free (data);
      return NULL;
    }
  char *name = alt_name ((unsigned) *type, data, size);
  free (data);
  return name;
}

static void
read_alt_names (gnutls_x509_crt_t crt, char ***names, size_t *count)
{
  for (unsigned i = 0;; i++)
    {
      int type;
      char *name = alt_name_at (crt, i, &type);
      if (type == GNUTLS_E_REQUESTED_DATA_NOT_AVAILABLE)
        break;
      if (!name)
        continue;
      *names = xreallocarray (*names, *count + 1, sizeof **names);
      (*names)[(*count)++] = name;
    }
}

static void
append (char **text, const char *word)
{
  char *joined = xasprintf ("%s%s%s", *text, **text ? ", " : "", word);
  free (*text);
  *text = joined;
}

static char *
key_usage (gnutls_x509_crt_t crt)
{
  static const struct { unsigned bit; const char *name; } bits[] = {
    { GNUTLS_KEY_DIGITAL_SIGNATURE, "digitalSignature" },
    { GNUTLS_KEY_NON_REPUDIATION, "nonRepudiation" },
    { GNUTLS_KEY_KEY_ENCIPHERMENT, "keyEncipherment" },
    { GNUTLS_KEY_DATA_ENCIPHERMENT, "dataEncipherment" },
    { GNUTLS_KEY_KEY_AGREEMENT, "keyAgreement" },
    { GNUTLS_KEY_KEY_CERT_SIGN, "keyCertSign" },
    { GNUTLS_KEY_CRL_SIGN, "cRLSign" },
    { GNUTLS_KEY_ENCIPHER_ONLY, "encipherOnly" },
    { GNUTLS_KEY_DECIPHER_ONLY, "decipherOnly" },
  };
  unsigned usage = 0;
  char *text = xstrdup ("");
  if (gnutls_x509_crt_get_key_usage (crt, &usage, NULL) < 0)
    return text;
  for (size_t i = 0; i < sizeof bits / sizeof bits[0]; i++)
    if (usage & bits[i].bit)
      append (&text, bits[i].name);
  return text;
}

static const char *
purpose_name (const char *oid)
{
  static const struct { const char *oid, *name; } names[] = {
    { GNUTLS_KP_TLS_WWW_SERVER, "serverAuth" },
    { GNUTLS_KP_TLS_WWW_CLIENT, "clientAuth" },
    { GNUTLS_KP_CODE_SIGNING, "codeSigning" },
    { GNUTLS_KP_EMAIL_PROTECTION, "emailProtection" },
    { GNUTLS_KP_TIME_STAMPING, "timeStamping" },
    { GNUTLS_KP_OCSP_SIGNING, "OCSPSigning" },
    { GNUTLS_KP_ANY, "anyExtendedKeyUsage" },
  };
  for (size_t i = 0; i < sizeof names / sizeof names[0]; i++)
    if (strcmp (oid, names[i].oid) == 0)
      return names[i].name;
  return oid;
}

static char *
ext_key_usage (gnutls_x509_crt_t crt)
{
  char *text = xstrdup ("");
  for (unsigned i = 0;; i++)
    {
      char oid[128];
      size_t size = sizeof oid;
      if (gnutls_x509_crt_get_key_purpose_oid (crt, i, oid, &size, NULL) < 0)
        break;
      append (&text, purpose_name (oid));
    }
  return text;
}

/* gnutls_x509_crt_get_fingerprint encodes the certificate again for
   each digest; its DER, kept since the import, is hashed instead. */
static int
thumbprints (gnutls_x509_crt_t crt, char sha1[41], char sha256[65])
{
  unsigned char digest[32];
  gnutls_datum_t der;
  int ret = gnutls_x509_crt_export2 (crt, GNUTLS_X509_FMT_DER, &der);
  if (ret < 0)
    return ret;
  ret = gnutls_hash_fast (GNUTLS_DIG_SHA1, der.data, der.size, digest);
  if (ret >= 0)
    cw_hex_encode (digest, 20, sha1);
  if (ret >= 0)
    ret = gnutls_hash_fast (GNUTLS_DIG_SHA256, der.data, der.size, digest);
  if (ret >= 0)
    cw_hex_encode (digest, 32, sha256);
  gnutls_free (der.data);
  return ret;
}

int
cw_cert_key_id (gnutls_x509_crt_t crt, char out[41])
{
  unsigned char id[20];
  size_t size = sizeof id;
  int ret = gnutls_x509_crt_get_key_id (crt, GNUTLS_KEYID_USE_SHA1, id, &size);
  if (ret >= 0)
    cw_hex_encode (id, size, out);
  return ret;
}

static char *
serial_hex (gnutls_x509_crt_t crt)
{
  unsigned char serial[64];
  size_t size = sizeof serial;
  if (gnutls_x509_crt_get_serial (crt, serial, &size) < 0)
    return xstrdup ("");
  char *hex = xmalloc (2 * size + 1);
  cw_hex_encode (serial, size, hex);
  return hex;
}

/* The issuer's CN, else its O, else its whole DN. */
static char *
issuer_name (gnutls_x509_crt_t crt)
{
  char *name = dn_value (crt, gnutls_x509_crt_get_issuer_dn_by_oid,
                         GNUTLS_OID_X520_COMMON_NAME, 0);
  if (!name)
    name = dn_value (crt, gnutls_x509_crt_get_issuer_dn_by_oid,
                     GNUTLS_OID_X520_ORGANIZATION_NAME, 0);
  return name ? name : format_dn (crt, true);
}

int
cw_cert_summary_get (gnutls_x509_crt_t crt, struct cw_cert_summary *summary)
{
  *summary = (struct cw_cert_summary) { .names = NULL };
  int ret = thumbprints (crt, summary->sha1, summary->sha256);
  if (ret < 0)
    return ret;
  summary->cn = first_value (crt, gnutls_x509_crt_get_dn_by_oid,
                             GNUTLS_OID_X520_COMMON_NAME);
  summary->name = *summary->cn ? xstrdup (summary->cn)
                               : format_dn (crt, false);
  summary->issuer_name = issuer_name (crt);
  summary->organization = first_value (crt, gnutls_x509_crt_get_dn_by_oid,
                                       GNUTLS_OID_X520_ORGANIZATION_NAME);
  summary->not_after = gnutls_x509_crt_get_expiration_time (crt);
  read_alt_names (crt, &summary->names, &summary->name_count);
  return 0;
}

void
cw_cert_summary_free (struct cw_cert_summary *summary)
{
  free (summary->cn);
  free (summary->name);
  free (summary->issuer_name);
  free (summary->organization);
  summary->organization = NULL;
  for (size_t i = 0; i < summary->name_count; i++)
    free (summary->names[i]);
  free (summary->names);
  summary->cn = summary->name = summary->issuer_name = NULL;
  summary->names = NULL;
  summary->name_count = 0;
}

int
cw_certinfo_get (gnutls_x509_crt_t crt, struct cw_certinfo *info)
{
  *info = (struct cw_certinfo) { .names = NULL };
  int ret = thumbprints (crt, info->sha1, info->sha256);
  if (ret >= 0)
    ret = cw_cert_key_id (crt, info->key_id);
  if (ret < 0)
    return ret;
  info->subject = format_dn (crt, false);
  info->cn = first_value (crt, gnutls_x509_crt_get_dn_by_oid,
                          GNUTLS_OID_X520_COMMON_NAME);
  info->issuer = format_dn (crt, true);
  info->issuer_name = issuer_name (crt);
  info->serial = serial_hex (crt);
  info->not_before = gnutls_x509_crt_get_activation_time (crt);
  info->not_after = gnutls_x509_crt_get_expiration_time (crt);
  info->key = key_description (crt);
  info->usage = key_usage (crt);
  info->ext_usage = ext_key_usage (crt);
  info->self_signed = gnutls_x509_crt_check_issuer (crt, crt) != 0;
  info->is_ca = gnutls_x509_crt_get_ca_status (crt, NULL) > 0;
  read_alt_names (crt, &info->names, &info->name_count);
  return 0;
}

void
cw_certinfo_free (struct cw_certinfo *info)
{
  free (info->subject);
  free (info->cn);
  free (info->issuer);
  free (info->issuer_name);
  free (info->serial);
  free (info->key);
  free (info->usage);
  free (info->ext_usage);
  for (size_t i = 0; i < info->name_count; i++)
    free (info->names[i]);
  free (info->names);
}

char *
cw_time_format (time_t t)
{
  char buf[32];
  struct tm tm;
  if (!gmtime_r (&t, &tm))
    return xstrdup ("?");
  strftime (buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
  return xstrdup (buf);
}

time_t
cw_time_parse (const char *text)
{
  /* By hand rather than strptime and timegm: a listing of ten thousand
     entries reads as many times, and only this one form is written. */
  static const char form[] = "dddd-dd-ddTdd:dd:ddZ";
  int v[6] = { 0 }, field = 0;
  if (!text || strlen (text) != sizeof form - 1)
    return (time_t) -1;
  for (size_t i = 0; form[i]; i++)
    if (form[i] != 'd')
      {
        if (text[i] != form[i])
          return (time_t) -1;
        field++;
      }
    else if (text[i] < '0' || text[i] > '9')
      return (time_t) -1;
    else
      v[field] = v[field] * 10 + (text[i] - '0');
  int year = v[0], month = v[1], day = v[2];
  if (month < 1 || month > 12 || day < 1 || day > 31 || v[3] > 23
      || v[4] > 59 || v[5] > 60)
    return (time_t) -1;
  /* Days since 1970-01-01 of the proleptic Gregorian calendar, counted
     in 400-year eras from a year that starts in March. */
  year -= month <= 2;
  long long era = (year >= 0 ? year : year - 399) / 400;
  long long year_of_era = year - era * 400;
  long long day_of_year = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5
                          + day - 1;
  long long day_of_era = year_of_era * 365 + year_of_era / 4
                         - year_of_era / 100 + day_of_year;
  long long days = era * 146097 + day_of_era - 719468;
  return (time_t) (days * 86400 + v[3] * 3600 + v[4] * 60 + v[5]);
}

void
cw_certinfo_to_record (const struct cw_certinfo *info,
                       struct cw_record *record)
{
  char *not_before = cw_time_format (info->not_before);
  char *not_after = cw_time_format (info->not_after);
  cw_record_add (record, "thumbprint", info->sha1);
  cw_record_add (record, "sha256", info->sha256);
  cw_record_add (record, "key-id", info->key_id);
  cw_record_add (record, "cert-subject", info->subject);
  /* The certificate's CN replaces the one the request asked for. */
  cw_record_set (record, "cn", info->cn);
  cw_record_add (record, "issuer", info->issuer);
  cw_record_add (record, "issuer-name", info->issuer_name);
  cw_record_add (record, "serial", info->serial);
  cw_record_add (record, "not-before", not_before);
  cw_record_add (record, "not-after", not_after);
  cw_record_add (record, "cert-key", info->key);
  for (size_t i = 0; i < info->name_count; i++)
    cw_record_add (record, "cert-san", info->names[i]);
  free (not_before);
  free (not_after);
}

time_t
cw_renew_time_from_lifetime (time_t not_before, time_t not_after)
{
  time_t life = not_after - not_before;
  if (life < 10 * 24 * 3600)
    return not_before + life / 2;
  return not_before + life / 3 * 2;
}
