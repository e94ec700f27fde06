/* A connection to a server with one deadline for everything done on it:
   connecting, STARTTLS and the handshake. */
#ifndef CERTWIZ_SERVICES_CONN_H
#define CERTWIZ_SERVICES_CONN_H

#include <stdbool.h>
#include <stddef.h>

/* A connection with a deadline: every read and write waits at most
   until it. */
struct cw_conn
{
  int fd;
  long long deadline_ms;   /* CLOCK_MONOTONIC */
  char buf[4096];          /* what was read and not used yet */
  size_t length;
};

long long cw_conn_now_ms (void);
/* Waits until FD can be read (or written, WRITE); false at the
   deadline. */
bool cw_conn_wait (const struct cw_conn *conn, bool write);

#endif
