#include <config.h>

#include "wizard.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "flow.h"
#include "base/i18n.h"
#include "keys/keyspec.h"
#include "pki/request.h"
#include "names/san.h"
#include "names/subject.h"
#include "base/xalloc.h"

static const struct wz_field_info fields[WZ_FIELD_COUNT] = {
  { WZ_COUNTRY, CW_ATTR_C, N_("Country"), "C", 2, true, false },
  { WZ_DOMAIN, CW_ATTR_DC, N_("Domain"), "DC", 255, false, true },
  { WZ_STATE, CW_ATTR_ST, N_("State/province"), "ST", 128, true, false },
  { WZ_LOCALITY, CW_ATTR_L, N_("Locality"), "L", 128, true, false },
  { WZ_ORG, CW_ATTR_O, N_("Organization"), "O", 64, true, true },
  { WZ_UNIT, CW_ATTR_OU, N_("Org. unit"), "OU", 64, true, true },
  { WZ_COMMON_NAME, CW_ATTR_CN, N_("Common name"), "CN", 64, true, true },
};

const struct wz_field_info *
wz_field_info (enum wz_field field)
{
  return &fields[field];
}

size_t
wz_key_choice_count (void)
{
  return cw_keytype_count ();
}

const struct cw_keytype *
wz_key_choice (size_t index)
{
  return cw_keytype_at (index);
}

const struct cw_keytype *
wz_key_default (void)
{
  return cw_keytype_at (cw_keytype_default_index ());
}

size_t
wz_key_index (const struct cw_keytype *key)
{
  for (size_t i = 0; i < cw_keytype_count (); i++)
    if (cw_keytype_at (i) == key)
      return i;
  return cw_keytype_default_index ();
}

void
wz_init (struct wizard *wz)
{
  *wz = (struct wizard) { .flow = &wz_flow_request, .step = WZ_STEP_SUBJECT,
                          .key = wz_key_default (),
                          .exportable = true, .days = 365 };
  for (int i = 0; i < WZ_FIELD_COUNT; i++)
    {
      ui_field_init (&wz->subject[i], WZ_FIELD_INPUT_MAX);
      wz->subject_diags[i] = (struct cw_diags) CW_DIAGS_INIT;
    }
  ui_field_init (&wz->friendly_name, 128);
  ui_field_init (&wz->out_path, 4096);
}

static void
pairs_free (struct wz_subject *pairs)
{
  for (size_t i = 0; i < pairs->count; i++)
    free (pairs->values[i]);
  free (pairs->values);
  free (pairs->pairs);
  *pairs = (struct wz_subject) { NULL, 0, NULL };
}

void
wz_free (struct wizard *wz)
{
  for (int i = 0; i < WZ_FIELD_COUNT; i++)
    {
      ui_field_free (&wz->subject[i]);
      cw_diags_free (&wz->subject_diags[i]);
    }
  pairs_free (&wz->pairs);
  for (size_t i = 0; i < wz->san_count; i++)
    free (wz->sans[i]);
  free (wz->sans);
  ui_field_free (&wz->friendly_name);
  ui_field_free (&wz->out_path);
  wz_token_drop (wz);
}

bool
wz_has_input (const struct wizard *wz)
{
  for (int i = 0; i < WZ_FIELD_COUNT; i++)
    if (wz->subject[i].len > 0)
      return true;
  return wz->san_count > 0 || wz->friendly_name.len > 0
         || wz->out_path.len > 0;
}

bool
wz_in_steps (const struct wizard *wz)
{
  return wz_flow_index (wz->flow, wz->step) < wz->flow->count;
}

bool
wz_field_shown (const struct wizard *wz, enum wz_field field)
{
  return wz->style == WZ_STYLE_DNS ? fields[field].dns_style
                                   : fields[field].country_style;
}

static void make_pairs (struct wizard *wz);

/* The field an attribute's findings are shown under: the core names the
   attribute ("C", "DC"...) as its diagnostics' field. */
static int
field_of_attr_name (const struct wizard *wz, const char *name)
{
  for (int i = 0; i < WZ_FIELD_COUNT; i++)
    if (wz_field_shown (wz, (enum wz_field) i) && name
        && strcmp (cw_attr_info (fields[i].attr)->name, name) == 0)
      return i;
  return -1;
}

/* The findings under the fields are the core's for the whole subject
   typed, from the same cw_names_build that certwiz check runs: there is
   no rule of the wizard's own.  Findings about no field (the names as a
   whole) are the review's. */
