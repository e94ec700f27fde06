/* Keys on a real PKCS#11 token: a SoftHSM2 token made in a temporary
   folder, reached through p11-kit as any token is.  Skipped (77) when
   SoftHSM2 is not installed. */
#include <config.h>

#include <check.h>
#include <gnutls/abstract.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "keys/key.h"
#include "keys/keyspec.h"
#include "keys/tokens.h"
#include "unit.h"

#define PIN "4321"
#define LABEL "certwiz-unit"
#define TOKEN_URI "pkcs11:token=" LABEL

static char folder[] = "/tmp/certwiz-token.XXXXXX";

static enum cw_status
give (void *state, const char *label, unsigned attempt, char **pin,
      struct cw_diags *diags)
{
  (void) label, (void) diags;
  *pin = attempt == 0 ? strdup (state) : NULL;
  return *pin ? CW_OK : CW_REFUSED;
}

static struct cw_key *
new_token_key (const char *type, const char *label)
{
  struct cw_keyspec spec;
  struct cw_diags diags = CW_DIAGS_INIT;
  struct cw_key *key;
  ck_assert (cw_keyspec_parse (type, NULL, &spec, &diags));
  struct cw_pin_source pin = { give, (void *) PIN };
  ck_assert_int_eq (cw_key_generate_on_token (TOKEN_URI, &spec, label, &pin,
                                              NULL, &key, &diags), CW_OK);
  cw_diags_free (&diags);
  return key;
}

START_TEST (token_key_signs_and_stays)
{
  struct cw_key *key = new_token_key ("p256", "unit p256");
  ck_assert (cw_key_on_token (key));
  ck_assert_str_eq (cw_key_token_label (key), LABEL);
  ck_assert_ptr_nonnull (strstr (cw_key_uri (key), "type=private"));
  ck_assert_ptr_null (strstr (cw_key_uri (key), PIN));
  ck_assert_int_eq (cw_key_algorithm (key), GNUTLS_PK_ECDSA);
  ck_assert_uint_eq (cw_key_bits (key), 256);
  char *text = cw_key_describe (key);
  ck_assert_str_eq (text, "ECDSA P-256");
  free (text);

  gnutls_datum_t data = { (unsigned char *) "signed on the token", 19 };
  gnutls_datum_t sig;
  ck_assert_int_ge (cw_key_sign_data (key, GNUTLS_DIG_SHA256, &data, true,
                                      &sig), 0);
  ck_assert_uint_eq (sig.size, 64);
  gnutls_free (sig.data);
  ck_assert_int_ge (cw_key_sign_data (key, GNUTLS_DIG_SHA256, &data, false,
                                      &sig), 0);
  gnutls_pubkey_t pub;
  ck_assert_int_ge (cw_key_public (key, &pub), 0);
  ck_assert_int_ge (gnutls_pubkey_verify_data2 (pub, GNUTLS_SIGN_ECDSA_SHA256,
                                                0, &data, &sig), 0);
  gnutls_pubkey_deinit (pub);
  gnutls_free (sig.data);

  /* It cannot leave its token. */
  struct cw_diags diags = CW_DIAGS_INIT;
  gnutls_datum_t pem;
  ck_assert_int_eq (cw_key_export_pem (key, &pem, &diags), CW_REFUSED);
  ck_assert_ptr_nonnull (cw_diags_find (&diags, "key-on-token"));
  ck_assert_ptr_null (pem.data);

  /* Opened again by its URI, it is the same key. */
  struct cw_key *again;
  ck_assert_int_eq (cw_key_open_token_pin (cw_key_uri (key), PIN, &again,
                                           &diags), CW_OK);
  ck_assert (cw_key_same (key, again));
  cw_key_free (again);
  cw_key_free (key);
  cw_diags_free (&diags);
}
END_TEST

