/* Allocation that never returns NULL.  Running out of memory ends the
   program through a hook, so the TUI can restore the terminal first. */
#ifndef CERTWIZ_XALLOC_H
#define CERTWIZ_XALLOC_H

#include <stddef.h>

void *xmalloc (size_t size);
void *xcalloc (size_t count, size_t size);
void *xreallocarray (void *ptr, size_t count, size_t size);
char *xstrdup (const char *s);
char *xstrndup (const char *s, size_t n);
/* A copy of S without the blanks (spaces, tabs) around it. */
char *xstrdup_trimmed (const char *s);
char *xasprintf (const char *fmt, ...) __attribute__ ((format (printf, 1, 2)));

/* Called before the program aborts on an allocation failure. */
void xalloc_set_die_hook (void (*hook) (void));

#endif
