/* The start-up floor of a program built on GnuTLS: it links GnuTLS and
   its libraries, as certwiz and certtool do, and does nothing else.
   make bench sets certwiz --version beside it, to show what certwiz's
   own start costs on top of loading GnuTLS. */
#include <config.h>

#include <gnutls/gnutls.h>
#include <stdio.h>

int
main (void)
{
  printf ("GnuTLS %s\n", gnutls_check_version (NULL));
  return 0;
}
