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

enum wz_step
{
  WZ_STEP_SUBJECT,
  WZ_STEP_NAMES,
  WZ_STEP_KEY,
  WZ_STEP_REVIEW,
  WZ_STEP_WRITE,
  WZ_STEP_COUNT
};

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
  size_t max_chars;
  bool country_style;      /* shown in the country style */
  bool dns_style;          /* shown in the DNS style */
};

const struct wz_field_info *wz_field_info (enum wz_field field);

/* The key choices: the core's key types (keys/keytypes.h), in the order
   shown; the default is preselected. */
size_t wz_key_choice_count (void);
const struct cw_keytype *wz_key_choice (size_t index);
size_t wz_key_default (void);

struct wizard
{
  enum wz_step step;
  enum wz_style style;
  bool self_signed;        /* a self-signed certificate, not a request */
  struct ui_field subject[WZ_FIELD_COUNT];
  struct cw_diags subject_diags[WZ_FIELD_COUNT];
  char **sans;             /* as typed */
  size_t san_count;
  unsigned max_sans;       /* the CA's limit; 0 for none */
  size_t key;              /* index of wz_key_choice */
  bool exportable;
  struct ui_field friendly_name;
  struct ui_field out_path;
  unsigned days;           /* for a self-signed certificate */
};

void wz_init (struct wizard *wz);
void wz_free (struct wizard *wz);
/* Whether the user typed anything that quitting would lose. */
bool wz_has_input (const struct wizard *wz);

/* Whether FIELD is shown in the wizard's style. */
bool wz_field_shown (const struct wizard *wz, enum wz_field field);
/* Checks FIELD's value with the core's rules (cw_rdn_check_value) into
   wz->subject_diags[FIELD]; called on every change. */
void wz_check_field (struct wizard *wz, enum wz_field field);
/* The most severe diagnostic of FIELD, or NULL. */
const struct cw_diag *wz_field_worst (const struct wizard *wz,
                                      enum wz_field field);

/* The subject in certwiz's syntax, from the fields of the style. */
char *wz_subject_text (const struct wizard *wz);

void wz_san_add (struct wizard *wz, const char *name);
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
