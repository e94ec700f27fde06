/* Writing JSON for scripts, through json-c: the document is built as
   json-c objects and printed with two-space indentation, strings escaped
   so that any bytes a certificate holds come out as valid JSON that
   cannot take over a terminal (controls and bidirectional overrides as
   \uXXXX, bytes that are not UTF-8 as \ufffd). */
#ifndef CERTWIZ_JSON_H
#define CERTWIZ_JSON_H

#include <stdbool.h>
#include <stdio.h>

#define CW_JSON_MAX_DEPTH 16

struct json_object;

struct cw_json
{
  FILE *out;
  struct json_object *root;
  struct json_object *open[CW_JSON_MAX_DEPTH];   /* the containers being
                                                    filled, innermost last */
  int depth;
};

void cw_json_begin (struct cw_json *json, FILE *out);
void cw_json_object_begin (struct cw_json *json, const char *key);
void cw_json_object_end (struct cw_json *json);
void cw_json_array_begin (struct cw_json *json, const char *key);
void cw_json_array_end (struct cw_json *json);
/* KEY is NULL inside an array.  A NULL VALUE is written as null. */
void cw_json_string (struct cw_json *json, const char *key,
                     const char *value);
void cw_json_number (struct cw_json *json, const char *key, long long value);
void cw_json_bool (struct cw_json *json, const char *key, bool value);
/* Prints the document and frees it. */
void cw_json_end (struct cw_json *json);
/* The same for a document that is one value, at DEPTH, of a larger one
   written a part at a time (an array of thousands, an item at a time,
   so that the whole is never in memory): no newline after it. */
void cw_json_end_nested (struct cw_json *json, int depth);
/* A newline and the indentation of DEPTH, between such parts. */
void cw_json_newline (FILE *out, int depth);

#endif
