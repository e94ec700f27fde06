/* How fast the certificate browser loads, filters and sorts: a
   benchmark, not a test (nothing here fails on a slow machine).

     browser_bench FILE...

   reads the certificates of FILEs as the browser does, a slice at a
   time, then types a filter key by key and sorts on every column,
   printing wall-clock times in milliseconds.  A bundle of thousands of
   certificates should show its first rows within one slice (30 ms) and
   filter each key in well under a millisecond. */
#include <config.h>

#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#include "browser.h"

#define SLICE_MS 30

static double
now_ms (void)
{
  struct timespec t;
  clock_gettime (CLOCK_MONOTONIC, &t);
  return (double) t.tv_sec * 1e3 + (double) t.tv_nsec / 1e6;
}

static void
bench_load (struct bw_files *files, struct bm_model *model)
{
  double start = now_ms ();
  bw_files_step (files, model, SLICE_MS);
  double first = now_ms () - start;
  size_t first_rows = model->count;
  int slices = 1;
  while (bw_files_step (files, model, SLICE_MS))
    slices++;
  printf ("load: first slice %.1f ms (%zu rows), all %zu rows in %.1f ms "
          "(%d slices, %zu skipped)\n", first, first_rows, model->count,
          now_ms () - start, slices, files->skipped);
}

/* A user typing "host12", erasing it, then typing other filters. */
static void
bench_filter (struct bm_model *model)
{
  static const char *const typed[] = {
    "h", "ho", "hos", "host", "host1", "host12", "host1", "host", "hos",
    "ho", "h", "", "c", "co", "con", "cont", "conto", "contos", "contoso",
    "", "5a", "5a:3", "", "ÄRGER", "zzzz", "",
  };
  size_t count = sizeof typed / sizeof typed[0];
  double worst = 0, total = 0;
  for (size_t i = 0; i < count; i++)
    {
      double start = now_ms ();
      bm_set_filter (model, typed[i]);
      double took = now_ms () - start;
      total += took;
      if (took > worst)
        worst = took;
    }
  printf ("filter: %zu keys over %zu rows, mean %.2f ms, worst %.2f ms\n",
          count, model->count, total / (double) count, worst);
}

static void
bench_sort (struct bm_model *model)
{
  for (int c = 0; c < BM_COLUMN_COUNT; c++)
    {
      double start = now_ms ();
      bm_set_sort (model, (enum bm_column) c, false);
      printf ("sort by %s: %.2f ms\n", bm_column_heading ((enum bm_column) c),
              now_ms () - start);
    }
}

int
main (int argc, char **argv)
{
  if (argc < 2)
    {
      fprintf (stderr, "Usage: browser_bench FILE...\n");
      return 2;
    }
  gnutls_global_init ();
  struct bm_model model;
  struct bw_files files;
  struct cw_diags diags = CW_DIAGS_INIT;
  bm_init (&model);
  double start = now_ms ();
  bool opened = bw_files_open (&files, (const char *const *) argv + 1,
                               (size_t) argc - 1, &diags);
  if (opened)
    {
      printf ("open: %.1f ms\n", now_ms () - start);
      bench_load (&files, &model);
      bench_filter (&model);
      bench_sort (&model);
    }
  for (size_t i = 0; i < diags.count; i++)
    fprintf (stderr, "browser_bench: %s\n", diags.items[i].message);
  bw_files_free (&files);
  bm_free (&model);
  cw_diags_free (&diags);
  gnutls_global_deinit ();
  return opened ? 0 : 1;
}