void
wz_check_field (struct wizard *wz, enum wz_field field)
{
  (void) field;
  for (int i = 0; i < WZ_FIELD_COUNT; i++)
    cw_diags_clear (&wz->subject_diags[i]);
  make_pairs (wz);
  if (wz->pairs.count == 0)
    return;
  struct cw_names_input input = {
    .subject_pairs = wz->pairs.pairs, .subject_pair_count = wz->pairs.count,
  };
  struct cw_names names = CW_NAMES_INIT;
  struct cw_diags found = CW_DIAGS_INIT;
  cw_names_build (&input, &names, &found);
  for (size_t i = 0; i < found.count; i++)
    {
      const struct cw_diag *d = &found.items[i];
      int to = field_of_attr_name (wz, d->field);
      if (to >= 0)
        cw_diag_add (&wz->subject_diags[to], d->severity, d->code, d->field,
                     "%s", d->message);
    }
  cw_names_free (&names);
  cw_diags_free (&found);
}

const struct cw_diag *
wz_field_worst (const struct wizard *wz, enum wz_field field)
{
  const struct cw_diags *diags = &wz->subject_diags[field];
  const struct cw_diag *worst = NULL;
  for (size_t i = 0; i < diags->count; i++)
    if (!worst || diags->items[i].severity > worst->severity)
      worst = &diags->items[i];
  return worst;
}

static void
add_pair (struct wz_subject *pairs, enum cw_attr attr, char *value)
{
  pairs->pairs = xreallocarray (pairs->pairs, pairs->count + 1,
                                sizeof *pairs->pairs);
  pairs->values = xreallocarray (pairs->values, pairs->count + 1,
                                 sizeof *pairs->values);
  pairs->values[pairs->count] = value;
  pairs->pairs[pairs->count++] = (struct cw_subject_pair) { attr, value };
}

/* The domain as one DC a label.  Empty labels are kept ("DC="), so the
   review refuses them too. */
static void
add_domain (struct wz_subject *pairs, const char *domain)
{
  char *copy = xstrdup (domain), *rest = copy;
  for (char *label; (label = strsep (&rest, "."));)
    add_pair (pairs, CW_ATTR_DC, xstrdup (label));
  free (copy);
}

static void
make_pairs (struct wizard *wz)
{
  pairs_free (&wz->pairs);
  for (int i = 0; i < WZ_FIELD_COUNT; i++)
    {
      char *value = xstrdup_trimmed (wz->subject[i].text);
      if (!wz_field_shown (wz, (enum wz_field) i) || *value == '\0')
        free (value);
      else if (i == WZ_DOMAIN)
        {
          add_domain (&wz->pairs, value);
          free (value);
        }
      else
        add_pair (&wz->pairs, fields[i].attr, value);
    }
}

void
wz_set_style (struct wizard *wz, enum wz_style style)
{
  wz->style = style;
  wz_check_field (wz, WZ_COMMON_NAME);
}

void
wz_names_input (const struct wizard *wz, struct cw_names_input *out)
{
  *out = (struct cw_names_input) {
    .subject_pairs = wz->pairs.pairs, .subject_pair_count = wz->pairs.count,
    .sans = (const char *const *) wz->sans, .san_count = wz->san_count,
    .max_sans = wz->max_sans,
  };
}

void
wz_san_add (struct wizard *wz, const char *name)
{
  wz->sans = xreallocarray (wz->sans, wz->san_count + 1, sizeof *wz->sans);
  wz->sans[wz->san_count++] = xstrdup (name);
}

size_t
wz_san_add_list (struct wizard *wz, const char *typed, size_t *repeated)
{
  size_t added = 0, again = 0;
  for (const char *p = typed; *p;)
    {
      size_t len = strcspn (p, ",");
      char *name = xstrndup (p, len);
      char *start = name, *end = name + len;
      while (*start == ' ' || *start == '\t')
        start++;
      while (end > start && (end[-1] == ' ' || end[-1] == '\t'))
        *--end = '\0';
      if (*start && wz_san_has (wz, start))
        again++;
      else if (*start)
        {
          wz_san_add (wz, start);
          added++;
        }
      free (name);
      p += len + (p[len] == ',');
    }
  if (repeated)
    *repeated = again;
  return added;
}

void
wz_san_set (struct wizard *wz, size_t index, const char *name)
{
  if (index >= wz->san_count)
    return;
  free (wz->sans[index]);
  wz->sans[index] = xstrdup (name);
}

void
wz_san_remove (struct wizard *wz, size_t index)
{
  if (index >= wz->san_count)
    return;
  free (wz->sans[index]);
  memmove (&wz->sans[index], &wz->sans[index + 1],
           (wz->san_count - index - 1) * sizeof *wz->sans);
  wz->san_count--;
}

