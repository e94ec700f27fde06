/* The searchable list of countries behind the Country field. */
#ifndef CERTWIZ_FORMS_COUNTRY_PICKER_H
#define CERTWIZ_FORMS_COUNTRY_PICKER_H

/* Shows every ISO 3166-1 country by its name in the user's language;
   typing filters by name or code.  Returns the chosen two-letter code
   (owned by the caller), or NULL when the user goes back. */
char *wz_pick_country (const char *current);

#endif
