/* The request wizard's model: what the user typed in each step, checked
   by the core's own rules, and which step may follow.  No terminal is
   needed here; the screens in forms/ show and edit it. */
#ifndef CERTWIZ_FORMS_WIZARD_H
#define CERTWIZ_FORMS_WIZARD_H

#include <stdbool.h>
#include <stddef.h>

#include "names/attr.h"
#include "base/diag.h"
#include "field.h"
#include "keys/keytypes.h"
#include "names/names.h"

/* The kinds of step a flow (forms/flow.h) is made of, each one screen;
   the last two end a flow, after its counted steps. */
enum wz_step
{
  WZ_STEP_SUBJECT,
  WZ_STEP_NAMES,
  WZ_STEP_KEY,
  WZ_STEP_REVIEW,
  WZ_STEP_WRITE,           /* where to write the request */
  WZ_STEP_VALIDITY,        /* how long a self-signed certificate lasts */
  WZ_STEP_WRITTEN,         /* the request is written */
  WZ_STEP_INSTALLED,       /* the self-signed certificate is installed */
  WZ_STEP_COUNT
};

struct wz_flow;

/* The two ways of naming the subject the design documents describe. */
enum wz_style
{
  WZ_STYLE_COUNTRY,        /* C, ST, L, O, OU, CN */
  WZ_STYLE_DNS             /* DC (typed as a domain), O, OU, CN */
};

enum wz_field
{
  WZ_COUNTRY,
  WZ_DOMAIN,
  WZ_STATE,
  WZ_LOCALITY,
  WZ_ORG,
  WZ_UNIT,
  WZ_COMMON_NAME,
  WZ_FIELD_COUNT
};

struct wz_field_info
{
  enum wz_field field;
  enum cw_attr attr;
  const char *label;       /* N_(); translate when shown */
  const char *draft_key;   /* its name in a draft */
  size_t max_chars;        /* the core's limit, shown by the counter */
  bool country_style;      /* shown in the country style */
  bool dns_style;          /* shown in the DNS style */
};

const struct wz_field_info *wz_field_info (enum wz_field field);

/* What a subject field takes in, well over every limit of the core's:
   a value typed or pasted is checked whole, and one over its limit is
   the core's finding, never cut to a different value. */
#define WZ_FIELD_INPUT_MAX 1024

/* The key choices: the core's key types (keys/keytypes.h), in the order
   shown; the default is preselected. */
size_t wz_key_choice_count (void);
const struct cw_keytype *wz_key_choice (size_t index);
const struct cw_keytype *wz_key_default (void);
/* The position of KEY among the choices. */
size_t wz_key_index (const struct cw_keytype *key);

/* The subject as the core takes it from a form: attribute/value pairs,
   one for each field of the style with a value and one DC for each label
   of the domain, the values as typed (but for the blanks around them).
   Nothing is written as text for the core to parse again. */
struct wz_subject
{
  struct cw_subject_pair *pairs;
  size_t count;
  char **values;           /* owned: what PAIRS point to */
};

/* A key on a PKCS#11 token, when the user chose one on the key step:
   the key's pkcs11: URI, or the token's to make a new key there, and the
   PIN typed for it.  The PIN is never in a draft (a choice resumed from
   one has none until the key step asks again); it is wiped when the
   choice is dropped. */
struct wz_token_key
{
  char *uri;               /* NULL: a new key in the store */
  char *token_label;
  char *key_text;          /* the key chosen ("mail - ECDSA P-256");
                              NULL: a new key made on the token */
  char *pin;               /* NULL: not given yet */
};

