#include <config.h>

#include "base/xalloc.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/i18n.h"

static void (*die_hook) (void);

void
xalloc_set_die_hook (void (*hook) (void))
{
  die_hook = hook;
}

static void
xalloc_die (void)
{
  if (die_hook)
    die_hook ();
  fprintf (stderr, "certwiz: %s\n",
           _("out of memory; close other programs and try again"));
  abort ();
}

void *
xmalloc (size_t size)
{
  void *p = malloc (size ? size : 1);
  if (!p)
    xalloc_die ();
  return p;
}

void *
xcalloc (size_t count, size_t size)
{
  void *p = calloc (count ? count : 1, size ? size : 1);
  if (!p)
    xalloc_die ();
  return p;
}

void *
xreallocarray (void *ptr, size_t count, size_t size)
{
  if (size && count > (size_t) -1 / size)
    xalloc_die ();
  size_t bytes = count * size;
  void *p = realloc (ptr, bytes > 0 ? bytes : 1);
  if (!p)
    xalloc_die ();
  return p;
}

char *
xstrdup (const char *s)
{
  return xstrndup (s, strlen (s));
}

char *
xstrndup (const char *s, size_t n)
{
  char *p = strndup (s, n);
  if (!p)
    xalloc_die ();
  return p;
}

char *
xstrdup_trimmed (const char *s)
{
  while (*s == ' ' || *s == '\t')
    s++;
  size_t len = strlen (s);
  while (len && (s[len - 1] == ' ' || s[len - 1] == '\t'))
    len--;
  return xstrndup (s, len);
}

char *
xasprintf (const char *fmt, ...)
{
  va_list ap;
  char *out;
  va_start (ap, fmt);
  int n = vasprintf (&out, fmt, ap);
  va_end (ap);
  if (n < 0)
    xalloc_die ();
  return out;
}
