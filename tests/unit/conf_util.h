/* What the configuration tests share: parsing text that must or must
   not parse, byte-for-byte round trips, and diffs by lines. */
#ifndef CERTWIZ_TESTS_CONF_UTIL_H
#define CERTWIZ_TESTS_CONF_UTIL_H

#include <stdbool.h>
#include <stddef.h>

#include "services/conf.h"

/* TEXT, called NAME, must parse with SYNTAX; includes start at
   unit_dir. */
void conf_parse_ok (struct cw_conf *conf, const struct cw_conf_syntax *syntax,
                    const char *text);
/* TEXT must not parse: the one error's code is CODE and its message
   names LINE; returns the message (free it). */
char *conf_parse_fails (const struct cw_conf_syntax *syntax, const char *text,
                        const char *code, unsigned line);
/* Every file of CONF, rendered without edits, is its bytes. */
void conf_assert_round_trip (const struct cw_conf *conf);
/* FILE of CONF with its edits (free it). */
char *conf_rendered (const struct cw_conf *conf, size_t file);
/* Whether AFTER differs from BEFORE only in its lines FROM to TO (from
   1, both included) of AFTER, the lines between them in BEFORE being
   replaced. */
void conf_assert_only_lines (const char *before, const char *after,
                             unsigned from, unsigned to);
/* Reads each file under FOLDER that WANTED accepts alone (includes not
   followed) and checks its round trip; returns how many there were, 0
   when FOLDER is not here (its package is not installed). */
size_t conf_round_trip_tree (const struct cw_conf_syntax *syntax,
                             const char *folder,
                             bool (*wanted) (const char *path));
/* unit_dir/NAME holds TEXT. */
void conf_write (const char *name, const char *text);

#endif
