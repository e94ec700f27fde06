#include <config.h>

#include <locale.h>
#include <stdlib.h>
#include <sys/resource.h>
#ifdef __linux__
# include <sys/prctl.h>
#endif

#include "cli.h"
#include "i18n.h"
#include "tui.h"

/* certwiz holds private keys and passwords in its memory: no core dump
   may write them to a disk, and no other process of the user may read
   them through ptrace or /proc/PID/mem.  Done first, before anything is
   read, and for good: the hard limit cannot be raised again. */
static void
protect_memory (void)
{
  struct rlimit none = { 0, 0 };
  setrlimit (RLIMIT_CORE, &none);
#ifdef PR_SET_DUMPABLE
  prctl (PR_SET_DUMPABLE, 0, 0, 0, 0);
#endif
}

int
main (int argc, char **argv)
{
  protect_memory ();
  setlocale (LC_ALL, "");
  /* Catalogs that are not installed yet (the tests') can be named. */
  const char *localedir = getenv ("CERTWIZ_LOCALEDIR");
  bindtextdomain (PACKAGE, localedir && *localedir ? localedir : LOCALEDIR);
  /* Messages stay UTF-8 inside certwiz, like everything else it handles;
     the text is converted for the terminal when it is shown. */
  bind_textdomain_codeset (PACKAGE, "UTF-8");
  bind_textdomain_codeset ("iso_3166-1", "UTF-8");
  textdomain (PACKAGE);
  /* With no command, on a terminal, certwiz is the wizard. */
  static const struct cw_cli_tui tui = { cw_wizard_run, cw_browse_run };
  return cw_cli_main (argc, argv, &tui);
}
