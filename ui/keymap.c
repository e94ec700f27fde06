#include <config.h>

#include "keymap.h"

#include <curses.h>

#include "base/i18n.h"
#include "term.h"

static const struct ui_key shared_keys[] = {
  { UI_KEY (KEY_F (1)), UI_ACT_HELP, "F1", N_("Help") },
  { UI_ESC, UI_ACT_BACK, "Esc", N_("Back") },
  { UI_KEY (KEY_F (10)), UI_ACT_QUIT, "F10", N_("Quit") },
};

#define SHARED_COUNT (sizeof shared_keys / sizeof shared_keys[0])

static unsigned
share_bit (int action)
{
  return action == UI_ACT_HELP ? UI_SHARE_HELP
         : action == UI_ACT_BACK ? UI_SHARE_BACK : UI_SHARE_QUIT;
}

static const struct ui_key *
own_entry (const struct ui_keymap *map, int key)
{
  for (size_t i = 0; i < map->count; i++)
    if (map->keys[i].key == key)
      return &map->keys[i];
  return NULL;
}

const struct ui_key *
ui_keymap_find (const struct ui_keymap *map, int key)
{
  const struct ui_key *own = own_entry (map, key);
  if (own)
    return own;
  for (size_t i = 0; i < SHARED_COUNT; i++)
    if (shared_keys[i].key == key
        && (map->shared & share_bit (shared_keys[i].action)))
      return &shared_keys[i];
  return NULL;
}

/* The shared entry I, when MAP takes it and does not name its key. */
static const struct ui_key *
shared_shown (const struct ui_keymap *map, size_t i)
{
  const struct ui_key *k = &shared_keys[i];
  if (!(map->shared & share_bit (k->action)) || own_entry (map, k->key))
    return NULL;
  return k;
}

static void
put (const struct ui_key *k, const struct ui_key **out, size_t max,
     size_t *n)
{
  if (k && k->name && *n < max)
    out[(*n)++] = k;
}

size_t
ui_keymap_shown (const struct ui_keymap *map, const struct ui_key **out,
                 size_t max)
{
  size_t n = 0;
  put (shared_shown (map, 0), out, max, &n);
  for (size_t i = 0; i < map->count; i++)
    put (&map->keys[i], out, max, &n);
  for (size_t i = 1; i < SHARED_COUNT; i++)
    put (shared_shown (map, i), out, max, &n);
  return n;
}