struct wizard
{
  const struct wz_flow *flow;   /* what the steps make */
  enum wz_step step;            /* where in the flow */
  enum wz_style style;
  struct ui_field subject[WZ_FIELD_COUNT];    /* the text typed */
  struct cw_diags subject_diags[WZ_FIELD_COUNT];
  struct wz_subject pairs;      /* the subject the fields make; kept up
                                   to date by wz_check_field and
                                   wz_set_style */
  char **sans;             /* as typed */
  size_t san_count;
  unsigned max_sans;       /* the CA's limit; 0 for none */
  const struct cw_keytype *key;   /* the core's key type */
  bool exportable;
  struct wz_token_key token;
  struct ui_field friendly_name;
  struct ui_field out_path;
  unsigned days;           /* for a self-signed certificate */
};

void wz_init (struct wizard *wz);
void wz_free (struct wizard *wz);
/* Whether the user typed anything that quitting would lose. */
bool wz_has_input (const struct wizard *wz);
/* Whether WZ is at one of its flow's counted steps, not at its end. */
bool wz_in_steps (const struct wizard *wz);

/* Whether FIELD is shown in the wizard's style. */
bool wz_field_shown (const struct wizard *wz, enum wz_field field);
/* Changes the style, and the subject with it. */
void wz_set_style (struct wizard *wz, enum wz_style style);
/* Makes the subject's pairs again and checks them with the core's
   cw_names_build, as certwiz check does, each finding into
   wz->subject_diags of the field it names; called on every change (of
   FIELD). */
void wz_check_field (struct wizard *wz, enum wz_field field);
/* The most severe diagnostic of FIELD, or NULL. */
const struct cw_diag *wz_field_worst (const struct wizard *wz,
                                      enum wz_field field);

/* Chooses the key at URI on the token TOKEN_LABEL (KEY_TEXT NULL: a new
   key made on the token URI names), with its PIN (NULL: not given yet);
   copies them all. */
void wz_token_choose (struct wizard *wz, const char *uri,
                      const char *token_label, const char *key_text,
                      const char *pin);
/* Back to a new key in the store; the PIN is wiped. */
void wz_token_drop (struct wizard *wz);
/* Whether a token key is chosen whose PIN is not given yet (restored
   from a draft, which never holds a PIN). */
bool wz_token_pin_needed (const struct wizard *wz);
/* Whether the key is a token's that exists already (not a new one). */
bool wz_token_key_chosen (const struct wizard *wz);

/* What the core takes as the names: the subject's pairs, the names as
   typed and the CA's limit (pointing into WZ). */
void wz_names_input (const struct wizard *wz, struct cw_names_input *out);

void wz_san_add (struct wizard *wz, const char *name);
/* Adds each name of TYPED, a list separated by commas as certwiz request
   --san takes it ("a, b, c"), blanks around each dropped; a name listed
   already is counted in *REPEATED (may be NULL), not added.  Returns
   how many were added. */
size_t wz_san_add_list (struct wizard *wz, const char *typed,
                        size_t *repeated);
void wz_san_set (struct wizard *wz, size_t index, const char *name);
void wz_san_remove (struct wizard *wz, size_t index);
bool wz_san_has (const struct wizard *wz, const char *name);
/* Checks NAME as a SAN (the core's rules) into DIAGS. */
void wz_check_san (const char *name, struct cw_diags *diags);

/* Names a mail server usually needs that are not listed yet: the CN's
   domain, autodiscover.<domain>, mail.<domain>.  Up to 3, owned by the
   caller (free with wz_suggestions_free). */
size_t wz_suggestions (const struct wizard *wz, char *out[3]);
void wz_suggestions_free (char *out[3], size_t count);

/* Everything as the core will check it: subject, names and limit, key,
   friendly name.  OUT receives the names; true when there is no error.
   Every diagnostic's field tells the step to go back to
   (wz_step_of_diag). */
bool wz_check_all (const struct wizard *wz, struct cw_names *out,
                   struct cw_diags *diags);
enum wz_step wz_step_of_diag (const struct cw_diag *diag);

/* Whether the current step lets the user go on: no error in it. */
bool wz_step_complete (const struct wizard *wz);

#endif
