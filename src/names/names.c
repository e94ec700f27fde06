#include <config.h>

#include "names/names.h"

#include <string.h>

#include "base/i18n.h"

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

/* Adds CN in front of the names unless it is already there.  A CN that
   is not a host name ("Diversión de Bicicleta") is left out silently:
   the subject's own checks speak about it.  */
static void
add_cn (struct cw_san_list *sans, const char *cn, struct cw_diags *diags)
{
  struct cw_diags found = CW_DIAGS_INIT;
  size_t before = sans->count;
  if (!cw_san_list_add (sans, cn, &found) || sans->count == before)
    {
      cw_diags_free (&found);
      return;
    }
  move_last_to_front (sans);
  note_cn_added (cn, &sans->items[0], diags);
  cw_diags_move (diags, &found);
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
  if (cn)
    add_cn (&out->sans, cn, diags);
  else if (input->san_count == 0)
    report_no_names (diags);
  if (cn && input->san_count == 0 && out->sans.count == 0)
    report_no_host_name (cn, diags);
  cw_san_list_check_limit (&out->sans, input->max_sans, diags);
  return cw_diags_count (diags, CW_ERROR) == errors_before;
}

void
cw_names_free (struct cw_names *names)
{
  cw_subject_free (&names->subject);
  cw_san_list_free (&names->sans);
}
