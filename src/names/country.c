#include <config.h>

#include "names/country.h"

#include <libintl.h>
#include <strings.h>

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
