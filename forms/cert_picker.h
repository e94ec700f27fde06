/* The certificates that can be backed up: installed, with their private
   key in the store. */
#ifndef CERTWIZ_FORMS_CERT_PICKER_H
#define CERTWIZ_FORMS_CERT_PICKER_H

#include "store/listing.h"
#include "wizard_ui.h"

/* Whether ROW is a certificate whose key is here. */
bool wz_can_back_up (const struct cw_listing_row *row);

/* Lists them and lets the user choose: WZ_NEXT with *ID and *LABEL (the
   friendly name, else the CN; both owned by the caller), WZ_BACK on Esc
   or when there is none (after saying so), WZ_QUIT on F10.  *ID and
   *LABEL are NULL or what an earlier call gave (then *ID is selected
   first, and both are freed). */
enum wz_action wz_pick_certificate (struct wz_ui *ui, char **id,
                                    char **label);

#endif
