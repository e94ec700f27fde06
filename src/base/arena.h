/* Memory handed out in pieces from large blocks and given back all at
   once: many small objects that live and die together (the browser's
   rows) lie side by side, whatever else was allocated between them, so
   that a pass over them all reads memory in order. */
#ifndef CERTWIZ_ARENA_H
#define CERTWIZ_ARENA_H

#include <stddef.h>

struct cw_arena
{
  struct cw_arena_block *last;   /* the block pieces are taken from */
};

#define CW_ARENA_INIT { NULL }

/* SIZE bytes aligned for any object; never NULL.  A piece larger than a
   block gets a block of its own. */
void *cw_arena_alloc (struct cw_arena *arena, size_t size);
/* Frees every piece; the arena can be used again. */
void cw_arena_free (struct cw_arena *arena);

#endif
