/* The webroot of the site that serves the names, for http-01 when none
   is given: read from nginx's configuration by the services module. */
#include <config.h>

#include "acme/solver.h"
#include "services/enable.h"

char *
cw_acme_find_webroot (const char *const *names, size_t count)
{
  return cw_svc_find_webroot (names, count);
}
