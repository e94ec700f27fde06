/* Fuzzes the subject parser with any bytes: as the text of --subject,
   and as the value of each field of the wizard's subject form. */
#include <config.h>

#include <stdlib.h>
#include <string.h>

#include "fuzz.h"
#include "names/subject.h"

static bool
same_subject (const struct cw_subject *a, const struct cw_subject *b)
{
  if (a->count != b->count)
    return false;
  for (size_t i = 0; i < a->count; i++)
    if (a->rdns[i].attr != b->rdns[i].attr
        || strcmp (a->rdns[i].value, b->rdns[i].value) != 0)
      return false;
  return true;
}

/* A subject read without an error must read back the same from its own
   formatted text: clone and the record keep a subject that way, so
   anything else would make a request name another subject than the one
   that was checked. */
static void
check_round_trip (const struct cw_subject *subject, const char *formatted)
{
  struct cw_subject again = CW_SUBJECT_INIT;
  struct cw_diags diags = CW_DIAGS_INIT;
  bool ok = cw_subject_parse (formatted, &again, &diags);
  bool same = same_subject (subject, &again);
  cw_subject_free (&again);
  cw_diags_free (&diags);
  if (!ok)
    fuzz_fail ("a formatted subject is refused", formatted);
  if (!same)
    fuzz_fail ("a formatted subject reads back differently", formatted);
}

int
LLVMFuzzerTestOneInput (const uint8_t *data, size_t size)
{
  char *text = fuzz_string (data, size);
  struct cw_subject subject = CW_SUBJECT_INIT;
  struct cw_diags diags = CW_DIAGS_INIT;
  bool ok = cw_subject_parse (text, &subject, &diags);
  char *formatted = cw_subject_format (&subject);
  if (ok)
    check_round_trip (&subject, formatted);
  /* The wizard checks each field on its own as it is typed. */
  for (int attr = 0; attr < CW_ATTR_COUNT; attr++)
    cw_rdn_check_value ((enum cw_attr) attr, text, &diags);
  free (formatted);
  cw_subject_free (&subject);
  cw_diags_free (&diags);
  free (text);
  return 0;
}
