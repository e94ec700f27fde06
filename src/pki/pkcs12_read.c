/* Reading a PKCS#12 backup: any file that arrives may be damaged or
   hostile, so every step is checked and bounded before GnuTLS works. */
#include <config.h>

#include "pki/pkcs12.h"

#include <gnutls/pkcs12.h>
#include <stdlib.h>
#include <string.h>

#include "pki/certinfo.h"
#include "pki/pkcs12_eckey.h"
#include "pki/pkcs12_der.h"
#include "keys/rawkey.h"
#include "base/i18n.h"
#include "base/xalloc.h"

/* GnuTLS decodes the whole file again for each part, so thousands of
   tiny parts would take quadratic time; real backups have two or three. */
#define MAX_BAGS 256

struct p12_reader
{
  const char *password;
  bool has_mac;                 /* the MAC proved PASSWORD right */
  unsigned long rounds_left;    /* key derivation still allowed */
  struct cw_key *key;
  struct cw_certs certs;
  char *key_name;               /* friendly name on the key's bag */
  char *cert_name;              /* the first one on a certificate */
  bool several_keys;
  struct cw_diags *diags;
};

static enum cw_status
malformed (struct p12_reader *reader, int ret)
{
  cw_diag_add (reader->diags, CW_ERROR, "p12-malformed", "backup",
               /* TRANSLATORS: %s is GnuTLS's own description of the
                  problem. */
               _("This file is not a PKCS#12 backup that certwiz can read "
                 "(%s). Nothing was changed. Check that it is the .pfx or "
                 ".p12 file that was exported, copied whole; if it came by "
                 "FTP, copy it again in binary mode."), gnutls_strerror (ret));
  return CW_REFUSED;
}

static enum cw_status
empty_file (struct p12_reader *reader)
{
  cw_diag_add (reader->diags, CW_ERROR, "p12-malformed", "backup",
               _("The backup file is empty. Nothing was changed. Choose the "
                 ".pfx or .p12 file that was exported."));
  return CW_REFUSED;
}

static enum cw_status
too_costly (struct p12_reader *reader)
{
  cw_diag_add (reader->diags, CW_ERROR, "p12-malformed", "backup",
               _("This backup file would take far more work to open than "
                 "any real backup needs (too many parts or password "
                 "rounds), so certwiz does not open it. Nothing was "
                 "changed. Export the certificate again with the usual "
                 "settings of the tool that made it."));
  return CW_REFUSED;
}

static enum cw_status
bad_password (struct p12_reader *reader)
{
  cw_diag_add (reader->diags, CW_ERROR, "p12-bad-password", "backup",
               _("The password is wrong: it does not open this backup "
                 "file. Nothing was changed. Type the password that was "
                 "chosen when the backup was made; capitals count. If you "
                 "are sure of it, the file may be damaged: copy it again."));
  return CW_REFUSED;
}

static bool
is_password_error (int ret)
{
  return ret == GNUTLS_E_MAC_VERIFY_FAILED || ret == GNUTLS_E_INVALID_PASSWORD
         || ret == GNUTLS_E_INVALID_PASSWORD_STRING
         || ret == GNUTLS_E_INVALID_UTF8_STRING;
}

/* A failed decryption means a wrong password, unless the MAC, made with
   the same password, has already proved the password right. */
static enum cw_status
decrypt_failed (struct p12_reader *reader, int ret)
{
  if (is_password_error (ret) || !reader->has_mac)
    return bad_password (reader);
  return malformed (reader, ret);
}

/* The MAC proved the password right, and GnuTLS still cannot read the
   key: a format limit (GnuTLS 3.7 cannot parse an EC key stored without
   its public point, Java keytool's default), never a damaged copy. */
