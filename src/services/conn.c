#include <config.h>

#include "services/conn.h"

#include <errno.h>
#include <poll.h>
#include <time.h>

long long
cw_conn_now_ms (void)
{
  struct timespec t;
  clock_gettime (CLOCK_MONOTONIC, &t);
  return (long long) t.tv_sec * 1000 + t.tv_nsec / 1000000;
}

bool
cw_conn_wait (const struct cw_conn *conn, bool write)
{
  for (;;)
    {
      long long left = conn->deadline_ms - cw_conn_now_ms ();
      if (left <= 0)
        return false;
      struct pollfd p = { conn->fd, write ? POLLOUT : POLLIN, 0 };
      int ret = poll (&p, 1, (int) (left > 60000 ? 60000 : left));
      if (ret > 0)
        return true;
      if (ret < 0 && errno != EINTR)
        return false;
    }
}
