#include <config.h>

#include "wizard.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

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

size_t
wz_key_default (void)
{
  return cw_keytype_default_index ();
}

void
wz_init (struct wizard *wz)
{
  *wz = (struct wizard) { .step = WZ_STEP_SUBJECT, .key = wz_key_default (),
                          .exportable = true, .days = 365 };
  for (int i = 0; i < WZ_FIELD_COUNT; i++)
    {
      ui_field_init (&wz->subject[i], fields[i].max_chars);
      wz->subject_diags[i] = (struct cw_diags) CW_DIAGS_INIT;
    }
  ui_field_init (&wz->friendly_name, 128);
  ui_field_init (&wz->out_path, 4096);
}

void
wz_free (struct wizard *wz)
{
  for (int i = 0; i < WZ_FIELD_COUNT; i++)
    {
      ui_field_free (&wz->subject[i]);
      cw_diags_free (&wz->subject_diags[i]);
    }
  for (size_t i = 0; i < wz->san_count; i++)
    free (wz->sans[i]);
  free (wz->sans);
  ui_field_free (&wz->friendly_name);
  ui_field_free (&wz->out_path);
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
wz_field_shown (const struct wizard *wz, enum wz_field field)
{
  return wz->style == WZ_STYLE_DNS ? fields[field].dns_style
                                   : fields[field].country_style;
}

/* A domain is typed whole ("contoso.com") and written as one DC per
   label, each checked as one.  strsep, unlike strtok_r, sees the empty
   label of "contoso..com", which would otherwise vanish unreported. */
static void
check_domain (const char *domain, struct cw_diags *diags)
{
  char *copy = xstrdup (domain), *rest = copy;
  bool empty = false;
  for (char *label; (label = strsep (&rest, "."));)
    if (*label)
      cw_rdn_check_value (CW_ATTR_DC, label, diags);
    else
      empty = true;
  if (empty)
    cw_diag_add (diags, CW_ERROR, "dc-not-label", "DC",
                 _("The domain \"%s\" has an empty label: two dots in a "
                   "row, or a dot at the start or the end. Type it as "
                   "labels separated by single dots, such as "
                   "contoso.com."), domain);
  free (copy);
}

void
wz_check_field (struct wizard *wz, enum wz_field field)
{
  struct cw_diags *diags = &wz->subject_diags[field];
  char *value = xstrdup_trimmed (wz->subject[field].text);
  cw_diags_clear (diags);
  if (*value && field == WZ_DOMAIN)
    check_domain (value, diags);
  else if (*value)
    cw_rdn_check_value (fields[field].attr, value, diags);
  free (value);
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
append (char **text, const char *name, const char *value)
{
  char *escaped = cw_dn_escape (value);
  char *joined = xasprintf ("%s%s%s=%s", *text, **text ? ", " : "", name,
                            escaped);
  free (escaped);
  free (*text);
  *text = joined;
}

char *
wz_subject_text (const struct wizard *wz)
{
  char *text = xstrdup ("");
  for (int i = 0; i < WZ_FIELD_COUNT; i++)
    {
      char *value = xstrdup_trimmed (wz->subject[i].text);
      if (!wz_field_shown (wz, (enum wz_field) i) || *value == '\0')
        {
          free (value);
          continue;
        }
      if (i != WZ_DOMAIN)
        {
          append (&text, cw_attr_info (fields[i].attr)->name, value);
          free (value);
          continue;
        }
      /* Empty labels are kept ("DC="), so the review refuses them too. */
      char *copy = xstrdup (value), *rest = copy;
      for (char *label; (label = strsep (&rest, "."));)
        append (&text, "DC", label);
      free (copy);
      free (value);
    }
  return text;
}

void
wz_san_add (struct wizard *wz, const char *name)
{
  wz->sans = xreallocarray (wz->sans, wz->san_count + 1, sizeof *wz->sans);
  wz->sans[wz->san_count++] = xstrdup (name);
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
  char *subject = wz_subject_text (wz);
  struct cw_request_options options = {
    .names = { subject, (const char *const *) wz->sans, wz->san_count,
               wz->max_sans },
    .key_type = (wz->key < cw_keytype_count ()
                   ? cw_keytype_at (wz->key)
                   : cw_keytype_at (wz_key_default ()))->name,
    .friendly_name = wz->friendly_name.len ? wz->friendly_name.text : NULL,
    .exportable = wz->exportable,
  };
  struct cw_keyspec key;
  bool valid = cw_request_check (&options, out, &key, diags);
  free (subject);
  return valid;
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
      if (wz->friendly_name.len)
        complete = cw_friendly_name_check (wz->friendly_name.text, &diags);
      break;
    case WZ_STEP_REVIEW:
      complete = wz_check_all (wz, &names, &diags);
      break;
    case WZ_STEP_WRITE:
    case WZ_STEP_COUNT:
      complete = wz->self_signed || wz->out_path.len > 0;
      break;
    }
  cw_names_free (&names);
  cw_diags_free (&diags);
  return complete;
}
