#include <config.h>

#include "base/processors.h"

#include <sched.h>
#include <unistd.h>

size_t
cw_processors (void)
{
#ifdef CPU_COUNT
  cpu_set_t set;
  if (sched_getaffinity (0, sizeof set, &set) == 0 && CPU_COUNT (&set) > 0)
    return (size_t) CPU_COUNT (&set);
#endif
  long n = sysconf (_SC_NPROCESSORS_ONLN);
  return n > 0 ? (size_t) n : 1;
}