static enum cw_status
key_form_unreadable (struct p12_reader *reader, int ret)
{
  cw_diag_add (reader->diags, CW_ERROR, "p12-key-unreadable", "backup",
               /* TRANSLATORS: %s is GnuTLS's own description of the
                  problem. */
               _("The password is right (the file's checksum proves it), "
                 "but the private key inside is stored in a form that "
                 "GnuTLS cannot read (%s): most likely an EC key without "
                 "its public part, as Java's keytool writes it. The file "
                 "is not damaged. Nothing was changed. Re-export it with "
                 "openssl, whose \"ec\" command adds the public part: "
                 "openssl pkcs12 -in OLD.pfx -nodes -out clear.pem; openssl "
                 "ec -in clear.pem -out key.pem; openssl pkcs12 -export -in "
                 "clear.pem -inkey key.pem -out NEW.pfx; then import "
                 "NEW.pfx, and remove clear.pem and key.pem, which hold the "
                 "key unprotected."),
               gnutls_strerror (ret));
  return CW_REFUSED;
}

static bool
spend_rounds (struct p12_reader *reader, unsigned iterations)
{
  if (iterations > reader->rounds_left)
    return false;
  reader->rounds_left -= iterations;
  return true;
}

static enum cw_status
open_p12 (struct p12_reader *reader, const gnutls_datum_t *data,
          gnutls_pkcs12_t *p12)
{
  if (!data || !data->data || data->size == 0)
    return empty_file (reader);
  int ret = gnutls_pkcs12_init (p12);
  if (ret < 0)
    {
      *p12 = NULL;
      return malformed (reader, ret);
    }
  ret = gnutls_pkcs12_import (*p12, data, GNUTLS_X509_FMT_DER, 0);
  if (ret < 0 && gnutls_pkcs12_import (*p12, data, GNUTLS_X509_FMT_PEM, 0)
                 >= 0)
    ret = 0;
  return ret < 0 ? malformed (reader, ret) : CW_OK;
}

static enum cw_status
check_mac (struct p12_reader *reader, gnutls_pkcs12_t p12)
{
  unsigned mac, iterations = 0;
  char *oid = NULL;
  /* OID is asked for only because GnuTLS leaks it otherwise. */
  int ret = gnutls_pkcs12_mac_info (p12, &mac, NULL, NULL, &iterations,
                                    &oid);
  gnutls_free (oid);
  if (ret == GNUTLS_E_INVALID_REQUEST)
    return CW_OK;       /* no MAC: decrypting will test the password */
  if (ret < 0)
    return malformed (reader, ret);
  if (!spend_rounds (reader, iterations))
    return too_costly (reader);
  ret = gnutls_pkcs12_verify_mac (p12, reader->password);
  if (is_password_error (ret))
    return bad_password (reader);
  if (ret < 0)
    return malformed (reader, ret);
  reader->has_mac = true;
  return CW_OK;
}

static enum cw_status
decrypt_bag (struct p12_reader *reader, gnutls_pkcs12_bag_t bag)
{
  unsigned iterations = 0;
  int ret = gnutls_pkcs12_bag_enc_info (bag, NULL, NULL, NULL, NULL,
                                        &iterations, NULL);
  if (ret < 0)
    return malformed (reader, ret);
  if (!spend_rounds (reader, iterations))
    return too_costly (reader);
  ret = gnutls_pkcs12_bag_decrypt (bag, reader->password);
  return ret < 0 ? decrypt_failed (reader, ret) : CW_OK;
}

/* GnuTLS 3.7 refuses an EC key without its public point (Java keytool's
   way of storing one), and says so as a failed decryption: the bag is
   opened again here and the point computed.  A GnuTLS error code; *KEY
   is replaced by a new key when it succeeds. */
static int
read_key_without_point (struct p12_reader *reader, const gnutls_datum_t *data,
                        bool encrypted, unsigned iterations,
                        gnutls_x509_privkey_t *key)
{
  gnutls_datum_t plain = { NULL, 0 };
  gnutls_x509_privkey_t fresh;
  if (encrypted && (!spend_rounds (reader, iterations)
                    || !cw_p12_pbes2_decrypt (data, reader->password,
                                              iterations, &plain)))
    return GNUTLS_E_DECRYPTION_FAILED;
  int ret = gnutls_x509_privkey_init (&fresh);
  if (ret == 0)
    ret = cw_p12_eckey_import (encrypted ? &plain : data, fresh);
  cw_p12_der_free (&plain);
  if (ret < 0)
    {
      gnutls_x509_privkey_deinit (fresh);
      return ret;
    }
  gnutls_x509_privkey_deinit (*key);
  *key = fresh;
  return 0;
}

