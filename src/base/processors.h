/* How many processors certwiz may use, for the work it spreads over
   them (reading a bundle, searching for an RSA key). */
#ifndef CERTWIZ_PROCESSORS_H
#define CERTWIZ_PROCESSORS_H

#include <stddef.h>

/* The processors this process may run on, at least 1: a container or
   taskset may allow fewer than the machine has. */
size_t cw_processors (void);

#endif
