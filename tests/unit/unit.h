/* What the unit tests share: running their suites, and a private
   temporary folder for tests that write files. */
#ifndef CERTWIZ_TESTS_UNIT_H
#define CERTWIZ_TESTS_UNIT_H

#include <check.h>

/* Runs the NULL-terminated list of suites; returns the exit status. */
int unit_run (Suite *first, ...);

/* A fresh folder for each test: unit_dir, made by unit_dir_setup and
   removed with what it holds by unit_dir_teardown (a checked fixture). */
extern char unit_dir[];
void unit_dir_setup (void);
void unit_dir_teardown (void);

#endif
