/* Writing JSON for scripts: strings escaped so that any bytes a
   certificate holds come out as valid JSON. */
#ifndef CERTWIZ_JSON_H
#define CERTWIZ_JSON_H

#include <stdbool.h>
#include <stdio.h>

struct cw_json
{
  FILE *out;
  int depth;
  bool need_comma;
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
void cw_json_end (struct cw_json *json);

#endif
