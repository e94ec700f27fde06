#include <config.h>

#include <locale.h>

#include "cli.h"
#include "i18n.h"

int
main (int argc, char **argv)
{
  setlocale (LC_ALL, "");
  bindtextdomain (PACKAGE, LOCALEDIR);
  textdomain (PACKAGE);
  return cw_cli_main (argc, argv);
}
