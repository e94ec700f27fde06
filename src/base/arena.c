#include <config.h>

#include "base/arena.h"

#include <stdalign.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>

#include "base/xalloc.h"

/* Large enough that a block holds about a thousand rows, small enough
   that a short list wastes little. */
#define BLOCK_SIZE (256 * 1024)

struct cw_arena_block
{
  struct cw_arena_block *previous;
  size_t size;             /* bytes of DATA */
  size_t used;
  alignas (max_align_t) unsigned char data[];
};

static size_t
aligned (size_t size)
{
  size_t a = alignof (max_align_t);
  return (size + a - 1) / a * a;
}

/* A block of SIZE bytes, put behind AFTER (NULL: at the front, where
   pieces are taken from). */
static struct cw_arena_block *
new_block (struct cw_arena *arena, size_t size, struct cw_arena_block *after)
{
  size_t total = size > SIZE_MAX - sizeof (struct cw_arena_block)
                   ? SIZE_MAX  /* then xmalloc fails as out of memory */
                   : sizeof (struct cw_arena_block) + size;
  struct cw_arena_block *block = xmalloc (total);
  *block = (struct cw_arena_block) { .size = size };
  struct cw_arena_block **link = after ? &after->previous : &arena->last;
  block->previous = *link;
  *link = block;
  return block;
}

void *
cw_arena_alloc (struct cw_arena *arena, size_t size)
{
  size_t need = size > SIZE_MAX - alignof (max_align_t) ? SIZE_MAX
                : aligned (size ? size : 1);
  struct cw_arena_block *block = arena->last;
  if (!block || block->size - block->used < need)
    {
      /* A large piece gets a block of its own, behind the current one,
         which keeps giving out its free room. */
      bool own = need > BLOCK_SIZE / 4;
      block = new_block (arena, own ? need : BLOCK_SIZE,
                         own ? arena->last : NULL);
    }
  void *piece = block->data + block->used;
  block->used += need;
  return piece;
}

void
cw_arena_free (struct cw_arena *arena)
{
  struct cw_arena_block *block = arena->last;
  while (block)
    {
      struct cw_arena_block *previous = block->previous;
      free (block);
      block = previous;
    }
  arena->last = NULL;
}
