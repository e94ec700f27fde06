/* The wizard's draft: what the user typed so far, kept in the store as
   they go and when the connection drops (SIGHUP), so that a lost SSH
   session loses nothing and the next start can offer to resume.

   A draft holds names and choices only, never a private key or a
   password: the key is made after the last step, straight into the
   store.  This file turns the wizard's fields into a record and back;
   the store keeps it (cw_store_draft_save: under its lock, 0600,
   replaced atomically). */
#ifndef CERTWIZ_FORMS_DRAFT_H
#define CERTWIZ_FORMS_DRAFT_H

#include <stdbool.h>

#include "store/store.h"
#include "wizard.h"

/* Writes WZ as the draft of STORE, creating the store (0700) when it does
   not exist yet and replacing the previous draft: flow (its name), step,
   style, each subject field by its draft_key, one "san" line per
   name, max-sans, key (the wz_key_choice name), the token key chosen
   (token-uri, token-label, token-key; never its PIN), exportable,
   friendly-name, out, days and saved (the UTC time).  Returns false on
   any failure (no store path, a store others can read, I/O); the wizard
   then says so in its status line and goes on. */
bool wz_draft_save (const struct wizard *wz, struct cw_store *store);

/* Fills WZ, freshly wz_init'ed, from the draft, and re-runs
   wz_check_field on every subject field.  Every value is checked again
   as if typed: an unknown line is ignored, an unknown key name keeps the
   default, a number out of range keeps the default, and the step goes
   back to the first step the user could not leave now (the first step
   for an unknown one).  *SAVED_AT, when SAVED_AT is not NULL, gets the
   time the draft was saved (malloc'd), or NULL when it has none.
   Returns false, leaving WZ as it was, when there is no draft or it
   cannot be read: a damaged draft is ignored, never fatal. */
bool wz_draft_load (struct wizard *wz, struct cw_store *store,
                    char **saved_at);

/* Whether STORE holds a draft wz_draft_load would read. */
bool wz_draft_exists (struct cw_store *store);

/* Removes the draft, if any: after the request is written, or when the
   user declines to resume. */
void wz_draft_discard (struct cw_store *store);

#endif
