#include <config.h>

#include "draft.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "flow.h"
#include "pki/certinfo.h"
#include "base/record.h"
#include "pki/selfsign.h"
#include "store/store.h"
#include "base/xalloc.h"

/* As --max-sans accepts. */
#define MAX_SANS_LIMIT 10000

/* Steps are saved by name, so that a draft still resumes at the right
   place if steps are added or reordered.  The end of a flow is never
   saved: there is nothing left to resume. */
static const char *const step_names[WZ_STEP_COUNT] = {
  [WZ_STEP_SUBJECT] = "subject", [WZ_STEP_NAMES] = "names",
  [WZ_STEP_KEY] = "key", [WZ_STEP_REVIEW] = "review",
  [WZ_STEP_WRITE] = "write", [WZ_STEP_VALIDITY] = "validity",
};

/* ---------------------------------------------------------------- save */

static void
add_bool (struct cw_record *record, const char *name, bool value)
{
  cw_record_add (record, name, value ? "yes" : "no");
}

static void
add_unsigned (struct cw_record *record, const char *name, unsigned value)
{
  char text[16];
  snprintf (text, sizeof text, "%u", value);
  cw_record_add (record, name, text);
}

/* An empty field is left out: loading leaves it empty anyway. */
static void
add_field (struct cw_record *record, const char *name,
           const struct ui_field *field)
{
  if (field->len > 0)
    cw_record_add (record, name, field->text);
}

static void
describe_subject (const struct wizard *wz, struct cw_record *record)
{
  /* Every field, shown in the style or not: the user may switch back. */
  for (int i = 0; i < WZ_FIELD_COUNT; i++)
    add_field (record, wz_field_info ((enum wz_field) i)->draft_key,
               &wz->subject[i]);
  for (size_t i = 0; i < wz->san_count; i++)
    cw_record_add (record, "san", wz->sans[i]);
}

/* The token key chosen, by its URI and labels: never its PIN, which is
   asked again on resuming. */
static void
describe_token (const struct wz_token_key *token, struct cw_record *record)
{
  if (!token->uri)
    return;
  cw_record_add (record, "token-uri", token->uri);
  cw_record_add (record, "token-label", token->token_label);
  if (token->key_text)
    cw_record_add (record, "token-key", token->key_text);
}

static void
describe (const struct wizard *wz, struct cw_record *record)
{
  const struct cw_keytype *key = wz->key;
  cw_record_add (record, "flow", wz->flow->name);
  cw_record_add (record, "step", wz_in_steps (wz)
                                 ? step_names[wz->step]
                                 : step_names[WZ_STEP_SUBJECT]);
  cw_record_add (record, "style",
                 wz->style == WZ_STYLE_DNS ? "dns" : "country");
  describe_subject (wz, record);
  add_unsigned (record, "max-sans", wz->max_sans);
  if (key)
    cw_record_add (record, "key", key->name);
  describe_token (&wz->token, record);
  add_bool (record, "exportable", wz->exportable);
  add_field (record, "friendly-name", &wz->friendly_name);
  add_field (record, "out", &wz->out_path);
  add_unsigned (record, "days", wz->days);
  char *now = cw_time_format (time (NULL));
  cw_record_add (record, "saved", now);
  free (now);
}

bool
wz_draft_save (const struct wizard *wz, struct cw_store *store)
{
  /* The store refuses to be made or used when other users could reach
     it: a draft names the user's servers and organization.  Its
     diagnostics are dropped; the caller only says the draft was not
     saved. */
  struct cw_record record = CW_RECORD_INIT;
  struct cw_diags diags = CW_DIAGS_INIT;
  describe (wz, &record);
  bool saved = store && cw_store_draft_save (store, &record, &diags) == CW_OK;
  cw_record_free (&record);
  cw_diags_free (&diags);
  return saved;
}

/* ---------------------------------------------------------------- load */

/* The decimal number TEXT, when it is one within MIN..MAX. */
static bool
parse_number (const char *text, unsigned min, unsigned max, unsigned *out)
{
  if (!text || *text == '\0' || strspn (text, "0123456789") != strlen (text)
      || strlen (text) > 9)
    return false;
  unsigned long n = strtoul (text, NULL, 10);
  if (n < min || n > max)
    return false;
  *out = (unsigned) n;
  return true;
}

/* "yes" or "no"; anything else leaves *OUT as it is. */
static void
restore_bool (const struct cw_record *record, const char *name, bool *out)
{
  const char *value = cw_record_get (record, name);
  if (value && strcmp (value, "yes") == 0)
    *out = true;
  else if (value && strcmp (value, "no") == 0)
    *out = false;
}

static void
restore_key (struct wizard *wz, const char *name)
{
  for (size_t i = 0; name && i < wz_key_choice_count (); i++)
    if (strcmp (wz_key_choice (i)->name, name) == 0)
      wz->key = wz_key_choice (i);
}