static enum cw_status
read_key (struct p12_reader *reader, const gnutls_datum_t *data,
          bool encrypted)
{
  unsigned iterations = 0;
  gnutls_x509_privkey_t key;
  int ret = encrypted ? gnutls_pkcs8_info (data, GNUTLS_X509_FMT_DER, NULL,
                                           NULL, NULL, NULL, &iterations,
                                           NULL)
                      : 0;
  if (ret < 0)
    return malformed (reader, ret);
  if (!spend_rounds (reader, iterations))
    return too_costly (reader);
  ret = gnutls_x509_privkey_init (&key);
  if (ret < 0)
    return malformed (reader, ret);
  ret = gnutls_x509_privkey_import_pkcs8 (key, data, GNUTLS_X509_FMT_DER,
                                          encrypted ? reader->password : NULL,
                                          encrypted ? 0 : GNUTLS_PKCS_PLAIN);
  if (ret < 0 && !is_password_error (ret)
      && read_key_without_point (reader, data, encrypted, iterations, &key)
           == 0)
    ret = 0;
  /* A plain key bag holds the key in clear; GnuTLS frees it unwiped. */
  if (!encrypted)
    gnutls_memset (data->data, 0, data->size);
  if (ret < 0)
    {
      gnutls_x509_privkey_deinit (key);
      if (reader->has_mac && !is_password_error (ret))
        return key_form_unreadable (reader, ret);
      return encrypted ? decrypt_failed (reader, ret)
                       : malformed (reader, ret);
    }
  ret = cw_key_adopt_raw (key, &reader->key);
  return ret < 0 ? malformed (reader, ret) : CW_OK;
}

static enum cw_status
read_cert (struct p12_reader *reader, const gnutls_datum_t *data)
{
  gnutls_x509_crt_t crt;
  int ret = gnutls_x509_crt_init (&crt);
  if (ret < 0)
    return malformed (reader, ret);
  ret = gnutls_x509_crt_import (crt, data, GNUTLS_X509_FMT_DER);
  if (ret < 0)
    {
      gnutls_x509_crt_deinit (crt);
      return malformed (reader, ret);
    }
  cw_certs_add (&reader->certs, crt);
  return CW_OK;
}

static void
keep_friendly_name (char **slot, gnutls_pkcs12_bag_t bag, int index)
{
  char *name = NULL;    /* owned by the bag */
  if (!*slot && gnutls_pkcs12_bag_get_friendly_name (bag, index, &name) >= 0
      && name)
    *slot = xstrdup (name);
}

static enum cw_status
read_element (struct p12_reader *reader, gnutls_pkcs12_bag_t bag, int index)
{
  gnutls_datum_t data;  /* owned by the bag */
  int type = gnutls_pkcs12_bag_get_type (bag, index);
  int ret = type < 0 ? type : gnutls_pkcs12_bag_get_data (bag, index, &data);
  if (ret < 0)
    return malformed (reader, ret);
  enum cw_status status = CW_OK;
  bool is_key = type == GNUTLS_BAG_PKCS8_ENCRYPTED_KEY
                || type == GNUTLS_BAG_PKCS8_KEY;
  if (is_key && reader->key)
    reader->several_keys = true;
  else if (is_key)
    {
      status = read_key (reader, &data,
                         type == GNUTLS_BAG_PKCS8_ENCRYPTED_KEY);
      if (status == CW_OK)
        keep_friendly_name (&reader->key_name, bag, index);
    }
  else if (type == GNUTLS_BAG_CERTIFICATE)
    {
      status = read_cert (reader, &data);
      if (status == CW_OK)
        keep_friendly_name (&reader->cert_name, bag, index);
    }
  /* CRLs, secrets and unknown bags are no part of a certificate backup. */
  return status;
}

