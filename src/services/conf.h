/* A service's configuration, read to the byte.

   Each syntax (nginx, Apache, HAProxy, Dovecot, Postfix's master.cf)
   cuts its files into tokens that cover every byte, blanks and comments
   included, and builds nodes from them: directives, and blocks that hold
   other nodes.  Includes are followed: the nodes of an included file sit
   where its include is, in the include's block.  Nothing is ever
   rewritten from the nodes: an edit replaces the bytes of a few tokens,
   so a file without edits comes back byte for byte, and a file with
   edits differs only there. */
#ifndef CERTWIZ_SERVICES_CONF_H
#define CERTWIZ_SERVICES_CONF_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "base/diag.h"
#include "base/status.h"

#define CW_CONF_NONE SIZE_MAX

enum cw_conf_token_kind
{
  CW_TOKEN_SPACE,          /* blanks inside a line */
  CW_TOKEN_NEWLINE,        /* "\n" or "\r\n" */
  CW_TOKEN_COMMENT,        /* to the end of its line, the newline left out */
  CW_TOKEN_WORD,           /* a word, its quotes and escapes as written */
  CW_TOKEN_PUNCT,          /* ; { } = < > </ and the like */
  CW_TOKEN_CONTINUATION    /* what joins the next line to this one */
};

struct cw_conf_token
{
  enum cw_conf_token_kind kind;
  unsigned line;           /* where it starts, from 1 */
  size_t offset;
  size_t length;
};

struct cw_conf_file
{
  char *path;
  char *text;
  size_t length;
  struct cw_conf_token *tokens;
  size_t token_count;
  size_t token_capacity;
  size_t included_by;      /* the include node; CW_CONF_NONE for the
                              main file */
};

enum cw_conf_node_kind
{
  CW_NODE_DIRECTIVE,
  CW_NODE_BLOCK
};

struct cw_conf_node
{
  enum cw_conf_node_kind kind;
  size_t file;
  size_t first;            /* its first token */
  size_t end;              /* one past its last token */
  size_t name;             /* the token of its name */
  size_t *args;            /* the tokens of its arguments */
  size_t arg_count;
  size_t arg_capacity;
  size_t close;            /* a block's closing token; CW_CONF_NONE for
                              a block that ends with its last line (an
                              HAProxy section, a master.cf service) */
  size_t parent;           /* the block it is in; CW_CONF_NONE at the
                              top */
};

struct cw_conf;

struct cw_conf_syntax
{
  const char *name;        /* "nginx": the field of its diagnostics */
  bool names_fold_case;    /* Apache: directive names in any case */
  /* Cuts FILE into tokens and adds its nodes under PARENT. */
  enum cw_status (*parse) (struct cw_conf *conf, size_t file, size_t parent,
                           struct cw_diags *diags);
  /* A word's value: quotes and escapes removed. */
  char *(*value) (const char *text, size_t length);
  /* One argument as it must be written to mean VALUE. */
  char *(*quote) (const char *value);
  const char *separator;   /* between a directive's name and its
                              arguments: " ", or Dovecot's " = " */
  const char *terminator;  /* after the arguments: nginx's ";" */
  /* A block whose contents count as its parent's (Apache's
     <IfModule>); NULL when there are none. */
  bool (*transparent) (const struct cw_conf *conf, size_t node);
  const char *indent;      /* one level, when no line shows it */
};

struct cw_conf_edit
{
  size_t file;
  size_t offset;           /* where the bytes replaced start */
  size_t length;           /* how many; 0 for an insertion */
  char *text;
  size_t order;            /* insertions at one offset keep their order */
};

struct cw_conf
{
  const struct cw_conf_syntax *syntax;
  char *prefix;            /* where relative includes start */
  struct cw_conf_file *files;
  size_t file_count;
  size_t file_capacity;
  struct cw_conf_node *nodes;
  size_t node_count;
  size_t node_capacity;
  struct cw_conf_edit *edits;
  size_t edit_count;
  size_t edit_capacity;
  unsigned include_depth;
  bool follow_includes;    /* true unless a test reads one file alone */
  char **defines;          /* Apache's Define'd names and values, in
                              pairs, for the paths of its includes */
  size_t define_count;
};

/* Nodes found by a query. */
struct cw_conf_nodes
{
  size_t *items;
  size_t count;
  size_t capacity;
};

#define CW_CONF_NODES_INIT { NULL, 0, 0 }

void cw_conf_nodes_add (struct cw_conf_nodes *nodes, size_t node);
void cw_conf_nodes_free (struct cw_conf_nodes *nodes);

/* PREFIX is where relative includes start; NULL: the main file's
   folder. */
void cw_conf_init (struct cw_conf *conf, const struct cw_conf_syntax *syntax,
                   const char *prefix);
/* Reads PATH and what it includes.  A file that does not parse is an
   error naming the file and the line, and nothing is guessed. */
enum cw_status cw_conf_load (struct cw_conf *conf, const char *path,
                             struct cw_diags *diags);
/* The same for text in memory, called NAME in messages. */
enum cw_status cw_conf_load_text (struct cw_conf *conf, const char *name,
                                  const char *text, size_t length,
                                  struct cw_diags *diags);
void cw_conf_free (struct cw_conf *conf);

/* ------------------------------------------------------------ queries */

/* Whether NODE's name is NAME (in any case where the syntax says so). */
bool cw_conf_is (const struct cw_conf *conf, size_t node, const char *name);
/* NODE's name and its Ith argument, quotes and escapes removed; NULL
   past the last argument.  Owned by the caller. */
