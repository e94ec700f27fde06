#include <config.h>

#include "unit.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

char unit_dir[] = "/tmp/certwiz-unit.XXXXXX";

int
unit_run (Suite *first, ...)
{
  va_list ap;
  SRunner *runner = srunner_create (first);
  va_start (ap, first);
  for (Suite *s; (s = va_arg (ap, Suite *));)
    srunner_add_suite (runner, s);
  va_end (ap);
  srunner_run_all (runner, CK_ENV);
  int failed = srunner_ntests_failed (runner);
  srunner_free (runner);
  return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}

void
unit_dir_setup (void)
{
  strcpy (unit_dir, "/tmp/certwiz-unit.XXXXXX");
  ck_assert_ptr_nonnull (mkdtemp (unit_dir));
}

void
unit_dir_teardown (void)
{
  char *cmd;
  ck_assert_int_ge (asprintf (&cmd, "rm -rf '%s'", unit_dir), 0);
  ck_assert_int_eq (system (cmd), 0);
  free (cmd);
}
