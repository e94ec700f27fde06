/* A timing trace for the benchmarks (tests/bench): with CERTWIZ_TRACE
   naming a file, certwiz appends to it one line per event,
   "MICROSECONDS EVENT [DETAIL]", read on CLOCK_MONOTONIC, the clock
   tests/bench/timeit --stamp also writes.  The screens note each frame
   they finish drawing and each key they read; at exit the largest
   resident set is noted.  Without CERTWIZ_TRACE nothing is done. */
#ifndef CERTWIZ_TRACE_H
#define CERTWIZ_TRACE_H

#include <stdbool.h>

void cw_trace_start (void);
bool cw_tracing (void);
void cw_trace (const char *event, const char *format, ...)
  __attribute__ ((format (printf, 2, 3)));

#endif
