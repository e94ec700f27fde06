/* Fuzzes the subject alternative names: each line of the input is a name
   as typed (--san, or one line of the wizard's list), and the first line
   is also the subject they are checked with. */
#include <config.h>

#include <stdlib.h>
#include <string.h>

#include "fuzz.h"
#include "names/names.h"
#include "names/san.h"
#include "base/xalloc.h"

/* A CA's limit, low enough for inputs of a few lines to pass it. */
#define MAX_SANS 4

/* Cuts TEXT at its newlines; returns the lines (free the array only). */
static char **
split_lines (char *text, size_t *count)
{
  size_t n = 1;
  for (const char *p = text; *p; p++)
    n += *p == '\n';
  char **lines = xcalloc (n, sizeof *lines);
  *count = 0;
  for (char *p = text;; p++)
    {
      lines[(*count)++] = p;
      p = strchr (p, '\n');
      if (!p)
        break;
      *p = '\0';
    }
  return lines;
}

static bool
is_normal_char (char c)
{
  return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-'
         || c == '.' || c == '*' || c == ':';
}

/* What the list keeps is what the request carries: a lower-case ASCII
   name (A-label) or a canonical address, which reads back as itself. */
static void
check_normalized (const struct cw_san *san)
{
  for (const char *p = san->name; *p; p++)
    if (!is_normal_char (*p))
      fuzz_fail ("a kept name is not a lower-case ASCII name", san->name);
  struct cw_san again;
  struct cw_diags diags = CW_DIAGS_INIT;
  if (!cw_san_parse (san->name, &again, &diags))
    fuzz_fail ("a kept name is refused when typed again", san->name);
  bool same = again.type == san->type && strcmp (again.name, san->name) == 0;
  cw_san_free (&again);
  cw_diags_free (&diags);
  if (!same)
    fuzz_fail ("a kept name reads back differently", san->name);
}

int
LLVMFuzzerTestOneInput (const uint8_t *data, size_t size)
{
  char *text = fuzz_string (data, size);
  size_t count;
  char **lines = split_lines (text, &count);
  struct cw_san_list list = CW_SAN_LIST_INIT;
  struct cw_diags diags = CW_DIAGS_INIT;
  for (size_t i = 0; i < count; i++)
    cw_san_list_add (&list, lines[i], &diags);
  for (size_t i = 0; i < list.count; i++)
    check_normalized (&list.items[i]);
  cw_san_list_check_limit (&list, MAX_SANS, &diags);

  struct cw_names_input input = {
    .subject = lines[0], .sans = (const char *const *) lines + 1,
    .san_count = count - 1, .max_sans = MAX_SANS,
  };
  struct cw_names names;
  cw_names_build (&input, &names, &diags);

  cw_names_free (&names);
  cw_san_list_free (&list);
  cw_diags_free (&diags);
  free (lines);
  free (text);
  return 0;
}
