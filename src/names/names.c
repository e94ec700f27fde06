#include <config.h>

#include "names/names.h"

#include <string.h>

#include "base/i18n.h"
#include "base/unicode.h"

/* The CN goes first: it is the certificate's main name, and CAs and
   people reading the request look for it there.  */
static void
move_last_to_front (struct cw_san_list *sans)
{
  struct cw_san last = sans->items[sans->count - 1];
  memmove (&sans->items[1], &sans->items[0],
           (sans->count - 1) * sizeof *sans->items);
  sans->items[0] = last;
}

static void
note_cn_added (const char *cn, const struct cw_san *san,
               struct cw_diags *diags)
{
  if (strcmp (cn, san->name) == 0)
    cw_diag_add (diags, CW_NOTE, "cn-added-to-san", "SAN",
                 _("The common name \"%s\" was added to the subject "
                   "alternative names, because TLS clients check only "
                   "those names, not the common name. No action is "
                   "needed."), cn);
  else
    cw_diag_add (diags, CW_NOTE, "cn-added-to-san", "SAN",
                 _("The common name \"%s\" was added to the subject "
                   "alternative names as \"%s\", because TLS clients check "
                   "only those names, not the common name. No action is "
                   "needed."), cn, san->name);
}

/* A CN that names a host is written as its SAN is: the A-label, in
   lower case.  Public CAs refuse a Unicode CN ("illegal character"), and
   a CN that differs from every SAN only confuses whoever reads it.  */
static void
write_cn_as_san (struct cw_subject *subject, const struct cw_san *san,
                 struct cw_diags *diags)
{
  const char *cn = cw_subject_cn (subject);
  if (san->type != CW_SAN_DNS || strcmp (cn, san->name) == 0)
    return;
  if (cw_is_ascii (cn))
    cw_diag_add (diags, CW_NOTE, "cn-as-san", "CN",
                 _("The common name \"%s\" will be written in lower case, "
                   "as \"%s\", the form its subject alternative name has. "
                   "No action is needed."), cn, san->name);
  else
    cw_diag_add (diags, CW_NOTE, "cn-as-san", "CN",
                 _("The common name \"%s\" will be written as its ASCII "
                   "form \"%s\", like its subject alternative name: public "
                   "certificate authorities refuse a common name in "
                   "Unicode. No action is needed."), cn, san->name);
  size_t chars = cw_utf8_chars (san->name);
  unsigned limit = cw_attr_info (CW_ATTR_CN)->max_chars;
  if (chars > limit)
    cw_diag_add (diags, CW_ERROR, "cn-too-long", "CN",
                 _("The ASCII form of the common name, \"%s\", is %zu "
                   "characters long; the limit is %u. Use a shorter common "
                   "name and put the full host name in the subject "
                   "alternative names."), san->name, chars, limit);
  cw_subject_set_cn (subject, san->name);
}

/* Adds the CN in front of the names unless it is already there, and
   returns true, when it is a host name.  A CN that is not one
   ("Diversión de Bicicleta") is left out silently, and kept as it is:
   the subject's own checks speak about it.  */
static bool
add_cn (struct cw_names *names, struct cw_diags *diags)
{
  const char *cn = cw_subject_cn (&names->subject);
  struct cw_san_list *sans = &names->sans;
  struct cw_diags found = CW_DIAGS_INIT;
  struct cw_san san;
  bool host = cw_san_parse (cn, &san, &found);
  cw_diags_clear (&found);
  if (!host)
    {
      cw_diags_free (&found);
      return false;
    }
  /* A CN already among the names was reported with them.  */
  size_t before = sans->count;
  if (cw_san_list_add (sans, cn, &found) && sans->count > before)
    {
      move_last_to_front (sans);
      note_cn_added (cn, &sans->items[0], diags);
      cw_diags_move (diags, &found);
    }
  cw_diags_free (&found);
  write_cn_as_san (&names->subject, &san, diags);
  cw_san_free (&san);
  return true;
}

static void
report_no_names (struct cw_diags *diags)
{
  cw_diag_add (diags, CW_ERROR, "no-names", "subject",
               _("Nothing names this certificate: the subject has no "
                 "common name and no other host names were given. Add the "
                 "server's host name as the common name, for example "
                 "CN=mail1.contoso.com."));
}

/* A CN that is no host name, and nothing else: the request would name
   nothing a TLS client can match. */
static void
report_no_host_name (const char *cn, struct cw_diags *diags)
{
  cw_diag_add (diags, CW_ERROR, "no-host-name", "SAN",
               _("No host name names this certificate: the common name "
                 "\"%s\" is not one, and no other names were given, so no "
                 "TLS client could match it. Give the server's host name as "
                 "the common name or as a subject alternative name."), cn);
}

bool
cw_names_build (const struct cw_names_input *input, struct cw_names *out,
                struct cw_diags *diags)
{
  size_t errors_before = cw_diags_count (diags, CW_ERROR);
  *out = (struct cw_names) CW_NAMES_INIT;
  if (input->subject_pairs)
    cw_subject_from_pairs (input->subject_pairs, input->subject_pair_count,
                           &out->subject, diags);
  else
    cw_subject_parse (input->subject, &out->subject, diags);
  for (size_t i = 0; i < input->san_count; i++)
    cw_san_list_add (&out->sans, input->sans[i], diags);
  const char *cn = cw_subject_cn (&out->subject);
  if (cn && !add_cn (out, diags) && input->san_count == 0)
    report_no_host_name (cn, diags);
  else if (!cn && input->san_count == 0)
    report_no_names (diags);
  cw_san_list_check_limit (&out->sans, input->max_sans, diags);
  return cw_diags_count (diags, CW_ERROR) == errors_before;
}

void
cw_names_free (struct cw_names *names)
{
  cw_subject_free (&names->subject);
  cw_san_list_free (&names->sans);
}
