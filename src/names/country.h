/* ISO 3166-1 countries, generated from iso-codes at build time. */
#ifndef CERTWIZ_COUNTRY_H
#define CERTWIZ_COUNTRY_H

#include <stdbool.h>
#include <stddef.h>

struct cw_country
{
  const char *alpha2;      /* "US" */
  const char *alpha3;      /* "USA" */
  const char *name;        /* English; see cw_country_name */
};

/* Case-insensitive; NULL when CODE is not an assigned code. */
const struct cw_country *cw_country_by_alpha2 (const char *code);
const struct cw_country *cw_country_by_alpha3 (const char *code);
size_t cw_country_count (void);
const struct cw_country *cw_country_at (size_t index);
/* The name in the user's language, from the iso_3166-1 catalog. */
const char *cw_country_name (const struct cw_country *country);
/* The country of a code people use instead of its own ("UK" for GB). */
const struct cw_country *cw_country_by_alias (const char *code);
/* The country NAME names, in English or in the user's language, case
   ignored in every script. */
const struct cw_country *cw_country_by_name (const char *name);
/* The country TEXT stands for, however it was typed: its two- or
   three-letter code, an alias, or its name ("germany", "Deutschland"
   for DE).  NULL when none. */
const struct cw_country *cw_country_find (const char *text);

#endif
