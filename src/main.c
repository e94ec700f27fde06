#include <config.h>

#include <locale.h>

#include "cli.h"
#include "i18n.h"
#include "tui.h"

int
main (int argc, char **argv)
{
  setlocale (LC_ALL, "");
  bindtextdomain (PACKAGE, LOCALEDIR);
  textdomain (PACKAGE);
  /* With no command, on a terminal, certwiz is the wizard. */
  return cw_cli_main (argc, argv, cw_wizard_run);
}