START_TEST (token_refusals)
{
  struct cw_key *key = new_token_key ("rsa2048", "unit rsa");
  char *uri = strdup (cw_key_uri (key));
  cw_key_free (key);
  struct cw_diags diags = CW_DIAGS_INIT;
  struct cw_key *none = NULL;
  ck_assert_int_eq (cw_key_open_token_pin (uri, "0000", &none, &diags),
                    CW_REFUSED);
  ck_assert_ptr_nonnull (cw_diags_find (&diags, "token-pin-wrong"));
  ck_assert_ptr_null (none);
  cw_diags_clear (&diags);
  ck_assert_int_eq (cw_key_open_token_pin ("pkcs11:token=absent;object=k",
                                           PIN, &none, &diags), CW_REFUSED);
  ck_assert_ptr_nonnull (cw_diags_find (&diags, "token-not-found"));
  cw_diags_clear (&diags);
  ck_assert_int_eq (cw_key_open_token_pin (TOKEN_URI ";object=absent", PIN,
                                           &none, &diags), CW_REFUSED);
  ck_assert_ptr_nonnull (cw_diags_find (&diags, "token-key-not-found"));
  cw_diags_clear (&diags);
  struct cw_pin_source nothing = { NULL, NULL };
  ck_assert_int_eq (cw_key_open_token (uri, &nothing, &none, &diags),
                    CW_REFUSED);
  ck_assert_ptr_nonnull (cw_diags_find (&diags, "token-pin-missing"));
  free (uri);
  cw_diags_free (&diags);
}
END_TEST

START_TEST (tokens_listed_with_their_keys)
{
  struct cw_key *key = new_token_key ("p384", "unit listed");
  char *uri = strdup (cw_key_uri (key));
  cw_key_free (key);
  struct cw_tokens tokens;
  struct cw_diags diags = CW_DIAGS_INIT;
  ck_assert_int_eq (cw_tokens_list (&tokens, NULL, &diags), CW_OK);
  const struct cw_token *found = NULL;
  for (size_t i = 0; i < tokens.count; i++)
    if (strcmp (tokens.items[i].label, LABEL) == 0)
      found = &tokens.items[i];
  ck_assert_ptr_nonnull (found);
  ck_assert (found->login_required);
  ck_assert (!found->keys_listed);
  cw_tokens_free (&tokens);

  ck_assert_int_eq (cw_tokens_list (&tokens, PIN, &diags), CW_OK);
  found = NULL;
  for (size_t i = 0; i < tokens.count; i++)
    if (strcmp (tokens.items[i].label, LABEL) == 0)
      found = &tokens.items[i];
  ck_assert_ptr_nonnull (found);
  ck_assert (found->keys_listed);
  bool listed = false;
  for (size_t k = 0; k < found->key_count; k++)
    if (strcmp (found->keys[k].label, "unit listed") == 0)
      {
        listed = true;
        ck_assert_str_eq (found->keys[k].description, "ECDSA P-384");
        struct cw_key *opened;
        ck_assert_int_eq (cw_key_open_token_pin (found->keys[k].uri, PIN,
                                                 &opened, &diags), CW_OK);
        ck_assert_int_eq (cw_key_digest (opened), GNUTLS_DIG_SHA384);
        cw_key_free (opened);
      }
  ck_assert (listed);
  cw_tokens_free (&tokens);
  free (uri);
  cw_diags_free (&diags);
}
END_TEST

static Suite *
token_suite (void)
{
  Suite *s = suite_create ("token");
  TCase *tc = tcase_create ("softhsm2");
  tcase_set_timeout (tc, 60);
  tcase_add_test (tc, token_key_signs_and_stays);
  tcase_add_test (tc, token_refusals);
  tcase_add_test (tc, tokens_listed_with_their_keys);
  suite_add_tcase (s, tc);
  return s;
}

/* A token of its own, in a folder of its own, as the tests want it. */
static bool
make_token (void)
{
  char *conf, *command;
  if (!mkdtemp (folder))
    return false;
  if (asprintf (&conf, "%s/softhsm2.conf", folder) < 0)
    return false;
  FILE *f = fopen (conf, "w");
  if (!f)
    return false;
  fprintf (f, "directories.tokendir = %s\nobjectstore.backend = file\n"
              "log.level = ERROR\n", folder);
  fclose (f);
  setenv ("SOFTHSM2_CONF", conf, 1);
  free (conf);
  if (asprintf (&command, "softhsm2-util --init-token --free --label %s "
                          "--pin %s --so-pin 87654321 >/dev/null", LABEL, PIN)
      < 0)
    return false;
  bool made = system (command) == 0;
  free (command);
  return made;
}

int
main (void)
{
  if (system ("command -v softhsm2-util >/dev/null 2>&1") != 0)
    {
      puts ("SKIP: softhsm2 is not installed (./quickstart installs it)");
      return 77;
    }
  if (!make_token ())
    {
      puts ("FAIL: no SoftHSM2 token could be made");
      return 1;
    }
  int status = unit_run (token_suite (), NULL);
  char *command;
  if (asprintf (&command, "rm -rf '%s'", folder) >= 0)
    {
      if (system (command) != 0)
        status = 1;
      free (command);
    }
  return status;
}
