/* The command line: shared pieces of the subcommands. */
#ifndef CERTWIZ_CLI_H
#define CERTWIZ_CLI_H

#include <stdbool.h>
#include <stddef.h>

#include "base/diag.h"
#include "base/status.h"
#include <getopt.h>

#include "names/names.h"

/* The terminal screens, which live above the core: main hands them in.
   Each returns the exit status, or -1 when there is no terminal.  The
   screens never print: they give back in DIAGS what kept them from
   opening (a store that cannot be used, a file that cannot be read), and
   the command line reports it. */
struct cw_cli_tui
{
  int (*wizard) (const char *store, struct cw_diags *diags);
  int (*browse) (const char *store, const char *const *files, size_t count,
                 struct cw_diags *diags);
};

/* Runs certwiz with ARGV; returns the exit status.  Without a command the
   wizard runs with the --store given; when it returns -1 (no terminal),
   the usage is shown instead. */
int cw_cli_main (int argc, char **argv, const struct cw_cli_tui *tui);

struct cw_store;
struct cw_cli_context
{
  const char *store_option;  /* --store, before or after the subcommand */
  const struct cw_cli_tui *tui;
  struct cw_store *store;    /* opened once, by cw_cli_store */
};

/* The command's store (--store, else the default), opened at the first
   call and closed when the command ends; CW_OK, or the error reported.
   A command that needs no store never opens it. */
enum cw_status cw_cli_store (struct cw_cli_context *context,
                             struct cw_store **store);

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
  CW_OPT_COMMAND = 300,
  CW_OPT_COMMAND_END = 400
};

/* Every command takes these (cw_cli_parse handles them). */
#define CW_CLI_COMMON_OPTIONS \
  { "store", required_argument, NULL, CW_OPT_STORE }, \
  { "help", no_argument, NULL, 'h' }

#define CW_CLI_NAMING_OPTIONS \
  { "subject", required_argument, NULL, CW_OPT_SUBJECT }, \
  { "san", required_argument, NULL, CW_OPT_SAN }, \
  { "max-sans", required_argument, NULL, CW_OPT_MAX_SANS }, \
  CW_CLI_COMMON_OPTIONS

enum cw_cli_option_result
{
  CW_CLI_OPTION_TAKEN,
  CW_CLI_OPTION_NOT_MINE,
  CW_CLI_OPTION_BAD        /* a usage message was printed */
};

/* A command's handler of its own options; STATE is the command's. */
typedef enum cw_cli_option_result (*cw_cli_option_fn) (int opt,
                                                       const char *arg,
                                                       void *state);

/* Reads a command's options: --store and --help are handled here, the
   rest by HANDLE.  Returns CW_OK with optind at the first operand,
   CW_USAGE after a usage message, or -1 after printing HELP. */
int cw_cli_parse (const char *command, int argc, char **argv,
                  const struct option *options, cw_cli_option_fn handle,
                  void *state, struct cw_cli_context *context,
                  void (*help) (void));

#define CW_CLI_HELP_DONE (-1)

/* Exactly COUNT operands must follow the options; else a usage error. */
int cw_cli_operands (const char *command, int argc, char **argv,
                     int count, const char *what);

struct cw_password_source;
/* --password-file and --password-fd (or --pin-file and --pin-fd, FD_NAME
   naming the second), whose codes the command picks. */
enum cw_cli_option_result cw_cli_password_option (int opt, const char *arg,
                                                  struct cw_password_source
                                                    *source, int file_opt,
                                                  int fd_opt,
                                                  const char *fd_name);

struct cw_pin_source;
/* The PIN source of the command line: the first line of SOURCE's file or
   descriptor, else asked on the terminal without echo (again after a
   wrong PIN, up to three times).  SOURCE must outlive PIN. */
void cw_cli_pin_source (const struct cw_password_source *source,
                        struct cw_pin_source *pin);

/* --format: the index of ARG in ALLOWED (NULL-terminated), or false
   after a usage message. */
bool cw_cli_parse_format (const char *arg, const char *const *allowed,
                          int *choice);

/* Takes one of CW_CLI_NAMING_OPTIONS. */
enum cw_cli_option_result cw_cli_naming_option (int opt, const char *arg,
                                                struct cw_cli_names *names);
/* What is left on the command line once the options are read: nothing
   may be, and --subject must have been given.  Returns CW_OK or the
   usage error's status. */
int cw_cli_naming_finish (const char *command, int argc, char **argv,
                          const struct cw_cli_names *names);
/* Adds the names of ARG, "a, b" split at commas. */
void cw_cli_names_add_san (struct cw_cli_names *names, const char *arg);
void cw_cli_names_input (const struct cw_cli_names *names,
                         struct cw_names_input *input);
void cw_cli_names_free (struct cw_cli_names *names);

/* Diagnostics to stderr, one a line:
   "certwiz: error: CN: <message> [cn-too-long]", the command line's own
   hint (cw_cli_hint) after the message where one helps. */
void cw_cli_report (const struct cw_diags *diags);
/* The same, ID being what the command acts on, for hints that name it. */
void cw_cli_report_about (const struct cw_diags *diags, const char *id);
/* What the command line adds to the core's diagnostic CODE: the options
   that do what its message says (the core names none); NULL when there
   is nothing to add.  ID as above, may be NULL. */
char *cw_cli_hint (const char *code, const char *id);
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
int cw_cmd_import (struct cw_cli_context *context, int argc, char **argv);
int cw_cmd_export (struct cw_cli_context *context, int argc, char **argv);
int cw_cmd_selfsign (struct cw_cli_context *context, int argc, char **argv);
int cw_cmd_clone (struct cw_cli_context *context, int argc, char **argv);
int cw_cmd_list (struct cw_cli_context *context, int argc, char **argv);
int cw_cmd_show (struct cw_cli_context *context, int argc, char **argv);
int cw_cmd_match (struct cw_cli_context *context, int argc, char **argv);
int cw_cmd_delete (struct cw_cli_context *context, int argc, char **argv);
int cw_cmd_enable (struct cw_cli_context *context, int argc, char **argv);
int cw_cmd_disable (struct cw_cli_context *context, int argc, char **argv);
int cw_cmd_services (struct cw_cli_context *context, int argc, char **argv);
int cw_cmd_browse (struct cw_cli_context *context, int argc, char **argv);
int cw_cmd_test (struct cw_cli_context *context, int argc, char **argv);
int cw_cmd_verify (struct cw_cli_context *context, int argc, char **argv);
int cw_cmd_account (struct cw_cli_context *context, int argc, char **argv);
int cw_cmd_enroll (struct cw_cli_context *context, int argc, char **argv);
int cw_cmd_renew (struct cw_cli_context *context, int argc, char **argv);

#endif
