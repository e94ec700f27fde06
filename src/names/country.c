#include <config.h>

#include "names/country.h"

#include <libintl.h>
#include <string.h>
#include <strings.h>
#include <unicase.h>

static const struct cw_country countries[] = {
#include "countries.inc"
};

#define COUNTRY_COUNT (sizeof countries / sizeof countries[0])

const struct cw_country *
cw_country_by_alpha2 (const char *code)
{
  for (size_t i = 0; i < COUNTRY_COUNT; i++)
    if (strcasecmp (countries[i].alpha2, code) == 0)
      return &countries[i];
  return NULL;
}

const struct cw_country *
cw_country_by_alpha3 (const char *code)
{
  for (size_t i = 0; i < COUNTRY_COUNT; i++)
    if (strcasecmp (countries[i].alpha3, code) == 0)
      return &countries[i];
  return NULL;
}

size_t
cw_country_count (void)
{
  return COUNTRY_COUNT;
}

const struct cw_country *
cw_country_at (size_t index)
{
  return index < COUNTRY_COUNT ? &countries[index] : NULL;
}

const char *
cw_country_name (const struct cw_country *country)
{
  return dgettext ("iso_3166-1", country->name);
}

/* Codes people use for a country that are not its ISO 3166-1 code. */
static const struct
{
  const char *used;
  const char *iso;
} aliases[] = {
  { "UK", "GB" },               /* reserved by ISO for the United Kingdom */
  { "EL", "GR" },               /* the European Union's code for Greece */
};

const struct cw_country *
cw_country_by_alias (const char *code)
{
  for (size_t i = 0; i < sizeof aliases / sizeof aliases[0]; i++)
    if (strcasecmp (code, aliases[i].used) == 0)
      return cw_country_by_alpha2 (aliases[i].iso);
  return NULL;
}

/* Case-insensitive in every script ("österreich", "ÖSTERREICH"), not
   only in ASCII as strcasecmp is. */
static bool
same_name (const char *a, const char *b)
{
  int result;
  return u8_casecmp ((const uint8_t *) a, strlen (a), (const uint8_t *) b,
                     strlen (b), NULL, NULL, &result) == 0
         && result == 0;
}

const struct cw_country *
cw_country_by_name (const char *name)
{
  for (size_t i = 0; i < COUNTRY_COUNT; i++)
    if (same_name (name, countries[i].name)
        || same_name (name, cw_country_name (&countries[i])))
      return &countries[i];
  return NULL;
}

const struct cw_country *
cw_country_find (const char *text)
{
  const struct cw_country *country = NULL;
  size_t len = strlen (text);
  if (len == 2)
    country = cw_country_by_alpha2 (text);
  if (!country && len == 3)
    country = cw_country_by_alpha3 (text);
  if (!country)
    country = cw_country_by_alias (text);
  return country ? country : cw_country_by_name (text);
}
