#include <config.h>

#include "names/attr.h"

#include <string.h>
#include <strings.h>

#include "base/i18n.h"

static const struct cw_attr_info attrs[CW_ATTR_COUNT] = {
  [CW_ATTR_C] = { CW_ATTR_C, "C", NULL, "2.5.4.6",
                  N_("Country or region"), 2, false, 1 },
  [CW_ATTR_DC] = { CW_ATTR_DC, "DC", NULL, "0.9.2342.19200300.100.1.25",
                   N_("Domain component"), 255, true, 1 },
  [CW_ATTR_ST] = { CW_ATTR_ST, "ST", "S", "2.5.4.8",
                   N_("State or province"), 128, false, 2 },
  [CW_ATTR_L] = { CW_ATTR_L, "L", NULL, "2.5.4.7",
                  N_("Locality"), 128, false, 3 },
  [CW_ATTR_O] = { CW_ATTR_O, "O", NULL, "2.5.4.10",
                  N_("Organization"), 64, false, 4 },
  [CW_ATTR_OU] = { CW_ATTR_OU, "OU", NULL, "2.5.4.11",
                   N_("Organizational unit"), 64, true, 5 },
  [CW_ATTR_CN] = { CW_ATTR_CN, "CN", NULL, "2.5.4.3",
                   N_("Common name"), 64, true, 6 },
};

const struct cw_attr_info *
cw_attr_info (enum cw_attr attr)
{
  return attr < CW_ATTR_COUNT ? &attrs[attr] : NULL;
}

static bool
name_is (const char *name, size_t len, const char *candidate)
{
  return candidate && strlen (candidate) == len
         && strncasecmp (name, candidate, len) == 0;
}

const struct cw_attr_info *
cw_attr_lookup (const char *name, size_t len)
{
  for (size_t i = 0; i < CW_ATTR_COUNT; i++)
    if (name_is (name, len, attrs[i].name)
        || name_is (name, len, attrs[i].alias))
      return &attrs[i];
  return NULL;
}

const char *
cw_attr_known_list (void)
{
  return "C, DC, ST (S), L, O, OU, CN";
}
