/* The command line: shared pieces of the subcommands. */
#ifndef CERTWIZ_CLI_H
#define CERTWIZ_CLI_H

#include <stdbool.h>
#include <stddef.h>

#include "diag.h"
#include <getopt.h>

#include "names.h"

/* Runs certwiz with ARGV; returns the exit status. */
int cw_cli_main (int argc, char **argv);

struct cw_cli_context
{
  const char *store;       /* --store, before or after the subcommand */
};

/* Options every naming command takes: --subject, --san, --max-sans. */
struct cw_cli_names
{
  const char *subject;
  char **sans;             /* one name each; "a, b" is split */
  size_t san_count;
  unsigned max_sans;
};

/* Option codes shared by the naming commands; a command's own options
   start at CW_OPT_COMMAND. */
enum
{
  CW_OPT_SUBJECT = 256,
  CW_OPT_SAN,
  CW_OPT_MAX_SANS,
  CW_OPT_STORE,
  CW_OPT_COMMAND = 300
};

#define CW_CLI_NAMING_OPTIONS \
  { "subject", required_argument, NULL, CW_OPT_SUBJECT }, \
  { "san", required_argument, NULL, CW_OPT_SAN }, \
  { "max-sans", required_argument, NULL, CW_OPT_MAX_SANS }, \
  { "store", required_argument, NULL, CW_OPT_STORE }, \
  { "help", no_argument, NULL, 'h' }

enum cw_cli_option_result
{
  CW_CLI_OPTION_TAKEN,
  CW_CLI_OPTION_NOT_MINE,
  CW_CLI_OPTION_BAD        /* a usage message was printed */
};

/* Takes one of CW_CLI_NAMING_OPTIONS. */
enum cw_cli_option_result cw_cli_naming_option (int opt, const char *arg,
                                                struct cw_cli_names *names,
                                                struct cw_cli_context *ctx);
/* What is left on the command line once the options are read: nothing
   may be, and --subject must have been given.  Returns CW_OK or the
   usage error's status. */
int cw_cli_naming_finish (const char *command, int argc, char **argv,
                          const struct cw_cli_names *names);
void cw_cli_names_input (const struct cw_cli_names *names,
                         struct cw_names_input *input);
void cw_cli_names_free (struct cw_cli_names *names);

/* Diagnostics to stderr, one a line:
   "certwiz: error: CN: <message> [cn-too-long]". */
void cw_cli_report (const struct cw_diags *diags);
/* A usage error: the message, a hint to --help; returns CW_USAGE. */
int cw_cli_usage_error (const char *command, const char *fmt, ...)
  __attribute__ ((format (printf, 2, 3)));
/* The usage error for the option getopt_long just refused. */
int cw_cli_bad_option (const char *command, char **argv);
/* TEXT made safe for the terminal (owned by the caller). */
char *cw_cli_safe (const char *text);

/* The subject and names as they will be written, to stdout. */
void cw_cli_print_names (const struct cw_names *names);

int cw_cmd_check (struct cw_cli_context *context, int argc, char **argv);
int cw_cmd_request (struct cw_cli_context *context, int argc, char **argv);

#endif