char *cw_conf_name (const struct cw_conf *conf, size_t node);
char *cw_conf_arg (const struct cw_conf *conf, size_t node, size_t i);
/* Whether one of NODE's arguments is WORD (in any case). */
bool cw_conf_has_arg (const struct cw_conf *conf, size_t node,
                      const char *word);
/* The block NODE counts as being in: its parent, through transparent
   blocks. */
size_t cw_conf_parent (const struct cw_conf *conf, size_t node);
/* The first node after AFTER (CW_CONF_NONE: from the start) in PARENT
   (CW_CONF_NONE: the top) named NAME (NULL: any). */
size_t cw_conf_next (const struct cw_conf *conf, size_t parent, size_t after,
                     const char *name);
/* The last NAME in BLOCK (CW_CONF_NONE: at the top), or CW_CONF_NONE. */
size_t cw_conf_last (const struct cw_conf *conf, size_t block,
                     const char *name);
/* The last NAME in BLOCK, else in the nearest block around it that has
   one: the directive in effect there. */
size_t cw_conf_in_effect (const struct cw_conf *conf, size_t block,
                          const char *name);
/* Every NAME of the nearest of BLOCK and the blocks around it that has
   one, for directives that may be given several times (a certificate
   per key type): those of an inner block replace the outer ones. */
void cw_conf_all_in_effect (const struct cw_conf *conf, size_t block,
                            const char *name, struct cw_conf_nodes *found);
const char *cw_conf_path (const struct cw_conf *conf, size_t node);
unsigned cw_conf_line (const struct cw_conf *conf, size_t node);

/* -------------------------------------------------------------- edits */

/* Replaces NODE's arguments with ARGS. */
void cw_conf_set_args (struct cw_conf *conf, size_t node,
                       const char *const *args, size_t count);
/* Replaces NODE's Ith argument with VALUE. */
void cw_conf_set_arg (struct cw_conf *conf, size_t node, size_t i,
                      const char *value);
/* The same with TEXT as it is to be written, quotes and all (a token
   put back as it was). */
void cw_conf_set_arg_text (struct cw_conf *conf, size_t node, size_t i,
                           const char *text);
/* Adds the directive NAME ARGS at the end of BLOCK (CW_CONF_NONE: at the
   end of the main file), indented as BLOCK's other lines are. */
void cw_conf_add (struct cw_conf *conf, size_t block, const char *name,
                  const char *const *args, size_t count);
/* Removes NODE, with its line when nothing else is on it. */
void cw_conf_remove (struct cw_conf *conf, size_t node);
/* FILE's text with the edits: its tokens, one after the other, where no
   edit replaced them.  Owned by the caller. */
char *cw_conf_render (const struct cw_conf *conf, size_t file,
                      size_t *length);
bool cw_conf_changed (const struct cw_conf *conf, size_t file);

/* ---------------------------------------------- for the syntaxes only */

/* The reader of one file: where it is, and which line. */
struct cw_conf_lexer
{
  struct cw_conf *conf;
  size_t file;
  const char *text;
  size_t length;
  size_t pos;
  unsigned line;
};

void cw_conf_lexer_start (struct cw_conf_lexer *lex, struct cw_conf *conf,
                          size_t file);
/* The byte at POS + AHEAD, or 0 past the end. */
char cw_conf_peek (const struct cw_conf_lexer *lex, size_t ahead);
/* Takes LENGTH bytes from POS as a token; returns its index. */
size_t cw_conf_take (struct cw_conf_lexer *lex, enum cw_conf_token_kind kind,
                     size_t length);
/* Takes the blanks at POS, if any; the newline, if one is there. */
void cw_conf_take_blanks (struct cw_conf_lexer *lex);
bool cw_conf_take_newline (struct cw_conf_lexer *lex);
/* How long the newline at POS is: 1, 2 for "\r\n", 0 when none. */
size_t cw_conf_newline_at (const struct cw_conf_lexer *lex, size_t pos);

size_t cw_conf_node_add (struct cw_conf *conf, enum cw_conf_node_kind kind,
                         size_t file, size_t name, size_t parent);
void cw_conf_node_arg (struct cw_conf *conf, size_t node, size_t token);
const struct cw_conf_token *cw_conf_token_of (const struct cw_conf *conf,
                                              size_t file, size_t token);
/* The value of a token, as the syntax reads it. */
char *cw_conf_token_value (const struct cw_conf *conf, size_t file,
                           size_t token);

/* An error in FILE at LINE: "PATH, line N: MESSAGE".  Returns
   CW_REFUSED. */
enum cw_status cw_conf_error (struct cw_conf *conf, size_t file,
                              unsigned line, const char *code,
                              struct cw_diags *diags, const char *fmt, ...)
  __attribute__ ((format (printf, 6, 7)));

/* Reads PATH as a file of CONF, included by the node INCLUDED_BY. */
enum cw_status cw_conf_read_file (struct cw_conf *conf, const char *path,
                                  size_t included_by, size_t *file,
                                  struct cw_diags *diags);

enum
{
  CW_INCLUDE_OPTIONAL = 1 << 0,  /* a file that is not there is fine */
  CW_INCLUDE_FOLDERS = 1 << 1,   /* a folder includes every file in it */
  CW_INCLUDE_EMPTY_GLOB = 1 << 2 /* a pattern that matches nothing too */
};

/* Reads the files PATTERN names (relative to BASE), a glob pattern or a
   path, into NODE's block, in the order of their names. */
enum cw_status cw_conf_include (struct cw_conf *conf, size_t node,
                                const char *pattern, const char *base,
                                unsigned flags, struct cw_diags *diags);
/* The folder of FILE's path (owned by the caller). */
char *cw_conf_file_folder (const struct cw_conf *conf, size_t file);

#endif
