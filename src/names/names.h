/* Everything that names a certificate: the subject and the SAN list,
   checked together as `certwiz check` does. */
#ifndef CERTWIZ_NAMES_H
#define CERTWIZ_NAMES_H

#include <stdbool.h>
#include <stddef.h>

#include "base/diag.h"
#include "names/san.h"
#include "names/subject.h"

struct cw_names
{
  struct cw_subject subject;
  struct cw_san_list sans;
};

#define CW_NAMES_INIT { CW_SUBJECT_INIT, CW_SAN_LIST_INIT }

struct cw_names_input
{
  const char *subject;      /* as typed; see SUBJECT_PAIRS */
  const char *const *sans;  /* one name each */
  size_t san_count;
  unsigned max_sans;        /* a CA's limit; 0 for none */
  /* The subject as attribute/value pairs (a form's fields), used instead
     of SUBJECT when not NULL: nothing is written as text to be parsed
     again (cw_subject_from_pairs). */
  const struct cw_subject_pair *subject_pairs;
  size_t subject_pair_count;
};

/* Parses (or builds from its pairs) and checks the subject and every
   name; adds the CN to the SAN
   list when missing (a note), since clients match SANs, not the CN.
   Returns true when there is no error. */
bool cw_names_build (const struct cw_names_input *input,
                     struct cw_names *out, struct cw_diags *diags);
void cw_names_free (struct cw_names *names);

#endif
