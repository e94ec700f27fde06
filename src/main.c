#include <config.h>

#include <gnutls/gnutls.h>
#include <locale.h>
#include <stdbool.h>
#include <stdlib.h>
#include <sys/resource.h>
#include <sys/stat.h>
#ifdef __linux__
# include <sys/prctl.h>
#endif

#include "cli/cli.h"
#include "base/i18n.h"
#include "base/trace.h"
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

/* Whether this is the program of the build folder, not an installed
   copy: the inode /proc/self/exe leads to is that of BUILD_PROGRAM. */
static bool
running_uninstalled (void)
{
  struct stat self, built;
  return stat ("/proc/self/exe", &self) == 0
         && stat (BUILD_PROGRAM, &built) == 0
         && self.st_dev == built.st_dev && self.st_ino == built.st_ino;
}

/* CERTWIZ_LOCALEDIR when set; the build folder's catalogs for the
   program that has not been installed (./quickstart starts that one);
   else the installed ones. */
static const char *
catalog_folder (void)
{
  const char *named = getenv ("CERTWIZ_LOCALEDIR");
  if (named && *named)
    return named;
  return running_uninstalled () ? BUILD_LOCALEDIR : LOCALEDIR;
}

/* GnuTLS would otherwise start itself before main, a third of a
   millisecond that --version and --help do not need: cw_cli_main starts
   it when a command runs. */
GNUTLS_SKIP_GLOBAL_INIT

int
main (int argc, char **argv)
{
  protect_memory ();
  cw_trace_start ();
  /* Only the categories certwiz uses: each costs a file to load at every
     start.  Sorting by the user's language (LC_COLLATE) is set by the
     screens that sort names. */
  setlocale (LC_CTYPE, "");
  setlocale (LC_MESSAGES, "");
  bindtextdomain (PACKAGE, catalog_folder ());
  /* Messages stay UTF-8 inside certwiz, like everything else it handles;
     the text is converted for the terminal when it is shown. */
  bind_textdomain_codeset (PACKAGE, "UTF-8");
  bind_textdomain_codeset ("iso_3166-1", "UTF-8");
  textdomain (PACKAGE);
  /* With no command, on a terminal, certwiz is the wizard. */
  static const struct cw_cli_tui tui = { cw_wizard_run, cw_browse_run };
  return cw_cli_main (argc, argv, &tui);
}
