/* The store read for the browser by a thread of its own, so that the
   list's first frame is drawn at once, whatever the store holds: the
   rows first (the listing), then the services each certificate is put
   to work in (the bindings), each taken by the list as it arrives. */
#include <config.h>

#include <pthread.h>
#include <stdatomic.h>
#include <stdlib.h>

#include "browser.h"
#include "base/record.h"
#include "base/trace.h"
#include "base/xalloc.h"
#include "loop.h"
#include "services/enable_journal.h"
#include "store/listing.h"

enum loader_phase
{
  PHASE_READING,
  PHASE_LISTED,            /* LISTING and STATUS are ready */
  PHASE_BOUND              /* and so are the bindings */
};

struct binding
{
  char *cert;
  char *label;
};

struct bw_store_loader
{
  pthread_t thread;
  struct cw_store *store;
  struct cw_listing listing;
  enum cw_status status;
  struct cw_diags diags;
  struct binding *bindings;
  size_t binding_count;
  size_t binding_capacity;
  atomic_int phase;
  enum loader_phase taken;  /* what the list has taken */
};

static void
keep_binding (const struct cw_record *record, void *state)
{
  struct bw_store_loader *l = state;
  const char *cert = cw_record_get (record, "cert");
  const char *label = cw_record_get (record, "label");
  if (!cert || !label)
    return;
  if (l->binding_count == l->binding_capacity)
    {
      l->binding_capacity = l->binding_capacity ? 2 * l->binding_capacity
                                                : 8;
      l->bindings = xreallocarray (l->bindings, l->binding_capacity,
                                   sizeof *l->bindings);
    }
  l->bindings[l->binding_count++]
    = (struct binding) { xstrdup (cert), xstrdup (label) };
}

static void *
read_store (void *arg)
{
  struct bw_store_loader *l = arg;
  l->status = cw_listing_from_store (&l->listing, l->store, &l->diags);
  atomic_store (&l->phase, PHASE_LISTED);
  ui_wake ();
  if (l->status == CW_OK)
    cw_bindings_each (l->store, keep_binding, l);
  atomic_store (&l->phase, PHASE_BOUND);
  ui_wake ();
  return NULL;
}

struct bw_store_loader *
bw_store_loader_start (struct cw_store *store)
{
  struct bw_store_loader *l = xcalloc (1, sizeof *l);
  *l = (struct bw_store_loader) {
    .store = store, .listing = CW_LISTING_INIT, .diags = CW_DIAGS_INIT,
  };
  atomic_init (&l->phase, PHASE_READING);
  if (pthread_create (&l->thread, NULL, read_store, l) == 0)
    return l;
  free (l);
  return NULL;
}

enum bw_load_step
bw_store_loader_take (struct bw_store_loader *l, struct bm_model *model,
                      struct cw_diags *diags)
{
  enum loader_phase phase = atomic_load (&l->phase);
  if (phase == l->taken)
    return BW_LOAD_WAITING;
  if (l->taken == PHASE_READING)
    {
      l->taken = PHASE_LISTED;
      cw_diags_move (diags, &l->diags);
      if (l->status != CW_OK)
        return BW_LOAD_FAILED;
      bm_clear (model);
      bm_add_listing (model, &l->listing);
      bm_refresh (model);
      cw_trace ("loaded", "rows=%zu", model->count);
      return BW_LOAD_LISTED;
    }
  l->taken = PHASE_BOUND;
  for (size_t i = 0; i < l->binding_count; i++)
    bm_add_service (model, l->bindings[i].cert, l->bindings[i].label);
  cw_trace ("services", "bindings=%zu", l->binding_count);
  return BW_LOAD_BOUND;
}

void
bw_store_loader_finish (struct bw_store_loader *l, struct bm_model *model)
{
  if (!l)
    return;
  pthread_join (l->thread, NULL);
  /* The services of rows shown; rows never shown are not made now. */
  struct cw_diags ignored = CW_DIAGS_INIT;
  if (l->taken == PHASE_LISTED && l->status == CW_OK)
    bw_store_loader_take (l, model, &ignored);
  cw_diags_free (&ignored);
  for (size_t i = 0; i < l->binding_count; i++)
    {
      free (l->bindings[i].cert);
      free (l->bindings[i].label);
    }
  free (l->bindings);
  cw_listing_free (&l->listing);
  cw_diags_free (&l->diags);
  free (l);
}