static enum cw_status
read_bag (struct p12_reader *reader, gnutls_pkcs12_bag_t bag)
{
  enum cw_status status = CW_OK;
  if (gnutls_pkcs12_bag_get_type (bag, 0) == GNUTLS_BAG_ENCRYPTED)
    status = decrypt_bag (reader, bag);
  int count = status == CW_OK ? gnutls_pkcs12_bag_get_count (bag) : 0;
  if (count < 0)
    return malformed (reader, count);
  for (int i = 0; status == CW_OK && i < count; i++)
    status = read_element (reader, bag, i);
  return status;
}

static enum cw_status
read_bags (struct p12_reader *reader, gnutls_pkcs12_t p12)
{
  enum cw_status status = CW_OK;
  for (int index = 0; status == CW_OK; index++)
    {
      gnutls_pkcs12_bag_t bag;
      int ret = gnutls_pkcs12_bag_init (&bag);
      if (ret < 0)
        return malformed (reader, ret);
      ret = gnutls_pkcs12_get_bag (p12, index, bag);
      if (ret == GNUTLS_E_REQUESTED_DATA_NOT_AVAILABLE)
        {
          gnutls_pkcs12_bag_deinit (bag);
          break;
        }
      if (ret < 0)
        status = malformed (reader, ret);
      else if (index >= MAX_BAGS)
        status = too_costly (reader);
      else
        status = read_bag (reader, bag);
      gnutls_pkcs12_bag_deinit (bag);
    }
  return status;
}

/* Files list their certificates in any order; callers want the key's
   own certificate first, the rest as the file has them. */
static void
put_key_certificate_first (struct p12_reader *reader)
{
  struct cw_certs *certs = &reader->certs;
  if (!reader->key)
    return;
  for (size_t i = 0; i < certs->count; i++)
    if (cw_key_fits_cert (reader->key, certs->items[i]))
      {
        gnutls_x509_crt_t crt = certs->items[i];
        memmove (certs->items + 1, certs->items, i * sizeof *certs->items);
        certs->items[0] = crt;
        return;
      }
}

static void
hand_over (struct p12_reader *reader, struct cw_key **key,
           struct cw_certs *certs, char **friendly_name)
{
  for (size_t i = 0; i < reader->certs.count; i++)
    cw_certs_add (certs, reader->certs.items[i]);
  reader->certs.count = 0;
  *key = reader->key;
  reader->key = NULL;
  char **name = reader->key_name ? &reader->key_name : &reader->cert_name;
  *friendly_name = *name;
  *name = NULL;
}

static void
reader_free (struct p12_reader *reader)
{
  cw_key_free (reader->key);
  cw_certs_free (&reader->certs);
  free (reader->key_name);
  free (reader->cert_name);
}

enum cw_status
cw_p12_read (const gnutls_datum_t *data, const char *password,
             struct cw_key **key, struct cw_certs *certs,
             char **friendly_name, struct cw_diags *diags)
{
  struct p12_reader reader = {
    .password = password, .rounds_left = CW_P12_MAX_ROUNDS,
    .certs = CW_CERTS_INIT, .diags = diags
  };
  gnutls_pkcs12_t p12 = NULL;
  *key = NULL;
  *friendly_name = NULL;
  enum cw_status status = open_p12 (&reader, data, &p12);
  if (status == CW_OK)
    status = check_mac (&reader, p12);
  if (status == CW_OK)
    status = read_bags (&reader, p12);
  if (status == CW_OK && reader.several_keys)
    cw_diag_add (diags, CW_WARNING, "p12-several-keys", "backup",
                 _("The backup file holds more than one private key; "
                   "certwiz takes only the first. To bring in another, "
                   "export it to a backup file of its own."));
  if (status == CW_OK)
    {
      put_key_certificate_first (&reader);
      hand_over (&reader, key, certs, friendly_name);
    }
  if (p12)
    gnutls_pkcs12_deinit (p12);
  reader_free (&reader);
  return status;
}
