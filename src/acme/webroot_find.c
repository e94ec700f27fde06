/* The webroot of the site that serves the names, for http-01 when none
   is given.  Finding it reads the web servers' configurations, which the
   services module (src/services: nginx and Apache tokenizers) does; this
   is the one call it completes.  Until then no webroot is found, and the
   user is asked to give one. */
#include <config.h>

#include "acme/solver.h"

char *
cw_acme_find_webroot (const char *const *names, size_t count)
{
  (void) names, (void) count;
  return NULL;
}
