/* Reading what an ACME server sends, through json-c. */
#ifndef CERTWIZ_ACME_JSONUTIL_H
#define CERTWIZ_ACME_JSONUTIL_H

#include <json-c/json.h>
#include <stdbool.h>
#include <stddef.h>

/* The object LEN bytes at TEXT hold, or NULL when they are not a JSON
   object (malformed, cut short, too deeply nested, or another type). */
json_object *cw_json_parse_object (const char *text, size_t len);

/* The string member NAME of OBJ, or NULL. */
const char *cw_json_str (json_object *obj, const char *name);
/* The object, array or boolean member NAME of OBJ, or NULL / false. */
json_object *cw_json_obj (json_object *obj, const char *name);
json_object *cw_json_arr (json_object *obj, const char *name);
bool cw_json_true (json_object *obj, const char *name);

/* OBJ as compact JSON text (owned by the caller). */
char *cw_json_text (json_object *obj);

/* TEXT from the server, made safe for display and cut to a length a
   message can hold (owned by the caller; "" for NULL). */
char *cw_acme_safe (const char *text);

#endif
