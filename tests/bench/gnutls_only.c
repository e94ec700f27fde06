/* The start-up floor of a program built on GnuTLS: it loads GnuTLS and
   its libraries, as certwiz and certtool do, and does nothing else, not
   even start GnuTLS (certwiz --version does not either).  make bench
   sets it beside certtool --version, to show how much of any start is
   the loading alone. */
#include <config.h>

#include <gnutls/gnutls.h>
#include <stdio.h>

GNUTLS_SKIP_GLOBAL_INIT

int
main (void)
{
  printf ("GnuTLS %s\n", gnutls_check_version (NULL));
  return 0;
}
