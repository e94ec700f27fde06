#include <config.h>

#include "base/record.h"

#include <stdlib.h>
#include <string.h>

#include "base/xalloc.h"

#define RECORD_MAGIC "# certwiz record 1\n"

/* Takes NAME and VALUE as they are: VALUE lies in NAME's allocation. */
static void
add_owned (struct cw_record *record, char *name, char *value)
{
  if (record->count == record->capacity)
    {
      record->capacity = record->capacity ? 2 * record->capacity : 16;
      record->fields = xreallocarray (record->fields, record->capacity,
                                      sizeof *record->fields);
    }
  record->fields[record->count++] = (struct cw_record_field) { name, value };
}

void
cw_record_take (struct cw_record *record, struct cw_record_field *field)
{
  add_owned (record, field->name, field->value);
  field->name = field->value = NULL;
}

/* NAME and VALUE in one allocation, "NAME\0VALUE\0": a store's index
   holds some hundred thousand fields, read at every listing. */
static struct cw_record_field
new_field (const char *name, size_t name_len, const char *value,
           size_t value_len)
{
  char *block = xmalloc (name_len + value_len + 2);
  memcpy (block, name, name_len);
  block[name_len] = '\0';
  memcpy (block + name_len + 1, value, value_len);
  block[name_len + 1 + value_len] = '\0';
  return (struct cw_record_field) { block, block + name_len + 1 };
}

void
cw_record_add (struct cw_record *record, const char *name,
               const char *value)
{
  struct cw_record_field f = new_field (name, strlen (name), value,
                                        strlen (value));
  add_owned (record, f.name, f.value);
}

void
cw_record_set (struct cw_record *record, const char *name,
               const char *value)
{
  for (size_t i = 0; i < record->count; i++)
    if (strcmp (record->fields[i].name, name) == 0)
      {
        free (record->fields[i].name);
        record->fields[i] = new_field (name, strlen (name), value,
                                       strlen (value));
        return;
      }
  cw_record_add (record, name, value);
}

const char *
cw_record_get (const struct cw_record *record, const char *name)
{
  for (size_t i = 0; i < record->count; i++)
    if (strcmp (record->fields[i].name, name) == 0)
      return record->fields[i].value;
  return NULL;
}

/* Backslash and newline are the only bytes the line format cannot hold
   as they are. */
static size_t
escape_into (char *out, const char *value)
{
  size_t n = 0;
  for (const char *p = value; *p; p++)
    if (*p == '\\' || *p == '\n')
      {
        out[n++] = '\\';
        out[n++] = *p == '\n' ? 'n' : '\\';
      }
    else
      out[n++] = *p;
  return n;
}

char *
cw_record_format (const struct cw_record *record)
{
  size_t size = sizeof RECORD_MAGIC;
  for (size_t i = 0; i < record->count; i++)
    size += strlen (record->fields[i].name)
            + 2 * strlen (record->fields[i].value) + 3;
  char *text = xmalloc (size);
  size_t n = strlen (strcpy (text, RECORD_MAGIC));
  for (size_t i = 0; i < record->count; i++)
    {
      n += strlen (strcpy (text + n, record->fields[i].name));
      text[n++] = ':';
      text[n++] = ' ';
      n += escape_into (text + n, record->fields[i].value);
      text[n++] = '\n';
    }
  text[n] = '\0';
  return text;
}

/* Undoes escape_into in place. */
static void
unescape (char *value, size_t len)
{
  size_t n = 0;
  for (size_t i = 0; i < len; i++)
    if (value[i] == '\\' && i + 1 < len)
      value[n++] = value[++i] == 'n' ? '\n' : value[i];
    else
      value[n++] = value[i];
  value[n] = '\0';
}

static bool
parse_line (const char *line, size_t len, struct cw_record *record)
{
  const char *colon = memchr (line, ':', len);
  if (!colon || colon == line || (size_t) (colon - line) + 1 >= len
      || colon[1] != ' ')
    return false;
  size_t name_len = (size_t) (colon - line);
  struct cw_record_field f = new_field (line, name_len, colon + 2,
                                        len - name_len - 2);
  if (memchr (f.value, '\\', len - name_len - 2))
    unescape (f.value, len - name_len - 2);
  add_owned (record, f.name, f.value);
  return true;
}

bool
cw_record_parse (const char *text, struct cw_record *record)
{
  if (strncmp (text, RECORD_MAGIC, strlen (RECORD_MAGIC)) != 0)
    return false;
  const char *p = text + strlen (RECORD_MAGIC);
  while (*p)
    {
      const char *end = strchr (p, '\n');
      size_t len = end ? (size_t) (end - p) : strlen (p);
      if (len > 0 && !parse_line (p, len, record))
        return false;
      p += len + (end != NULL);
    }
  return true;
}

void
cw_record_free (struct cw_record *record)
{
  for (size_t i = 0; i < record->count; i++)
    free (record->fields[i].name);
  free (record->fields);
  *record = (struct cw_record) CW_RECORD_INIT;
}