/* The flow by its name; a draft of an older certwiz says
   "self-signed: yes" instead. */
static void
restore_flow (struct wizard *wz, const struct cw_record *record)
{
  const struct wz_flow *flow = wz_flow_named (cw_record_get (record,
                                                             "flow"));
  bool self_signed = false;
  restore_bool (record, "self-signed", &self_signed);
  if (flow)
    wz->flow = flow;
  else if (self_signed)
    wz->flow = &wz_flow_selfsign;
}

/* The token key as it was chosen, its PIN not given yet: the key step
   asks for it before the user goes on. */
static void
restore_token (struct wizard *wz, const struct cw_record *record)
{
  const char *uri = cw_record_get (record, "token-uri");
  const char *label = cw_record_get (record, "token-label");
  if (uri && label && strncmp (uri, "pkcs11:", 7) == 0)
    wz_token_choose (wz, uri, label, cw_record_get (record, "token-key"),
                     NULL);
}

static void
restore_choices (struct wizard *wz, const struct cw_record *record)
{
  const char *style = cw_record_get (record, "style");
  if (style && strcmp (style, "dns") == 0)
    wz->style = WZ_STYLE_DNS;
  else if (style && strcmp (style, "country") == 0)
    wz->style = WZ_STYLE_COUNTRY;
  restore_flow (wz, record);
  restore_bool (record, "exportable", &wz->exportable);
  restore_key (wz, cw_record_get (record, "key"));
  restore_token (wz, record);
  parse_number (cw_record_get (record, "max-sans"), 0, MAX_SANS_LIMIT,
                &wz->max_sans);
  parse_number (cw_record_get (record, "days"), 1, CW_SELFSIGN_MAX_DAYS,
                &wz->days);
}

static void
restore_field (struct ui_field *field, const struct cw_record *record,
               const char *name)
{
  const char *value = cw_record_get (record, name);
  if (value)
    ui_field_set (field, value);
}

static void
restore_names (struct wizard *wz, const struct cw_record *record)
{
  for (int i = 0; i < WZ_FIELD_COUNT; i++)
    {
      restore_field (&wz->subject[i], record,
                     wz_field_info ((enum wz_field) i)->draft_key);
      wz_check_field (wz, (enum wz_field) i);
    }
  for (size_t i = 0; i < record->count; i++)
    if (strcmp (record->fields[i].name, "san") == 0
        && record->fields[i].value[0] != '\0')
      wz_san_add (wz, record->fields[i].value);
}

/* The position in WZ's flow of the step NAME names: the first step for
   an unknown one, and the last step (where the file or the validity is
   chosen) for the last step of another flow. */
static size_t
step_named (const struct wizard *wz, const char *name)
{
  for (int i = 0; name && i < WZ_STEP_COUNT; i++)
    if (step_names[i] && strcmp (step_names[i], name) == 0)
      return i == WZ_STEP_WRITE || i == WZ_STEP_VALIDITY
               ? wz_flow_fix_at (wz->flow, (enum wz_step) i)
               : wz_flow_index (wz->flow, (enum wz_step) i) % wz->flow->count;
  return 0;
}

/* The step at AT, unless an earlier step now has an error (the draft was
   edited, or the rules changed since): the user resumes where they can
   fix it, never past a step they could not have left. */
static enum wz_step
resume_step (struct wizard *wz, size_t at)
{
  for (size_t i = 0; i < at; i++)
    {
      wz->step = wz->flow->steps[i].step;
      if (!wz_step_complete (wz))
        return wz->step;
    }
  return wz->flow->steps[at].step;
}

static char *
saved_time (const struct cw_record *record)
{
  const char *saved = cw_record_get (record, "saved");
  return saved && cw_time_parse (saved) != (time_t) -1 ? xstrdup (saved)
                                                       : NULL;
}

bool
wz_draft_load (struct wizard *wz, struct cw_store *store, char **saved_at)
{
  struct cw_record record = CW_RECORD_INIT;
  if (saved_at)
    *saved_at = NULL;
  if (!store || !cw_store_draft_load (store, &record))
    return false;
  restore_choices (wz, &record);
  restore_names (wz, &record);
  restore_field (&wz->friendly_name, &record, "friendly-name");
  restore_field (&wz->out_path, &record, "out");
  wz->step = resume_step (wz, step_named (wz, cw_record_get (&record,
                                                              "step")));
  if (saved_at)
    *saved_at = saved_time (&record);
  cw_record_free (&record);
  return true;
}

bool
wz_draft_exists (struct cw_store *store)
{
  struct cw_record record = CW_RECORD_INIT;
  bool exists = store && cw_store_draft_load (store, &record);
  cw_record_free (&record);
  return exists;
}

void
wz_draft_discard (struct cw_store *store)
{
  if (store)
    cw_store_draft_discard (store);
}