bool
wz_san_has (const struct wizard *wz, const char *name)
{
  for (size_t i = 0; i < wz->san_count; i++)
    if (strcasecmp (wz->sans[i], name) == 0)
      return true;
  return false;
}

void
wz_check_san (const char *name, struct cw_diags *diags)
{
  struct cw_san san;
  if (cw_san_parse (name, &san, diags))
    cw_san_free (&san);
}

/* The domain a mail server's names hang from: mail1.contoso.com gives
   contoso.com; a two-label name is the domain itself. */
static const char *
domain_of (const char *cn)
{
  const char *first_dot = strchr (cn, '.');
  if (!first_dot || !strchr (first_dot + 1, '.'))
    return cn;
  return first_dot + 1;
}

static void
suggest (const struct wizard *wz, const char *name, char *out[3],
         size_t *count)
{
  const char *cn = wz->subject[WZ_COMMON_NAME].text;
  if (*count < 3 && !wz_san_has (wz, name) && strcasecmp (name, cn) != 0)
    out[(*count)++] = xstrdup (name);
}

size_t
wz_suggestions (const struct wizard *wz, char *out[3])
{
  const char *cn = wz->subject[WZ_COMMON_NAME].text;
  size_t count = 0;
  if (!strchr (cn, '.') || strchr (cn, ' ') || cn[0] == '*')
    return 0;
  const char *domain = domain_of (cn);
  char *autodiscover = xasprintf ("autodiscover.%s", domain);
  char *mail = xasprintf ("mail.%s", domain);
  suggest (wz, domain, out, &count);
  suggest (wz, autodiscover, out, &count);
  suggest (wz, mail, out, &count);
  free (autodiscover);
  free (mail);
  return count;
}

void
wz_suggestions_free (char *out[3], size_t count)
{
  for (size_t i = 0; i < count; i++)
    free (out[i]);
}

bool
wz_check_all (const struct wizard *wz, struct cw_names *out,
              struct cw_diags *diags)
{
  struct cw_request_options options = {
    .keytype = wz->key,
    .friendly_name = wz->friendly_name.len ? wz->friendly_name.text : NULL,
    .exportable = wz->exportable,
  };
  wz_names_input (wz, &options.names);
  struct cw_keyspec key;
  return cw_request_check (&options, out, &key, diags);
}

enum wz_step
wz_step_of_diag (const struct cw_diag *diag)
{
  if (strcmp (diag->field, "SAN") == 0)
    return WZ_STEP_NAMES;
  if (strcmp (diag->field, "key") == 0
      || strcmp (diag->field, "friendly-name") == 0)
    return WZ_STEP_KEY;
  /* cw_request_create's findings about the file and the store. */
  if (strcmp (diag->field, "out") == 0 || strcmp (diag->field, "store") == 0)
    return WZ_STEP_WRITE;
  return WZ_STEP_SUBJECT;
}

static bool
subject_complete (const struct wizard *wz)
{
  for (int i = 0; i < WZ_FIELD_COUNT; i++)
    if (wz_field_shown (wz, (enum wz_field) i)
        && cw_diags_has_errors (&wz->subject_diags[i]))
      return false;
  return true;
}

static bool
names_complete (const struct wizard *wz)
{
  /* Counted as the core counts them: MAIL.contoso.com and
     mail.contoso.com are one name. */
  struct cw_diags diags = CW_DIAGS_INIT;
  struct cw_san_list list = CW_SAN_LIST_INIT;
  for (size_t i = 0; i < wz->san_count; i++)
    cw_san_list_add (&list, wz->sans[i], &diags);
  bool complete = !cw_diags_has_errors (&diags)
                  && (wz->max_sans == 0 || list.count <= wz->max_sans);
  cw_san_list_free (&list);
  cw_diags_free (&diags);
  return complete;
}

bool
wz_step_complete (const struct wizard *wz)
{
  struct cw_diags diags = CW_DIAGS_INIT;
  struct cw_names names = CW_NAMES_INIT;
  bool complete = true;
  switch (wz->step)
    {
    case WZ_STEP_SUBJECT:
      return subject_complete (wz);
    case WZ_STEP_NAMES:
      return names_complete (wz);
    case WZ_STEP_KEY:
      if (wz_token_pin_needed (wz))
        complete = false;
      else if (wz->friendly_name.len)
        complete = cw_friendly_name_check (wz->friendly_name.text, &diags);
      break;
    case WZ_STEP_REVIEW:
      complete = wz_check_all (wz, &names, &diags);
      break;
    case WZ_STEP_WRITE:
      complete = wz->out_path.len > 0;
      break;
    default:
      /* The validity is checked as it is made; the end is the end. */
      break;
    }
  cw_names_free (&names);
  cw_diags_free (&diags);
  return complete;
}
